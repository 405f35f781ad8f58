import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AuthRoutes, ERROR_MESSAGES, ErrorCode, MemberRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../test/api';
import { makeAccount, makeMemberSelfView, makeSession, makeStaffAccount } from '../../../test/factories';
import { failure, ok } from '../../../test/responses';
import { taroMock } from '../../../test/taro-mock';
import { byId, typeInto } from '../../../test/ui';
import { Routes } from '../../routes';
import { sessionStore } from '../../stores/session';
import MePage from './index';

function logIn(account = makeAccount({ displayName: '王师傅' })) {
  const session = makeSession({ account });
  act(() => sessionStore.set(session));
  return session;
}

beforeEach(() => {
  sessionStore.clear();
});

describe('MePage', () => {
  it('shows the account and logs out on this device and on the server', async () => {
    const session = logIn();
    fakeApi((call) => {
      if (call.path === MemberRoutes.mine) return failure(ErrorCode.NOT_FOUND);
      if (call.path === AuthRoutes.logout) return ok(null, 204);
      return undefined;
    });
    render(<MePage />);

    expect(screen.getByText('王师傅')).toBeInTheDocument();
    expect(screen.getByText('党员')).toBeInTheDocument();
    fireEvent.click(screen.getByText('退出登录'));

    await waitFor(() => expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: Routes.login }));
    expect(callsTo('POST', AuthRoutes.logout)[0].data).toEqual({ refreshToken: session.refreshToken });
    expect(sessionStore.get()).toBeNull();
  });

  it('shows a bound member their own record with the ID number and phone masked', async () => {
    logIn(makeAccount({ memberId: 'm-1' }));
    fakeApi((call) =>
      call.path === MemberRoutes.mine
        ? ok(makeMemberSelfView({ id: 'm-1', name: '王建军', branchName: '东王庄村党支部' }))
        : undefined,
    );
    render(<MePage />);

    expect(await screen.findByText('王建军')).toBeInTheDocument();
    expect(byId('profile-branch')).toHaveTextContent('东王庄村党支部');
    expect(byId('profile-id-number')).toHaveTextContent('4*****************2');
    expect(byId('profile-phone')).toHaveTextContent('138****5678');
    expect(document.getElementById('bind-form')).toBeNull();
  });

  it('does not offer a member record to a staff account', () => {
    logIn(makeStaffAccount());
    render(<MePage />);

    expect(document.getElementById('profile-card')).toBeNull();
    expect(taroMock.request).not.toHaveBeenCalled();
  });

  it('offers a retry when the record cannot be loaded', async () => {
    logIn();
    let attempts = 0;
    fakeApi((call) => {
      if (call.path !== MemberRoutes.mine) return undefined;
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN) : failure(ErrorCode.NOT_FOUND);
    });
    render(<MePage />);

    fireEvent.click(await screen.findByText('重试'));

    expect(await screen.findByText('核对并绑定')).toBeInTheDocument();
  });
});

describe('MePage: links', () => {
  it.each([
    ['我的先锋码', Routes.memberPersonalCode],
    ['我的签到记录', Routes.memberCheckins],
    ['消息', Routes.inbox],
  ])('opens %s for a member', (title, route) => {
    logIn(makeAccount({ memberId: 'm-1' }));
    fakeApi((call) => (call.path === MemberRoutes.mine ? ok(makeMemberSelfView()) : undefined));
    render(<MePage />);

    fireEvent.click(screen.getByText(title));

    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: route });
  });

  it('offers staff only 消息', () => {
    logIn(makeStaffAccount());
    render(<MePage />);

    expect(screen.queryByText('我的先锋码')).toBeNull();
    expect(screen.queryByText('我的签到记录')).toBeNull();
    fireEvent.click(screen.getByText('消息'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.inbox });
  });
});

describe('MePage: binding the account to the roster', () => {
  beforeEach(() => {
    logIn();
  });

  it('binds with name and phone, then shows the record and remembers the binding', async () => {
    const bound = makeMemberSelfView({ id: 'm-9', name: '王建军' });
    fakeApi((call) => {
      if (call.path === MemberRoutes.mine) return failure(ErrorCode.NOT_FOUND);
      if (call.method === 'POST' && call.path === MemberRoutes.bind) return ok(bound);
      return undefined;
    });
    render(<MePage />);

    await typeInto('bind-name', ' 王建军 ');
    await typeInto('bind-phone', '13812345678');
    fireEvent.click(screen.getByText('核对并绑定'));

    expect(await screen.findByText('王建军')).toBeInTheDocument();
    expect(callsTo('POST', MemberRoutes.bind).map((call) => call.data)).toEqual([
      { name: '王建军', phone: '13812345678' },
    ]);
    expect(document.getElementById('bind-form')).toBeNull();
    expect(sessionStore.get()?.account.memberId).toBe('m-9');
  });

  it('binds with name and the last six characters of the ID number when that is chosen', async () => {
    fakeApi((call) => {
      if (call.path === MemberRoutes.mine) return failure(ErrorCode.NOT_FOUND);
      if (call.path === MemberRoutes.bind) return ok(makeMemberSelfView());
      return undefined;
    });
    render(<MePage />);

    await typeInto('bind-name', '王建军');
    fireEvent.click(await screen.findByText('用身份证后6位'));
    expect(document.getElementById('bind-phone')).toBeNull();
    await typeInto('bind-id-last6', '12345x');
    fireEvent.click(screen.getByText('核对并绑定'));

    await waitFor(() => expect(callsTo('POST', MemberRoutes.bind)).toHaveLength(1));
    expect(callsTo('POST', MemberRoutes.bind)[0].data).toEqual({ name: '王建军', idLast6: '12345X' });
  });

  it('shows the server message when nobody on the roster matches', async () => {
    fakeApi((call) => {
      if (call.path === MemberRoutes.mine) return failure(ErrorCode.NOT_FOUND);
      if (call.path === MemberRoutes.bind) return failure(ErrorCode.BIND_NO_MATCH);
      return undefined;
    });
    render(<MePage />);

    await typeInto('bind-name', '王建军');
    await typeInto('bind-phone', '13812345678');
    fireEvent.click(screen.getByText('核对并绑定'));

    expect(await screen.findByText(ERROR_MESSAGES.BIND_NO_MATCH)).toBeInTheDocument();
    expect(byId('bind-error')).toHaveTextContent('没有找到与您填写信息一致的党员');
    expect(document.getElementById('bind-form')).not.toBeNull();
    expect(sessionStore.get()?.account.memberId).toBeNull();
  });

  it('shows the wait the server asks for after too many wrong tries', async () => {
    fakeApi((call) => {
      if (call.path === MemberRoutes.mine) return failure(ErrorCode.NOT_FOUND);
      if (call.path === MemberRoutes.bind) return failure(ErrorCode.RATE_LIMITED, '核对失败次数过多，请 42 分钟后再试');
      return undefined;
    });
    render(<MePage />);

    await typeInto('bind-name', '王建军');
    await typeInto('bind-phone', '13812345678');
    fireEvent.click(screen.getByText('核对并绑定'));

    expect(await screen.findByText('核对失败次数过多，请 42 分钟后再试')).toBeInTheDocument();
  });

  it('asks for a full mobile number before sending anything', async () => {
    fakeApi((call) => (call.path === MemberRoutes.mine ? failure(ErrorCode.NOT_FOUND) : undefined));
    render(<MePage />);

    await typeInto('bind-name', '王建军');
    await typeInto('bind-phone', '1381234');
    fireEvent.click(screen.getByText('核对并绑定'));

    expect(await screen.findByText('请输入 11 位手机号码')).toBeInTheDocument();
    expect(callsTo('POST', MemberRoutes.bind)).toHaveLength(0);
  });
});
