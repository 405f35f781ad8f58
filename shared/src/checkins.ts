import type { CodeKeyPurpose } from './codes.js';
import type { FlowView } from './flows.js';

export const CheckinRoutes = {
  /** What a scanned or typed code points at (a branch or an activity), before the person commits. */
  resolve: '/api/codes/resolve',
  /** A branch's code: the scene, the fallback code and the link (GET), its poster as PNG or PDF. */
  branchCode: '/api/orgs/:id/code',
  branchPosterPng: '/api/orgs/:id/code/poster.png',
  branchPosterPdf: '/api/orgs/:id/code/poster.pdf',
  /** The branch's WeChat mini-program code image, when `codeType` is `wechat_mini_program` (made once, then cached). */
  branchWxacode: '/api/orgs/:id/code/wxacode.png',
  /** System admins: list, rotate and revoke signing keys. */
  keys: '/api/codes/keys',
  rotateKey: '/api/codes/keys/:purpose/rotate',
  revokeKey: '/api/codes/keys/:purpose/:version/revoke',
  /** 报到: the member reports in with a branch code. */
  arrive: '/api/arrivals',
  /** A receiving secretary records an arrival for a member who shows their personal code. */
  arriveByPersonalCode: '/api/arrivals/by-personal-code',
  /** The member's personal code secret, so the phone can show the code offline. */
  personalCodeKey: '/api/me/personal-code-key',
  activities: '/api/activities',
  activity: '/api/activities/:id',
  cancelActivity: '/api/activities/:id/cancel',
  /** The venue screen asks for the current rotating code. */
  venueCode: '/api/activities/:id/venue-code',
  attendance: '/api/activities/:id/attendance',
  /** A member checks in or out with the venue screen's code. */
  checkin: '/api/checkins',
  /** A secretary records attendance for a member who shows their personal code. */
  checkinByPersonalCode: '/api/activities/:id/checkins/by-personal-code',
  /** A member's own check-ins. */
  myCheckins: '/api/me/checkins',
  /** A member's attendance, for either branch that manages them (the sending side sees it automatically). */
  memberCheckins: '/api/members/:id/checkins',
} as const;

// ── branch codes and keys ─────────────────────────────────────────────────

export interface BranchCodeView {
  branchId: string;
  branchName: string;
  /** The signed scene (`B…`), under the newest key version. */
  scene: string;
  /** What a person can type when they cannot scan: 12 characters, shown in groups of four. */
  fallbackCode: string;
  fallbackCodeGrouped: string;
  /** What a plain QR code holds: the H5 scan page with the scene. */
  link: string;
  /** Whether the poster uses a WeChat mini-program code (real WeChat credentials) or a plain QR code. */
  codeType: 'wechat_mini_program' | 'qr';
  keyVersion: number;
}

export interface CodeKeyView {
  purpose: CodeKeyPurpose;
  version: number;
  createdAt: string;
  revokedAt: string | null;
  /** The version new codes are signed with. */
  current: boolean;
}

// ── resolving a code ──────────────────────────────────────────────────────

export interface ResolveCodeRequest {
  /** A scene or a typed fallback code. */
  code: string;
}

export interface BranchSummary {
  id: string;
  name: string;
  address: string | null;
  /** Name of the county / township / village the branch sits under, for "is this the right place?". */
  parentNames: string[];
  activityDay: string | null;
}

export type ResolvedCode = { kind: 'branch'; branch: BranchSummary } | { kind: 'activity'; activity: ActivitySummary };

// ── arrival (报到) ─────────────────────────────────────────────────────────

export const ARRIVAL_STAY_OPTIONS = ['under_3_months', '3_to_6_months', '6_to_12_months', 'over_1_year'] as const;
export type ArrivalStay = (typeof ARRIVAL_STAY_OPTIONS)[number];
export const ARRIVAL_STAY_LABELS: Record<ArrivalStay, string> = {
  under_3_months: '3个月以内',
  '3_to_6_months': '3到6个月',
  '6_to_12_months': '半年到1年',
  over_1_year: '1年以上',
};

/** The 四清 facts a member fills in or confirms on arrival. */
export interface ArrivalFacts {
  /** 住在哪里 */
  residence: string;
  /** 在哪工作 */
  employer?: string;
  occupation?: string;
  industry?: string;
  /** 待多久 */
  stay: ArrivalStay;
}

export interface ArrivalRequest {
  /** The branch's scene or typed fallback code. */
  code: string;
  /** Made by the client once per arrival; a repeat gets the first answer. 16–64 URL-safe characters. */
  clientId: string;
  facts: ArrivalFacts;
  note?: string;
}

export interface ArrivalByPersonalCodeRequest {
  /** The member's personal code as scanned. */
  code: string;
  /** The receiving branch the secretary records the arrival for. */
  branchId: string;
  clientId: string;
  facts?: ArrivalFacts;
  note?: string;
}

export interface ArrivalResult {
  /** True when this request was a repeat, or the member had already reported to this branch. */
  repeated: boolean;
  flow: FlowView;
}

export interface PersonalCodeKey {
  memberCode: string;
  keyVersion: number;
  /** Base64url HMAC-SHA256 key for `CodeMessage.personal`; kept on the phone only. */
  secret: string;
  stepSeconds: number;
}

// ── activities ────────────────────────────────────────────────────────────

export const ACTIVITY_KINDS = [
  'members_meeting',
  'committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'volunteer_service',
  'holiday_gathering',
  'catch_up_class',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  members_meeting: '支部党员大会',
  committee_meeting: '支部委员会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  volunteer_service: '志愿服务',
  holiday_gathering: '节日联谊（乡情恳谈会）',
  catch_up_class: '返乡补学',
};

export const ACTIVITY_TITLE_MAX = 60;
export const ACTIVITY_PLACE_MAX = 100;
/** Check-in opens this long before the start and closes this long after the end; outside it, check-ins are flagged. */
export const CHECKIN_OPENS_BEFORE_MINUTES = 60;
export const CHECKIN_CLOSES_AFTER_MINUTES = 30;
/** A check-in farther than this from the venue (when both points are known) is flagged. */
export const CHECKIN_FAR_METRES = 1000;
/** An offline scan may be sent up to this long after it was taken. */
export const OFFLINE_SCAN_MAX_AGE_HOURS = 72;

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface CreateActivityRequest {
  branchId: string;
  kind: ActivityKind;
  title: string;
  place: string;
  location?: GeoPoint;
  /** ISO 8601 with offset. */
  startsAt: string;
  endsAt: string;
  /** Members scan again when they leave, so hours are recorded (volunteer service). */
  checkoutEnabled?: boolean;
}

export const ACTIVITY_STATUSES = ['upcoming', 'open', 'ended', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  upcoming: '未开始',
  open: '签到中',
  ended: '已结束',
  cancelled: '已取消',
};

export interface ActivitySummary {
  id: string;
  branchId: string;
  branchName: string;
  kind: ActivityKind;
  title: string;
  place: string;
  startsAt: string;
  endsAt: string;
  checkoutEnabled: boolean;
  status: ActivityStatus;
}

export interface ActivityView extends ActivitySummary {
  location: GeoPoint | null;
  checkedIn: number;
  expected: number;
  createdAt: string;
}

export interface ListActivitiesQuery {
  branchId?: string;
  cursor?: string;
  limit?: number;
}

export interface VenueCodeView {
  activityId: string;
  scene: string;
  /** What the QR shows: the H5 scan link with the scene (WeChat's scanner opens it). */
  link: string;
  /** ISO 8601: when this code stops being the current one; ask again shortly before. */
  rotatesAt: string;
  stepSeconds: number;
}

// ── check-ins ─────────────────────────────────────────────────────────────

export const CHECKIN_DIRECTIONS = ['in', 'out'] as const;
export type CheckinDirection = (typeof CHECKIN_DIRECTIONS)[number];

export const CHECKIN_METHODS = ['venue_code', 'personal_code'] as const;
export type CheckinMethod = (typeof CHECKIN_METHODS)[number];

/** Flagged, never dropped: shown to the secretary beside the check-in. */
export const CHECKIN_ANOMALIES = ['shared_device', 'far_from_venue', 'outside_window', 'offline'] as const;
export type CheckinAnomaly = (typeof CHECKIN_ANOMALIES)[number];
export const CHECKIN_ANOMALY_LABELS: Record<CheckinAnomaly, string> = {
  shared_device: '同一手机为多人签到',
  far_from_venue: '签到位置离活动地点较远',
  outside_window: '不在签到时间内',
  offline: '离线签到，事后补传',
};

export interface CheckinRequest {
  /** The venue screen's scene. */
  code: string;
  /** Made once per scan by the client; a repeat gets the first answer. 16–64 URL-safe characters. */
  clientId: string;
  direction?: CheckinDirection;
  /** When the scan was taken, if it was queued offline (ISO 8601). */
  scannedAt?: string;
  offline?: boolean;
  /** A stable id of the app install, for the shared-device check. 8–64 URL-safe characters. */
  deviceId?: string;
  location?: GeoPoint;
  /** The activity the page was opened for, if any: a code for another activity is refused. */
  activityId?: string;
}

export interface CheckinByPersonalCodeRequest {
  code: string;
  clientId: string;
  direction?: CheckinDirection;
  scannedAt?: string;
  offline?: boolean;
}

export interface CheckinResult {
  /** True when this answers a repeat (same client id, or the member was already checked in). */
  repeated: boolean;
  checkin: CheckinView;
}

export interface CheckinView {
  id: string;
  activityId: string;
  activityTitle: string;
  memberId: string;
  memberName: string;
  method: CheckinMethod;
  checkedInAt: string;
  checkedOutAt: string | null;
  /** Whole minutes between check-in and check-out. */
  minutes: number | null;
  offline: boolean;
  anomalies: CheckinAnomaly[];
}

export interface AttendanceView {
  activity: ActivityView;
  present: CheckinView[];
  /** Members expected (own branch members at home, and members received here) who have not checked in. */
  absent: { memberId: string; memberName: string; side: 'own' | 'received' }[];
}
