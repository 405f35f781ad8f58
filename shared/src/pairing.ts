/**
 * 结对联系: a sending branch pairs its committee members (支委) with its mobile
 * members, one to one or one to many; the committee member keeps a contact
 * log; a contact falls due by a cadence (monthly, or every six months for
 * members abroad); and a member silent for long enough is proposed as lost
 * contact (失联) for the secretary to confirm or dismiss. The shapes both
 * sides share, and the pure rules of due dates and silence.
 */

export const PairingRoutes = {
  // ── the secretary's pairing screen (sending branch) ──
  /** The branch's members, each with their current pairing (paged). */
  branchMembers: '/api/pairings/branches/:branchId/members',
  /** Who may be paired: accounts holding branch_committee or branch_secretary at the branch. */
  branchCommittee: '/api/pairings/branches/:branchId/committee',
  /** Pair (or re-pair) members with a committee member. */
  pair: '/api/pairings',
  /** Changes a live pairing (abroad or not). */
  one: '/api/pairings/:id',
  /** Ends a live pairing; the row stays as history. */
  end: '/api/pairings/:id/end',
  // ── the committee member ──
  /** My paired members, the overdue first. */
  mine: '/api/pairings/mine',
  // ── one member (sending side) ──
  /** The member's pairings, current and past, and when contact is next due. */
  member: '/api/pairings/members/:memberId',
  /** GET: the contact log (newest first, paged); POST: log a contact. */
  contacts: '/api/pairings/members/:memberId/contacts',
  // ── rules ──
  /** GET: the rules in force for an org (its own or the nearest ancestor's); PUT: set its own. */
  rules: '/api/pairings/rules/:orgId',
  // ── lost contact (失联) ──
  /** Open proposals under the caller's branches (paged). */
  lostProposals: '/api/pairings/lost-proposals',
  confirmLost: '/api/pairings/lost-proposals/:id/confirm',
  dismissLost: '/api/pairings/lost-proposals/:id/dismiss',
} as const;

export const CONTACT_METHODS = ['phone', 'wechat', 'visit', 'letter'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = {
  phone: '电话',
  wechat: '微信',
  visit: '走访',
  letter: '书信',
};

/** How a pairing ended: unpaired by the secretary, or replaced by a pairing with another committee member. */
export const PAIRING_END_REASONS = ['unpaired', 'repaired'] as const;
export type PairingEndReason = (typeof PAIRING_END_REASONS)[number];
export const PAIRING_END_REASON_LABELS: Record<PairingEndReason, string> = {
  unpaired: '解除结对',
  repaired: '改为他人结对',
};

/** The configurable rules of an org's pairings; a branch follows the nearest org up the tree that set them. */
export interface PairingRules {
  /** A contact at least every this many months (每月联系一次 by default). */
  contactMonths: number;
  /** For members abroad (出国（境）): at least every this many months. */
  abroadContactMonths: number;
  /** No reached contact, no check-in and no study for this many days: proposed as lost contact. */
  lostAfterDays: number;
  /** A dismissed proposal keeps the member from being proposed again for this many days. */
  dismissQuietDays: number;
}

export const DEFAULT_PAIRING_RULES: PairingRules = {
  contactMonths: 1,
  abroadContactMonths: 6,
  lostAfterDays: 90,
  dismissQuietDays: 60,
};

/** Limits the rules may be set within. */
export const PAIRING_RULE_LIMITS: Record<keyof PairingRules, { min: number; max: number }> = {
  contactMonths: { min: 1, max: 6 },
  abroadContactMonths: { min: 1, max: 6 },
  lostAfterDays: { min: 30, max: 365 },
  dismissQuietDays: { min: 7, max: 365 },
};

export const PAIRING_MAX_MEMBERS_PER_REQUEST = 50;
export const PAIRING_PAGE_DEFAULT = 20;
export const PAIRING_PAGE_MAX = 100;
export const CONTACT_NOTE_MAX = 500;
export const PAIRING_REASON_MAX = 200;
/** A contact may be logged up to this long after it happened. */
export const CONTACT_BACKDATE_MAX_DAYS = 90;
/** The next contact may be planned at most this far ahead. */
export const CONTACT_PLAN_AHEAD_MAX_DAYS = 366;

export interface PairingRulesView {
  orgId: string;
  rules: PairingRules;
  /** Where the rules come from: this org, an ancestor, or the defaults (null). */
  source: { orgId: string; orgName: string } | null;
  /** Whether the caller may set this org's own rules. */
  editable: boolean;
}

export type SetPairingRulesRequest = PairingRules;

/** A committee member who may be paired with the branch's members. */
export interface PairingCandidate {
  accountId: string;
  displayName: string;
  /** 支部书记 or 支委委员. */
  role: 'branch_secretary' | 'branch_committee';
  /** Members currently paired with them in this branch. */
  pairedCount: number;
}

/** One pairing, live or ended, as the sending side sees it. */
export interface PairingView {
  id: string;
  memberId: string;
  memberName: string;
  branchId: string;
  committeeAccountId: string;
  committeeName: string;
  since: string;
  abroad: boolean;
  /** The last contact that reached the member while this pairing was live. */
  lastContactAt: string | null;
  /** YYYY-MM-DD (Beijing): contact is due by this day; null once ended. */
  nextDueOn: string | null;
  overdue: boolean;
  endedAt: string | null;
  endReason: PairingEndReason | null;
}

/** A row of the secretary's pairing screen: a member of the branch and their current pairing, if any. */
export interface BranchPairingRow {
  memberId: string;
  memberName: string;
  /** Away on an open flow (外出): the members pairing exists for. */
  away: boolean;
  pairing: PairingView | null;
}

export interface PairMembersRequest {
  committeeAccountId: string;
  /** Members of one branch; each one's earlier pairing (with anyone else) ends as `repaired`. */
  memberIds: string[];
  /** Members abroad are contacted on the abroad cadence. Applies to every member in the request. */
  abroad?: boolean;
}

export interface UpdatePairingRequest {
  abroad: boolean;
}

export interface EndPairingRequest {
  reason?: string;
}

/** The committee member's own list. */
export interface MyPairedMember {
  pairingId: string;
  memberId: string;
  memberName: string;
  branchId: string;
  branchName: string;
  since: string;
  abroad: boolean;
  lastContactAt: string | null;
  nextDueOn: string;
  overdue: boolean;
  /** Days past the due day (0 when not overdue). */
  daysOverdue: number;
}

export interface LogContactRequest {
  method: ContactMethod;
  /** When the contact happened (ISO instant): not in the future, at most CONTACT_BACKDATE_MAX_DAYS ago. */
  contactedAt: string;
  /** Whether the member was reached; an attempt that failed is logged too, and counts for nothing else. */
  reached?: boolean;
  /** What was said; may hold whereabouts, so it is encrypted and shown only to the sending side. */
  note?: string;
  /** YYYY-MM-DD: the next contact planned, after the contact's day; an earlier day than the cadence's wins. */
  nextContactOn?: string;
}

export interface ContactLogEntry {
  id: string;
  memberId: string;
  method: ContactMethod;
  reached: boolean;
  contactedAt: string;
  note: string | null;
  nextContactOn: string | null;
  byAccountId: string;
  byName: string;
  createdAt: string;
}

export interface MemberPairingView {
  memberId: string;
  memberName: string;
  branchId: string;
  current: PairingView | null;
  past: PairingView[];
  /** Whether the caller may log a contact for this member. */
  canLog: boolean;
}

export const LOST_PROPOSAL_STATUSES = ['open', 'confirmed', 'dismissed', 'resolved'] as const;
export type LostProposalStatus = (typeof LOST_PROPOSAL_STATUSES)[number];
export const LOST_PROPOSAL_STATUS_LABELS: Record<LostProposalStatus, string> = {
  open: '待确认',
  confirmed: '已确认失联',
  dismissed: '已排除',
  resolved: '已恢复联系',
};

export interface LostProposalView {
  id: string;
  memberId: string;
  memberName: string;
  branchId: string;
  branchName: string;
  flowId: string;
  status: LostProposalStatus;
  /** The last sign of life: a reached contact, a check-in or study; null when there was none since leaving. */
  lastSeenAt: string | null;
  /** Days of silence when proposed. */
  silentDays: number;
  /** Contact attempts logged that did not reach the member, since the last sign of life. */
  failedAttempts: number;
  proposedAt: string;
  decidedAt: string | null;
}

export interface ConfirmLostRequest {
  reason?: string;
}

export interface DismissLostRequest {
  /** Why the member is not lost (e.g. reached through family); kept encrypted. */
  reason: string;
}

// ── pure rules ──────────────────────────────────────────────────────────

const DAY_MS = 24 * 60 * 60 * 1000;

/** `day` plus whole calendar months, clamped to the month's last day (01-31 + 1 month → 02-28 or 02-29). */
export function addMonthsToDay(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetweenDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface ContactDueInput {
  /** The Beijing day the pairing began. */
  pairedOn: string;
  /** The Beijing day of the last reached contact while paired, if any. */
  lastContactOn: string | null;
  /** The next contact the committee member planned at that contact, if any. */
  plannedNextOn: string | null;
  abroad: boolean;
  rules: Pick<PairingRules, 'contactMonths' | 'abroadContactMonths'>;
}

/**
 * The day contact is next due: the cadence counted from the last reached
 * contact (or from the pairing, before any), unless the committee member
 * planned an earlier day. A plan later than the cadence does not stretch it.
 */
export function contactDueOn(input: ContactDueInput): string {
  const base = input.lastContactOn ?? input.pairedOn;
  const months = input.abroad ? input.rules.abroadContactMonths : input.rules.contactMonths;
  const byCadence = addMonthsToDay(base, months);
  return input.plannedNextOn && input.plannedNextOn < byCadence ? input.plannedNextOn : byCadence;
}

/** Overdue from the day after the due day (Beijing). */
export function contactOverdue(dueOn: string, today: string): boolean {
  return today > dueOn;
}

export interface SilenceInput {
  now: Date;
  /** When the member left (the open flow's start): silence is never counted from before it. */
  awaySince: Date;
  lastReachedContactAt: Date | null;
  lastCheckinAt: Date | null;
  lastStudyAt: Date | null;
  /** A dismissed proposal keeps the member off the list until then. */
  quietUntil: Date | null;
  lostAfterDays: number;
}

export interface SilenceDecision {
  propose: boolean;
  /** The latest sign of life, or null when there was none since leaving. */
  lastSeenAt: Date | null;
  silentDays: number;
  why: 'recently_seen' | 'quiet' | 'silent';
}

/**
 * Whether a member away should be proposed as lost contact: no reached
 * contact, no check-in and no study for `lostAfterDays` whole days, counted
 * from the latest of those (or from leaving, if later), and no dismissal
 * still keeping them quiet.
 */
export function decideSilence(input: SilenceInput): SilenceDecision {
  const signs = [input.lastReachedContactAt, input.lastCheckinAt, input.lastStudyAt].filter(
    (d): d is Date => d !== null,
  );
  const lastSeenAt = signs.length > 0 ? new Date(Math.max(...signs.map((d) => d.getTime()))) : null;
  const from = Math.max(lastSeenAt?.getTime() ?? 0, input.awaySince.getTime());
  const silentDays = Math.max(0, Math.floor((input.now.getTime() - from) / DAY_MS));
  if (silentDays < input.lostAfterDays) return { propose: false, lastSeenAt, silentDays, why: 'recently_seen' };
  if (input.quietUntil && input.now < input.quietUntil) return { propose: false, lastSeenAt, silentDays, why: 'quiet' };
  return { propose: true, lastSeenAt, silentDays, why: 'silent' };
}

/** The rules of the nearest org at or above `path` that set its own, else the defaults. */
export function rulesFor<T extends { orgPath: string }>(path: string, own: readonly T[]): T | null {
  let best: T | null = null;
  for (const r of own) if (path.startsWith(r.orgPath) && (!best || r.orgPath.length > best.orgPath.length)) best = r;
  return best;
}

export interface PairingPageQuery {
  cursor?: string;
  limit?: number;
}

export interface LostProposalsQuery extends PairingPageQuery {
  /** Only proposals for members of branches under this org. */
  orgId?: string;
}
