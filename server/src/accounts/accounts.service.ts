import { Injectable } from '@nestjs/common';
import { ErrorCode, type AccountView, type Role } from '@pioneer/shared';
import { AppException } from '../common/errors/app-exception.js';
import type { Account } from './account.entity.js';
import { AccountsRepository, type LockState } from './accounts.repository.js';
import type { StaffCredential } from './staff-credential.entity.js';

/** Accounts and their sign-in records; other features reach them only through this service. */
@Injectable()
export class AccountsService {
  constructor(private readonly accounts: AccountsRepository) {}

  async getView(accountId: string): Promise<AccountView> {
    const account = await this.accounts.findAccountById(accountId);
    if (!account) throw new AppException(ErrorCode.UNAUTHENTICATED);
    return this.toView(account, await this.accounts.findActiveRoles(accountId));
  }

  findAccount(accountId: string): Promise<Account | null> {
    return this.accounts.findAccountById(accountId);
  }

  activeRoles(accountId: string): Promise<Role[]> {
    return this.accounts.findActiveRoles(accountId);
  }

  /** Whether the account holds a live grant of one of `roles` at exactly this org (e.g. a committee member of a branch). */
  holdsRoleAt(accountId: string, roles: Role[], orgId: string): Promise<boolean> {
    return this.accounts.holdsRoleAt(accountId, roles, orgId);
  }

  /** The member account for a WeChat user, made on first sign-in. */
  async memberAccountForWechat(appId: string, openid: string, unionid: string | null, now: Date): Promise<string> {
    const identity = await this.accounts.findAccountIdByWechatIdentity(appId, openid);
    if (identity) {
      await this.accounts.touchWechatLogin(appId, openid, unionid, now);
      return identity.accountId;
    }
    return this.accounts.createMemberForWechatIdentity(appId, openid, unionid, '微信用户');
  }

  /** For demo data: a member account with a known WeChat identity and name. */
  async ensureMemberForWechat(appId: string, openid: string, displayName: string): Promise<string> {
    const identity = await this.accounts.findAccountIdByWechatIdentity(appId, openid);
    return identity
      ? identity.accountId
      : this.accounts.createMemberForWechatIdentity(appId, openid, null, displayName);
  }

  findStaffCredential(username: string): Promise<StaffCredential | null> {
    return this.accounts.findStaffCredentialByUsername(username);
  }

  findStaffCredentialOf(accountId: string): Promise<StaffCredential | null> {
    return this.accounts.findStaffCredentialByAccountId(accountId);
  }

  recordFailedLogin(accountId: string, now: Date, maxFailures: number, lockMs: number): Promise<LockState> {
    return this.accounts.recordFailedLogin(accountId, now, maxFailures, lockMs);
  }

  resetFailedLogins(accountId: string): Promise<void> {
    return this.accounts.resetFailedLogins(accountId);
  }

  updatePassword(accountId: string, passwordHash: string, now: Date): Promise<void> {
    return this.accounts.updatePassword(accountId, passwordHash, now);
  }

  setPhone(accountId: string, phoneCipher: string, phoneIndex: string): Promise<void> {
    return this.accounts.setPhone(accountId, phoneCipher, phoneIndex);
  }

  createStaff(username: string, displayName: string, passwordHash: string, roles: Role[]): Promise<string> {
    return this.accounts.createStaff(username, displayName, passwordHash, roles);
  }

  bindMember(accountId: string, memberId: string): Promise<boolean> {
    return this.accounts.bindMember(accountId, memberId);
  }

  unbindMember(memberId: string): Promise<string | null> {
    return this.accounts.unbindMember(memberId);
  }

  grantRole(accountId: string, role: Role, orgId: string | null): Promise<void> {
    return this.accounts.grantRole(accountId, role, orgId);
  }

  revokeRole(accountId: string, role: Role, orgId: string | null, now: Date): Promise<void> {
    return this.accounts.revokeRole(accountId, role, orgId, now);
  }

  countAccounts(): Promise<number> {
    return this.accounts.countAccounts();
  }

  private toView(account: Account, roles: Role[]): AccountView {
    return { id: account.id, kind: account.kind, displayName: account.displayName, roles, memberId: account.memberId };
  }
}
