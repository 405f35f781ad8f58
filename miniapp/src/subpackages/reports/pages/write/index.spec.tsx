import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, ReportRoutes, type MyDueReports, type MyReportView } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import WriteReportPage from './index';

const report = (over: Partial<MyReportView> = {}): MyReportView => ({
  id: 'r1',
  kind: 'monthly',
  period: '2026-11',
  status: 'submitted',
  body: '本月参加了主题党日。',
  submittedAt: '2026-11-26T02:00:00.000Z',
  readAt: null,
  reply: null,
  repliedAt: null,
  updatedAt: '2026-11-26T02:00:00.000Z',
  ...over,
});
const noneDue: MyDueReports = {
  items: [
    {
      kind: 'monthly',
      period: '2026-11',
      dueDate: '2026-11-30',
      remindFrom: '2026-11-25',
      status: 'none',
      reportId: null,
    },
  ],
};

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession()));
});

describe('WriteReportPage', () => {
  it('pre-fills the monthly report, asks once more, and sends it with one client key across tries', async () => {
    setRouterParams({ kind: 'monthly', period: '2026-11' });
    let submits = 0;
    fakeApi((call) => {
      if (call.path === ReportRoutes.myDue) return ok(noneDue);
      if (call.path === ReportRoutes.myFacts)
        return ok({
          month: '2026-11',
          activities: [{ title: '主题党日', kind: 'theme_day', at: '2026-11-10T01:05:00.000Z' }],
          studyMinutes: 30,
        });
      if (call.method === 'POST' && call.path === ReportRoutes.submit) {
        submits += 1;
        return submits === 1 ? failure(ErrorCode.RATE_LIMITED) : ok(report(), 201);
      }
      return undefined;
    });
    render(<WriteReportPage />);

    expect(await screen.findByText('2026年11月组织生活月报告')).toBeInTheDocument();
    fireEvent.click(screen.getByText('用本月签到和学习记录开头'));
    await waitFor(() => expect(callsTo('GET', ReportRoutes.myFacts)[0].query).toEqual({ month: '2026-11' }));
    await waitFor(() =>
      expect(document.querySelector<HTMLTextAreaElement>('#write-body textarea')?.value).toContain('11月10日 主题党日'),
    );
    await typeInto('write-body', '十一月参加了主题党日，学习了党章。');

    fireEvent.click(screen.getByText('提交给支部'));
    fireEvent.click(byId('write-confirm-confirm'));
    expect(await screen.findByText(ERROR_TEXT)).toBeInTheDocument();
    fireEvent.click(screen.getByText('提交给支部'));
    fireEvent.click(byId('write-confirm-confirm'));

    expect(await screen.findByText('已提交')).toBeInTheDocument();
    expect(byId('report-body')).toHaveTextContent('本月参加了主题党日。');
    const sent = callsTo('POST', ReportRoutes.submit).map((c) => c.data as Record<string, string>);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ kind: 'monthly', period: '2026-11', body: '十一月参加了主题党日，学习了党章。' });
    expect(sent[1].clientKey).toBe(sent[0].clientKey);
  });

  it('keeps a draft', async () => {
    setRouterParams({ kind: 'monthly', period: '2026-11' });
    fakeApi((call) => {
      if (call.path === ReportRoutes.myDue) return ok(noneDue);
      if (call.method === 'PUT' && call.path === ReportRoutes.draft) {
        return ok(report({ status: 'draft', body: (call.data as { body: string }).body, submittedAt: null }));
      }
      return undefined;
    });
    render(<WriteReportPage />);
    await typeInto('write-body', '先写一半');
    fireEvent.click(screen.getByText('保存草稿'));
    await waitFor(() =>
      expect(callsTo('PUT', ReportRoutes.draft)[0].data).toEqual({
        kind: 'monthly',
        period: '2026-11',
        body: '先写一半',
      }),
    );
  });

  it('shows a sent report and the secretary’s reply, with no way to change it', async () => {
    setRouterParams({ id: 'r1' });
    fakeApi((call) =>
      call.path === ReportRoutes.myOne.replace(':id', 'r1')
        ? ok(report({ status: 'replied', reply: '汇报收悉，望继续发挥先锋作用。' }))
        : undefined,
    );
    render(<WriteReportPage />);
    expect(await screen.findByText('书记已回复')).toBeInTheDocument();
    expect(byId('report-reply')).toHaveTextContent('汇报收悉，望继续发挥先锋作用。');
    expect(screen.queryByText('提交给支部')).toBeNull();
  });

  it('says so when the period’s report was already sent from another phone', async () => {
    setRouterParams({ kind: 'monthly', period: '2026-11' });
    fakeApi((call) => {
      if (call.path === ReportRoutes.myDue) return ok(noneDue);
      if (call.path === ReportRoutes.submit) return failure(ErrorCode.REPORT_ALREADY_SUBMITTED);
      return undefined;
    });
    render(<WriteReportPage />);
    await typeInto('write-body', '内容');
    fireEvent.click(screen.getByText('提交给支部'));
    fireEvent.click(byId('write-confirm-confirm'));
    expect(await screen.findByText('这一期的汇报已经提交过了，不能重复提交')).toBeInTheDocument();
  });

  it('offers a retry when loading fails', async () => {
    setRouterParams({ id: 'gone' });
    fakeApi(() => failure(ErrorCode.NOT_FOUND, '找不到这份汇报'));
    render(<WriteReportPage />);
    expect(await screen.findByText('找不到这份汇报')).toBeInTheDocument();
    expect(byId('write-error-retry')).toBeInTheDocument();
  });
});

const ERROR_TEXT = '操作太频繁，请稍后再试';
