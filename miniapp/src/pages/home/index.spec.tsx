import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AuthRoutes, InboxRoutes, Role } from '@pioneer/shared';
import { makeAccount, makeSession, makeStaffAccount } from '../../../test/factories';
import { networkDown, ok } from '../../../test/responses';
import { taroMock } from '../../../test/taro-mock';
import { Routes } from '../../routes';
import { sessionStore } from '../../stores/session';
import HomePage from './index';

const request = taroMock.request;

/** The account for /api/auth/me; an empty inbox for the to-do card; nothing else is asked. */
function answerWith(account: object) {
  request.mockImplementation((options: { url: string }) => {
    if (options.url.startsWith(InboxRoutes.summary)) return Promise.resolve(ok({ unreadNotices: 0, openTodos: 0 }));
    if (options.url.startsWith(InboxRoutes.list)) return Promise.resolve(ok({ items: [] }));
    return Promise.resolve(ok(account));
  });
}

beforeEach(() => {
  sessionStore.clear();
});

afterEach(() => {
  jest.useRealTimers();
});

describe('HomePage', () => {
  it('greets the member by name and offers the arrival scan', async () => {
    const account = makeAccount({ displayName: '王师傅' });
    act(() => sessionStore.set(makeSession({ account })));
    answerWith(account);
    render(<HomePage />);

    expect(document.getElementById('home-greeting')).toHaveTextContent('王师傅，您好');
    expect(screen.queryByText('进入书记工作台')).toBeNull();
    fireEvent.click(screen.getByText('扫码报到'));
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: Routes.scan });
    await waitFor(() => expect(request).toHaveBeenCalledWith(expect.objectContaining({ url: AuthRoutes.me })));
  });

  it('links staff to the secretary console', async () => {
    const account = makeStaffAccount();
    act(() => sessionStore.set(makeSession({ account })));
    answerWith(account);
    render(<HomePage />);

    fireEvent.click(screen.getByText('进入书记工作台'));

    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.secretaryConsole });
    await waitFor(() => expect(request).toHaveBeenCalled());
  });

  it('shows roles granted since login once the account is refreshed', async () => {
    const account = makeAccount();
    act(() => sessionStore.set(makeSession({ account })));
    answerWith({ ...account, roles: [Role.MEMBER, Role.BRANCH_COMMITTEE] });
    render(<HomePage />);

    expect(await screen.findByText('支委委员')).toBeInTheDocument();
    expect(screen.getByText('进入书记工作台')).toBeInTheDocument();
  });

  it('keeps showing the stored account and offers a retry when the refresh cannot reach the server', async () => {
    // The client pauses between retries; fake timers let the test skip the wait.
    jest.useFakeTimers();
    act(() => sessionStore.set(makeSession({ account: makeAccount({ displayName: '王师傅' }) })));
    request.mockRejectedValue(networkDown());
    render(<HomePage />);

    expect(await screen.findByText(/网络不给力/, undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(request).toHaveBeenCalledTimes(3);
    expect(document.getElementById('home-greeting')).toHaveTextContent('王师傅，您好');
    expect(document.getElementById('home-refresh-retry')).not.toBeNull();
  });

  it('offers volunteering to a member and to a resident, each in their own words', async () => {
    const member = makeAccount({ memberId: 'm-1' });
    act(() => sessionStore.set(makeSession({ account: member })));
    answerWith(member);
    const { unmount } = render(<HomePage />);
    fireEvent.click(screen.getByText('我的志愿服务'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.volunteerHub });
    await waitFor(() => expect(request).toHaveBeenCalled());
    unmount();

    const resident = makeAccount({ memberId: null });
    act(() => sessionStore.set(makeSession({ account: resident })));
    answerWith(resident);
    render(<HomePage />);
    expect(document.getElementById('home-volunteer-link')).toHaveTextContent('找志愿者帮忙');
    await waitFor(() => expect(request).toHaveBeenCalled());
  });
});
