import {
  CheckinRoutes,
  type ActivitySummary,
  type ActivityView,
  type ArrivalFacts,
  type ArrivalResult,
  type AttendanceView,
  type BranchCodeView,
  type CheckinByPersonalCodeRequest,
  type CheckinDirection,
  type CheckinResult,
  type ArrivalByPersonalCodeRequest,
  type CodeKeyPurpose,
  type CodeKeyView,
  type CreateActivityRequest,
  type ListActivitiesQuery,
  type Paginated,
  type VenueCodeView,
} from '@pioneer/shared';
import { http, newIdempotencyKey } from './http';
import { pathOf } from './path';

// ── activities (the staff side of 流动先锋码) ─────────────────────────────

export function listActivities(query: ListActivitiesQuery): Promise<Paginated<ActivitySummary>> {
  return http.get<Paginated<ActivitySummary>>(CheckinRoutes.activities, { query: { ...query } });
}

export function createActivity(request: CreateActivityRequest): Promise<ActivityView> {
  return http.post<ActivityView>(CheckinRoutes.activities, request);
}

export function fetchActivity(id: string): Promise<ActivityView> {
  return http.get<ActivityView>(pathOf(CheckinRoutes.activity, { id }));
}

export function cancelActivity(id: string): Promise<ActivityView> {
  return http.post<ActivityView>(pathOf(CheckinRoutes.cancelActivity, { id }));
}

/** The venue screen's current rotating code; ask again shortly before `rotatesAt`. */
export function fetchVenueCode(activityId: string): Promise<VenueCodeView> {
  return http.get<VenueCodeView>(pathOf(CheckinRoutes.venueCode, { id: activityId }));
}

export function fetchAttendance(activityId: string): Promise<AttendanceView> {
  return http.get<AttendanceView>(pathOf(CheckinRoutes.attendance, { id: activityId }));
}

/** A secretary records attendance for a member who shows their personal code; one fresh clientId per scan. */
export function checkinByPersonalCode(
  activityId: string,
  code: string,
  direction: CheckinDirection = 'in',
): Promise<CheckinResult> {
  const body: CheckinByPersonalCodeRequest = { code, clientId: newIdempotencyKey(), direction };
  return http.post<CheckinResult>(pathOf(CheckinRoutes.checkinByPersonalCode, { id: activityId }), body);
}

/** A receiving secretary records 报到 for a member who shows their personal code. */
export function arriveByPersonalCode(
  branchId: string,
  code: string,
  facts?: ArrivalFacts,
  note?: string,
): Promise<ArrivalResult> {
  const body: ArrivalByPersonalCodeRequest = { code, branchId, clientId: newIdempotencyKey() };
  if (facts) body.facts = facts;
  if (note) body.note = note;
  return http.post<ArrivalResult>(CheckinRoutes.arriveByPersonalCode, body);
}

// ── branch codes and posters ──────────────────────────────────────────────

export function fetchBranchCode(orgId: string): Promise<BranchCodeView> {
  return http.get<BranchCodeView>(pathOf(CheckinRoutes.branchCode, { id: orgId }));
}

export type PosterFormat = 'png' | 'pdf';

/** Saves the branch's printable poster on the device; returns where. */
export function downloadBranchPoster(orgId: string, format: PosterFormat): Promise<string> {
  const route = format === 'png' ? CheckinRoutes.branchPosterPng : CheckinRoutes.branchPosterPdf;
  return http.download(pathOf(route, { id: orgId }));
}

/**
 * Saves the branch's WeChat mini-program code image on the device; returns where (a temporary file on
 * weapp, an object URL on H5), ready for an <Image>. Only when the code view says `wechat_mini_program`.
 */
export function downloadBranchWxacode(orgId: string): Promise<string> {
  return http.download(pathOf(CheckinRoutes.branchWxacode, { id: orgId }));
}

// ── signing keys (system admins) ──────────────────────────────────────────

export function listCodeKeys(): Promise<CodeKeyView[]> {
  return http.get<CodeKeyView[]>(CheckinRoutes.keys);
}

/** Makes a new current version; codes signed with older versions keep working until revoked. Answers every key. */
export function rotateCodeKey(purpose: CodeKeyPurpose): Promise<CodeKeyView[]> {
  return http.post<CodeKeyView[]>(pathOf(CheckinRoutes.rotateKey, { purpose }));
}

/** Stops every code signed with this version. Answers every key. */
export function revokeCodeKey(purpose: CodeKeyPurpose, version: number): Promise<CodeKeyView[]> {
  return http.post<CodeKeyView[]>(pathOf(CheckinRoutes.revokeKey, { purpose, version: String(version) }));
}
