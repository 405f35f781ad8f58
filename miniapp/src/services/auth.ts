import {
  AuthRoutes,
  type AccountView,
  type RefreshRequest,
  type SessionView,
  type StaffLoginRequest,
  type WechatLoginRequest,
} from '@pioneer/shared';
import { sessionStore } from '../stores/session';
import { http } from './http';

/** Exchanges a wx.login code for a session and keeps it. */
export async function loginWithWechatCode(code: string): Promise<SessionView> {
  const body: WechatLoginRequest = { code };
  const session = await http.post<SessionView>(AuthRoutes.wechatLogin, body, { auth: false });
  sessionStore.set(session);
  return session;
}

export async function loginAsStaff(username: string, password: string): Promise<SessionView> {
  const body: StaffLoginRequest = { username, password };
  const session = await http.post<SessionView>(AuthRoutes.staffLogin, body, { auth: false });
  sessionStore.set(session);
  return session;
}

/** The account as the server sees it now (roles may have changed since login). */
export async function fetchCurrentAccount(): Promise<AccountView> {
  const account = await http.get<AccountView>(AuthRoutes.me);
  sessionStore.updateAccount(account);
  return account;
}

/** Ends the session on the server if it can be reached, and on this device in any case. */
export async function logout(): Promise<void> {
  const session = sessionStore.get();
  if (session) {
    const body: RefreshRequest = { refreshToken: session.refreshToken };
    // Leaving must work on a bad network too; the server forgets the refresh token when it expires.
    await http.post<void>(AuthRoutes.logout, body).catch(() => undefined);
  }
  sessionStore.clear();
}
