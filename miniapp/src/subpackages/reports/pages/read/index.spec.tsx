import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, ReportRoutes, type ReportView } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import ReadReportPage from './index';

const report = (over: Partial<ReportView> = {}): ReportView => ({
  id: 'r1',
  kind: 'thought',
  period: '2026-H2',
  status: 'read',
  memberId: 'm1',
  memberName: '李秀英',
  branchName: '东风村党支部',
  submittedAt: '2026-11-26T02:00:00.000Z',
  readAt: '2026-11-27T02:00:00.000Z',
  repliedAt: null,
  body: '半年来认真学习。',
  reply: null,
  ...over,
});

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
  setRouterParams({ id: 'r1' });
});

describe('ReadReportPage', () => {
  it('shows the report and sends one reply', async () => {
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === '/api/reports/r1') return ok(report());
      if (call.method === 'POST' && call.path === '/api/reports/r1/reply')
        return ok(report({ status: 'replied', reply: (call.data as { reply: string }).reply }));
      return undefined;
    });
    render(<ReadReportPage />);
    expect(await screen.findByText('2026年下半年思想汇报')).toBeInTheDocument();
    expect(byId('read-body')).toHaveTextContent('半年来认真学习。');
    await typeInto('read-reply-text', '汇报收悉，望继续努力。');
    fireEvent.click(screen.getByText('发送回复'));
    await waitFor(() => expect(byId('read-reply')).toHaveTextContent('汇报收悉，望继续努力。'));
    expect(callsTo('POST', ReportRoutes.reply.replace(':id', 'r1'))[0].data).toEqual({
      reply: '汇报收悉，望继续努力。',
    });
    expect(screen.queryByText('发送回复')).toBeNull();
  });

  it('shows the refusal when another secretary replied first', async () => {
    fakeApi((call) => {
      if (call.method === 'GET') return ok(report());
      return failure(ErrorCode.REPORT_WRONG_STATE, '这份汇报已经回复过了');
    });
    render(<ReadReportPage />);
    await typeInto('read-reply-text', '好');
    fireEvent.click(await screen.findByText('发送回复'));
    expect(await screen.findByText('这份汇报已经回复过了')).toBeInTheDocument();
  });
});
