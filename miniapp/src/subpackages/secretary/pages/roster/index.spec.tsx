import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, MemberRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeMemberListItem, makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { reachBottom, taroMock } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import RosterPage from './index';

const listCalls = () => callsTo('GET', MemberRoutes.list);

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
});

describe('RosterPage', () => {
  it('says in the search box that only full names, phones and ID numbers are found', async () => {
    fakeApi(() => ok({ items: [] }));
    render(<RosterPage />);

    expect(byId('roster-search').getAttribute('placeholder')).toBe('输入完整姓名、手机号或身份证号');
    expect(await screen.findByText('名册中还没有党员')).toBeInTheDocument();
  });

  it('lists the branch’s own members first, then sends the typed search as q', async () => {
    fakeApi((call) =>
      call.path === MemberRoutes.list
        ? ok({
            items: call.query.q ? [makeMemberListItem({ name: '王建军' })] : [makeMemberListItem({ name: '李四' })],
          })
        : undefined,
    );
    render(<RosterPage />);

    expect(await screen.findByText('李四')).toBeInTheDocument();
    expect(listCalls()[0].query).toEqual({ side: 'sending', limit: '20' });

    await typeInto('roster-search', ' 王建军 ');
    fireEvent.click(screen.getByText('查找'));

    expect(await screen.findByText('王建军')).toBeInTheDocument();
    expect(listCalls()[1].query).toEqual({ side: 'sending', q: '王建军', limit: '20' });
    expect(screen.queryByText('李四')).toBeNull();
  });

  it('loads the next page with the cursor when scrolled to the bottom, and says when the end is reached', async () => {
    const first = [makeMemberListItem({ name: '第一页' })];
    const second = [makeMemberListItem({ name: '第二页' })];
    fakeApi((call) => {
      if (call.path !== MemberRoutes.list) return undefined;
      return call.query.cursor === 'c-1' ? ok({ items: second }) : ok({ items: first, nextCursor: 'c-1' });
    });
    render(<RosterPage />);

    expect(await screen.findByText('第一页')).toBeInTheDocument();
    expect(byId('roster-more')).toHaveTextContent('加载更多');
    act(() => reachBottom());

    expect(await screen.findByText('第二页')).toBeInTheDocument();
    expect(screen.getByText('第一页')).toBeInTheDocument();
    expect(listCalls().map((call) => call.query.cursor)).toEqual([undefined, 'c-1']);
    expect(byId('roster-end')).toHaveTextContent('已经到底了');
    act(() => reachBottom());
    expect(listCalls()).toHaveLength(2);
  });

  it('keeps the rows shown and offers a retry when the next page fails', async () => {
    let failNext = true;
    fakeApi((call) => {
      if (call.path !== MemberRoutes.list) return undefined;
      if (!call.query.cursor) return ok({ items: [makeMemberListItem({ name: '第一页' })], nextCursor: 'c-1' });
      if (failNext) {
        failNext = false;
        return failure(ErrorCode.FORBIDDEN);
      }
      return ok({ items: [makeMemberListItem({ name: '第二页' })] });
    });
    render(<RosterPage />);

    fireEvent.click(await screen.findByText('加载更多'));
    expect(await screen.findByText(/下一页没有加载出来/)).toBeInTheDocument();
    expect(screen.getByText('第一页')).toBeInTheDocument();

    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('第二页')).toBeInTheDocument();
  });

  it('shows an empty state that explains exact search when nothing matches', async () => {
    fakeApi((call) => (call.path === MemberRoutes.list ? ok({ items: [] }) : undefined));
    render(<RosterPage />);

    await typeInto('roster-search', '王建');
    fireEvent.click(screen.getByText('查找'));

    expect(await screen.findByText('没有找到“王建”')).toBeInTheDocument();
    expect(byId('roster-empty')).toHaveTextContent('不支持只输入一部分');
  });

  it('switches to members who flowed in', async () => {
    fakeApi((call) =>
      call.path === MemberRoutes.list
        ? ok({
            items:
              call.query.side === 'receiving'
                ? [makeMemberListItem({ side: 'receiving', name: '流入的赵师傅', flowStatus: 'active' })]
                : [],
          })
        : undefined,
    );
    render(<RosterPage />);

    expect(await screen.findByText('名册中还没有党员')).toBeInTheDocument();
    fireEvent.click(screen.getByText('流入党员'));

    expect(await screen.findByText('流入的赵师傅')).toBeInTheDocument();
    expect(screen.getByText('双向共管中')).toBeInTheDocument();
    expect(listCalls().at(-1)?.query.side).toBe('receiving');
  });

  it('opens a member’s page when the row is tapped', async () => {
    fakeApi((call) =>
      call.path === MemberRoutes.list ? ok({ items: [makeMemberListItem({ id: 'm-7', name: '王建军' })] }) : undefined,
    );
    render(<RosterPage />);

    fireEvent.click(await screen.findByText('王建军'));

    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.secretaryPerson}?id=m-7` });
  });

  it('offers a retry when the first page fails', async () => {
    let attempts = 0;
    fakeApi((call) => {
      if (call.path !== MemberRoutes.list) return undefined;
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN) : ok({ items: [makeMemberListItem({ name: '李四' })] });
    });
    render(<RosterPage />);

    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(screen.getByText('李四')).toBeInTheDocument());
  });
});
