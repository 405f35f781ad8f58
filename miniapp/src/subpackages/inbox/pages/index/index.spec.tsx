import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, InboxRoutes, Role } from '@pioneer/shared';
import { makeInboxItem } from '../../../../../test/activity-factories';
import { callsTo, fakeApi, type SentCall } from '../../../../../test/api';
import { makeAccount, makeFlowSendingView, makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok, type FakeResponse } from '../../../../../test/responses';
import { reachBottom, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import InboxPage from './index';

function server(
  list: (call: SentCall) => FakeResponse,
  extra: (call: SentCall) => FakeResponse | undefined = () => undefined,
) {
  fakeApi((call) => {
    if (call.path === InboxRoutes.summary) return ok({ unreadNotices: 2, openTodos: 3 });
    if (call.path === InboxRoutes.list) return list(call);
    const read = /^\/api\/inbox\/([^/]+)\/read$/.exec(call.path);
    if (call.method === 'POST' && read) return ok(makeInboxItem({ id: read[1], readAt: '2025-03-05T02:00:00.000Z' }));
    return extra(call);
  });
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
});

describe('InboxPage', () => {
  it('opens on the to-dos with the counts from the summary, open ones emphasised', async () => {
    server(() =>
      ok({
        items: [
          makeInboxItem({ id: 'i-1', category: 'todo', kind: 'flow.arrived', title: '王师傅到本支部报到，待确认' }),
          makeInboxItem({
            id: 'i-2',
            category: 'todo',
            title: '赵大姐的报到已确认',
            readAt: '2025-03-05T02:00:00.000Z',
            doneAt: '2025-03-05T02:00:00.000Z',
          }),
        ],
      }),
    );
    render(<InboxPage />);

    expect(await screen.findByText('王师傅到本支部报到，待确认')).toBeInTheDocument();
    expect(callsTo('GET', InboxRoutes.list)[0].query).toMatchObject({ category: 'todo', limit: '20' });
    expect(byId('inbox-todo')).toHaveTextContent('待办（3）');
    expect(byId('inbox-notice')).toHaveTextContent('通知（2）');
    expect(byId('inbox-item-i-1')).toHaveClass('inbox-item--unread');
    expect(byId('inbox-item-i-1')).toHaveTextContent('待处理');
    expect(byId('inbox-item-i-2')).not.toHaveClass('inbox-item--unread');
    expect(byId('inbox-item-i-2')).toHaveTextContent('已处理');
  });

  it('switches to the notices', async () => {
    server((call) =>
      ok({
        items:
          call.query.category === 'notice'
            ? [makeInboxItem({ id: 'n-1', title: '外出报告已批准' })]
            : [makeInboxItem({ category: 'todo', title: '待办一' })],
      }),
    );
    render(<InboxPage />);

    await screen.findByText('待办一');
    fireEvent.click(byId('inbox-notice'));

    expect(await screen.findByText('外出报告已批准')).toBeInTheDocument();
    expect(byId('inbox-item-n-1')).toHaveTextContent('未读');
  });

  it('marks an open to-do read and takes the secretary to the pending list', async () => {
    server(() => ok({ items: [makeInboxItem({ id: 'i-1', category: 'todo', title: '王师傅到本支部报到，待确认' })] }));
    render(<InboxPage />);

    fireEvent.click(await screen.findByText('王师傅到本支部报到，待确认'));

    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.secretaryPending });
    await waitFor(() => expect(callsTo('POST', '/api/inbox/i-1/read')).toHaveLength(1));
    // The counts follow once the server has marked it.
    await waitFor(() => expect(callsTo('GET', InboxRoutes.summary)).toHaveLength(2));
    await screen.findByText('待办（3）');
  });

  it('opens a notice about a flow on the member’s page, without marking it read twice', async () => {
    server(
      () =>
        ok({
          items: [
            makeInboxItem({ id: 'n-1', subjectType: 'flow', subjectId: 'f-9', title: '王师傅已报到' }),
            makeInboxItem({ id: 'n-2', readAt: '2025-03-05T02:00:00.000Z', subjectType: 'activity', subjectId: 'a-1' }),
          ],
        }),
      (call) => (call.path === '/api/flows/f-9' ? ok(makeFlowSendingView({ id: 'f-9', memberId: 'm-4' })) : undefined),
    );
    render(<InboxPage />);
    fireEvent.click(await screen.findByText('通知（2）'));

    fireEvent.click(await screen.findByText('王师傅已报到'));
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.secretaryPerson}?id=m-4` }));
    expect(byId('inbox-item-n-1')).not.toHaveClass('inbox-item--unread');

    fireEvent.click(byId('inbox-item-n-2'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: `${Routes.secretaryActivity}?id=a-1` });
    expect(callsTo('POST', '/api/inbox/n-2/read')).toHaveLength(0);
    await waitFor(() => expect(callsTo('GET', InboxRoutes.summary)).toHaveLength(2));
  });

  it('sends a member to their home page, where their own flow shows', async () => {
    act(() => sessionStore.set(makeSession({ account: makeAccount({ roles: [Role.MEMBER] }) })));
    server(() => ok({ items: [makeInboxItem({ id: 'n-1', category: 'todo', title: '您的报到已确认' })] }));
    render(<InboxPage />);

    fireEvent.click(await screen.findByText('您的报到已确认'));

    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: Routes.home });
    await waitFor(() => expect(callsTo('GET', InboxRoutes.summary)).toHaveLength(2));
  });

  it('pages on with the cursor', async () => {
    server((call) =>
      call.query.cursor === 'c-2'
        ? ok({ items: [makeInboxItem({ category: 'todo', title: '第二页的待办' })] })
        : ok({ items: [makeInboxItem({ category: 'todo', title: '第一页的待办' })], nextCursor: 'c-2' }),
    );
    render(<InboxPage />);

    await screen.findByText('第一页的待办');
    act(() => reachBottom());

    expect(await screen.findByText('第二页的待办')).toBeInTheDocument();
    expect(callsTo('GET', InboxRoutes.list).map((call) => call.query.cursor)).toEqual([undefined, 'c-2']);
  });

  it('says 暂无消息 when there is nothing, and shows failures with a retry', async () => {
    let attempts = 0;
    server(() => {
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN) : ok({ items: [] });
    });
    render(<InboxPage />);

    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    fireEvent.click(byId('inbox-error-retry'));

    expect(await screen.findByText('暂无消息')).toBeInTheDocument();
  });
});
