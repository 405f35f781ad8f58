import {
  StudyRoutes,
  type ChooseElectivesRequest,
  type CreateStudyPackRequest,
  type HeartbeatRequest,
  type HeartbeatResponse,
  type ListStudyPacksQuery,
  type MyStudyPack,
  type MyStudyPlan,
  type OpenStudyItemResponse,
  type Paginated,
  type PublishStudyPackRequest,
  type QuizAnswerRequest,
  type QuizResult,
  type SetStudyPlanRequest,
  type StudyCompletionView,
  type StudyDeliveryView,
  type StudyHistoryEntry,
  type StudyItemInput,
  type StudyItemView,
  type StudyPackSummary,
  type StudyPackView,
  type StudyPlanRule,
  type UpdateStudyPackRequest,
} from '@pioneer/shared';
import { http } from './http';
import { pathOf } from './path';

// ── reading (members) ─────────────────────────────────────────────────────

/** Packs delivered to me, newest first. */
export function listMyPacks(cursor?: string, limit?: number): Promise<Paginated<MyStudyPack>> {
  return http.get<Paginated<MyStudyPack>>(StudyRoutes.myPacks, { query: { cursor, limit } });
}

export function fetchMyPack(id: string): Promise<MyStudyPack> {
  return http.get<MyStudyPack>(pathOf(StudyRoutes.myPack, { id }));
}

/** One item as a member reads it (the quiz without answers); opening it is what starts a session. */
export function fetchMyItem(itemId: string): Promise<StudyItemView> {
  return http.get<StudyItemView>(pathOf(StudyRoutes.myItem, { itemId }));
}

/** Starts a reading session: the item to show and how often to beat. */
export function openItem(itemId: string): Promise<OpenStudyItemResponse> {
  return http.post<OpenStudyItemResponse>(pathOf(StudyRoutes.open, { itemId }));
}

/** One beat of a reading session; a beat that does not arrive earns nothing, by design. */
export function sendHeartbeat(sessionId: string, request: HeartbeatRequest): Promise<HeartbeatResponse> {
  return http.post<HeartbeatResponse>(pathOf(StudyRoutes.heartbeat, { sessionId }), request);
}

/** The last beat of a session (the page closed), credited like any other; the session ends with it. */
export function finishSession(sessionId: string, request: HeartbeatRequest): Promise<HeartbeatResponse> {
  return http.post<HeartbeatResponse>(pathOf(StudyRoutes.finish, { sessionId }), request);
}

export function submitQuiz(itemId: string, answers: number[]): Promise<QuizResult> {
  const body: QuizAnswerRequest = { answers };
  return http.post<QuizResult>(pathOf(StudyRoutes.quiz, { itemId }), body);
}

export function fetchMyPlan(): Promise<MyStudyPlan> {
  return http.get<MyStudyPlan>(StudyRoutes.myPlan);
}

/** Replaces the year's electives with these packs; answers the plan as it now stands. */
export function chooseElectives(packIds: string[]): Promise<MyStudyPlan> {
  const body: ChooseElectivesRequest = { packIds };
  return http.put<MyStudyPlan>(StudyRoutes.myElectives, body);
}

/** Newest first, one page per cursor. */
export function listMyHistory(cursor?: string, limit?: number): Promise<Paginated<StudyHistoryEntry>> {
  return http.get<Paginated<StudyHistoryEntry>>(StudyRoutes.myHistory, { query: { cursor, limit } });
}

// ── authoring and publishing (org admins) ─────────────────────────────────

/** An org's packs (its own and those below it), newest first, without their items. */
export function listPacks(query: ListStudyPacksQuery): Promise<Paginated<StudyPackSummary>> {
  return http.get<Paginated<StudyPackSummary>>(StudyRoutes.packs, { query: { ...query } });
}

export function fetchPack(id: string): Promise<StudyPackView> {
  return http.get<StudyPackView>(pathOf(StudyRoutes.pack, { id }));
}

export function createPack(request: CreateStudyPackRequest): Promise<StudyPackView> {
  return http.post<StudyPackView>(StudyRoutes.packs, request);
}

/** Changes a draft; absent fields stay as they are. */
export function updatePack(id: string, request: UpdateStudyPackRequest): Promise<StudyPackView> {
  return http.patch<StudyPackView>(pathOf(StudyRoutes.pack, { id }), request);
}

export function addPackItem(packId: string, input: StudyItemInput): Promise<StudyItemView> {
  return http.post<StudyItemView>(pathOf(StudyRoutes.packItems, { id: packId }), input);
}

/** Replaces an item's content. */
export function updatePackItem(packId: string, itemId: string, input: StudyItemInput): Promise<StudyItemView> {
  return http.put<StudyItemView>(pathOf(StudyRoutes.packItem, { id: packId, itemId }), input);
}

/** Answers the pack without the item. */
export function deletePackItem(packId: string, itemId: string): Promise<StudyPackView> {
  return http.delete<StudyPackView>(pathOf(StudyRoutes.packItem, { id: packId, itemId }));
}

/** Publishes now, or at `publishAt` (ISO 8601). */
export function publishPack(id: string, publishAt?: string): Promise<StudyPackView> {
  const body: PublishStudyPackRequest = publishAt ? { publishAt } : {};
  return http.post<StudyPackView>(pathOf(StudyRoutes.publish, { id }), body);
}

/** Stops a pack: a scheduled one never goes out, a delivered one disappears from members' lists. */
export function withdrawPack(id: string): Promise<StudyPackView> {
  return http.post<StudyPackView>(pathOf(StudyRoutes.withdraw, { id }));
}

export function fetchDelivery(id: string): Promise<StudyDeliveryView> {
  return http.get<StudyDeliveryView>(pathOf(StudyRoutes.delivery, { id }));
}

/** Saves the red-parcel mailing list (.xlsx) on the device; returns where. */
export function downloadRedParcels(id: string): Promise<string> {
  return http.download(pathOf(StudyRoutes.redParcels, { id }));
}

// ── plans and oversight ───────────────────────────────────────────────────

/** The plans of the year set at the org and above it; the last is the one its members follow. */
export function listPlanRules(orgId: string, year: number): Promise<StudyPlanRule[]> {
  return http.get<StudyPlanRule[]>(StudyRoutes.plans, { query: { orgId, year } });
}

/** Sets the yearly plan of an org (one per org and year). */
export function setPlanRule(request: SetStudyPlanRequest): Promise<StudyPlanRule> {
  return http.put<StudyPlanRule>(StudyRoutes.plans, request);
}

export function fetchCompletion(orgId: string, year: number): Promise<StudyCompletionView> {
  return http.get<StudyCompletionView>(pathOf(StudyRoutes.completion, { orgId }), { query: { year } });
}
