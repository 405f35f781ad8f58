export const FlowRoutes = {
  list: '/api/flows',
  one: '/api/flows/:id',
  action: '/api/flows/:id/actions',
  transitions: '/api/flows/:id/transitions',
  report: '/api/flows/report',
  found: '/api/flows/found',
} as const;

export const FLOW_STATUSES = [
  'found',
  'reported',
  'approved',
  'arrived',
  'active',
  'returned',
  'transferred',
  'lost_contact',
  'declined',
  'withdrawn',
  'changes_requested',
] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];

export const FLOW_STATUS_LABELS: Record<FlowStatus, string> = {
  found: '流入地登记，待流出地确认',
  reported: '已报告外出，待审批',
  approved: '已批准外出，尚未报到',
  arrived: '已报到，待流入地确认',
  active: '双向共管中',
  returned: '已返乡',
  transferred: '组织关系已转出',
  lost_contact: '失联',
  declined: '未通过',
  withdrawn: '已撤回',
  changes_requested: '退回修改，待党员重新提交',
};

/** An episode is open while the member is away or about to be. */
export const OPEN_FLOW_STATUSES: ReadonlySet<FlowStatus> = new Set([
  'found',
  'reported',
  'approved',
  'arrived',
  'active',
  'changes_requested',
]);

/**
 * How a flow began: the member reported leaving (外出报告), a receiving branch
 * found the member (组织找党员), or the member reported to a branch with no
 * report on file (报到).
 */
export type FlowOrigin = 'outflow_report' | 'found' | 'arrival';

export const FLOW_ACTIONS = [
  'report',
  'approve',
  'decline',
  'withdraw',
  'arrive',
  'register_found',
  'confirm_found',
  'reject_found',
  'confirm_arrival',
  'return',
  'transfer',
  'mark_lost',
  'restore',
  'request_changes',
  'resubmit',
] as const;
export type FlowAction = (typeof FLOW_ACTIONS)[number];

export const FLOW_ACTION_LABELS: Record<FlowAction, string> = {
  report: '报告外出',
  approve: '批准外出',
  decline: '不予批准',
  withdraw: '撤回报告',
  arrive: '到达报到',
  register_found: '登记发现的党员',
  confirm_found: '确认为本支部党员',
  reject_found: '否认为本支部党员',
  confirm_arrival: '确认报到',
  return: '返乡登记',
  transfer: '转出组织关系',
  mark_lost: '标记失联',
  restore: '恢复联系',
  request_changes: '退回修改',
  resubmit: '修改后重新提交',
};

/** Who is acting, seen from the flow: the member, the sending side or the receiving side. */
export type FlowActor = 'member' | 'sending' | 'receiving';

interface Rule {
  from: readonly (FlowStatus | null)[];
  by: readonly FlowActor[];
  to: FlowStatus;
}

/**
 * The lifecycle of one flow. `null` as a source is a flow that does not exist
 * yet. Every transition names who may make it; anything not listed is refused.
 */
export const FLOW_RULES: Record<FlowAction, Rule> = {
  report: { from: [null], by: ['member', 'sending'], to: 'reported' },
  approve: { from: ['reported'], by: ['sending'], to: 'approved' },
  decline: { from: ['reported', 'changes_requested'], by: ['sending'], to: 'declined' },
  withdraw: { from: ['reported', 'changes_requested'], by: ['member'], to: 'withdrawn' },
  // A member who never reported leaving can still arrive; the sending side is then asked to confirm.
  // The receiving side records an arrival for a member who shows their personal code in person.
  arrive: { from: [null, 'approved'], by: ['member', 'receiving'], to: 'arrived' },
  register_found: { from: [null], by: ['receiving'], to: 'found' },
  confirm_found: { from: ['found'], by: ['sending'], to: 'active' },
  reject_found: { from: ['found'], by: ['sending'], to: 'declined' },
  confirm_arrival: { from: ['arrived'], by: ['receiving'], to: 'active' },
  return: { from: ['approved', 'arrived', 'active', 'lost_contact'], by: ['member', 'sending'], to: 'returned' },
  transfer: { from: ['active'], by: ['sending'], to: 'transferred' },
  mark_lost: { from: ['approved', 'arrived', 'active'], by: ['sending'], to: 'lost_contact' },
  restore: { from: ['lost_contact'], by: ['sending'], to: 'approved' },
  // 退回修改: the report goes back to the member with a comment; the member (or the branch that
  // reported for them) edits it and sends it again (`PUT /api/flows/:id/report`).
  request_changes: { from: ['reported'], by: ['sending'], to: 'changes_requested' },
  resubmit: { from: ['changes_requested'], by: ['member', 'sending'], to: 'reported' },
};

export type FlowDecision =
  | { ok: true; to: FlowStatus }
  | { ok: false; reason: 'wrong_state' | 'wrong_actor'; allowedFrom: (FlowStatus | null)[]; allowedBy: FlowActor[] };

/** Whether `actor` may take `action` on a flow in `from` (null: no flow yet), and where it leads. */
export function decideFlowAction(from: FlowStatus | null, action: FlowAction, actor: FlowActor): FlowDecision {
  const rule = FLOW_RULES[action];
  if (!rule.by.includes(actor))
    return { ok: false, reason: 'wrong_actor', allowedFrom: [...rule.from], allowedBy: [...rule.by] };
  if (!rule.from.includes(from))
    return { ok: false, reason: 'wrong_state', allowedFrom: [...rule.from], allowedBy: [...rule.by] };
  return { ok: true, to: rule.to };
}

/** The actions `actor` may take now, for showing only the buttons that will work. */
export function availableFlowActions(from: FlowStatus | null, actor: FlowActor): FlowAction[] {
  return FLOW_ACTIONS.filter((a) => decideFlowAction(from, a, actor).ok);
}

/** Actions that open a flow have their own routes; these move an existing one (`POST /api/flows/:id/actions`). */
export const FLOW_STEP_ACTIONS = [
  'approve',
  'decline',
  'withdraw',
  'confirm_found',
  'reject_found',
  'confirm_arrival',
  'return',
  'transfer',
  'mark_lost',
  'restore',
  'request_changes',
] as const satisfies readonly FlowAction[];
export type FlowStepAction = (typeof FLOW_STEP_ACTIONS)[number];

/** Which side a caller sees a flow from. */
export type FlowSide = 'sending' | 'receiving' | 'self';

export const FLOW_NOTE_MAX = 500;
export const FLOW_PAGE_MAX = 100;
export const FLOW_PAGE_DEFAULT = 50;

/** 外出报告: by the member, or by the sending branch for a member of its subtree (`memberId` then). */
export interface ReportOutflowRequest {
  /** Omitted when members report for themselves. */
  memberId?: string;
  /** GB/T 2260 six-digit code of the destination county, if known. */
  destinationRegionCode?: string;
  /** Where the member will live or work; stored encrypted. */
  destinationAddress: string;
  industry: string;
  occupation: string;
  employer: string;
  /** YYYY-MM-DD */
  expectedFrom: string;
  /** YYYY-MM-DD, not before expectedFrom. */
  expectedUntil: string;
  /** How to reach the member while away; kept with the report for the sending side only. */
  contactNote?: string;
  /** A mobile number to reach the member while away (11 digits); encrypted at rest, masked when shown. */
  contactPhone?: string;
}

/** 修改后重新提交: the whole report again, after the sending branch asked for changes. */
export interface ResubmitOutflowRequest extends Omit<ReportOutflowRequest, 'memberId'> {
  /** The `version` the caller last saw; a mismatch is refused with CONFLICT. */
  expectedVersion?: number;
}

/** 组织找党员: a receiving branch registers a member it found, identified by full name and ID number. */
export interface RegisterFoundRequest {
  receivingBranchId: string;
  name: string;
  idNumber: string;
  destinationRegionCode?: string;
  /** Where the member was found living or working; stored encrypted. */
  destinationAddress?: string;
  industry?: string;
  occupation?: string;
  employer?: string;
  note?: string;
}

export interface FlowActionRequest {
  action: FlowStepAction;
  reason?: string;
  /** confirm_arrival only: a party group (党小组) under the receiving branch. */
  partyGroupId?: string;
  /** The `version` the caller last saw; a mismatch is refused with CONFLICT. */
  expectedVersion?: number;
}

export interface ListFlowsQuery {
  /** sending: flows of members whose membership is in the caller's subtrees; receiving: flows received there. Omitted: both, and the caller's own. */
  side?: 'sending' | 'receiving';
  status?: FlowStatus;
  /** Limit to a subtree (within the caller's scope). */
  orgId?: string;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  limit?: number;
}

/** One line of a flow list: the same fields whichever side the caller is on. */
export interface FlowListItem {
  id: string;
  side: FlowSide;
  status: FlowStatus;
  origin: FlowOrigin;
  memberId: string;
  memberName: string;
  sendingBranchName: string;
  receivingBranchName: string | null;
  expectedFrom: string | null;
  expectedUntil: string | null;
  /** ISO 8601 */
  updatedAt: string;
}

/** What every side sees of a flow. */
interface FlowViewBase {
  id: string;
  status: FlowStatus;
  origin: FlowOrigin;
  /** Send back as `expectedVersion` to refuse acting on a stale screen. */
  version: number;
  memberId: string;
  memberName: string;
  memberPhoneMasked: string | null;
  sendingBranchId: string;
  sendingBranchName: string;
  receivingBranchId: string | null;
  receivingBranchName: string | null;
  partyGroupId: string | null;
  partyGroupName: string | null;
  /** YYYY-MM-DD */
  expectedFrom: string | null;
  expectedUntil: string | null;
  /** ISO 8601 */
  approvedAt: string | null;
  arrivedAt: string | null;
  activatedAt: string | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the caller may do now: only these buttons will work. */
  availableActions: FlowAction[];
}

/** The whereabouts and work (四清): for the member and the sending side only. */
interface FlowFacts {
  destinationRegionCode: string | null;
  destinationAddress: string | null;
  industry: string | null;
  occupation: string | null;
  employer: string | null;
  /** The phone given in the outflow report, masked; the full number through the audited reveal. */
  contactPhoneMasked: string | null;
  /** 流动党员活动证 number, once the outflow report was approved. */
  certificateNo: string | null;
  /** While the status is changes_requested: what the sending branch asked to change. */
  changesRequested: { comment: string | null; at: string } | null;
}

export interface FlowSendingView extends FlowViewBase, FlowFacts {
  side: 'sending';
}

export interface FlowSelfView extends FlowViewBase, FlowFacts {
  side: 'self';
}

/** The receiving side: who, how to reach them (masked), and where the flow stands. No whereabouts, no work. */
export interface FlowReceivingView extends FlowViewBase {
  side: 'receiving';
}

export type FlowView = FlowSendingView | FlowReceivingView | FlowSelfView;

/** One step in a flow's history. */
export interface FlowTransitionView {
  id: string;
  fromStatus: FlowStatus | null;
  toStatus: FlowStatus;
  action: FlowAction;
  /** Display name of the account that acted; null for the system. */
  actorName: string | null;
  /** ISO 8601 */
  at: string;
  /** The receiving side sees reasons only on its own steps. */
  reason: string | null;
}
