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

export type FlowResponsibilityStatus = 'open' | 'done';

export interface FlowResponsibilityView {
  id: string;
  templateId: string;
  side: ResponsibilitySide;
  title: string;
  cadence: ResponsibilityCadence;
  status: FlowResponsibilityStatus;
  dueOn: string | null;
  evidence: string | null;
  doneAt: string | null;
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
