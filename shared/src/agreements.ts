import type { OrgLevel } from './orgs.js';

export const AgreementRoutes = {
  list: '/api/agreements',
  end: '/api/agreements/:id/end',
} as const;

export const ResponsibilityRoutes = {
  templates: '/api/responsibilities/templates',
  flow: '/api/responsibilities/flows/:flowId',
  instantiate: '/api/responsibilities/flows/:flowId/instantiate',
  /** An agreement's own list: read and replace (GET, PUT). */
  agreement: '/api/responsibilities/agreements/:agreementId',
  /** The list an item belongs to (GET): an inbox to-do names the item. */
  item: '/api/responsibilities/items/:itemId',
  /** Mark one item of a flow's list done for its current period, with evidence (POST). */
  itemDone: '/api/responsibilities/items/:itemId/done',
  /** Progress of the lists of every flow sent from or received in an org's subtree, per branch and list. */
  progress: '/api/responsibilities/progress',
} as const;

/** 共管协议: signed between a sending region and a receiving region (e.g. 太仓 ↔ 定远). */
export const AGREEMENT_STATUSES = ['active', 'ended'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Levels that may sign a co-management agreement: township (乡镇/街道) and above. */
export const AGREEMENT_PARTY_LEVELS: readonly OrgLevel[] = ['province', 'city', 'county', 'township'];

export const AGREEMENT_TITLE_MAX = 100;
export const AGREEMENT_NOTE_MAX = 1000;

export interface AgreementView {
  id: string;
  sendingOrgId: string;
  sendingOrgName: string;
  receivingOrgId: string;
  receivingOrgName: string;
  title: string;
  startsOn: string;
  endsOn: string | null;
  scopeNote: string | null;
  status: AgreementStatus;
  createdAt: string;
}

export interface CreateAgreementRequest {
  sendingOrgId: string;
  receivingOrgId: string;
  title: string;
  /** YYYY-MM-DD */
  startsOn: string;
  /** YYYY-MM-DD, not before startsOn; absent: open-ended. */
  endsOn?: string;
  scopeNote?: string;
}

/** What `agreementInForce` needs of an agreement: its parties' subtree paths, dates and status. */
export interface AgreementReach {
  sendingOrgPath: string;
  receivingOrgPath: string;
  startsOn: string;
  endsOn: string | null;
  status: AgreementStatus;
}

/** What `agreementInForce` needs of a flow: where its membership is held and where it is received. */
export interface FlowReach {
  sendingPath: string;
  receivingPath: string | null;
}

/**
 * Whether an agreement governs a flow on `today` (YYYY-MM-DD, China time):
 * the agreement is active, the flow is sent from within the sending party's
 * subtree and received within the receiving party's, and today lies within
 * [startsOn, endsOn] (both inclusive; no endsOn is open-ended). ISO dates
 * compare as strings.
 */
export function agreementInForce(agreement: AgreementReach, flow: FlowReach, today: string): boolean {
  return (
    agreement.status === 'active' &&
    flow.sendingPath.startsWith(agreement.sendingOrgPath) &&
    flow.receivingPath !== null &&
    flow.receivingPath.startsWith(agreement.receivingOrgPath) &&
    agreement.startsOn <= today &&
    (agreement.endsOn === null || today <= agreement.endsOn)
  );
}

/** What ranks agreements that are in force for the same flow. */
export interface AgreementRank extends Pick<AgreementReach, 'sendingOrgPath' | 'receivingOrgPath' | 'startsOn'> {
  id: string;
}

/**
 * Orders agreements in force for one flow, the one that governs it first:
 * the narrower sending party (a county's agreement beats its city's), then
 * the narrower receiving party, then the later start, then the id, so the
 * order never depends on how rows come back.
 */
export function compareAgreementsForFlow(a: AgreementRank, b: AgreementRank): number {
  const depth = (path: string) => path.split('/').filter(Boolean).length;
  return (
    depth(b.sendingOrgPath) - depth(a.sendingOrgPath) ||
    depth(b.receivingOrgPath) - depth(a.receivingOrgPath) ||
    (a.startsOn === b.startsOn ? 0 : a.startsOn > b.startsOn ? -1 : 1) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The calendar day (YYYY-MM-DD) of an instant in China (UTC+8, no daylight saving). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 三张责任清单: the sending side's, the receiving side's and the member's own duties. */
export const RESPONSIBILITY_SIDES = ['sending', 'receiving', 'member'] as const;
export type ResponsibilitySide = (typeof RESPONSIBILITY_SIDES)[number];

export const RESPONSIBILITY_SIDE_LABELS: Record<ResponsibilitySide, string> = {
  sending: '流出地党组织责任',
  receiving: '流入地党组织责任',
  member: '流动党员责任',
};

export const RESPONSIBILITY_CADENCES = ['once', 'monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type ResponsibilityCadence = (typeof RESPONSIBILITY_CADENCES)[number];

export const RESPONSIBILITY_CADENCE_LABELS: Record<ResponsibilityCadence, string> = {
  once: '一次',
  monthly: '每月',
  quarterly: '每季度',
  half_yearly: '每半年',
  yearly: '每年',
};

export const RESPONSIBILITY_TITLE_MAX = 100;
export const RESPONSIBILITY_ITEMS_MAX = 60;

export interface ResponsibilityTemplateItem {
  side: ResponsibilitySide;
  title: string;
  cadence: ResponsibilityCadence;
}

export interface ResponsibilityTemplateView extends ResponsibilityTemplateItem {
  id: string;
  position: number;
}

/** The list in effect for an org: its nearest ancestor's own list, or the built-in defaults (ownerOrgId null). */
export interface EffectiveResponsibilities {
  orgId: string;
  ownerOrgId: string | null;
  ownerOrgName: string | null;
  items: ResponsibilityTemplateView[];
}

export interface ReplaceResponsibilitiesRequest {
  items: ResponsibilityTemplateItem[];
}

/**
 * A co-management agreement's own list. It wins over the county's list (and
 * the built-in defaults) for flows the agreement is in force for; empty
 * means the agreement has no list of its own.
 */
export interface AgreementResponsibilitiesView {
  agreementId: string;
  agreementTitle: string;
  items: ResponsibilityTemplateView[];
}

/** Replaces an agreement's own list; an empty `items` removes it, so its flows fall back to the county's list. */
export type ReplaceAgreementResponsibilitiesRequest = ReplaceResponsibilitiesRequest;

/** Where the items a flow got came from: an agreement's list, a county's, or the built-in defaults (both null). */
export interface ResponsibilityListSource {
  agreementId: string | null;
  ownerOrgId: string | null;
}

/** The first item that repeats an earlier one of the same side (same title, ignoring spaces), or -1. */
export function duplicateResponsibilityIndex(
  items: readonly Pick<ResponsibilityTemplateItem, 'side' | 'title'>[],
): number {
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    const key = `${item.side}:${item.title.replace(/\s+/g, '')}`;
    if (seen.has(key)) return i;
    seen.add(key);
  }
  return -1;
}

/**
 * An item's state as shown: `done` (a one-off item done, or a recurring one
 * done for the current period), `overdue` (its due day has passed), or `open`.
 */
export type FlowResponsibilityStatus = 'open' | 'done' | 'overdue';

/** Days a one-off item has from the day the flow's list is made. */
export const RESPONSIBILITY_ONCE_DAYS = 30;
/** Days past due before an overdue item is escalated from the branch to the org above it. */
export const RESPONSIBILITY_ESCALATE_AFTER_DAYS = 14;
export const RESPONSIBILITY_EVIDENCE_MAX = 500;

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function lastDayOfMonth(year: number, month: number): string {
  // Day 0 of the next month is the last day of this one (month is 1-based).
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The last day of the period of a recurring cadence that contains `day` (YYYY-MM-DD); for `once`, null. */
export function responsibilityPeriodEnd(cadence: ResponsibilityCadence, day: string): string | null {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  switch (cadence) {
    case 'once':
      return null;
    case 'monthly':
      return lastDayOfMonth(year, month);
    case 'quarterly':
      return lastDayOfMonth(year, Math.ceil(month / 3) * 3);
    case 'half_yearly':
      return lastDayOfMonth(year, month <= 6 ? 6 : 12);
    case 'yearly':
      return lastDayOfMonth(year, 12);
  }
}

/** When an item is first due, for a list made on `day`: a one-off item in 30 days, a recurring one at the end of the current period. */
export function firstResponsibilityDueOn(cadence: ResponsibilityCadence, day: string): string {
  return responsibilityPeriodEnd(cadence, day) ?? addDays(day, RESPONSIBILITY_ONCE_DAYS);
}

/**
 * Marking an item done on `today`: whether it may be (a recurring item
 * already done for the current period may not), and the item's next due day
 * (null for a one-off item, which is then done for good). A recurring item
 * done early moves to the end of the next period; one done late counts for
 * the period it was done in.
 */
export function markResponsibilityDone(
  cadence: ResponsibilityCadence,
  dueOn: string,
  today: string,
): { ok: true; nextDueOn: string | null } | { ok: false } {
  if (cadence === 'once') return { ok: true, nextDueOn: null };
  const currentEnd = responsibilityPeriodEnd(cadence, today)!;
  if (dueOn > currentEnd) return { ok: false };
  // Done late, it answers the current period, so the next one is due; done in time, the period after the due day.
  const from = addDays(today > dueOn ? currentEnd : dueOn, 1);
  return { ok: true, nextDueOn: responsibilityPeriodEnd(cadence, from) };
}

/** How an item stands on `today` (see FlowResponsibilityStatus). */
export function responsibilityStatus(
  item: { cadence: ResponsibilityCadence; done: boolean; dueOn: string | null },
  today: string,
): FlowResponsibilityStatus {
  if (item.done) return 'done';
  if (item.dueOn === null) return 'open';
  if (item.cadence !== 'once' && item.dueOn > responsibilityPeriodEnd(item.cadence, today)!) return 'done';
  return item.dueOn < today ? 'overdue' : 'open';
}

/** Who escalation reaches for an item `daysLate` days past due: nobody yet, the responsible side, or the org above. */
export function responsibilityEscalationLevel(daysLate: number): 0 | 1 | 2 {
  if (daysLate <= 0) return 0;
  return daysLate > RESPONSIBILITY_ESCALATE_AFTER_DAYS ? 2 : 1;
}

export interface ResponsibilityRecordView {
  doneAt: string;
  /** The due day this record answered. */
  dueOn: string | null;
  evidence: string;
  doneByName: string | null;
}

export interface FlowResponsibilityView {
  id: string;
  templateId: string;
  side: ResponsibilitySide;
  title: string;
  cadence: ResponsibilityCadence;
  status: FlowResponsibilityStatus;
  dueOn: string | null;
  /** The latest record's evidence. */
  evidence: string | null;
  /** When it was last marked done. */
  doneAt: string | null;
  /** Whether the caller's side may mark it done now. */
  canMark: boolean;
  /** The latest records, newest first (at most RESPONSIBILITY_HISTORY_MAX). */
  history: ResponsibilityRecordView[];
}

export const RESPONSIBILITY_HISTORY_MAX = 6;

export interface MarkResponsibilityDoneRequest {
  /** What was done: 1–500 characters (e.g. “3月12日电话联系，已了解近况”). */
  evidence: string;
}

export interface ResponsibilityProgressQuery {
  orgId: string;
}

/** One branch's progress on one of the three lists, for the flows it sends (sending, member) or receives (receiving). */
export interface ResponsibilityProgressRow {
  branchId: string;
  branchName: string;
  list: ResponsibilitySide;
  flows: number;
  items: number;
  done: number;
  overdue: number;
}

export interface ResponsibilityProgressView {
  orgId: string;
  /** The China calendar day the figures are for. */
  asOf: string;
  rows: ResponsibilityProgressRow[];
}

export interface FlowResponsibilitiesView {
  flowId: string;
  /** From which side the caller sees the list: a member sees only the member items. */
  side: 'sending' | 'receiving' | 'self';
  items: FlowResponsibilityView[];
  /** Co-management agreements in force for this flow today. */
  agreements: { id: string; title: string }[];
}

export interface InstantiateResponsibilitiesResult extends FlowResponsibilitiesView {
  /** How many items this call added: 0 when the flow already had every item of its list. */
  created: number;
  /** The list this call copied from. */
  source: ResponsibilityListSource;
}
