import type { FlowActor, FlowSide } from '@pioneer/shared';
import { MANAGE_ROLES, actsFor, type Scope } from '../common/scope/scope.js';
import type { Flow } from './flow.entity.js';
import { RECEIVING_VISIBLE_STATUSES } from './flows.repository.js';

type Placed = Pick<Flow, 'memberId' | 'status' | 'sendingPath' | 'receivingPath'>;

/** Where a flow stands for the receiving side: it shares (and sees) the flow only in these states. */
export function receivingOpen<F extends Placed>(flow: F): flow is F & { receivingPath: string } {
  return flow.receivingPath !== null && RECEIVING_VISIBLE_STATUSES.includes(flow.status);
}

/**
 * The sides from which the caller may act on this flow. One's own flow is
 * only ever acted on as the member, so nobody approves their own report.
 */
export function flowActorsFor(scope: Scope, flow: Placed): FlowActor[] {
  if (scope.memberId === flow.memberId) return ['member'];
  const actors: FlowActor[] = [];
  if (actsFor(scope, flow.sendingPath, MANAGE_ROLES)) actors.push('sending');
  if (receivingOpen(flow) && actsFor(scope, flow.receivingPath, MANAGE_ROLES)) actors.push('receiving');
  return actors;
}

/** The side from which the caller sees this flow; sending wins over receiving. */
export function flowSideFor(scope: Scope, flow: Placed): FlowSide | 'none' {
  if (scope.memberId === flow.memberId) return 'self';
  if (actsFor(scope, flow.sendingPath)) return 'sending';
  if (receivingOpen(flow) && actsFor(scope, flow.receivingPath)) return 'receiving';
  return 'none';
}
