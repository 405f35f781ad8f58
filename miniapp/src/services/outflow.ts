import {
  OutflowRoutes,
  type CertificateView,
  type FlowView,
  type HomeForHolidaysItem,
  type HomeForHolidaysQuery,
  type HomeStayView,
  type OutflowReportVersionView,
  type Paginated,
  type RecordReturnRequest,
  type RecordReturnResult,
  type ResubmitOutflowRequest,
} from '@pioneer/shared';
import { http } from './http';
import { pathOf } from './path';

/** 修改后重新提交: the whole report again, after the branch asked for changes. */
export function resubmitOutflow(flowId: string, request: ResubmitOutflowRequest): Promise<FlowView> {
  return http.put<FlowView>(pathOf(OutflowRoutes.resubmit, { id: flowId }), request);
}

export function fetchReportVersions(flowId: string): Promise<OutflowReportVersionView[]> {
  return http.get<OutflowReportVersionView[]>(pathOf(OutflowRoutes.versions, { id: flowId }));
}

/** 流动党员活动证 of a flow (issued once the outflow report is approved). */
export function fetchCertificate(flowId: string): Promise<CertificateView> {
  return http.get<CertificateView>(pathOf(OutflowRoutes.certificate, { id: flowId }));
}

/** 返乡登记: home for the holidays (the flow stays open) or for good (the flow ends). */
export function recordReturn(flowId: string, request: RecordReturnRequest): Promise<RecordReturnResult> {
  return http.post<RecordReturnResult>(pathOf(OutflowRoutes.returns, { id: flowId }), request);
}

export function fetchHomeStays(flowId: string): Promise<HomeStayView[]> {
  return http.get<HomeStayView[]>(pathOf(OutflowRoutes.returns, { id: flowId }));
}

/** Members of a home org home for the holidays in a window (default: the next 30 days). */
export function listHomeForHolidays(query: HomeForHolidaysQuery): Promise<Paginated<HomeForHolidaysItem>> {
  return http.get<Paginated<HomeForHolidaysItem>>(OutflowRoutes.homeForHolidays, { query: { ...query } });
}
