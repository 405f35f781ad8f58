import {
  SubscriptionRoutes,
  type ReportSubscriptionsRequest,
  type SubscriptionResult,
  type SubscriptionsView,
} from '@pioneer/shared';
import { http } from './http';

/** The WeChat message templates to ask for (none when the server has them off) and the messages left of each. */
export function fetchSubscriptions(): Promise<SubscriptionsView> {
  return http.get<SubscriptionsView>(SubscriptionRoutes.mine);
}

/** What the person chose in WeChat's dialog; answers the credits as they now stand. */
export function reportSubscriptions(results: Record<string, SubscriptionResult>): Promise<SubscriptionsView> {
  const request: ReportSubscriptionsRequest = { results };
  return http.post<SubscriptionsView>(SubscriptionRoutes.mine, request);
}
