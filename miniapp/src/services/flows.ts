import {
  FlowRoutes,
  OPEN_FLOW_STATUSES,
  type FlowStatus,
  type FlowActionRequest,
  type FlowListItem,
  type FlowView,
  type ListFlowsQuery,
  type Paginated,
  type ReportOutflowRequest,
} from '@pioneer/shared';
import { http } from './http';
import { pathOf } from './path';

export function listFlows(query: ListFlowsQuery): Promise<Paginated<FlowListItem>> {
  return http.get<Paginated<FlowListItem>>(FlowRoutes.list, { query: { ...query } });
}

export function fetchFlow(id: string): Promise<FlowView> {
  return http.get<FlowView>(pathOf(FlowRoutes.one, { id }));
}

/** 外出报告, by the member for themself. */
export function reportOutflow(request: ReportOutflowRequest): Promise<FlowView> {
  return http.post<FlowView>(FlowRoutes.report, request);
}

/** Moves a flow on: approve, decline, confirm an arrival, … */
export function actOnFlow(id: string, request: FlowActionRequest): Promise<FlowView> {
  return http.post<FlowView>(pathOf(FlowRoutes.action, { id }), request);
}

/** Not ended yet: the member is away, about to leave, or cannot be reached. */
const CURRENT_STATUSES: ReadonlySet<FlowStatus> = new Set([...OPEN_FLOW_STATUSES, 'lost_contact']);

/** The member's own flow that has not ended, newest first; null when there is none. */
export function currentOwnFlow(items: readonly FlowListItem[]): FlowListItem | null {
  const current = items
    .filter((flow) => flow.side === 'self' && CURRENT_STATUSES.has(flow.status))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return current[0] ?? null;
}

/** For a member: the flow they are in now, if any. */
export async function fetchMyCurrentFlow(): Promise<FlowListItem | null> {
  const page = await listFlows({ limit: 20 });
  return currentOwnFlow(page.items);
}
