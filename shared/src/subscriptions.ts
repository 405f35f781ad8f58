export const SubscriptionRoutes = {
  mine: '/api/me/subscriptions',
} as const;

/**
 * What a WeChat subscribe message (订阅消息) is for. Each purpose is one
 * template configured on the server; a purpose whose template is not
 * configured is simply not offered.
 */
export const SUBSCRIPTION_PURPOSES = ['flow_todo', 'flow_notice', 'study_pack'] as const;
export type SubscriptionPurpose = (typeof SUBSCRIPTION_PURPOSES)[number];

export const SUBSCRIPTION_PURPOSE_LABELS: Record<SubscriptionPurpose, string> = {
  flow_todo: '待办提醒',
  flow_notice: '通知提醒',
  study_pack: '学习提醒',
};

/** What `wx.requestSubscribeMessage` answers per template id. Only `accept` grants a message. */
export const SUBSCRIPTION_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;
export type SubscriptionResult = (typeof SUBSCRIPTION_RESULTS)[number];

/** WeChat lets one `requestSubscribeMessage` call ask for at most this many templates. */
export const SUBSCRIPTION_TEMPLATES_PER_REQUEST = 3;

export interface SubscriptionTemplate {
  templateId: string;
  purpose: SubscriptionPurpose;
  /** What the person is asked to allow, e.g. 待办提醒. */
  label: string;
  /**
   * How many messages of this template may still be sent to the person: each
   * "allow" in WeChat's dialog is good for exactly one.
   */
  credits: number;
}

/** The templates to ask for (none when the feature is off on this server) and what is left of each. */
export interface SubscriptionsView {
  templates: SubscriptionTemplate[];
}

/** What the phone reports after `wx.requestSubscribeMessage`: its answer per template id. */
export interface ReportSubscriptionsRequest {
  results: Record<string, SubscriptionResult>;
}
