import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  CheckinRoutes,
  ERROR_MESSAGES,
  ErrorCode,
  IDEMPOTENCY_KEY_PATTERN,
  type CheckinRequest,
} from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { makeActivitySummary, makeCheckinView } from '../../../../../test/member-factories';
import { failure, networkDown, ok } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { checkinQueue } from '../../../../services/checkin-queue';
import { sessionStore } from '../../../../stores/session';
import CheckinPage from './index';

const CODE = 'AK7Q2M9XD.2kz3a9.x5F0aQm3Lk';

const checkins = () => callsTo('POST', CheckinRoutes.checkin).map((call) => call.data as CheckinRequest);

function logIn(memberId: string | null = 'm-1') {
  act(() => sessionStore.set(makeSession({ account: makeAccount({ id: 'acc-1', memberId }) })));
}

/** Lets the browser report a position, as when the person has allowed it before. */
function allowLocation(getLocation: () => Promise<unknown>) {
  Object.defineProperty(navigator, 'permissions', {
    configurable: true,
    value: { query: jest.fn(() => Promise.resolve({ state: 'granted' })) },
  });
  taroMock.getLocation.mockImplementation(getLocation);
}

beforeEach(() => {
  sessionStore.clear();
  setRouterParams({ code: encodeURIComponent(CODE) });
});

afterEach(() => {
  jest.useRealTimers();
  Reflect.deleteProperty(navigator, 'permissions');
});

describe('CheckinPage', () => {
  it('checks in at once and shows the activity, the time and 已签到', async () => {
    logIn();
    fakeApi((call) =>
      call.path === CheckinRoutes.checkin
        ? ok({ repeated: false, checkin: makeCheckinView({ activityTitle: '3月主题党日' }) }, 201)
        : undefined,
    );
    render(<CheckinPage />);

    expect(await screen.findByText('签到成功')).toBeInTheDocument();
    expect(byId('checkin-activity')).toHaveTextContent('3月主题党日');
    expect(byId('checkin-state')).toHaveTextContent('已签到');
    expect(byId('checkin-in-at')).toHaveTextContent(/2025-03-05 \d\d:02/);
    expect(document.getElementById('checkin-out')).toBeNull();
    const [sent] = checkins();
    expect(sent).toEqual({
      code: CODE,
      clientId: expect.stringMatching(IDEMPOTENCY_KEY_PATTERN),
      deviceId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    });
  });

  it('says 您已签到过 on a repeat and checks out when the member chooses 签退', async () => {
    logIn();
    fakeApi((call) => {
      if (call.path === CheckinRoutes.resolve) {
        return ok({ kind: 'activity', activity: makeActivitySummary({ checkoutEnabled: true }) });
      }
      if (call.path !== CheckinRoutes.checkin) return undefined;
      const request = call.data as CheckinRequest;
      return request.direction === 'out'
        ? ok({
            repeated: false,
            checkin: makeCheckinView({ checkedOutAt: '2025-03-05T03:00:00.000Z', minutes: 118 }),
          })
        : ok({ repeated: true, checkin: makeCheckinView() });
    });
    render(<CheckinPage />);

    expect(await screen.findByText('您已签到过')).toBeInTheDocument();
    fireEvent.click(await screen.findByText('签退'));

    expect(await screen.findByText('签退成功')).toBeInTheDocument();
    expect(byId('checkin-state')).toHaveTextContent('已签退');
    expect(byId('checkin-minutes')).toHaveTextContent('118 分钟');
    const [first, second] = checkins();
    expect(first.direction).toBeUndefined();
    expect(second).toEqual(expect.objectContaining({ code: CODE, direction: 'out', deviceId: first.deviceId }));
    expect(second.clientId).not.toBe(first.clientId);
  });

  it('does not offer 签退 for an activity that records no check-outs', async () => {
    logIn();
    fakeApi((call) => {
      if (call.path === CheckinRoutes.resolve) {
        return ok({ kind: 'activity', activity: makeActivitySummary({ checkoutEnabled: false }) });
      }
      return call.path === CheckinRoutes.checkin ? ok({ repeated: true, checkin: makeCheckinView() }) : undefined;
    });
    render(<CheckinPage />);

    expect(await screen.findByText('您已签到过')).toBeInTheDocument();
    await waitFor(() => expect(callsTo('POST', CheckinRoutes.resolve)).toHaveLength(1));
    expect(screen.queryByText('签退')).toBeNull();
  });

  it('sends the position when the member has allowed it', async () => {
    logIn();
    allowLocation(() => Promise.resolve({ latitude: 31.63, longitude: 121.07, accuracy: 30, errMsg: 'ok' }));
    fakeApi((call) =>
      call.path === CheckinRoutes.checkin ? ok({ repeated: false, checkin: makeCheckinView() }) : undefined,
    );
    render(<CheckinPage />);

    expect(await screen.findByText('签到成功')).toBeInTheDocument();
    expect(checkins()[0].location).toEqual({ lat: 31.63, lng: 121.07 });
  });

  it('does not wait long for a slow position: it checks in without one', async () => {
    jest.useFakeTimers();
    logIn();
    allowLocation(() => new Promise(() => undefined));
    fakeApi((call) =>
      call.path === CheckinRoutes.checkin ? ok({ repeated: false, checkin: makeCheckinView() }) : undefined,
    );
    render(<CheckinPage />);

    await act(() => jest.advanceTimersByTimeAsync(3000));

    expect(screen.getByText('签到成功')).toBeInTheDocument();
    expect(checkins()[0].location).toBeUndefined();
  });

  it.each([[ErrorCode.CODE_EXPIRED], [ErrorCode.ACTIVITY_CANCELLED], [ErrorCode.CODE_WRONG_BRANCH]])(
    'shows the message for %s and offers to scan again',
    async (code) => {
      logIn();
      fakeApi((call) => (call.path === CheckinRoutes.checkin ? failure(code) : undefined));
      render(<CheckinPage />);

      expect(await screen.findByText(ERROR_MESSAGES[code])).toBeInTheDocument();
      expect(screen.getByText('签到没有成功')).toBeInTheDocument();
      fireEvent.click(screen.getByText('重新扫码'));
      expect(taroMock.switchTab).toHaveBeenCalledWith({ url: Routes.scan });
    },
  );

  it('keeps the check-in on the phone with its scan time when there is no network', async () => {
    jest.useFakeTimers({ now: new Date('2025-03-05T01:02:03.000Z') });
    logIn();
    fakeApi(() => {
      throw networkDown();
    });
    render(<CheckinPage />);

    await act(() => jest.runAllTimersAsync());

    expect(screen.getByText('已保存，联网后自动提交')).toBeInTheDocument();
    const attempts = checkins();
    expect(new Set(attempts.map((request) => request.clientId)).size).toBe(1);
    expect(checkinQueue.pending()).toEqual([
      expect.objectContaining({
        kind: 'checkin',
        clientId: attempts[0].clientId,
        scannedAt: '2025-03-05T01:02:03.000Z',
        request: { ...attempts[0], scannedAt: '2025-03-05T01:02:03.000Z', offline: true },
      }),
    ]);
  });

  it('sends a member who is not bound yet to binding', () => {
    logIn(null);
    render(<CheckinPage />);

    fireEvent.click(screen.getByText('去绑定党员档案'));
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: Routes.me });
    expect(taroMock.request).not.toHaveBeenCalled();
  });

  it('refuses a code that is not an activity’s without asking the server', () => {
    logIn();
    setRouterParams({ code: 'BK7Q2M9XD.1.x5F0aQm3Lk_2' });
    render(<CheckinPage />);

    expect(screen.getByText('这不是活动签到码')).toBeInTheDocument();
    expect(taroMock.request).not.toHaveBeenCalled();
  });
});
