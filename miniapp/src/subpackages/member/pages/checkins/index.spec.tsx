import { act, fireEvent, render, screen } from '@testing-library/react';
import { CheckinRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { makeCheckinView } from '../../../../../test/member-factories';
import { ok } from '../../../../../test/responses';
import { reachBottom, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import MyCheckinsPage from './index';

function logIn(memberId: string | null = 'm-1') {
  act(() => sessionStore.set(makeSession({ account: makeAccount({ id: 'acc-1', memberId }) })));
}

beforeEach(() => {
  sessionStore.clear();
});

describe('MyCheckinsPage', () => {
  it('lists the member’s check-ins page by page', async () => {
    logIn();
    fakeApi((call) => {
      if (call.path !== CheckinRoutes.myCheckins) return undefined;
      return call.query.cursor === 'c2'
        ? ok({ items: [makeCheckinView({ id: 'ck-3', activityTitle: '党课：新党章学习' })] })
        : ok({
            items: [
              makeCheckinView({
                id: 'ck-1',
                activityTitle: '志愿服务：社区义务维修',
                checkedOutAt: '2025-03-05T03:00:00.000Z',
                minutes: 118,
              }),
              makeCheckinView({ id: 'ck-2', method: 'personal_code', offline: true }),
            ],
            nextCursor: 'c2',
          });
    });
    render(<MyCheckinsPage />);

    expect(await screen.findByText('志愿服务：社区义务维修')).toBeInTheDocument();
    expect(byId('checkins-item-ck-1')).toHaveTextContent('参加时长 118 分钟');
    expect(byId('checkins-item-ck-1')).toHaveTextContent(/签退/);
    expect(byId('checkins-item-ck-2')).toHaveTextContent('由工作人员扫先锋码登记');
    expect(byId('checkins-item-ck-2')).toHaveTextContent('离线签到，事后补传');

    act(() => reachBottom());

    expect(await screen.findByText('党课：新党章学习')).toBeInTheDocument();
    expect(callsTo('GET', CheckinRoutes.myCheckins).map((call) => call.query)).toEqual([
      { limit: '20' },
      { cursor: 'c2', limit: '20' },
    ]);
    expect(byId('checkins-end')).toHaveTextContent('共 3 条');
  });

  it('says there is nothing yet and points to the scan tab', async () => {
    logIn();
    fakeApi((call) => (call.path === CheckinRoutes.myCheckins ? ok({ items: [] }) : undefined));
    render(<MyCheckinsPage />);

    expect(await screen.findByText('还没有签到记录')).toBeInTheDocument();
    fireEvent.click(screen.getByText('去扫码签到'));
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: Routes.scan });
  });

  it('offers a retry when the list cannot be loaded', async () => {
    logIn();
    let attempts = 0;
    fakeApi((call) => {
      if (call.path !== CheckinRoutes.myCheckins) return undefined;
      attempts += 1;
      return attempts === 1 ? ok(null, 403) : ok({ items: [makeCheckinView({ activityTitle: '主题党日' })] });
    });
    render(<MyCheckinsPage />);

    fireEvent.click(await screen.findByText('重试'));

    expect(await screen.findByText('主题党日')).toBeInTheDocument();
  });

  it('asks a member who is not bound yet to bind first, without asking the server', () => {
    logIn(null);
    render(<MyCheckinsPage />);

    expect(screen.getByText('请先绑定党员档案')).toBeInTheDocument();
    expect(taroMock.request).not.toHaveBeenCalled();
  });
});
