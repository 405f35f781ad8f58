import type { DueReport } from '@pioneer/shared';
import { dueText, monthlyDraft, reportTitle, shortDay } from './report-text';

const due = (over: Partial<DueReport>): DueReport => ({
  kind: 'monthly',
  period: '2026-11',
  dueDate: '2026-11-30',
  remindFrom: '2026-11-25',
  status: 'none',
  reportId: null,
  ...over,
});

describe('report texts', () => {
  it('names a report by its period and kind', () => {
    expect(reportTitle('thought', '2026-H2')).toBe('2026年下半年思想汇报');
    expect(reportTitle('monthly', '2026-03')).toBe('2026年3月组织生活月报告');
  });

  it('reads days in Beijing time', () => {
    expect(shortDay('2026-03-05')).toBe('3月5日');
    expect(shortDay('2026-02-28T16:30:00.000Z')).toBe('3月1日');
  });

  it.each([
    [due({}), '2026-11-26', '请在11月30日前提交'],
    [due({ status: 'draft' }), '2026-11-26', '已存草稿，请在11月30日前提交'],
    [
      due({ period: '2026-10', dueDate: '2026-10-31', status: 'draft' }),
      '2026-11-26',
      '已存草稿，已过截止日期（10月31日），请尽快补交',
    ],
    [due({ status: 'submitted' }), '2026-11-26', '已提交'],
    [due({ status: 'replied' }), '2026-12-26', '书记已回复'],
  ])('says how a due report stands (%#)', (item, today, text) => {
    expect(dueText(item, today)).toBe(text);
  });

  it('starts the monthly report from the month’s check-ins and study', () => {
    expect(
      monthlyDraft({
        month: '2026-11',
        activities: [
          { title: '主题党日', kind: 'theme_day', at: '2026-11-10T01:05:00.000Z' },
          { title: '党课', kind: 'party_lecture', at: '2026-11-20T12:00:00.000Z' },
        ],
        studyMinutes: 95,
      }),
    ).toBe(
      '2026年11月参加组织生活情况：\n1. 11月10日 主题党日\n2. 11月20日 党课\n本月在线学习 95 分钟。\n学习体会和下月打算：',
    );
    expect(monthlyDraft({ month: '2026-11', activities: [], studyMinutes: 0 })).toContain(
      '本月没有扫码签到的活动记录。',
    );
  });
});
