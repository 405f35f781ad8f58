import {
  VolunteerRoutes,
  type AreaView,
  type BoardCardView,
  type CardPhotoUpload,
  type CardPhotoView,
  type ConfirmServiceRequest,
  type CreateCardRequest,
  type CreateNeedRequest,
  type CreateVolunteerRequest,
  type DeclineRequestBody,
  type InviteRequest,
  type MyCardView,
  type NeedMatchView,
  type NeedView,
  type Paginated,
  type ReserveEntryView,
  type ReturnPledgeRequest,
  type ReturnPledgeView,
  type ServiceScanRequest,
  type ServiceView,
  type SkillView,
  type UpdateCardRequest,
  type VolunteerRequestView,
} from '@pioneer/shared';
import { http } from './http';
import { pathOf } from './path';

// ── taxonomy and areas ────────────────────────────────────────────────────

/** The skills a card may name, in the taxonomy's order. */
export function listSkills(): Promise<SkillView[]> {
  return http.get<SkillView[]>(VolunteerRoutes.skills);
}

/** One level of the org tree to pick a community from; without a parent, the top level. */
export function listAreas(parentId?: string): Promise<AreaView[]> {
  return http.get<AreaView[]>(VolunteerRoutes.areas, { query: { parentId } });
}

// ── the member's cards ────────────────────────────────────────────────────

export function listMyCards(): Promise<MyCardView[]> {
  return http.get<MyCardView[]>(VolunteerRoutes.myCards);
}

export function createCard(request: CreateCardRequest): Promise<MyCardView> {
  return http.post<MyCardView>(VolunteerRoutes.myCards, request);
}

/** Changes a card; `{ status: 'paused' }` takes it off the board, `'active'` puts it back. */
export function updateCard(id: string, request: UpdateCardRequest): Promise<MyCardView> {
  return http.patch<MyCardView>(pathOf(VolunteerRoutes.myCard, { id }), request);
}

export function putCardPhoto(id: string, photo: CardPhotoUpload): Promise<MyCardView> {
  return http.put<MyCardView>(pathOf(VolunteerRoutes.cardPhoto, { id }), photo);
}

export function deleteCardPhoto(id: string): Promise<MyCardView> {
  return http.delete<MyCardView>(pathOf(VolunteerRoutes.cardPhoto, { id }));
}

// ── the board ─────────────────────────────────────────────────────────────

/** A card as anyone sees it (the owner also sees it paused). */
export function fetchCard(id: string): Promise<BoardCardView> {
  return http.get<BoardCardView>(pathOf(VolunteerRoutes.card, { id }));
}

/** The photo as base64: an <Image> cannot send the token, so it comes through the API. */
export function fetchCardPhoto(id: string): Promise<CardPhotoView> {
  return http.get<CardPhotoView>(pathOf(VolunteerRoutes.cardPhoto, { id }));
}

export function listBoardCards(areaId: string, skill?: string, cursor?: string): Promise<Paginated<BoardCardView>> {
  return http.get<Paginated<BoardCardView>>(VolunteerRoutes.boardCards, { query: { areaId, skill, cursor } });
}

export function listBoardNeeds(areaId: string, skill?: string, cursor?: string): Promise<Paginated<NeedView>> {
  return http.get<Paginated<NeedView>>(VolunteerRoutes.boardNeeds, { query: { areaId, skill, cursor } });
}

// ── requests ──────────────────────────────────────────────────────────────

export function sendRequest(request: CreateVolunteerRequest): Promise<VolunteerRequestView> {
  return http.post<VolunteerRequestView>(VolunteerRoutes.requests, request);
}

/** What I asked for (residents, staff), newest first. */
export function listSentRequests(cursor?: string): Promise<Paginated<VolunteerRequestView>> {
  return http.get<Paginated<VolunteerRequestView>>(VolunteerRoutes.sentRequests, { query: { cursor } });
}

/** What was asked of my cards, newest first. */
export function listReceivedRequests(cursor?: string): Promise<Paginated<VolunteerRequestView>> {
  return http.get<Paginated<VolunteerRequestView>>(VolunteerRoutes.receivedRequests, { query: { cursor } });
}

export function acceptRequest(id: string): Promise<VolunteerRequestView> {
  return http.post<VolunteerRequestView>(pathOf(VolunteerRoutes.acceptRequest, { id }));
}

export function declineRequest(id: string, reason?: string): Promise<VolunteerRequestView> {
  const body: DeclineRequestBody = reason ? { reason } : {};
  return http.post<VolunteerRequestView>(pathOf(VolunteerRoutes.declineRequest, { id }), body);
}

export function withdrawRequest(id: string): Promise<VolunteerRequestView> {
  return http.post<VolunteerRequestView>(pathOf(VolunteerRoutes.withdrawRequest, { id }));
}

// ── needs ─────────────────────────────────────────────────────────────────

export function createNeed(request: CreateNeedRequest): Promise<NeedView> {
  return http.post<NeedView>(VolunteerRoutes.needs, request);
}

/** The needs an org (and those below it) posted, for its staff. */
export function listNeeds(orgId: string, cursor?: string): Promise<Paginated<NeedView>> {
  return http.get<Paginated<NeedView>>(VolunteerRoutes.needs, { query: { orgId, cursor } });
}

export function fetchNeed(id: string): Promise<NeedView> {
  return http.get<NeedView>(pathOf(VolunteerRoutes.need, { id }));
}

export function cancelNeed(id: string): Promise<NeedView> {
  return http.post<NeedView>(pathOf(VolunteerRoutes.cancelNeed, { id }));
}

export function listNeedMatches(id: string): Promise<NeedMatchView[]> {
  return http.get<NeedMatchView[]>(pathOf(VolunteerRoutes.needMatches, { id }));
}

export function inviteToNeed(id: string, cardId: string): Promise<{ invited: true }> {
  const body: InviteRequest = { cardId };
  return http.post<{ invited: true }>(pathOf(VolunteerRoutes.needInvite, { id }), body);
}

/** A member signs up; the answer is their new service. */
export function signUpForNeed(id: string): Promise<ServiceView> {
  return http.post<ServiceView>(pathOf(VolunteerRoutes.needSignup, { id }));
}

export function listNeedServices(id: string): Promise<ServiceView[]> {
  return http.get<ServiceView[]>(pathOf(VolunteerRoutes.needServices, { id }));
}

// ── services ──────────────────────────────────────────────────────────────

/** Services I give (members), newest first. */
export function listMyServices(cursor?: string): Promise<Paginated<ServiceView>> {
  return http.get<Paginated<ServiceView>>(VolunteerRoutes.myServices, { query: { cursor } });
}

/** Services I receive: my requests, and my org's needs. */
export function listReceivedServices(cursor?: string): Promise<Paginated<ServiceView>> {
  return http.get<Paginated<ServiceView>>(VolunteerRoutes.receivedServices, { query: { cursor } });
}

export function fetchService(id: string): Promise<ServiceView> {
  return http.get<ServiceView>(pathOf(VolunteerRoutes.service, { id }));
}

/** The recipient checks the member in or out with the member's personal code. */
export function scanService(
  id: string,
  code: string,
  direction: ServiceScanRequest['direction'],
): Promise<ServiceView> {
  const body: ServiceScanRequest = { code, direction };
  return http.post<ServiceView>(pathOf(VolunteerRoutes.serviceScan, { id }), body);
}

export function confirmService(id: string, rating: number, comment?: string): Promise<ServiceView> {
  const body: ConfirmServiceRequest = comment ? { rating, comment } : { rating };
  return http.post<ServiceView>(pathOf(VolunteerRoutes.confirmService, { id }), body);
}

export function cancelService(id: string): Promise<ServiceView> {
  return http.post<ServiceView>(pathOf(VolunteerRoutes.cancelService, { id }));
}

// ── 雁归 ──────────────────────────────────────────────────────────────────

export function fetchMyReturn(): Promise<ReturnPledgeView> {
  return http.get<ReturnPledgeView>(VolunteerRoutes.myReturn);
}

export function pledgeReturn(request: ReturnPledgeRequest): Promise<ReturnPledgeView> {
  return http.put<ReturnPledgeView>(VolunteerRoutes.myReturn, request);
}

export function withdrawReturn(): Promise<ReturnPledgeView> {
  return http.delete<ReturnPledgeView>(VolunteerRoutes.myReturn);
}

export function listReserve(orgId: string, cursor?: string): Promise<Paginated<ReserveEntryView>> {
  return http.get<Paginated<ReserveEntryView>>(VolunteerRoutes.reserve, { query: { orgId, cursor } });
}
