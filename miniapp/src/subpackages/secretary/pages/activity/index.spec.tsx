import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { makeActivityView, makeAttendance, makeCheckinView } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import ActivityPage from './index';

const ATTENDANCE = '/api/activities/a-1/attendance';

function attendance() {
  return makeAttendance({
    activity: makeActivityView({
      id: 'a-1',
      title: '学雷锋志愿服务',
      kind: 'volunteer_service',
      status: 'open',
      checkoutEnabled: true,
      checkedIn: 2,
      expected: 5,
    }),
    present: [
      makeCheckinView({
        memberId: 'm-1',
        memberName: '王师傅',
        checkedInAt: '2025-03-05T01:02:00.000Z',
        checkedOutAt: '2025-03-05T03:05:00.000Z',
        minutes: 123,
      }),
      makeCheckinView({
        memberId: 'm-2',
        memberName: '赵大姐',
        method: 'personal_code',
        offline: true,
        anomalies: ['offline', 'shared_device'],
      }),
    ],
    absent: [
      { memberId: 'm-3', memberName: '刘会计', side: 'own' },
      { memberId: 'm-4', memberName: '孙电工', side: 'received' },
      { memberId: 'm-5', memberName: '周司机', side: 'received' },
    ],
  });
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
  setRouterParams({ id: 'a-1' });
});

describe('ActivityPage', () => {
  it('shows the activity, its counts and who checked in, with anomalies flagged', async () => {
    fakeApi((call) => (call.path === ATTENDANCE ? ok(attendance()) : undefined));
    render(<ActivityPage />);

    expect(await screen.findByText('学雷锋志愿服务')).toBeInTheDocument();
    expect(byId('activity-status')).toHaveTextContent('签到中');
    expect(byId('activity-counts')).toHaveTextContent('已签到 2 人 / 应到 5 人');
    expect(byId('present-m-1')).toHaveTextContent('王师傅');
    expect(byId('present-m-1')).toHaveTextContent('共 123 分钟');
    expect(byId('present-m-2')).toHaveTextContent('未签退');
    expect(byId('present-m-2')).toHaveTextContent('书记扫码登记');
    const warnings = [...byId('present-m-2').querySelectorAll('.tag--warning')].map((tag) => tag.textContent);
    expect(warnings).toEqual(['离线签到', '同一手机为多人签到']);
    expect(byId('attendance-flagged')).toHaveTextContent('其中 1 人的签到有异常标记');
  });

  it('splits those absent into own members and members received here', async () => {
    fakeApi((call) => (call.path === ATTENDANCE ? ok(attendance()) : undefined));
    render(<ActivityPage />);

    await screen.findByText('学雷锋志愿服务');
    expect(byId('attendance-absent')).toHaveTextContent('未签到（3 人）');
    expect(byId('attendance-absent-own')).toHaveTextContent('刘会计');
    expect(byId('attendance-absent-received')).toHaveTextContent('孙电工');
    expect(byId('attendance-absent-received')).toHaveTextContent('周司机');
    expect(byId('attendance-absent-own')).not.toHaveTextContent('孙电工');
  });

  it('opens the venue screen and the personal-code scanner for this activity', async () => {
    fakeApi((call) => (call.path === ATTENDANCE ? ok(attendance()) : undefined));
    render(<ActivityPage />);

    fireEvent.click(await screen.findByText('打开签到大屏'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: `${Routes.venueScreen}?id=a-1` });
    fireEvent.click(screen.getByText('扫党员码签到'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: `${Routes.secretaryScanMember}?activityId=a-1` });
  });

  it('cancels only after the confirmation, then shows it cancelled', async () => {
    const data = attendance();
    fakeApi((call) => {
      if (call.path === ATTENDANCE) return ok(data);
      if (call.method === 'POST' && call.path === '/api/activities/a-1/cancel')
        return ok({ ...data.activity, status: 'cancelled' });
      return undefined;
    });
    render(<ActivityPage />);

    fireEvent.click(await screen.findByText('取消活动'));
    expect(byId('activity-cancel-sheet')).toHaveTextContent('取消后大屏上的二维码失效');
    fireEvent.click(byId('activity-cancel-sheet-cancel'));
    expect(document.getElementById('activity-cancel-sheet')).toBeNull();
    expect(callsTo('POST', '/api/activities/a-1/cancel')).toHaveLength(0);

    fireEvent.click(screen.getByText('取消活动'));
    fireEvent.click(byId('activity-cancel-sheet-confirm'));

    await waitFor(() => expect(byId('activity-status')).toHaveTextContent('已取消'));
    expect(byId('activity-cancelled')).toHaveTextContent('活动已取消');
    expect(document.getElementById('activity-venue')).toBeNull();
    expect(callsTo('POST', '/api/activities/a-1/cancel')).toHaveLength(1);
  });

  it('keeps the sheet open with the reason when cancelling fails', async () => {
    fakeApi((call) => {
      if (call.path === ATTENDANCE) return ok(attendance());
      if (call.path === '/api/activities/a-1/cancel') return failure(ErrorCode.FORBIDDEN);
      return undefined;
    });
    render(<ActivityPage />);

    fireEvent.click(await screen.findByText('取消活动'));
    fireEvent.click(byId('activity-cancel-sheet-confirm'));

    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    expect(byId('activity-status')).toHaveTextContent('签到中');
  });

  it('says so when nobody has checked in yet, and refreshes on request', async () => {
    let calls = 0;
    fakeApi((call) => {
      if (call.path !== ATTENDANCE) return undefined;
      calls += 1;
      return calls === 1
        ? ok(makeAttendance({ activity: makeActivityView({ id: 'a-1', status: 'upcoming' }) }))
        : ok(attendance());
    });
    render(<ActivityPage />);

    expect(await screen.findByText('还没有人签到')).toBeInTheDocument();
    fireEvent.click(byId('activity-refresh'));

    expect(await screen.findByText('王师傅')).toBeInTheDocument();
  });

  it('offers a retry when the activity cannot be loaded', async () => {
    fakeApi((call) => (call.path === ATTENDANCE ? failure(ErrorCode.NOT_FOUND) : undefined));
    render(<ActivityPage />);

    expect(await screen.findByText('找不到要访问的内容')).toBeInTheDocument();
    expect(byId('activity-error-retry')).toBeInTheDocument();
  });
});
