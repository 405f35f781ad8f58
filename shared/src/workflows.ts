import type { FlowActor, FlowStatus, FlowView } from './flows.js';

/**
 * The outflow workflow around a flow (双向共管's first steps): the report's
 * versions and the branch's comments, the electronic certificate
 * (流动党员活动证), the no-arrival escalation settings, and returns home
 * (返乡登记), temporary or for good.
 */
export const OutflowRoutes = {
  /** PUT: 修改后重新提交, the whole report again after the branch asked for changes. */
  resubmit: '/api/flows/:id/report',
  /** GET: every version of the outflow report with the branch's answer to each. */
  versions: '/api/flows/:id/report-versions',
  /** POST: the full contact phone of the report, audited (sending side's secretary or org admin). */
  revealContact: '/api/flows/:id/reveal-contact',
  /** GET: 流动党员活动证, for the member and the sending side. */
  certificate: '/api/flows/:id/certificate',
  /** POST: 返乡登记 (holiday or for good); GET: the flow's holiday stays. */
  returns: '/api/flows/:id/returns',
  /** GET: members of a home org's subtree who are home for the holidays in a date range. */
  homeForHolidays: '/api/workflows/home-for-holidays',
  /** GET/PUT: a county's no-arrival escalation periods. */
  escalationSettings: '/api/workflows/escalation-settings/:orgId',
} as const;

/** No arrival this many days after leaving (or approval, if later): a to-do for the sending branch. */
export const ARRIVAL_DEADLINE_DAYS_DEFAULT = 30;
/** Still no arrival this many days after that: a to-do for the township (乡镇/街道) above the branch. */
export const TOWNSHIP_ESCALATION_DAYS_DEFAULT = 15;
export const ESCALATION_DAYS_MIN = 1;
export const ESCALATION_DAYS_MAX = 365;

export interface EscalationSettingsView {
  orgId: string;
  orgName: string;
  arrivalDeadlineDays: number;
  townshipEscalationDays: number;
  /** False while the defaults apply (nothing set for this county). */
  custom: boolean;
}

export interface SetEscalationSettingsRequest {
  arrivalDeadlineDays: number;
  townshipEscalationDays: number;
}

/** One submission of the outflow report, and what the sending branch answered. */
export interface OutflowReportVersionView {
  /** 1 for the first report, 2 after the first resubmission, … */
  round: number;
  destinationRegionCode: string | null;
  destinationAddress: string;
  industry: string;
  occupation: string;
  employer: string;
  expectedFrom: string;
  expectedUntil: string;
  contactPhoneMasked: string | null;
  contactNote: string | null;
  submittedByName: string | null;
  /** ISO 8601 */
  submittedAt: string;
  /** request_changes, approve or decline; null while waiting (or withdrawn). */
  reviewAction: 'request_changes' | 'approve' | 'decline' | null;
  reviewComment: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
}

export interface RevealContactView {
  flowId: string;
  contactPhone: string | null;
}

/** The certificate is void once the flow ends, and expired after its validity. */
export type CertificateState = 'valid' | 'expired' | 'revoked';

export const CERTIFICATE_STATE_LABELS: Record<CertificateState, string> = {
  valid: '有效',
  expired: '已过有效期',
  revoked: '已失效（流动已结束）',
};

/** 流动党员活动证: no ID number or phone; the QR on the page is the member's personal code (流动先锋码). */
export interface CertificateView {
  flowId: string;
  certificateNo: string;
  /** Whose certificate: the page shows the personal code only to that member. */
  memberId: string;
  memberName: string;
  /** The branch holding the membership, and its trail from the province down, for display. */
  sendingBranchName: string;
  sendingTrail: string[];
  flowStatus: FlowStatus;
  /** YYYY-MM-DD, Beijing time */
  issuedOn: string;
  validFrom: string;
  validUntil: string;
  state: CertificateState;
}

/** Certificate numbers: LD-<year of issue>-<serial, at least 7 digits>. */
export const CERTIFICATE_NO_PATTERN = /^LD-\d{4}-\d{7,}$/;

export const RETURN_KINDS = ['holiday', 'permanent'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];

export const RETURN_KIND_LABELS: Record<ReturnKind, string> = {
  holiday: '临时返乡（节假日）',
  permanent: '返乡，不再外出',
};

export const HOME_STAY_OCCASIONS = ['spring_festival', 'mid_autumn', 'national_day', 'busy_farming', 'other'] as const;
export type HomeStayOccasion = (typeof HOME_STAY_OCCASIONS)[number];

export const HOME_STAY_OCCASION_LABELS: Record<HomeStayOccasion, string> = {
  spring_festival: '春节',
  mid_autumn: '中秋',
  national_day: '国庆',
  busy_farming: '农忙',
  other: '其他',
};

/** A holiday stay lasts at most this many days; longer means coming home for good. */
export const HOME_STAY_MAX_DAYS = 90;
export const HOME_STAY_NOTE_MAX = 200;

/** Who may record a holiday stay, and while the flow is in which states (the member is away). */
export const HOME_STAY_RULE: { from: readonly FlowStatus[]; by: readonly FlowActor[] } = {
  from: ['approved', 'arrived', 'active'],
  by: ['member', 'sending'],
};

export type HomeStayDecision = { ok: true } | { ok: false; reason: 'wrong_state' | 'wrong_actor' };

/** Whether `actor` may record a holiday stay on a flow in `status`. */
export function decideHomeStay(status: FlowStatus, actor: FlowActor): HomeStayDecision {
  if (!HOME_STAY_RULE.by.includes(actor)) return { ok: false, reason: 'wrong_actor' };
  if (!HOME_STAY_RULE.from.includes(status)) return { ok: false, reason: 'wrong_state' };
  return { ok: true };
}

/** 返乡登记. `holiday`: home for a while, the flow stays open; `permanent`: the flow ends (returned). */
export interface RecordReturnRequest {
  kind: ReturnKind;
  /** holiday only: YYYY-MM-DD */
  homeFrom?: string;
  /** holiday only: YYYY-MM-DD, not before homeFrom, at most HOME_STAY_MAX_DAYS later. */
  homeUntil?: string;
  occasion?: HomeStayOccasion;
  note?: string;
  /** permanent only: the `version` the caller last saw. */
  expectedVersion?: number;
}

export interface HomeStayView {
  id: string;
  flowId: string;
  homeFrom: string;
  homeUntil: string;
  occasion: HomeStayOccasion;
  note: string | null;
  recordedBy: FlowActor;
  /** ISO 8601 */
  createdAt: string;
}

export interface RecordReturnResult {
  flow: FlowView;
  /** The stay recorded (holiday), or null (permanent). */
  homeStay: HomeStayView | null;
}

export interface HomeForHolidaysQuery {
  /** A home org (branch or above) the caller acts for. */
  orgId: string;
  /** YYYY-MM-DD; stays that overlap [from, until]. Default: today and the next 30 days. */
  from?: string;
  until?: string;
  cursor?: string;
  limit?: number;
}

/** One member home for the holidays, for the home branch's gatherings (乡情恳谈会) and catch-up study (返乡补学). */
export interface HomeForHolidaysItem {
  homeStayId: string;
  flowId: string;
  memberId: string;
  memberName: string;
  memberPhoneMasked: string | null;
  branchId: string;
  branchName: string;
  homeFrom: string;
  homeUntil: string;
  occasion: HomeStayOccasion;
}

export const HOME_FOR_HOLIDAYS_WINDOW_DAYS = 30;
export const HOME_FOR_HOLIDAYS_PAGE_DEFAULT = 50;
export const HOME_FOR_HOLIDAYS_PAGE_MAX = 100;
