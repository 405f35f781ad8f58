import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, PointsRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { makeEntry } from '../../../../../test/points-factories';
import { failure, ok } from '../../../../../test/responses';
import { reachBottom } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import MyPointsPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
});

const summary = (balance: number, pending = 0) => ok({ memberId: 'm-1', balance, pending, validYears: 2 });

describe('MyPointsPage', () => {
  it('shows the balance, what waits for review, and each entry with its source and reason', async () => {
    const earned = makeEntry({ id: 'e-1', amount: 2, reason: '参加活动“主题党日”签到' });
    const pending = makeEntry({
      id: 'e-2',
      amount: 5,
      source: 'study',
      status: 'pending',
      reason: '完成学习礼包“三月”',
    });
    const spent = makeEntry({ id: 'e-3', amount: -10, source: 'redemption', reason: '兑换“免费手机充电”' });
    fakeApi((call) => {
      if (call.path === PointsRoutes.myPoints) return summary(12, 5);
      if (call.path === PointsRoutes.myEntries)
        return call.query.cursor === 'c-2'
          ? ok({ items: [spent] })
          : ok({ items: [earned, pending], nextCursor: 'c-2' });
      return undefined;
    });
    render(<MyPointsPage />);

    expect(await screen.findByText('12')).toBeInTheDocument();
    expect(byId('points-pending')).toHaveTextContent('另有 5 分待支部审核');
    expect(await screen.findByText('参加活动“主题党日”签到')).toBeInTheDocument();
    expect(byId('entry-e-1')).toHaveTextContent('+2');
    expect(byId('entry-e-1')).toHaveTextContent('活动签到');
    expect(byId('entry-e-2')).toHaveTextContent('完成学习 · 待审核');
    act(() => reachBottom());
    expect(await screen.findByText('兑换“免费手机充电”')).toBeInTheDocument();
    expect(byId('entry-e-3')).toHaveTextContent('−10');
    expect(callsTo('GET', PointsRoutes.myEntries)[1].query).toMatchObject({ cursor: 'c-2' });
  });

  it('explains how to earn points when there are none', async () => {
    fakeApi((call) => {
      if (call.path === PointsRoutes.myPoints) return summary(0);
      if (call.path === PointsRoutes.myEntries) return ok({ items: [] });
      return undefined;
    });
    render(<MyPointsPage />);

    expect(await screen.findByText('还没有积分')).toBeInTheDocument();
    expect(screen.queryByText(/待支部审核/)).not.toBeInTheDocument();
  });

  it('says why the entries did not load and retries', async () => {
    let attempts = 0;
    fakeApi((call) => {
      if (call.path === PointsRoutes.myPoints) return summary(3);
      if (call.path !== PointsRoutes.myEntries) return undefined;
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN, '请先在“我的”页面绑定党员信息') : ok({ items: [] });
    });
    render(<MyPointsPage />);

    expect(await screen.findByText('请先在“我的”页面绑定党员信息')).toBeInTheDocument();
    fireEvent.click(byId('entries-error-retry'));
    await waitFor(() => expect(byId('entries-empty')).toBeInTheDocument());
  });
});
