import { FLOW_PAGE_MAX, type FlowListItem, type ListFlowsQuery } from '@pioneer/shared';
import { listFlows } from '../../services/flows';

/**
 * Where a secretary may have to act: outflow reports to approve and found members to confirm (as
 * the sending side), arrivals to accept (as the receiving side).
 */
export const PENDING_QUERIES: readonly ListFlowsQuery[] = [
  { side: 'sending', status: 'reported' },
  { side: 'receiving', status: 'arrived' },
  { side: 'sending', status: 'found' },
];

export interface PendingFlows {
  items: FlowListItem[];
  /** Some list had more than one page: the rest shows once these are handled. */
  truncated: boolean;
}

/** The three lists as one, oldest first (who has waited longest), each flow once. */
export async function loadPendingFlows(): Promise<PendingFlows> {
  const pages = await Promise.all(PENDING_QUERIES.map((query) => listFlows({ ...query, limit: FLOW_PAGE_MAX })));
  const byId = new Map<string, FlowListItem>();
  for (const page of pages) for (const item of page.items) if (!byId.has(item.id)) byId.set(item.id, item);
  const items = [...byId.values()].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  return { items, truncated: pages.some((page) => page.nextCursor !== undefined) };
}
