import {
  StudyRoutes,
  type NoSmartphoneView,
  MemberRoutes,
  type BindMemberRequest,
  type ListMembersQuery,
  type MemberListItem,
  type MemberRevealView,
  type MemberSelfView,
  type MemberView,
  type Paginated,
} from '@pioneer/shared';
import { http } from './http';
import { pathOf } from './path';

/** The roster as the caller may see it: one page, newest cursor first. */
export function listMembers(query: ListMembersQuery): Promise<Paginated<MemberListItem>> {
  return http.get<Paginated<MemberListItem>>(MemberRoutes.list, { query: { ...query } });
}

/** The caller's own roster entry; NOT_FOUND while the account is not bound to one. */
export function fetchMyMember(): Promise<MemberSelfView> {
  return http.get<MemberSelfView>(MemberRoutes.mine);
}

/** One member, with the fields the caller's side may see. */
export function fetchMember(id: string): Promise<MemberView> {
  return http.get<MemberView>(pathOf(MemberRoutes.one, { id }));
}

/** Full ID number and phone; the server records every call. */
export function revealMember(id: string): Promise<MemberRevealView> {
  return http.post<MemberRevealView>(pathOf(MemberRoutes.reveal, { id }));
}

export function bindMember(request: BindMemberRequest): Promise<MemberSelfView> {
  return http.post<MemberSelfView>(MemberRoutes.bind, request);
}

/** Marks a member as having no smartphone: study packs then go on the mailed red-parcel list. */
export function setNoSmartphone(id: string, noSmartphone: boolean): Promise<NoSmartphoneView> {
  return http.put<NoSmartphoneView>(pathOf(StudyRoutes.memberNoSmartphone, { id }), { noSmartphone });
}
