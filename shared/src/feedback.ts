/**
 * Performance feedback (流入期间表现情况反馈): the receiving branch reports a
 * mobile member's period back to the sending branch, which acknowledges it;
 * it then sits in the member's file on the sending side. Pure rules of the
 * feedback period live here so the server, the job and the app agree.
 */

export const FeedbackRoutes = {
  /** Receiving side: members in the branch's care and whether this period's feedback is written. */
  due: '/api/feedback/due',
  /** Receiving side: the form pre-filled with the member's facts for a period (`?period=`). */
  draft: '/api/feedback/flows/:flowId/draft',
  /** Receiving side sends one feedback for (flow, period); a second is FEEDBACK_DUPLICATE. */
  create: '/api/feedback',
  /** Feedback the caller sent (receiving side) or received (sending side): `?side=`. */
  list: '/api/feedback',
  one: '/api/feedback/:id',
  /** Sending side: acknowledged, with an optional comment; it then lands in the person file. */
  acknowledge: '/api/feedback/:id/acknowledge',
  /** The member's file on the sending side: every feedback received about them. */
  memberFeedback: '/api/members/:id/feedback',
  /** How often a sending org asks for feedback (its subtree, nearest setting wins). */
  settings: '/api/feedback/settings',
} as const;

/** Period lengths a sending org may choose, in months: monthly, quarterly (default), half-yearly, yearly. */
export const FEEDBACK_PERIOD_MONTHS = [1, 3, 6, 12] as const;
export type FeedbackPeriodMonths = (typeof FEEDBACK_PERIOD_MONTHS)[number];
export const FEEDBACK_DEFAULT_PERIOD_MONTHS: FeedbackPeriodMonths = 3;
export const FEEDBACK_PERIOD_MONTHS_LABELS: Record<FeedbackPeriodMonths, string> = {
  1: '每月',
  3: '每季度',
  6: '每半年',
  12: '每年',
};

export const FEEDBACK_RATINGS = ['excellent', 'good', 'fair', 'poor'] as const;
export type FeedbackRating = (typeof FEEDBACK_RATINGS)[number];
export const FEEDBACK_RATING_LABELS: Record<FeedbackRating, string> = {
  excellent: '优秀',
  good: '良好',
  fair: '一般',
  poor: '较差',
};

export const FEEDBACK_STATUSES = ['due', 'sent', 'acknowledged'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = {
  due: '待填写',
  sent: '已发送，待流出地确认',
  acknowledged: '流出地已确认',
};

export const FEEDBACK_ASSESSMENT_MAX = 1000;
export const FEEDBACK_COMMENT_MAX = 500;

/**
 * What the record shows about the member for the period, gathered by the
 * server when the feedback is sent (the receiving branch cannot change them).
 * Volunteering is read from volunteer-service activities; points are null
 * while no points ledger exists.
 */
export interface FeedbackFacts {
  /** Non-cancelled activities the receiving branch held in the period. */
  activitiesHeld: number;
  /** Of those, the ones the member checked in at. */
  activitiesAttended: number;
  /** Check-ins anywhere in the period (home-town activities, 返乡补学 included). */
  checkinsTotal: number;
  /** Credited study time in the period, in hours to one decimal. */
  studyHours: number;
  studyItemsFinished: number;
  /** Volunteer-service activities attended and the hours between check-in and check-out. */
  volunteerActivities: number;
  volunteerHours: number;
  /** Points earned in the period, when the points ledger exists; otherwise null. */
  points: number | null;
}

export interface FeedbackMemberView {
  memberId: string;
  /** The name only: the receiving side never gets ID number or phone here. */
  name: string;
  sendingBranchName: string;
  receivingBranchName: string;
}

export interface FeedbackDueItem extends FeedbackMemberView {
  flowId: string;
  period: string;
  periodLabel: string;
  /** Null until written (or until the period's to-do was created). */
  feedbackId: string | null;
  status: FeedbackStatus;
}

export interface FeedbackDueQuery {
  /** A receiving branch the caller acts for; default: all of them. */
  branchId?: string;
  /** Default: the period that ended last for each member's cadence. */
  period?: string;
  cursor?: string;
  limit?: number;
}

export interface FeedbackDraft extends FeedbackMemberView {
  flowId: string;
  period: string;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  facts: FeedbackFacts;
  /** Set when feedback for this period was already sent. */
  existingFeedbackId: string | null;
}

export interface CreateFeedbackRequest {
  flowId: string;
  /** e.g. 2026-Q1, 2026-H2, 2026-03, 2026. */
  period: string;
  rating: FeedbackRating;
  assessment: string;
}

export interface AcknowledgeFeedbackRequest {
  comment?: string;
}

export interface FeedbackView extends FeedbackMemberView {
  id: string;
  flowId: string;
  period: string;
  periodLabel: string;
  status: FeedbackStatus;
  facts: FeedbackFacts | null;
  rating: FeedbackRating | null;
  assessment: string | null;
  sentAt: string | null;
  acknowledgedAt: string | null;
  acknowledgeComment: string | null;
  /** Which side the caller sees it from. */
  side: 'sending' | 'receiving';
}

export interface ListFeedbackQuery {
  /** `received`: about my members (sending side); `sent`: written by my branches (receiving side). */
  side: 'received' | 'sent';
  status?: FeedbackStatus;
  cursor?: string;
  limit?: number;
}

export interface FeedbackSettingsView {
  orgId: string;
  /** The cadence in force for the org: its own setting, the nearest ancestor's, or the default. */
  periodMonths: FeedbackPeriodMonths;
  /** Which org's setting it is (null: the default). */
  setByOrgId: string | null;
}

export interface SetFeedbackSettingsRequest {
  orgId: string;
  periodMonths: FeedbackPeriodMonths;
}

// ── pure rules ───────────────────────────────────────────────────────────

/** A feedback period: its key, label and Beijing calendar dates (end exclusive). */
export interface FeedbackPeriod {
  key: string;
  months: FeedbackPeriodMonths;
  label: string;
  /** YYYY-MM-DD, first day. */
  start: string;
  /** YYYY-MM-DD, the day after the last. */
  end: string;
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function day(year: number, month0: number): string {
  const y = year + Math.floor(month0 / 12);
  const m = ((month0 % 12) + 12) % 12;
  return `${y}-${pad2(m + 1)}-01`;
}

/** The period of `months` that starts at month index `index` (0-based) of `year`. */
function periodOf(year: number, index: number, months: FeedbackPeriodMonths): FeedbackPeriod {
  const startMonth = index * months;
  let key: string;
  let label: string;
  if (months === 12) {
    key = `${year}`;
    label = `${year}年`;
  } else if (months === 6) {
    key = `${year}-H${index + 1}`;
    label = `${year}年${index === 0 ? '上' : '下'}半年`;
  } else if (months === 3) {
    key = `${year}-Q${index + 1}`;
    label = `${year}年第${'一二三四'[index]}季度`;
  } else {
    key = `${year}-${pad2(index + 1)}`;
    label = `${year}年${index + 1}月`;
  }
  return { key, months, label, start: day(year, startMonth), end: day(year, startMonth + months) };
}

/** The period of the given length containing instant `at` (Beijing calendar). */
export function feedbackPeriodAt(at: Date, months: FeedbackPeriodMonths): FeedbackPeriod {
  const b = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return periodOf(b.getUTCFullYear(), Math.floor(b.getUTCMonth() / months), months);
}

/** The period right before `p`. */
export function previousFeedbackPeriod(p: FeedbackPeriod): FeedbackPeriod {
  const [y, m] = p.start.split('-').map(Number);
  const month0 = m - 1 - p.months;
  const year = y + Math.floor(month0 / 12);
  const inYear = ((month0 % 12) + 12) % 12;
  return periodOf(year, inYear / p.months, p.months);
}

/**
 * The period whose feedback is due at `at`: the one that ended last. Feedback
 * reports on a whole period, so on 1 April the first quarter falls due.
 */
export function dueFeedbackPeriod(at: Date, months: FeedbackPeriodMonths): FeedbackPeriod {
  return previousFeedbackPeriod(feedbackPeriodAt(at, months));
}

const PERIOD_KEY = /^(\d{4})(?:-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$/;

/** Reads a period key (2026-Q1, 2026-H2, 2026-03, 2026); null if it is none. */
export function parseFeedbackPeriod(key: string): FeedbackPeriod | null {
  const m = PERIOD_KEY.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2999) return null;
  const part = m[2];
  if (!part) return periodOf(year, 0, 12);
  if (part.startsWith('Q')) return periodOf(year, Number(part.slice(1)) - 1, 3);
  if (part.startsWith('H')) return periodOf(year, Number(part.slice(1)) - 1, 6);
  return periodOf(year, Number(part) - 1, 1);
}

/** The Beijing calendar day of an instant, YYYY-MM-DD. */
function calendarDay(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** What decides whether a member owes a period's feedback: the flow's state and when they arrived. */
export interface FeedbackFlowFacts {
  status: string;
  /** When the member reported to the receiving branch (ISO instant), or null if never. */
  arrivedAt: string | null;
}

/**
 * Whether feedback for `period` is owed for this flow at `at`: the member is
 * in the receiving branch's care (arrived or active), arrived before the
 * period ended, and the period has ended. A member who arrived after the
 * period owes nothing for it.
 */
export function isFeedbackDue(flow: FeedbackFlowFacts, period: FeedbackPeriod, at: Date): boolean {
  if (flow.status !== 'arrived' && flow.status !== 'active') return false;
  if (!flow.arrivedAt) return false;
  if (calendarDay(at) < period.end) return false;
  return calendarDay(new Date(flow.arrivedAt)) < period.end;
}

/**
 * Whether a period may be written now: it has started (the current one may be
 * written early, e.g. before the member leaves) and the member had arrived
 * before it ended.
 */
export function isFeedbackPeriodWritable(flow: FeedbackFlowFacts, period: FeedbackPeriod, at: Date): boolean {
  if (flow.status !== 'arrived' && flow.status !== 'active') return false;
  if (!flow.arrivedAt) return false;
  if (calendarDay(at) < period.start) return false;
  return calendarDay(new Date(flow.arrivedAt)) < period.end;
}
