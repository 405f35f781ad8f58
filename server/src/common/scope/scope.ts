import type { Role } from '@pioneer/shared';

/**
 * The one model of who may see what. Every query over members, flows and
 * ledgers takes a Scope and filters by it; no service decides visibility with
 * its own `if`s.
 *
 * - A branch secretary, committee member or org admin acts for an org subtree
 *   (their grant's org and everything under it).
 * - For members whose membership is in that subtree they are the sending side
 *   (流出地): full record, PII masked unless revealed (audited).
 * - For members whose open flow's receiving branch is in that subtree they are
 *   the receiving side (流入地): a limited view only.
 * - A member sees their own record. Community staff see no roster.
 */
export interface OrgGrant {
  role: Role;
  orgId: string;
  orgPath: string;
}

export interface Scope {
  accountId: string;
  /** The roster entry the account is bound to, if any. */
  memberId: string | null;
  roles: Role[];
  grants: OrgGrant[];
  systemAdmin: boolean;
}

/** Which side's view of a member the caller gets. */
export type MemberSide = 'self' | 'sending' | 'receiving' | 'none';

const ORG_ROLES: ReadonlySet<Role> = new Set<Role>(['branch_secretary', 'branch_committee', 'org_admin']);

/** Roles that may see full ID numbers and phones of the sending side's members (each read audited). */
export const REVEAL_ROLES: ReadonlySet<Role> = new Set<Role>(['branch_secretary', 'org_admin']);

/** Roles that may change records and approve flows for their subtree. */
export const MANAGE_ROLES: ReadonlySet<Role> = new Set<Role>(['branch_secretary', 'org_admin']);

export function isWithin(path: string | null | undefined, ancestorPath: string): boolean {
  return typeof path === 'string' && path.startsWith(ancestorPath);
}

/** The subtrees the caller acts for, optionally only through the given roles. Nested paths are folded into their ancestor. */
export function actingPaths(scope: Scope, roles: ReadonlySet<Role> = ORG_ROLES): string[] {
  const paths = scope.grants.filter((g) => roles.has(g.role)).map((g) => g.orgPath);
  return paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(other))).sort();
}

/** Whether the caller acts (with one of `roles`) for the org at `path`. */
export function actsFor(scope: Scope, path: string, roles: ReadonlySet<Role> = ORG_ROLES): boolean {
  return actingPaths(scope, roles).some((p) => isWithin(path, p));
}

/** Inclusive-exclusive bounds for a btree range scan of a subtree: path >= from AND path < to. */
export function subtreeRange(path: string): { from: string; to: string } {
  // Paths hold only [0-9a-f-/]; '~' sorts after all of them in collation "C".
  return { from: path, to: `${path}~` };
}

export interface MemberPlacement {
  memberId: string;
  branchPath: string;
  /** Receiving branch path of the member's open flow (arrived or active), if any. */
  receivingPath: string | null;
}

/** The side from which the caller sees one member; sending wins over receiving when both apply. */
export function sideFor(scope: Scope, m: MemberPlacement): MemberSide {
  if (actsFor(scope, m.branchPath)) return 'sending';
  if (m.receivingPath && actsFor(scope, m.receivingPath)) return 'receiving';
  if (scope.memberId === m.memberId) return 'self';
  return 'none';
}
