import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, InboxRoutes } from '@pioneer/shared';
import { makeInboxItem } from '../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../test/api';
import { failure, ok } from '../../../test/responses';
import { byId } from '../../../test/ui';
import { TodoCard } from './todo-card';

describe('TodoCard', () => {
  it('lists the newest open to-dos with the total, and asks only for open to-dos', async () => {
    fakeApi((call) => {
      if (call.path === InboxRoutes.summary) return ok({ unreadNotices: 2, openTodos: 7 });
      if (call.path === InboxRoutes.list)
        return ok({
          items: [
            makeInboxItem({ id: 't-1', category: 'todo', title: '外出报告待审批' }),
            makeInboxItem({ id: 't-2', category: 'todo', title: '责任清单事项已逾期' }),
          ],
          nextCursor: 'c-2',
        });
      return undefined;
    });
    render(<TodoCard />);

    expect(await screen.findByText('外出报告待审批')).toBeInTheDocument();
    expect(byId('home-todos')).toHaveTextContent('待办事项（7）');
    expect(byId('home-todo-t-2')).toHaveTextContent('责任清单事项已逾期');
    expect(byId('home-todos-all')).toHaveTextContent('查看全部待办（7）');
    expect(callsTo('GET', InboxRoutes.list)[0].query).toMatchObject({ category: 'todo', pending: 'true', limit: '5' });
  });

  it('says when nothing is waiting, or stays away on a member’s home', async () => {
    fakeApi((call) => {
      if (call.path === InboxRoutes.summary) return ok({ unreadNotices: 0, openTodos: 0 });
      if (call.path === InboxRoutes.list) return ok({ items: [] });
      return undefined;
    });
    const { unmount } = render(<TodoCard />);
    expect(await screen.findByText('眼下没有待办事项。')).toBeInTheDocument();
    unmount();
    render(<TodoCard hideWhenEmpty />);
    await waitFor(() => expect(callsTo('GET', InboxRoutes.list)).toHaveLength(2));
    await act(() => Promise.resolve());
    expect(document.getElementById('home-todos')).toBeNull();
  });

  it('says why the list did not load, and retries', async () => {
    let attempts = 0;
    fakeApi((call) => {
      if (call.path === InboxRoutes.summary) {
        attempts += 1;
        return attempts === 1 ? failure(ErrorCode.RATE_LIMITED) : ok({ unreadNotices: 0, openTodos: 0 });
      }
      return ok({ items: [] });
    });
    render(<TodoCard />);
    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByText('眼下没有待办事项。')).toBeInTheDocument();
  });
});
