/**
 * Member reports: the thought report (思想汇报, one per half year) and the
 * monthly organisational-life report (组织生活月报告). A member writes them in
 * the app; the sending branch's secretary reads and replies. Periods are
 * calendar periods in Beijing time: `2026-H1`, `2026-H2` for thought reports,
 * `2026-03` for monthly ones.
 */
export const ReportRoutes = {
  /** The member's current periods, one per kind, and how each stands. */
  myDue: '/api/me/reports/due',
  /** The monthly report's facts for a month (check-ins and study), to pre-fill it. */
  myFacts: '/api/me/reports/facts',
  myList: '/api/me/reports',
  myOne: '/api/me/reports/:id',
  /** PUT: keep a draft (created on first save). */
  draft: '/api/me/reports/draft',
  /** POST: submit (one per kind and period). */
  submit: '/api/me/reports',
  /** Sending-side staff. */
  list: '/api/reports',
  one: '/api/reports/:id',
  reply: '/api/reports/:id/reply',
} as const;

export const REPORT_KINDS = ['thought', 'monthly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  thought: '思想汇报',
  monthly: '组织生活月报告',
};

/** draft: only the member sees it; submitted: waiting to be read; read; replied. */
export const REPORT_STATUSES = ['draft', 'submitted', 'read', 'replied'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  read: '书记已阅',
  replied: '书记已回复',
};

export const REPORT_BODY_MAX = 20_000;
export const REPORT_REPLY_MAX = 2_000;
export const REPORT_PAGE_DEFAULT = 20;
export const REPORT_PAGE_MAX = 100;

const THOUGHT_PERIOD = /^(\d{4})-H([12])$/;
const MONTHLY_PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** China has one time zone and no daylight saving. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function beijing(at: Date): { year: number; month: number; day: number } {
  const d = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Beijing calendar day of a moment, YYYY-MM-DD. */
export function beijingDay(at: Date): string {
  const { year, month, day } = beijing(at);
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function isValidReportPeriod(kind: ReportKind, period: string): boolean {
  return (kind === 'thought' ? THOUGHT_PERIOD : MONTHLY_PERIOD).test(period);
}

/** The period a moment falls in (Beijing time). */
export function reportPeriodOf(kind: ReportKind, at: Date): string {
  const { year, month } = beijing(at);
  return kind === 'thought' ? `${year}-H${month <= 6 ? 1 : 2}` : `${year}-${pad(month)}`;
}

/** The period before `period`. */
export function previousReportPeriod(kind: ReportKind, period: string): string {
  if (kind === 'thought') {
    const [, y, h] = THOUGHT_PERIOD.exec(period) ?? [];
    return h === '2' ? `${y}-H1` : `${Number(y) - 1}-H2`;
  }
  const [, y, m] = MONTHLY_PERIOD.exec(period) ?? [];
  return m === '01' ? `${Number(y) - 1}-12` : `${y}-${pad(Number(m) - 1)}`;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First and last calendar day of a period (YYYY-MM-DD). */
export function reportPeriodDays(kind: ReportKind, period: string): { first: string; last: string } {
  if (kind === 'thought') {
    const [, y, h] = THOUGHT_PERIOD.exec(period) ?? [];
    return h === '1' ? { first: `${y}-01-01`, last: `${y}-06-30` } : { first: `${y}-07-01`, last: `${y}-12-31` };
  }
  const [, y, m] = MONTHLY_PERIOD.exec(period) ?? [];
  return { first: `${y}-${m}-01`, last: `${y}-${m}-${pad(lastDayOfMonth(Number(y), Number(m)))}` };
}

/** How a period reads to people: 2026年上半年, 2026年3月. */
export function reportPeriodLabel(kind: ReportKind, period: string): string {
  if (kind === 'thought') return `${period.slice(0, 4)}年${period.endsWith('H1') ? '上' : '下'}半年`;
  return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}

/** The report is due by the last day of its period. */
export function reportDueDate(kind: ReportKind, period: string): string {
  return reportPeriodDays(kind, period).last;
}

/**
 * From which day a member who has not submitted is reminded: the first day
 * of the last month of a half year for a thought report (a month's notice),
 * the 25th for a monthly report.
 */
export function reportRemindFrom(kind: ReportKind, period: string): string {
  const { last } = reportPeriodDays(kind, period);
  return kind === 'thought' ? `${last.slice(0, 7)}-01` : `${last.slice(0, 7)}-25`;
}

/** Whether a reminder for `period` is due on the Beijing day of `now` (from remindFrom to the due date). */
export function isReportReminderDue(kind: ReportKind, period: string, now: Date): boolean {
  const today = beijingDay(now);
  return today >= reportRemindFrom(kind, period) && today <= reportDueDate(kind, period);
}

/** A member may write the current period's report, or the last period's late; never a future one. */
export function submittableReportPeriods(kind: ReportKind, now: Date): string[] {
  const current = reportPeriodOf(kind, now);
  return [current, previousReportPeriod(kind, current)];
}

/** How a period's report stands for the member; `none` when nothing was written yet. */
export interface DueReport {
  kind: ReportKind;
  period: string;
  /** YYYY-MM-DD, Beijing. */
  dueDate: string;
  remindFrom: string;
  status: ReportStatus | 'none';
  reportId: string | null;
}

export interface MyDueReports {
  items: DueReport[];
}

/** What the member took part in during a month, to pre-fill the monthly report. */
export interface MonthlyReportFacts {
  month: string;
  activities: { title: string; kind: string; at: string }[];
  /** Credited study time that month. */
  studyMinutes: number;
}

export interface MyReportView {
  id: string;
  kind: ReportKind;
  period: string;
  status: ReportStatus;
  body: string;
  submittedAt: string | null;
  readAt: string | null;
  reply: string | null;
  repliedAt: string | null;
  updatedAt: string;
}

export interface MyReportListItem {
  id: string;
  kind: ReportKind;
  period: string;
  status: ReportStatus;
  submittedAt: string | null;
  repliedAt: string | null;
  updatedAt: string;
}

export interface SaveReportDraftRequest {
  kind: ReportKind;
  period: string;
  body: string;
}

export interface SubmitReportRequest {
  kind: ReportKind;
  period: string;
  body: string;
  /** One per logical submission, reused on retries: a retry answers the first submission. */
  clientKey: string;
}

/** A report as the sending side lists it (no text). */
export interface ReportListItem {
  id: string;
  kind: ReportKind;
  period: string;
  status: Exclude<ReportStatus, 'draft'>;
  memberId: string;
  memberName: string;
  branchName: string;
  submittedAt: string;
  readAt: string | null;
  repliedAt: string | null;
}

export interface ReportView extends ReportListItem {
  body: string;
  reply: string | null;
}

export interface ListReportsQuery {
  /** Limit to an org subtree the caller acts for. */
  orgId?: string;
  status?: Exclude<ReportStatus, 'draft'>;
  kind?: ReportKind;
  cursor?: string;
  limit?: number;
}

export interface ListMyReportsQuery {
  cursor?: string;
  limit?: number;
}

export interface ReplyReportRequest {
  reply: string;
}
