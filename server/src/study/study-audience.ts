import type { StudyAudienceScope } from '@pioneer/shared';
import { type SqlParams, withinSubtrees } from '../common/scope/scope-sql.js';

/** Flow states in which a member is away from home (left, arrived, in dual management, or lost while away). */
export const AWAY_STATUSES = ['approved', 'arrived', 'active', 'lost_contact'] as const;
/** Flow states in which a receiving branch holds the member. */
export const RECEIVED_STATUSES = ['arrived', 'active'] as const;

export interface AudienceRange {
  /** Inclusive lower bound of member ids; absent: from the first. */
  fromId?: string | null;
  /** Exclusive upper bound of member ids; absent: to the last. */
  toId?: string | null;
}

function list(values: readonly string[]): string {
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}

/**
 * The members a pack reaches, as SQL selecting `id` and `no_smartphone`
 * from `members m`, optionally within a keyset range of ids (one batch of
 * the fan-out). The org is the pack's owner:
 *
 * - `members`: membership (组织关系) anywhere under the org;
 * - `members_away`: of those, the ones with a flow that has left
 *   (approved, arrived, active, lost contact);
 * - `members_at_home`: of those, the ones with no such flow;
 * - `received`: members, whatever their membership, whose open flow is
 *   received (arrived or active) at a branch under the org.
 *
 * Every condition is a btree range on a materialised path (the scope model's
 * `withinSubtrees`) or on the member id, so a batch is an index range scan.
 */
export function audienceSql(scope: StudyAudienceScope, orgPath: string, params: SqlParams, range: AudienceRange = {}) {
  const where: string[] = [];
  if (scope === 'received') {
    const [inOrg] = withinSubtrees('f.receiving_path', [orgPath], params);
    where.push(
      `EXISTS (SELECT 1 FROM flows f WHERE f.member_id = m.id AND f.status IN ${list(RECEIVED_STATUSES)} AND ${inOrg})`,
    );
  } else {
    const [inOrg] = withinSubtrees('m.branch_path', [orgPath], params);
    where.push(inOrg);
    const away = `EXISTS (SELECT 1 FROM flows f WHERE f.member_id = m.id AND f.status IN ${list(AWAY_STATUSES)})`;
    if (scope === 'members_away') where.push(away);
    if (scope === 'members_at_home') where.push(`NOT ${away}`);
  }
  if (range.fromId) where.push(`m.id >= ${params.add(range.fromId)}::uuid`);
  if (range.toId) where.push(`m.id < ${params.add(range.toId)}::uuid`);
  return `SELECT m.id, m.no_smartphone FROM members m WHERE ${where.join(' AND ')}`;
}
