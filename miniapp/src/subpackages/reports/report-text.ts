import {
  REPORT_KIND_LABELS,
  REPORT_STATUS_LABELS,
  reportPeriodLabel,
  type DueReport,
  type MonthlyReportFacts,
  type ReportKind,
  type ReportStatus,
} from '@pioneer/shared';

/** 2026年下半年思想汇报 */
export function reportTitle(kind: ReportKind, period: string): string {
  return `${reportPeriodLabel(kind, period)}${REPORT_KIND_LABELS[kind]}`;
}

/** 3月5日, from YYYY-MM-DD or an ISO moment (Beijing day). */
export function shortDay(dayOrIso: string): string {
  const day = dayOrIso.length > 10 ? beijingDayOf(dayOrIso) : dayOrIso;
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

function beijingDayOf(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** What a due report's card says: written and sent, or how long is left. */
export function dueText(item: DueReport, today: string): string {
  if (item.status !== 'none' && item.status !== 'draft') return REPORT_STATUS_LABELS[item.status];
  const draft = item.status === 'draft' ? '已存草稿，' : '';
  if (today > item.dueDate) return `${draft}已过截止日期（${shortDay(item.dueDate)}），请尽快补交`;
  return `${draft}请在${shortDay(item.dueDate)}前提交`;
}

export function statusText(status: ReportStatus): string {
  return REPORT_STATUS_LABELS[status];
}

/** A starting text for the monthly report from what the member took part in; they edit it before sending. */
export function monthlyDraft(facts: MonthlyReportFacts): string {
  const lines = [`${reportPeriodLabel('monthly', facts.month)}参加组织生活情况：`];
  if (facts.activities.length === 0) lines.push('本月没有扫码签到的活动记录。');
  facts.activities.forEach((a, i) => lines.push(`${i + 1}. ${shortDay(a.at)} ${a.title}`));
  lines.push(`本月在线学习 ${facts.studyMinutes} 分钟。`);
  lines.push('学习体会和下月打算：');
  return lines.join('\n');
}
