/**
 * Volunteering (志愿服务): skill cards (志愿者技能卡), the community board,
 * requests from residents and staff, needs (服务需求) with sign-up and
 * matching, service records checked in and out with the personal code,
 * and 雁归 (returning talent). Nothing a requester can read names the
 * member beyond a masked name: no phone, no ID number, no member id.
 */

export const VolunteerRoutes = {
  /** The skill taxonomy: everyone signed in reads it; system admins add, rename and disable. */
  skills: '/api/volunteer/skills',
  skill: '/api/volunteer/skills/:code',
  /** Communities and streets to pick a board or a card's service area from, one level at a time. */
  areas: '/api/volunteer/areas',
  myCards: '/api/volunteer/me/cards',
  myCard: '/api/volunteer/me/cards/:id',
  /** A card's photo: read by anyone who sees the card, written by its owner. */
  cardPhoto: '/api/volunteer/cards/:id/photo',
  card: '/api/volunteer/cards/:id',
  /** A community's board: the active cards of its area (and the areas below it). */
  boardCards: '/api/volunteer/board/cards',
  boardNeeds: '/api/volunteer/board/needs',
  requests: '/api/volunteer/requests',
  /** What the caller asked for (residents, staff). */
  sentRequests: '/api/volunteer/requests/sent',
  /** What was asked of the caller's cards (members). */
  receivedRequests: '/api/volunteer/requests/received',
  request: '/api/volunteer/requests/:id',
  acceptRequest: '/api/volunteer/requests/:id/accept',
  declineRequest: '/api/volunteer/requests/:id/decline',
  withdrawRequest: '/api/volunteer/requests/:id/withdraw',
  needs: '/api/volunteer/needs',
  need: '/api/volunteer/needs/:id',
  cancelNeed: '/api/volunteer/needs/:id/cancel',
  needMatches: '/api/volunteer/needs/:id/matches',
  needInvite: '/api/volunteer/needs/:id/invite',
  needSignup: '/api/volunteer/needs/:id/signup',
  needServices: '/api/volunteer/needs/:id/services',
  myServices: '/api/volunteer/me/services',
  /** Services the caller receives: requests they made, needs of their org. */
  receivedServices: '/api/volunteer/services/received',
  service: '/api/volunteer/services/:id',
  /** The recipient scans the member's personal code to check the service in or out. */
  serviceScan: '/api/volunteer/services/:id/scan',
  confirmService: '/api/volunteer/services/:id/confirm',
  cancelService: '/api/volunteer/services/:id/cancel',
  /** 雁归: the member's own pledge (GET, PUT, DELETE to withdraw). */
  myReturn: '/api/volunteer/me/return',
  /** 雁归 reserve list of an org admin's county (or any subtree they administer). */
  reserve: '/api/volunteer/reserve',
} as const;

// ── skills ────────────────────────────────────────────────────────────────

export const SKILL_CODE_PATTERN = /^[a-z][a-z0-9_]{1,31}$/;
export const SKILL_LABEL_MAX = 20;

export interface SkillView {
  code: string;
  label: string;
  position: number;
  disabled: boolean;
}

export interface CreateSkillRequest {
  code: string;
  label: string;
}

export interface UpdateSkillRequest {
  label?: string;
  disabled?: boolean;
}

export interface SkillRef {
  code: string;
  label: string;
}

// ── areas ─────────────────────────────────────────────────────────────────

export interface AreaView {
  id: string;
  name: string;
  /** 'township' (街道/乡镇) or 'village' (村/社区); higher levels are only for drilling down. */
  level: string;
  /** Whether a card may name it as its service area (村/社区 or 街道/乡镇). */
  selectable: boolean;
}

export interface AreasQuery {
  parentId?: string;
}

// ── availability ──────────────────────────────────────────────────────────

export const DAY_SLOTS = ['morning', 'afternoon', 'evening'] as const;
export type DaySlot = (typeof DAY_SLOTS)[number];
export const DAY_SLOT_LABELS: Record<DaySlot, string> = { morning: '上午', afternoon: '下午', evening: '晚上' };
/** Hours (Beijing time) each slot covers: [from, to). Night hours (0–6) belong to no slot. */
export const DAY_SLOT_HOURS: Record<DaySlot, [number, number]> = {
  morning: [6, 12],
  afternoon: [12, 18],
  evening: [18, 24],
};
/** 1 = Monday … 7 = Sunday. */
export const WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

export interface Availability {
  /** Weekdays, 1 (Monday) to 7 (Sunday). */
  days: number[];
  slots: DaySlot[];
  note?: string | null;
}

// ── cards ─────────────────────────────────────────────────────────────────

export const CARD_STATUSES = ['active', 'paused'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];
export const CARD_STATUS_LABELS: Record<CardStatus, string> = { active: '展示中', paused: '已暂停' };

export const CARD_SKILLS_MAX = 5;
export const CARDS_PER_MEMBER_MAX = 3;
export const CARD_EXTRA_SKILLS_MAX = 60;
export const CARD_DESCRIPTION_MAX = 500;
export const CARD_REGION_MAX = 60;
export const AVAILABILITY_NOTE_MAX = 60;

export const CARD_PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export type CardPhotoType = (typeof CARD_PHOTO_TYPES)[number];
/** After metadata is stripped. */
export const CARD_PHOTO_MAX_BYTES = 512 * 1024;

export interface CreateCardRequest {
  skillCodes: string[];
  /** Skills the taxonomy lacks, in the member's words. */
  extraSkills?: string;
  description: string;
  /** The community (村/社区) or street (街道/乡镇) whose board shows the card. */
  areaId: string;
  /** e.g. 七宝镇及周边 3 公里 */
  regionText?: string;
  availability: Availability;
}

export interface UpdateCardRequest {
  skillCodes?: string[];
  extraSkills?: string;
  description?: string;
  areaId?: string;
  regionText?: string;
  availability?: Availability;
  status?: CardStatus;
}

/** A card as anyone signed in sees it: the member's name masked, nothing to reach them outside the platform. */
export interface BoardCardView {
  id: string;
  /** 刘* / 张*丰 */
  memberName: string;
  skills: SkillRef[];
  extraSkills: string | null;
  description: string;
  areaId: string;
  areaName: string;
  regionText: string | null;
  availability: Availability;
  hasPhoto: boolean;
  servicesConfirmed: number;
  /** Average of the ratings received, one decimal; null before the first. */
  ratingAverage: number | null;
}

export interface MyCardView extends BoardCardView {
  status: CardStatus;
  createdAt: string;
  updatedAt: string;
}

export interface CardPhotoUpload {
  contentType: CardPhotoType;
  /** The image bytes in base64. */
  dataBase64: string;
}

export interface CardPhotoView {
  contentType: CardPhotoType;
  dataBase64: string;
}

export interface BoardQuery {
  areaId: string;
  skill?: string;
  cursor?: string;
  limit?: number;
}

// ── requests ──────────────────────────────────────────────────────────────

export const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  pending: '等待回复',
  accepted: '已接受',
  declined: '已婉拒',
  withdrawn: '已撤回',
};
export const REQUEST_ACTIONS = ['accept', 'decline', 'withdraw'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

const REQUEST_TRANSITIONS: Record<RequestStatus, Partial<Record<RequestAction, RequestStatus>>> = {
  pending: { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' },
  accepted: {},
  declined: {},
  withdrawn: {},
};

/** Where a request goes on an action, or null when the action is not allowed in its state. */
export function nextRequestStatus(status: RequestStatus, action: RequestAction): RequestStatus | null {
  return REQUEST_TRANSITIONS[status][action] ?? null;
}

export const REQUEST_MESSAGE_MAX = 300;
export const REQUEST_PLACE_MAX = 100;
export const REQUEST_TIME_MAX = 60;
export const DECLINE_REASON_MAX = 100;
/** Open (pending) requests one account may have at a time. */
export const PENDING_REQUESTS_MAX = 5;

export interface CreateVolunteerRequest {
  cardId: string;
  message: string;
  /** Where help is needed, e.g. 七宝镇某小区 3 号楼 (the member sees it once they accept). */
  place: string;
  preferredTime?: string;
  /** Community staff asking on behalf of their community: the org they act for. */
  onBehalfOfOrgId?: string;
}

export interface DeclineRequestBody {
  reason?: string;
}

export interface VolunteerRequestView {
  id: string;
  status: RequestStatus;
  card: { id: string; memberName: string; skills: SkillRef[] };
  message: string;
  place: string;
  preferredTime: string | null;
  /** Who asked: 居民 (a resident's display name) or the community's name. */
  requesterLabel: string;
  /** The caller is the one who asked, or the member asked. */
  role: 'requester' | 'member';
  declineReason: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** The service an accepted request became. */
  serviceId: string | null;
}

// ── needs ─────────────────────────────────────────────────────────────────

export const NEED_STATUSES = ['open', 'full', 'closed', 'cancelled'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  open: '招募中',
  full: '已满员',
  closed: '已结束',
  cancelled: '已取消',
};
export const NEED_TITLE_MAX = 40;
export const NEED_PLACE_MAX = 100;
export const NEED_DESCRIPTION_MAX = 500;
export const NEED_HEADCOUNT_MAX = 200;
/** A need lasts at most this long (a service day, not a campaign). */
export const NEED_MAX_HOURS = 24;

export interface CreateNeedRequest {
  /** The community or branch posting it. */
  orgId: string;
  skillCode: string;
  title: string;
  place: string;
  /** ISO 8601 with offset. */
  startsAt: string;
  endsAt: string;
  headcount: number;
  description?: string;
}

export interface NeedView {
  id: string;
  orgId: string;
  orgName: string;
  skill: SkillRef;
  title: string;
  place: string;
  startsAt: string;
  endsAt: string;
  headcount: number;
  signedUp: number;
  description: string | null;
  status: NeedStatus;
  /** The caller's own service for this need, when signed up. */
  myServiceId: string | null;
  /** The caller may manage it (staff of the posting org). */
  canManage: boolean;
  createdAt: string;
}

export interface ListNeedsQuery {
  /** Staff: the org whose needs to list (and those below it). */
  orgId: string;
  cursor?: string;
  limit?: number;
}

export const MATCH_REASONS = [
  'skill',
  'same_area',
  'nearby_area',
  'day_free',
  'slot_free',
  'experienced',
  'well_rated',
] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

export interface NeedMatchView {
  cardId: string;
  memberName: string;
  skills: SkillRef[];
  areaName: string;
  availability: Availability;
  score: number;
  /** Why it ranks where it does, in the order they count. */
  reasons: { code: MatchReason; label: string; points: number }[];
  /** Already signed up for this need. */
  signedUp: boolean;
}

export interface InviteRequest {
  cardId: string;
}

// ── matching (pure) ───────────────────────────────────────────────────────

export const MATCH_POINTS: Record<MatchReason, number> = {
  skill: 40,
  same_area: 30,
  nearby_area: 15,
  day_free: 10,
  slot_free: 10,
  experienced: 6,
  well_rated: 4,
};

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The weekdays (1–7) and day slots a time window touches, in Beijing time. */
export function windowParts(startsAt: Date, endsAt: Date): { days: number[]; slots: DaySlot[] } {
  const days = new Set<number>();
  const slots = new Set<DaySlot>();
  const end = Math.min(endsAt.getTime(), startsAt.getTime() + 7 * 86_400_000);
  // Walk the window an hour at a time, plus its last minute, so a 14:00–14:30 need still counts as afternoon.
  const points: number[] = [];
  for (let t = startsAt.getTime(); t < end; t += 3_600_000) points.push(t);
  points.push(Math.max(startsAt.getTime(), end - 60_000));
  for (const t of points) {
    const local = new Date(t + BEIJING_OFFSET_MS);
    const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
    const hour = local.getUTCHours();
    const slot = DAY_SLOTS.find((s) => hour >= DAY_SLOT_HOURS[s][0] && hour < DAY_SLOT_HOURS[s][1]);
    days.add(weekday);
    if (slot) slots.add(slot);
  }
  return { days: [...days].sort(), slots: DAY_SLOTS.filter((s) => slots.has(s)) };
}

export interface MatchNeed {
  skillCode: string;
  skillLabel: string;
  /** The posting org's path, and the area the need counts as "nearby" (its township's path). */
  orgPath: string;
  nearbyPath: string;
  startsAt: Date;
  endsAt: Date;
}

export interface MatchCard {
  skillCodes: string[];
  areaPath: string;
  availability: Availability;
  servicesConfirmed: number;
  ratingAverage: number | null;
}

/**
 * How well a card fits a need (0–100), and why. The skill counts most; then whether
 * the card's area holds the need's place (the need's org lies in the card's
 * area, or the card is for that very community), or is in the same street;
 * then whether the member said they are free on that weekday and at that
 * time of day; experience and ratings only break ties.
 */
export function matchScore(need: MatchNeed, card: MatchCard): { score: number; reasons: MatchReason[] } {
  const reasons: MatchReason[] = [];
  if (card.skillCodes.includes(need.skillCode)) reasons.push('skill');
  if (need.orgPath.startsWith(card.areaPath) || card.areaPath.startsWith(need.orgPath)) reasons.push('same_area');
  else if (card.areaPath.startsWith(need.nearbyPath)) reasons.push('nearby_area');
  const parts = windowParts(need.startsAt, need.endsAt);
  if (parts.days.some((d) => card.availability.days.includes(d))) reasons.push('day_free');
  if (parts.slots.some((s) => card.availability.slots.includes(s))) reasons.push('slot_free');
  if (card.servicesConfirmed >= 3) reasons.push('experienced');
  if (card.ratingAverage !== null && card.ratingAverage >= 4.5) reasons.push('well_rated');
  return { score: reasons.reduce((sum, r) => sum + MATCH_POINTS[r], 0), reasons };
}

export function matchReasonLabel(
  reason: MatchReason,
  ctx: { skillLabel: string; days: number[]; slots: DaySlot[] },
): string {
  switch (reason) {
    case 'skill':
      return `擅长${ctx.skillLabel}`;
    case 'same_area':
      return '服务区域就在需求所在社区';
    case 'nearby_area':
      return '服务区域在同一街道（乡镇）';
    case 'day_free':
      return `${ctx.days.map((d) => WEEKDAY_LABELS[d]).join('、')}有空`;
    case 'slot_free':
      return `${ctx.slots.map((s) => DAY_SLOT_LABELS[s]).join('、')}有空`;
    case 'experienced':
      return '已完成 3 次以上志愿服务';
    case 'well_rated':
      return '服务评价 4.5 分以上';
  }
}

// ── services ──────────────────────────────────────────────────────────────

export const SERVICE_ORIGINS = ['request', 'need'] as const;
export type ServiceOrigin = (typeof SERVICE_ORIGINS)[number];

export const SERVICE_STATUSES = ['scheduled', 'in_progress', 'completed', 'confirmed', 'cancelled'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export const SERVICE_STATUS_LABELS: Record<ServiceStatus, string> = {
  scheduled: '待服务',
  in_progress: '服务中',
  completed: '待确认',
  confirmed: '已确认',
  cancelled: '已取消',
};
export const SERVICE_EVENTS = ['check_in', 'check_out', 'confirm', 'cancel'] as const;
export type ServiceEvent = (typeof SERVICE_EVENTS)[number];

const SERVICE_TRANSITIONS: Record<ServiceStatus, Partial<Record<ServiceEvent, ServiceStatus>>> = {
  scheduled: { check_in: 'in_progress', cancel: 'cancelled' },
  in_progress: { check_out: 'completed' },
  completed: { confirm: 'confirmed' },
  confirmed: {},
  cancelled: {},
};

export function nextServiceStatus(status: ServiceStatus, event: ServiceEvent): ServiceStatus | null {
  return SERVICE_TRANSITIONS[status][event] ?? null;
}

/** A service longer than this is counted as this long (a forgotten check-out must not earn a week of hours). */
export const SERVICE_MAX_MINUTES = 12 * 60;

/** Whole minutes served between check-in and check-out, capped; null if check-out is before check-in. */
export function serviceMinutes(checkedInAt: Date, checkedOutAt: Date): number | null {
  const ms = checkedOutAt.getTime() - checkedInAt.getTime();
  if (ms < 0) return null;
  return Math.min(SERVICE_MAX_MINUTES, Math.floor(ms / 60_000));
}

/** 90 minutes → 1.5 小时; 20 minutes → 20 分钟. */
export function formatServiceTime(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.round((minutes / 60) * 10) / 10;
  return `${hours} 小时`;
}

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const RATING_COMMENT_MAX = 200;

export interface ServiceView {
  id: string;
  origin: ServiceOrigin;
  status: ServiceStatus;
  title: string;
  place: string;
  skill: SkillRef;
  /** Masked for everyone but the member. */
  memberName: string;
  /** Who receives the service: the resident's display name or the org's name. */
  recipientLabel: string;
  role: 'member' | 'recipient';
  needId: string | null;
  requestId: string | null;
  startsAt: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  minutes: number | null;
  rating: number | null;
  ratingComment: string | null;
  confirmedAt: string | null;
  createdAt: string;
}

export interface ServiceScanRequest {
  /** The member's personal code (`P…`) as scanned. */
  code: string;
  direction: 'in' | 'out';
}

export interface ConfirmServiceRequest {
  rating: number;
  comment?: string;
}

export interface ServicesQuery {
  cursor?: string;
  limit?: number;
}

// ── 雁归 returning talent ──────────────────────────────────────────────────

export const RETURN_ROLES = ['reserve_cadre', 'industry_leader', 'village_service', 'advisor', 'other'] as const;
export type ReturnRole = (typeof RETURN_ROLES)[number];
export const RETURN_ROLE_LABELS: Record<ReturnRole, string> = {
  reserve_cadre: '村（社区）后备干部',
  industry_leader: '产业发展带头人',
  village_service: '返乡志愿服务',
  advisor: '建言献策（智囊团）',
  other: '其他',
};
export const RETURN_NOTE_MAX = 300;

export interface ReturnPledgeRequest {
  preferredRole: ReturnRole;
  note?: string;
}

export interface ReturnPledgeView {
  active: boolean;
  preferredRole: ReturnRole | null;
  note: string | null;
  since: string | null;
}

export interface ReserveQuery {
  /** An org the caller administers (a county, usually). */
  orgId: string;
  cursor?: string;
  limit?: number;
}

export interface ReserveEntryView {
  memberId: string;
  /** The organisation department is the sending side for these members: the name in full, nothing else personal. */
  name: string;
  branchName: string;
  preferredRole: ReturnRole;
  note: string | null;
  since: string;
  skills: SkillRef[];
  extraSkills: string[];
  servicesConfirmed: number;
  minutesServed: number;
  ratingAverage: number | null;
}
