import { ErrorCode } from '@pioneer/shared';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { MANAGE_ROLES, actingPaths, actsFor, type Scope } from '../common/scope/scope.js';

/** The member the caller is bound to; anyone else has no reports or suggestions of their own. */
export function requireMemberId(principal: Principal): string {
  if (!principal.memberId) throw new AppException(ErrorCode.NOT_FOUND, '您还没有绑定党员信息，请先在“我的”页面绑定');
  return principal.memberId;
}

/**
 * The home (sending) side of a report or suggestion sent to the branch at
 * `branchPath`: its secretary and the org admins above it act on it. Staff
 * who act for that branch in another role (a committee member) are refused
 * with 403; anyone else is told it does not exist.
 */
export function requireHomeManager(scope: Scope, branchPath: string | null, what: string): void {
  if (branchPath && actsFor(scope, branchPath, MANAGE_ROLES)) return;
  if (branchPath && actsFor(scope, branchPath)) throw new AppException(ErrorCode.FORBIDDEN);
  throw new AppException(ErrorCode.NOT_FOUND, `找不到这份${what}`);
}

/**
 * The subtrees a home-side list covers: those the caller manages, narrowed
 * to `orgPath` when asked. No managing role at all is 403; an org outside
 * them is 404.
 */
export function managedPaths(scope: Scope, orgPath: string | null | undefined): string[] {
  const paths = actingPaths(scope, MANAGE_ROLES);
  if (paths.length === 0) throw new AppException(ErrorCode.FORBIDDEN);
  if (orgPath === undefined) return paths;
  if (orgPath === null || !paths.some((p) => orgPath.startsWith(p))) {
    throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
  }
  return [orgPath];
}
