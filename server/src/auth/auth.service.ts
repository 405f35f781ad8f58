import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  PASSWORD_PROBLEM_LABELS,
  STAFF_LOCKOUT_FAILURES,
  STAFF_LOCKOUT_MINUTES,
  checkPassword,
  maskPhone,
  type Role,
  type SessionView,
  type WechatPhoneView,
} from '@pioneer/shared';
import { AccountsService } from '../accounts/accounts.service.js';
import { AuditService, type AuditEntry } from '../audit/audit.service.js';
import { AppException } from '../common/errors/app-exception.js';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { Clock } from '../common/time/clock.js';
import { AppConfig } from '../config/app-config.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionsRepository } from './sessions.repository.js';
import { hashToken, newToken } from './tokens.js';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

const LOCK_MS = STAFF_LOCKOUT_MINUTES * 60 * 1000;

/** Sign-in for members (WeChat) and staff (password), sessions, and the auth guard's lookup. */
@Injectable()
export class AuthService {
  constructor(
    private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsRepository,
    private readonly wechat: WechatClient,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly pii: PiiCrypto,
  ) {}

  /** wx.login code → openid at WeChat → our own session. WeChat's session_key never leaves the client class. */
  async loginWithWechat(code: string, client: ClientInfo): Promise<SessionView> {
    const { openid, unionid } = await this.wechat.code2Session(code);
    const accountId = await this.accounts.memberAccountForWechat(
      this.config.wechat.appId,
      openid,
      unionid ?? null,
      this.clock.now(),
    );
    const session = await this.openSession(accountId, client);
    await this.auditLogin('ok', 'member', accountId, client, { method: 'wechat' });
    return session;
  }

  async loginStaff(username: string, password: string, client: ClientInfo): Promise<SessionView> {
    const credential = await this.accounts.findStaffCredential(username);
    if (!credential) {
      await this.hasher.verifyNothing(password);
      await this.auditLogin('failed', 'anonymous', null, client, { method: 'password', username });
      throw new AppException(ErrorCode.INVALID_CREDENTIALS);
    }
    const now = this.clock.now();
    const attempt = { method: 'password', username };
    if (credential.lockedUntil && credential.lockedUntil > now) {
      await this.auditLogin('denied', 'anonymous', credential.accountId, client, {
        ...attempt,
        lockedUntil: credential.lockedUntil.toISOString(),
      });
      throw this.locked(credential.lockedUntil);
    }
    if (!(await this.hasher.verify(password, credential.passwordHash))) {
      const state = await this.accounts.recordFailedLogin(credential.accountId, now, STAFF_LOCKOUT_FAILURES, LOCK_MS);
      if (state.lockedUntil && state.lockedUntil > now) {
        await this.auditLogin('denied', 'anonymous', credential.accountId, client, {
          ...attempt,
          lockedUntil: state.lockedUntil.toISOString(),
        });
        throw this.locked(state.lockedUntil);
      }
      const left = STAFF_LOCKOUT_FAILURES - state.failedAttempts;
      await this.auditLogin('failed', 'anonymous', credential.accountId, client, { ...attempt, attemptsLeft: left });
      throw new AppException(
        ErrorCode.INVALID_CREDENTIALS,
        `用户名或密码不正确，再错 ${left} 次账号将锁定 ${STAFF_LOCKOUT_MINUTES} 分钟`,
        {
          attemptsLeft: left,
        },
      );
    }
    const account = await this.accounts.findAccount(credential.accountId);
    if (!account || account.status !== 'active') {
      await this.auditLogin('denied', 'staff', credential.accountId, client, { ...attempt, reason: 'disabled' });
      throw new AppException(ErrorCode.ACCOUNT_DISABLED);
    }
    if (credential.failedAttempts > 0) await this.accounts.resetFailedLogins(credential.accountId);
    const session = await this.openSession(credential.accountId, client);
    await this.auditLogin('ok', 'staff', credential.accountId, client, attempt);
    return session;
  }

  async refresh(refreshToken: string): Promise<SessionView> {
    const now = this.clock.now();
    const accessToken = newToken('pa');
    const nextRefresh = newToken('pr');
    const expiries = this.expiries(now);
    const session = await this.sessions.rotate(
      hashToken(refreshToken),
      { accessTokenHash: hashToken(accessToken), refreshTokenHash: hashToken(nextRefresh), ...expiries },
      now,
    );
    if (!session) throw new AppException(ErrorCode.REFRESH_TOKEN_INVALID);
    const account = await this.accounts.findAccount(session.accountId);
    if (!account || account.status !== 'active') throw new AppException(ErrorCode.ACCOUNT_DISABLED);
    return this.sessionView(session.accountId, accessToken, nextRefresh, expiries);
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.revoke(principal.sessionId, this.clock.now());
  }

  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const credential = await this.accounts.findStaffCredentialOf(principal.accountId);
    if (!credential) throw new AppException(ErrorCode.FORBIDDEN, '只有工作人员账号可以修改密码');
    if (!(await this.hasher.verify(currentPassword, credential.passwordHash))) {
      throw new AppException(ErrorCode.INVALID_CREDENTIALS, '当前密码不正确');
    }
    const problems = checkPassword(newPassword, credential.username);
    if (problems.length > 0) {
      throw new AppException(
        ErrorCode.WEAK_PASSWORD,
        `新密码不符合要求：${problems.map((p) => PASSWORD_PROBLEM_LABELS[p]).join('；')}`,
        problems.map((p) => ({ path: 'newPassword', problem: p })),
      );
    }
    const now = this.clock.now();
    await this.accounts.updatePassword(principal.accountId, await this.hasher.hash(newPassword), now);
    // Other devices signed in with the old password are signed out.
    await this.sessions.revokeAllForAccountExcept(principal.accountId, principal.sessionId, now);
  }

  /** Exchanges a getPhoneNumber code and keeps the phone encrypted; only the masked form is returned. */
  async confirmWechatPhone(principal: Principal, code: string): Promise<WechatPhoneView> {
    if (principal.kind !== 'member') throw new AppException(ErrorCode.FORBIDDEN, '只有党员账号可以绑定微信手机号');
    const { purePhoneNumber } = await this.wechat.getPhoneNumber(code);
    await this.accounts.setPhone(
      principal.accountId,
      this.pii.encrypt(purePhoneNumber),
      this.pii.index('phone', purePhoneNumber),
    );
    return { phoneMasked: maskPhone(purePhoneNumber) };
  }

  /** The auth guard's question: who holds this access token, if anyone, right now? */
  async principalForAccessToken(accessToken: string): Promise<Principal> {
    const row = await this.sessions.findLivePrincipal(hashToken(accessToken));
    if (!row) throw new AppException(ErrorCode.UNAUTHENTICATED, '登录已失效，请重新登录');
    if (row.accessExpiresAt <= this.clock.now()) throw new AppException(ErrorCode.TOKEN_EXPIRED);
    if (row.status !== 'active') throw new AppException(ErrorCode.ACCOUNT_DISABLED);
    return {
      accountId: row.accountId,
      sessionId: row.sessionId,
      kind: row.kind,
      roles: [...new Set(row.grants.map((g) => g.role))].sort(),
      grants: row.grants
        .filter((g): g is { role: Role; orgId: string; orgPath: string } => g.orgId !== null && g.orgPath !== null)
        .map((g) => ({ role: g.role, orgId: g.orgId, orgPath: g.orgPath })),
      memberId: row.memberId,
    };
  }

  private async openSession(accountId: string, client: ClientInfo): Promise<SessionView> {
    const accessToken = newToken('pa');
    const refreshToken = newToken('pr');
    const expiries = this.expiries(this.clock.now());
    await this.sessions.create({
      accountId,
      accessTokenHash: hashToken(accessToken),
      refreshTokenHash: hashToken(refreshToken),
      ...expiries,
      clientIp: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    return this.sessionView(accountId, accessToken, refreshToken, expiries);
  }

  private async sessionView(
    accountId: string,
    accessToken: string,
    refreshToken: string,
    expiries: { accessExpiresAt: Date; refreshExpiresAt: Date },
  ): Promise<SessionView> {
    return {
      accessToken,
      accessTokenExpiresAt: expiries.accessExpiresAt.toISOString(),
      refreshToken,
      refreshTokenExpiresAt: expiries.refreshExpiresAt.toISOString(),
      account: await this.accounts.getView(accountId),
    };
  }

  private expiries(now: Date): { accessExpiresAt: Date; refreshExpiresAt: Date } {
    return {
      accessExpiresAt: new Date(now.getTime() + this.config.auth.accessTokenTtlSeconds * 1000),
      refreshExpiresAt: new Date(now.getTime() + this.config.auth.refreshTokenTtlSeconds * 1000),
    };
  }

  /**
   * Every sign-in attempt is audited. Until the password is right the person
   * trying is not known to hold the account, so they are 'anonymous' and the
   * account is only the target. The typed username is kept: it is staff's,
   * not a member's personal data.
   */
  private async auditLogin(
    result: AuditEntry['result'],
    actorKind: AuditEntry['actorKind'],
    accountId: string | null,
    client: ClientInfo,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record({
      action: result === 'ok' ? 'auth.login' : 'auth.login_failed',
      result,
      actorAccountId: actorKind === 'anonymous' ? null : accountId,
      actorKind,
      targetType: accountId ? 'account' : null,
      targetId: accountId,
      clientIp: client.ip,
      details,
    });
  }

  private locked(until: Date): AppException {
    const minutes = Math.max(1, Math.ceil((until.getTime() - this.clock.now().getTime()) / 60000));
    return new AppException(ErrorCode.ACCOUNT_LOCKED, `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`, {
      lockedUntil: until.toISOString(),
    });
  }
}
