import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CheckinRoutes, ErrorCode, OrgRoutes } from '@pioneer/shared';
import { makeActivitySummary, makeOrg } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { reachBottom, setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import ActivitiesPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
});

describe('ActivitiesPage', () => {
  it('lists the caller’s branch activities with their status and opens one', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([makeOrg('b-1', '东王庄村党支部')]);
      if (call.path === CheckinRoutes.activities)
        return ok({
          items: [
            makeActivitySummary({ id: 'a-1', title: '3月主题党日', status: 'open' }),
            makeActivitySummary({ id: 'a-2', title: '支部党员大会', kind: 'members_meeting', status: 'cancelled' }),
          ],
        });
      return undefined;
    });
    render(<ActivitiesPage />);

    expect(await screen.findByText('3月主题党日')).toBeInTheDocument();
    expect(byId('activity-item-a-1')).toHaveTextContent('签到中');
    expect(byId('activity-item-a-1')).toHaveTextContent('主题党日');
    expect(byId('activity-item-a-2')).toHaveTextContent('已取消');
    expect(byId('activity-item-a-2')).toHaveTextContent('支部党员大会');
    expect(callsTo('GET', CheckinRoutes.activities)[0].query).toMatchObject({ branchId: 'b-1', limit: '20' });

    fireEvent.click(byId('activity-item-a-1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.secretaryActivity}?id=a-1` });
  });

  it('invites the first activity when there is none, with the button below', async () => {
    setRouterParams({ branchId: 'b-9' });
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-9') return ok(makeOrg('b-9', '北关村党支部'));
      if (call.path === CheckinRoutes.activities) return ok({ items: [] });
      return undefined;
    });
    render(<ActivitiesPage />);

    expect(await screen.findByText('还没有活动，点击下方按钮发起第一次活动')).toBeInTheDocument();
    expect(byId('activities-empty-block')).toContainElement(byId('activities-new'));
    expect(callsTo('GET', OrgRoutes.list)).toHaveLength(0);

    fireEvent.click(byId('activities-new'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.secretaryActivityNew}?branchId=b-9` });
  });

  it('loads the next page with the cursor when scrolled to the bottom', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([makeOrg('b-1', '东王庄村党支部')]);
      if (call.path === CheckinRoutes.activities)
        return call.query.cursor === 'c-2'
          ? ok({ items: [makeActivitySummary({ title: '党课：新时代的流动党员' })] })
          : ok({ items: [makeActivitySummary({ title: '3月主题党日' })], nextCursor: 'c-2' });
      return undefined;
    });
    render(<ActivitiesPage />);

    await screen.findByText('3月主题党日');
    act(() => reachBottom());

    expect(await screen.findByText('党课：新时代的流动党员')).toBeInTheDocument();
    expect(byId('activities-end')).toHaveTextContent('共 2 条');
  });

  it('lets the secretary switch between several branches', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list)
        return ok([
          makeOrg('t-1', '西村乡党委', 'township'),
          makeOrg('b-1', '东村党支部'),
          makeOrg('b-2', '西村党支部'),
        ]);
      if (call.path === CheckinRoutes.activities)
        return ok({ items: [makeActivitySummary({ title: `${call.query.branchId} 的活动` })] });
      return undefined;
    });
    render(<ActivitiesPage />);

    expect(await screen.findByText('b-1 的活动')).toBeInTheDocument();
    expect(document.getElementById('activities-branches-t-1')).toBeNull();
    fireEvent.click(byId('activities-branches-b-2'));

    expect(await screen.findByText('b-2 的活动')).toBeInTheDocument();
  });

  it('shows why the list failed and retries', async () => {
    let attempts = 0;
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([makeOrg('b-1', '东王庄村党支部')]);
      if (call.path !== CheckinRoutes.activities) return undefined;
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN) : ok({ items: [] });
    });
    render(<ActivitiesPage />);

    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    fireEvent.click(byId('activities-error-retry'));

    await waitFor(() => expect(byId('activities-empty')).toBeInTheDocument());
  });
});
