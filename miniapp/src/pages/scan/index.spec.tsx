import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CheckinRoutes, ERROR_MESSAGES, ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../test/api';
import { makeAccount, makeSession } from '../../../test/factories';
import { failure, ok } from '../../../test/responses';
import { setRouterParams, taroMock } from '../../../test/taro-mock';
import { byId, typeInto } from '../../../test/ui';
import { Routes } from '../../routes';
import { checkinQueue } from '../../services/checkin-queue';
import { sessionStore } from '../../stores/session';
import ScanPage from './index';
import { hasRememberedScene } from './scanned-code';

const BRANCH = 'BK7Q2M9XD.1.x5F0aQm3Lk_2';
const ACTIVITY = 'AK7Q2M9XD.2kz3a9.x5F0aQm3Lk';
const PERSONAL = 'PK7Q2M9XD.1.2kz3a9.x5F0aQm3Lk';

const opened = (route: string, code: string) => ({ url: `${route}?code=${encodeURIComponent(code)}` });

function logIn() {
  act(() => sessionStore.set(makeSession({ account: makeAccount({ id: 'acc-1', memberId: 'm-1' }) })));
}

beforeEach(() => {
  sessionStore.clear();
});

describe('ScanPage on H5', () => {
  beforeEach(logIn);

  it('offers a text field instead of the camera and opens 报到 for a typed fallback code', async () => {
    render(<ScanPage />);
    expect(document.getElementById('scan-button')).toBeNull();

    await typeInto('arrival-code-input', 'k7q2-m9xd-3f8a');
    fireEvent.click(screen.getByText('确认报到码'));

    expect(taroMock.navigateTo).toHaveBeenCalledWith(opened(Routes.memberArrival, 'k7q2-m9xd-3f8a'));
  });

  it('opens 签到 for an activity code', async () => {
    render(<ScanPage />);

    await typeInto('arrival-code-input', ACTIVITY);
    fireEvent.click(screen.getByText('确认报到码'));

    expect(taroMock.navigateTo).toHaveBeenCalledWith(opened(Routes.memberCheckin, ACTIVITY));
  });

  it('refuses a personal code with what to scan instead', async () => {
    render(<ScanPage />);

    await typeInto('arrival-code-input', PERSONAL);
    fireEvent.click(screen.getByText('确认报到码'));

    expect(await screen.findByText(/这是党员本人的先锋码，需由党组织工作人员扫码登记/)).toBeInTheDocument();
    expect(taroMock.navigateTo).not.toHaveBeenCalled();
  });

  it('explains when the text is not one of our codes', async () => {
    render(<ScanPage />);

    await typeInto('arrival-code-input', '这不是码');
    fireEvent.click(screen.getByText('确认报到码'));

    expect(await screen.findByText(ERROR_MESSAGES.CODE_MALFORMED)).toBeInTheDocument();
    expect(taroMock.navigateTo).not.toHaveBeenCalled();
  });
});

describe('ScanPage opened with ?scene=', () => {
  it('goes straight to 报到 for a poster’s branch code, URL-encoded as WeChat hands it over', () => {
    logIn();
    setRouterParams({ scene: encodeURIComponent(BRANCH) });
    render(<ScanPage />);

    expect(taroMock.navigateTo).toHaveBeenCalledWith(opened(Routes.memberArrival, BRANCH));
  });

  it('goes straight to 签到 for a venue screen’s code', () => {
    logIn();
    setRouterParams({ scene: ACTIVITY });
    render(<ScanPage />);

    expect(taroMock.navigateTo).toHaveBeenCalledWith(opened(Routes.memberCheckin, ACTIVITY));
  });

  it('keeps the code for after logging in when nobody is logged in', async () => {
    setRouterParams({ scene: BRANCH });
    render(<ScanPage />);

    await waitFor(() => expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: Routes.login }));
    expect(taroMock.navigateTo).not.toHaveBeenCalled();
    expect(hasRememberedScene()).toBe(true);
  });
});

describe('ScanPage: 待提交', () => {
  beforeEach(logIn);

  it('sends what waits when the page opens and then hides the notice', async () => {
    checkinQueue.enqueue({
      kind: 'checkin',
      request: { code: ACTIVITY, clientId: 'queued-0123456789abcdef' },
      label: '活动签到',
      scannedAt: '2025-03-01T08:00:05.000Z',
    });
    fakeApi((call) => (call.path === CheckinRoutes.checkin ? ok({ repeated: false }) : undefined));
    render(<ScanPage />);

    expect(byId('scan-queue-count')).toHaveTextContent('待提交 1 条');
    await waitFor(() => expect(document.getElementById('scan-queue')).toBeNull());
    expect(callsTo('POST', CheckinRoutes.checkin).map((call) => call.data)).toEqual([
      {
        code: ACTIVITY,
        clientId: 'queued-0123456789abcdef',
        scannedAt: '2025-03-01T08:00:05.000Z',
        offline: true,
      },
    ]);
  });

  it('shows a submission the server refused, with its reason, until the member has read it', async () => {
    checkinQueue.enqueue({
      kind: 'arrival',
      request: {
        code: BRANCH,
        clientId: 'queued-arrival-0123456789',
        facts: { residence: '璜泾镇', stay: 'over_1_year' },
      },
      label: '璜泾镇党委',
      scannedAt: '2025-03-01T08:00:05.000Z',
    });
    fakeApi((call) => (call.path === CheckinRoutes.arrive ? failure(ErrorCode.CODE_REVOKED) : undefined));
    render(<ScanPage />);

    expect(await screen.findByText('未能提交')).toBeInTheDocument();
    expect(byId('scan-queue-failed')).toHaveTextContent('报到 · 璜泾镇党委');
    expect(byId('scan-queue-failed')).toHaveTextContent(ERROR_MESSAGES.CODE_REVOKED);
    expect(document.getElementById('scan-queue-pending')).toBeNull();

    fireEvent.click(screen.getByText('知道了'));
    expect(document.getElementById('scan-queue')).toBeNull();
  });
});
