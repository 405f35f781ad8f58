import { createHmac } from 'node:crypto';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { CheckinRoutes, ErrorCode, type PersonalCodeKey } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { makePersonalCodeKey } from '../../../../../test/member-factories';
import { failure, networkDown, ok } from '../../../../../test/responses';
import { byId } from '../../../../../test/ui';
import { fetchPersonalCodeKey } from '../../../../services/checkins';
import { sessionStore } from '../../../../stores/session';
import PersonalCodePage from './index';

/** 2025-03-01 08:00:05 UTC: 5 s into a 30-second step. */
const NOW = Date.UTC(2025, 2, 1, 8, 0, 5);

/** The code the server expects at `at`, written out with node:crypto. */
function expectedCode(key: PersonalCodeKey, at: number): string {
  const step = Math.floor(at / 1000 / key.stepSeconds);
  const mac = createHmac('sha256', Buffer.from(key.secret, 'base64url'))
    .update(`P|${key.memberCode}|${key.keyVersion}|${step}`)
    .digest('base64url')
    .slice(0, 10);
  return `P${key.memberCode}.${key.keyVersion.toString(36)}.${step.toString(36)}.${mac}`;
}

const shownCode = () => byId('personal-code-qr').getAttribute('data-qr-text');

function logIn(memberId: string | null = 'm-1') {
  act(() => sessionStore.set(makeSession({ account: makeAccount({ id: 'acc-1', memberId }) })));
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
  sessionStore.clear();
});

afterEach(() => {
  jest.useRealTimers();
});

describe('PersonalCodePage', () => {
  it('fetches the key once, shows the current code as a QR code and counts down to the next one', async () => {
    logIn();
    const key = makePersonalCodeKey();
    fakeApi((call) => (call.path === CheckinRoutes.personalCodeKey ? ok(key) : undefined));
    render(<PersonalCodePage />);

    await act(() => jest.advanceTimersByTimeAsync(0));
    expect(shownCode()).toBe(expectedCode(key, NOW));
    expect(byId('personal-code-countdown')).toHaveTextContent('25 秒后自动更新');
    expect(screen.getByText('请出示给党组织工作人员扫码，可为您登记报到或签到')).toBeInTheDocument();
    expect(byId('personal-code')).not.toHaveTextContent('张建国');

    await act(() => jest.advanceTimersByTimeAsync(24_000));
    expect(byId('personal-code-countdown')).toHaveTextContent('1 秒后自动更新');
    expect(shownCode()).toBe(expectedCode(key, NOW));

    await act(() => jest.advanceTimersByTimeAsync(1_000));
    expect(shownCode()).toBe(expectedCode(key, NOW + 30_000));
    expect(byId('personal-code-countdown')).toHaveTextContent('30 秒后自动更新');
    expect(callsTo('GET', CheckinRoutes.personalCodeKey)).toHaveLength(1);
  });

  it('shows the code from the kept key without a network', async () => {
    logIn();
    const key = makePersonalCodeKey({ keyVersion: 2 });
    fakeApi((call) => (call.path === CheckinRoutes.personalCodeKey ? ok(key) : undefined));
    await fetchPersonalCodeKey();
    fakeApi(() => {
      throw networkDown();
    });

    render(<PersonalCodePage />);

    expect(shownCode()).toBe(expectedCode(key, NOW));
    await act(() => jest.advanceTimersByTimeAsync(5_000));
    expect(document.getElementById('personal-code-error')).toBeNull();
    expect(shownCode()).toBe(expectedCode(key, NOW + 5_000));
  });

  it('does not show another account’s kept key', async () => {
    logIn();
    fakeApi((call) => (call.path === CheckinRoutes.personalCodeKey ? ok(makePersonalCodeKey()) : undefined));
    await fetchPersonalCodeKey();
    act(() => sessionStore.set(makeSession({ account: makeAccount({ id: 'acc-2', memberId: 'm-2' }) })));
    fakeApi((call) => (call.path === CheckinRoutes.personalCodeKey ? failure(ErrorCode.FORBIDDEN) : undefined));

    render(<PersonalCodePage />);
    await act(() => jest.advanceTimersByTimeAsync(0));

    expect(document.getElementById('personal-code-qr')).toBeNull();
    expect(byId('personal-code-error')).toHaveTextContent('没有权限进行此操作');
  });

  it('explains that the first showing needs a network, and retries', async () => {
    logIn();
    let up = false;
    fakeApi((call) => {
      if (!up) throw networkDown();
      return call.path === CheckinRoutes.personalCodeKey ? ok(makePersonalCodeKey()) : undefined;
    });
    render(<PersonalCodePage />);

    // Past the HTTP client's retries (the page's countdown ticks for ever, so not runAllTimers).
    await act(() => jest.advanceTimersByTimeAsync(5_000));
    expect(byId('personal-code-error')).toHaveTextContent('第一次显示先锋码需要联网');

    up = true;
    fireEvent.click(screen.getByText('重试'));
    await act(() => jest.advanceTimersByTimeAsync(0));
    expect(shownCode()).toMatch(/^PK7Q2M9XD\./);
  });

  it('forgets the kept key and fetches a new one when the member asks for it', async () => {
    logIn();
    const old = makePersonalCodeKey({ keyVersion: 1 });
    const renewed = makePersonalCodeKey({ keyVersion: 2 });
    let current = old;
    fakeApi((call) => (call.path === CheckinRoutes.personalCodeKey ? ok(current) : undefined));
    render(<PersonalCodePage />);
    await act(() => jest.advanceTimersByTimeAsync(0));
    expect(shownCode()).toBe(expectedCode(old, NOW));

    current = renewed;
    fireEvent.click(screen.getByText('刷新先锋码'));
    await act(() => jest.advanceTimersByTimeAsync(0));

    expect(shownCode()).toBe(expectedCode(renewed, NOW));
    cleanup();
    fakeApi(() => {
      throw networkDown();
    });
    render(<PersonalCodePage />);
    expect(shownCode()).toBe(expectedCode(renewed, NOW));
  });

  it('asks a member who is not bound yet to bind first', () => {
    logIn(null);
    render(<PersonalCodePage />);

    expect(screen.getByText('请先绑定党员档案')).toBeInTheDocument();
    expect(callsTo('GET', CheckinRoutes.personalCodeKey)).toHaveLength(0);
  });
});
