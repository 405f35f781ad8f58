import {
  StudyRoutes,
  type ChooseElectivesRequest,
  type CreateStudyPackRequest,
  type HeartbeatRequest,
  type HeartbeatResponse,
  type MyStudyItem,
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
  type StudyItemInput,
  type StudyItemView,
  type StudyPackView,
  type StudyPlanRule,
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

/** My progress on one item (the contract names the route, not its answer: read as MyStudyItem). */
export function fetchMyItem(itemId: string): Promise<MyStudyItem> {
  return http.get<MyStudyItem>(pathOf(StudyRoutes.myItem, { itemId }));
}

/** Starts a reading session: the item to show and how often to beat. */
export function openItem(itemId: string): Promise<OpenStudyItemResponse> {
  return http.post<OpenStudyItemResponse>(pathOf(StudyRoutes.open, { itemId }));
}

/** One beat of a reading session; a beat that does not arrive earns nothing, by design. */
export function sendHeartbeat(sessionId: string, request: HeartbeatRequest): Promise<HeartbeatResponse> {
  return http.post<HeartbeatResponse>(pathOf(StudyRoutes.heartbeat, { sessionId }), request);
}

/** Ends a reading session (the page closed). */
export function finishSession(sessionId: string): Promise<unknown> {
  return http.post<unknown>(pathOf(StudyRoutes.finish, { sessionId }));
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

/**
 * One day's study of one item. The committed contract names the route but not its rows; this is the
 * shape being added to shared/src/study.ts (StudyHistoryEntry) — use that once it is committed.
 */
export interface StudyHistoryEntry {
  /** YYYY-MM-DD, Beijing time. */
  day: string;
  packId: string;
  packTitle: string;
  itemId: string;
  itemTitle: string;
  seconds: number;
}

/** Newest first, one page per cursor. */
export function listMyHistory(cursor?: string, limit?: number): Promise<Paginated<StudyHistoryEntry>> {
  return http.get<Paginated<StudyHistoryEntry>>(StudyRoutes.myHistory, { query: { cursor, limit } });
}

// ── authoring and publishing (org admins) ─────────────────────────────────

export interface ListStudyPacksQuery {
  orgId: string;
  cursor?: string;
  limit?: number;
}

/** A pack in the authors' list: the server may leave the items out and give their count instead. */
export type StudyPackListItem = Omit<StudyPackView, 'items'> & { items?: StudyItemView[]; itemCount?: number };

/** An org's packs (its own and those below it), newest first. */
export function listPacks(query: ListStudyPacksQuery): Promise<Paginated<StudyPackListItem>> {
  return http.get<Paginated<StudyPackListItem>>(StudyRoutes.packs, { query: { ...query } });
}

export function fetchPack(id: string): Promise<StudyPackView> {
  return http.get<StudyPackView>(pathOf(StudyRoutes.pack, { id }));
}

export function createPack(request: CreateStudyPackRequest): Promise<StudyPackView> {
  return http.post<StudyPackView>(StudyRoutes.packs, request);
}

/** Changes a pack that has not gone out yet. */
export function updatePack(id: string, request: Partial<CreateStudyPackRequest>): Promise<StudyPackView> {
  return http.patch<StudyPackView>(pathOf(StudyRoutes.pack, { id }), request);
}

export function addPackItem(packId: string, input: StudyItemInput): Promise<StudyItemView> {
  return http.post<StudyItemView>(pathOf(StudyRoutes.packItems, { id: packId }), input);
}

/** Replaces an item's content. */
export function updatePackItem(packId: string, itemId: string, input: StudyItemInput): Promise<StudyItemView> {
  return http.put<StudyItemView>(pathOf(StudyRoutes.packItem, { id: packId, itemId }), input);
}

/** Moves an item to `position` (0-based); the others shift to make room. */
export function movePackItem(packId: string, itemId: string, position: number): Promise<StudyItemView> {
  return http.patch<StudyItemView>(pathOf(StudyRoutes.packItem, { id: packId, itemId }), { position });
}

export function deletePackItem(packId: string, itemId: string): Promise<void> {
  return http.delete<void>(pathOf(StudyRoutes.packItem, { id: packId, itemId }));
}

/** Publishes now, or at `publishAt` (ISO 8601). */
export function publishPack(id: string, publishAt?: string): Promise<StudyPackView> {
  const body: PublishStudyPackRequest = publishAt ? { publishAt } : {};
  return http.post<StudyPackView>(pathOf(StudyRoutes.publish, { id }), body);
}

export function fetchDelivery(id: string): Promise<StudyDeliveryView> {
  return http.get<StudyDeliveryView>(pathOf(StudyRoutes.delivery, { id }));
}

/** Saves the red-parcel mailing list (.xlsx) on the device; returns where. */
export function downloadRedParcels(id: string): Promise<string> {
  return http.download(pathOf(StudyRoutes.redParcels, { id }));
}

// ── plans and oversight ───────────────────────────────────────────────────

function isPlanRule(value: unknown): value is StudyPlanRule {
  return typeof value === 'object' && value !== null && typeof (value as StudyPlanRule).requiredHours === 'number';
}

/**
 * The plan rules set for an org and year. The contract names the route but not its answer: a list,
 * a page of them, one rule or nothing are all read as a list.
 */
export async function listPlanRules(orgId: string, year: number): Promise<StudyPlanRule[]> {
  const answer = await http.get<unknown>(StudyRoutes.plans, { query: { orgId, year } });
  const list = Array.isArray(answer) ? answer : (answer as Partial<Paginated<unknown>> | null)?.items;
  if (Array.isArray(list)) return list.filter(isPlanRule);
  return isPlanRule(answer) ? [answer] : [];
}

/** Sets the yearly plan of an org (one per org and year). */
export function setPlanRule(request: SetStudyPlanRequest): Promise<StudyPlanRule> {
  return http.put<StudyPlanRule>(StudyRoutes.plans, request);
}

export function fetchCompletion(orgId: string, year: number): Promise<StudyCompletionView> {
  return http.get<StudyCompletionView>(pathOf(StudyRoutes.completion, { orgId }), { query: { year } });
}
