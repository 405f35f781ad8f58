import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AuthRoutes, ErrorCode, HttpHeader, MetaRoutes, type MetaView } from '@pioneer/shared';
import { makeSession } from '../../../test/factories';
import { failure, ok } from '../../../test/responses';
import { typeInto } from '../../../test/ui';
import { taroMock } from '../../../test/taro-mock';
import { Routes } from '../../routes';
import { sessionStore } from '../../stores/session';
import LoginPage from './index';

const request = taroMock.request;

interface SentRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: unknown;
}

const STAND_IN = 'http://127.0.0.1:3901';

function meta(devLogin: MetaView['devLogin']): MetaView {
  return { appName: '流动先锋', version: '0.1.0', devLogin };
}

/** Answers GET /api/meta with `metaView` and every other call through `other`. */
function server(metaView: MetaView, other: (call: SentRequest) => unknown = () => ok({})) {
  request.mockImplementation((call: SentRequest) =>
    Promise.resolve(call.url === MetaRoutes.meta ? ok(metaView) : other(call)),
  );
}

const callsTo = (url: string): SentRequest[] =>
  request.mock.calls.map(([call]) => call as SentRequest).filter((call) => call.url === url);

beforeEach(() => {
  sessionStore.clear();
});

describe('LoginPage', () => {
  it('sends the typed username and password to the staff login route', async () => {
    const session = makeSession();
    server(meta(null), () => ok(session));
    render(<LoginPage />);

    await typeInto('login-username', ' secretary.li ');
    await typeInto('login-password', 'Correct-Horse-9');
    fireEvent.click(screen.getByText('登录'));

    await waitFor(() => expect(callsTo(AuthRoutes.staffLogin)).toHaveLength(1));
    const [login] = callsTo(AuthRoutes.staffLogin);
    expect(login.method).toBe('POST');
    expect(login.data).toEqual({ username: 'secretary.li', password: 'Correct-Horse-9' });
    expect(login.header[HttpHeader.IDEMPOTENCY_KEY]).toBeDefined();
    await waitFor(() => expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: Routes.home }));
    expect(sessionStore.get()).toEqual(session);
  });

  it('shows the lock message when the account is locked', async () => {
    server(meta(null), () => failure(ErrorCode.ACCOUNT_LOCKED, '密码错误次数过多，账号已锁定 15 分钟'));
    render(<LoginPage />);

    await typeInto('login-username', 'secretary.li');
    await typeInto('login-password', 'wrong-password');
    fireEvent.click(screen.getByText('登录'));

    expect(await screen.findByText('密码错误次数过多，账号已锁定 15 分钟')).toBeInTheDocument();
    expect(sessionStore.get()).toBeNull();
    expect(taroMock.reLaunch).not.toHaveBeenCalled();
  });

  it.each([
    [ErrorCode.INVALID_CREDENTIALS, '用户名或密码不正确，再错 3 次将锁定账号'],
    [ErrorCode.RATE_LIMITED, '操作太频繁，请 1 分钟后再试'],
  ])('shows the server message when the answer is %s', async (code, message) => {
    server(meta(null), () => failure(code, message));
    render(<LoginPage />);

    await typeInto('login-username', 'secretary.li');
    await typeInto('login-password', 'wrong-password');
    fireEvent.click(screen.getByText('登录'));

    expect(await screen.findByText(message)).toBeInTheDocument();
  });

  it('asks for the password before sending anything when it is left empty', async () => {
    server(meta(null));
    render(<LoginPage />);

    await typeInto('login-username', 'secretary.li');
    fireEvent.click(screen.getByText('登录'));

    expect(await screen.findByText('请输入密码')).toBeInTheDocument();
    expect(callsTo(AuthRoutes.staffLogin)).toHaveLength(0);
  });

  it('offers no demo login when the server has no development login', async () => {
    server(meta(null));
    render(<LoginPage />);

    await waitFor(() => expect(callsTo(MetaRoutes.meta)).toHaveLength(1));
    await waitFor(() => expect(document.getElementById('meta-loading')).toBeNull());
    expect(screen.queryByText(/演示登录/)).toBeNull();
  });

  it('offers one demo login button per demo member when the server has development login', async () => {
    server(
      meta({
        standInUrl: STAND_IN,
        demoMembers: [
          { openid: 'demo-openid-1', displayName: '王师傅' },
          { openid: 'demo-openid-2', displayName: '赵大姐' },
        ],
      }),
    );
    render(<LoginPage />);

    expect(await screen.findByText('演示登录：王师傅')).toBeInTheDocument();
    expect(screen.getByText('演示登录：赵大姐')).toBeInTheDocument();
    expect(document.getElementById('demo-login-demo-openid-1')).not.toBeNull();
  });

  it('logs in as a demo member with a code from the stand-in WeChat server', async () => {
    const session = makeSession();
    server(
      meta({ standInUrl: `${STAND_IN}/`, demoMembers: [{ openid: 'demo-openid-1', displayName: '王师傅' }] }),
      (call) => {
        if (call.url === `${STAND_IN}/__standin/js-code`) return ok({ code: 'one-time-code' });
        if (call.url === AuthRoutes.wechatLogin) return ok(session);
        return failure(ErrorCode.ROUTE_NOT_FOUND);
      },
    );
    render(<LoginPage />);

    fireEvent.click(await screen.findByText('演示登录：王师傅'));

    await waitFor(() => expect(callsTo(AuthRoutes.wechatLogin)).toHaveLength(1));
    const [mint] = callsTo(`${STAND_IN}/__standin/js-code`);
    expect(mint.data).toEqual({ openid: 'demo-openid-1' });
    expect(mint.header[HttpHeader.IDEMPOTENCY_KEY]).toBeUndefined();
    expect(callsTo(AuthRoutes.wechatLogin)[0].data).toEqual({ code: 'one-time-code' });
    await waitFor(() => expect(sessionStore.get()).toEqual(session));
  });

  it('sends someone who is already logged in to the home page', async () => {
    server(meta(null));
    act(() => sessionStore.set(makeSession()));
    render(<LoginPage />);

    await waitFor(() => expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: Routes.home }));
  });
});
