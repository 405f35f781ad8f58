/**
 * Holiday greetings (节日问候): a branch secretary, or an org admin for a
 * subtree, greets every mobile member of it: an inbox notice each, and a
 * WeChat subscribe message to those who allowed one.
 */
export const GreetingRoutes = {
  /** POST: send; GET: what an org sent. */
  greetings: '/api/greetings',
  one: '/api/greetings/:id',
} as const;

export const GREETING_TEMPLATE_KEYS = ['spring_festival', 'mid_autumn', 'party_day'] as const;
export type GreetingTemplateKey = (typeof GREETING_TEMPLATE_KEYS)[number];

export interface GreetingTemplate {
  key: GreetingTemplateKey;
  label: string;
  title: string;
  body: string;
}

/** Starting texts the secretary can edit before sending. */
export const GREETING_TEMPLATES: readonly GreetingTemplate[] = [
  {
    key: 'spring_festival',
    label: '春节',
    title: '春节问候',
    body: '值此新春佳节之际，党支部向在外打拼的您和家人致以新春的祝福！无论走多远，家乡党组织始终牵挂着您。欢迎返乡时参加乡情恳谈会，祝您新年快乐、阖家幸福！',
  },
  {
    key: 'mid_autumn',
    label: '中秋',
    title: '中秋问候',
    body: '月圆人团圆。中秋佳节，党支部向在外的您送上节日的问候，感谢您在各自岗位上发挥先锋作用。愿您身体健康、工作顺利、阖家安康！',
  },
  {
    key: 'party_day',
    label: '七一',
    title: '七一问候',
    body: '在中国共产党成立纪念日到来之际，党支部向您致以节日的问候！请不忘初心、牢记使命，积极参加所在地的组织生活，在流动中永葆先锋本色。',
  },
];

export const GREETING_TITLE_MAX = 30;
export const GREETING_BODY_MAX = 500;
export const GREETING_PAGE_DEFAULT = 20;

export const GREETING_STATUSES = ['sending', 'sent'] as const;
export type GreetingStatus = (typeof GREETING_STATUSES)[number];

export interface SendGreetingRequest {
  orgId: string;
  title: string;
  body: string;
  /** One per logical send: a double tap or a retry sends once. */
  clientKey: string;
}

export interface GreetingView {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  body: string;
  status: GreetingStatus;
  /** Inbox notices written so far. */
  recipients: number;
  createdAt: string;
  sentAt: string | null;
}

export interface ListGreetingsQuery {
  orgId: string;
  cursor?: string;
  limit?: number;
}
