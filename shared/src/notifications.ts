export const InboxRoutes = {
  list: '/api/inbox',
  summary: '/api/inbox/summary',
  read: '/api/inbox/:id/read',
} as const;

/**
 * A notice tells; a to-do waits for someone to act and is done when the act
 * is taken (the arrival confirmed, the found member confirmed).
 */
export const INBOX_CATEGORIES = ['notice', 'todo'] as const;
export type InboxCategory = (typeof INBOX_CATEGORIES)[number];

export const INBOX_KINDS = [
  'flow.arrived',
  'flow.found',
  'flow.activated',
  'flow.reported',
  'flow.transferred_in',
  'flow.changes_requested',
  'flow.approved',
  'flow.overdue',
  'flow.overdue_escalated',
  'flow.home_stay',
  'study.pack',
  'study.reminder',
  'pairing.contact_due',
  'pairing.lost_proposed',
  'responsibility.overdue',
  'responsibility.escalated',
  'report.due',
  'report.submitted',
  'report.replied',
  'suggestion.received',
  'suggestion.updated',
  'greeting',
  'feedback.due',
  'feedback.received',
  'feedback.acknowledged',
  'evaluation.opened',
  'evaluation.result',
  'volunteer.request',
  'volunteer.request_decided',
  'volunteer.invite',
  'volunteer.signup',
  'volunteer.confirmed',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export interface InboxItem {
  id: string;
  category: InboxCategory;
  kind: InboxKind;
  title: string;
  body: string;
  /** The flow, member, activity, study pack or yearly study plan it is about, for opening the right screen. */
  subjectType:
    | 'flow'
    | 'member'
    | 'activity'
    | 'study_pack'
    | 'study_plan'
    | 'responsibility'
    | 'member_report'
    | 'suggestion'
    | 'greeting'
    | 'feedback'
    | 'evaluation_round'
    | 'volunteer_request'
    | 'volunteer_need'
    | 'volunteer_service';
  subjectId: string;
  /** Which branch it was addressed to, when addressed to a branch rather than a person. */
  orgName: string | null;
  createdAt: string;
  readAt: string | null;
  /** For to-dos: when the awaited act was taken. */
  doneAt: string | null;
}

export interface ListInboxQuery {
  category?: InboxCategory;
  /** Only what is unread (notices) or not done (to-dos). */
  pending?: boolean;
  cursor?: string;
  limit?: number;
}

export interface InboxSummary {
  unreadNotices: number;
  openTodos: number;
}

export const INBOX_PAGE_DEFAULT = 20;
export const INBOX_PAGE_MAX = 100;
