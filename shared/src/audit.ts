export const AuditRoutes = {
  list: '/api/audit',
} as const;

/**
 * What can be audited. The server refuses to record anything else, so a new
 * audited action is added here first (one line).
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'member.create',
  'member.reveal',
  'member.update',
  'flow.transition',
  'ledger.export',
  'ledger.import',
  'agreement.create',
  'agreement.end',
  'agreement.responsibilities_set',
  'code_key.rotate',
  'code_key.revoke',
  'activity.create',
  'activity.cancel',
  'study.publish',
  'study.withdraw',
  'study.red_parcels_export',
  'study.plan_set',
  'study.pairings_set',
  'pairing.paired',
  'pairing.ended',
  'pairing.updated',
  'pairing.rules_set',
  'pairing.lost_confirmed',
  'pairing.lost_dismissed',
  'report.read',
  'greeting.send',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_RESULTS = ['ok', 'denied', 'failed'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** Who acted: an account of either kind, the system itself (jobs, imports), or nobody known (a failed sign-in). */
export const AUDIT_ACTOR_KINDS = ['member', 'staff', 'system', 'anonymous'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export const AUDIT_PAGE_MAX = 100;
export const AUDIT_PAGE_DEFAULT = 50;

export interface ListAuditQuery {
  /** Limit to an org subtree (within the caller's own subtrees). */
  orgId?: string;
  action?: AuditAction;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** 1..100, default 50. */
  limit?: number;
}

export interface AuditEventView {
  id: string;
  /** ISO 8601 */
  at: string;
  actorAccountId: string | null;
  actorKind: AuditActorKind;
  action: AuditAction;
  targetType: string | null;
  targetId: string | null;
  /** The org whose subtree the event belongs to, if any. */
  orgId: string | null;
  result: AuditResult;
  clientIp: string | null;
  /** Never personal data in clear: masked values only. */
  details: Record<string, unknown> | null;
}

/** Newest first; `nextCursor` is present when there are older events. */
export interface AuditPage {
  items: AuditEventView[];
  nextCursor?: string;
}
