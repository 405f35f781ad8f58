import { act, fireEvent, render, screen } from '@testing-library/react';
import { AuthRoutes } from '@pioneer/shared';
import { fakeApi } from '../../../test/api';
import { makeAccount, makeSession } from '../../../test/factories';
import { ok } from '../../../test/responses';
import { taroMock } from '../../../test/taro-mock';
import { byId } from '../../../test/ui';
import { Routes } from '../../routes';
import { checkinQueue } from '../../services/checkin-queue';
import { sessionStore } from '../../stores/session';
import { rememberScene } from '../scan/scanned-code';
import HomePage from './index';

function logIn() {
  // Not bound: the flow card then asks the server nothing, so only the account refresh is answered.
  const account = makeAccount({ id: 'acc-1', displayName: '王师傅', memberId: null });
  act(() => sessionStore.set(makeSession({ account })));
  fakeApi((call) => (call.path === AuthRoutes.me ? ok(account) : undefined));
}

function queueCheckin(clientId: string) {
  checkinQueue.enqueue({
    kind: 'checkin',
    request: { code: 'AK7Q2M9XD.2kz3a9.x5F0aQm3Lk', clientId },
    label: '活动签到',
    scannedAt: '2025-03-01T08:00:05.000Z',
  });
}

beforeEach(() => {
  sessionStore.clear();
});

describe('HomePage: 待提交', () => {
  it('tells a member how many check-ins wait on the phone and leads to the scan tab', () => {
    logIn();
    queueCheckin('queued-a-0123456789abcdef');
    queueCheckin('queued-b-0123456789abcdef');
    render(<HomePage />);

    expect(byId('home-pending-count')).toHaveTextContent('待提交 2 条签到');
    fireEvent.click(screen.getByText('待提交 2 条签到'));
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: Routes.scan });
  });

  it('shows nothing when nothing waits', () => {
    logIn();
    render(<HomePage />);

    expect(document.getElementById('home-pending')).toBeNull();
  });

  it('carries on with a code scanned before logging in', () => {
    logIn();
    rememberScene('BK7Q2M9XD.1.x5F0aQm3Lk_2');
    render(<HomePage />);

    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: Routes.scan });
  });
});
