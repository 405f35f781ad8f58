import {
  ResponsibilityRoutes,
  type FlowResponsibilitiesView,
  type MarkResponsibilityDoneRequest,
  type ResponsibilityProgressView,
} from '@pioneer/shared';
import { http } from './http';
import { pathOf } from './path';

/** 三张责任清单 of one flow, as the caller's side sees it. */
export function fetchFlowDuties(flowId: string): Promise<FlowResponsibilitiesView> {
  return http.get<FlowResponsibilitiesView>(pathOf(ResponsibilityRoutes.flow, { flowId }));
}

/** The list an item belongs to (an inbox to-do names the item). */
export function fetchItemDuties(itemId: string): Promise<FlowResponsibilitiesView> {
  return http.get<FlowResponsibilitiesView>(pathOf(ResponsibilityRoutes.item, { itemId }));
}

/** Marks one item done for its current period; answers the whole list as it now stands. */
export function markDutyDone(itemId: string, evidence: string): Promise<FlowResponsibilitiesView> {
  const body: MarkResponsibilityDoneRequest = { evidence };
  return http.post<FlowResponsibilitiesView>(pathOf(ResponsibilityRoutes.itemDone, { itemId }), body);
}

export function fetchDutyProgress(orgId: string): Promise<ResponsibilityProgressView> {
  return http.get<ResponsibilityProgressView>(ResponsibilityRoutes.progress, { query: { orgId } });
}
