import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { Account } from './account.entity.js';
import { RoleGrant } from './role-grant.entity.js';
import { StaffCredential } from './staff-credential.entity.js';
import { WechatIdentity } from './wechat-identity.entity.js';

export interface LockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findAccountById(id: string): Promise<Account | null> {
    return this.db.getRepository(Account).findOneBy({ id });
  }

  async findActiveRoles(accountId: string): Promise<Role[]> {
    const rows = await this.db
      .getRepository(RoleGrant)
      .createQueryBuilder('g')
      .select('DISTINCT g.role', 'role')
      .where('g.account_id = :accountId AND g.revoked_at IS NULL', { accountId })
      .orderBy('role')
      .getRawMany<{ role: Role }>();
    return rows.map((r) => r.role);
  }

  /** Whether the account holds a live grant of one of `roles` at exactly this org. */
  async holdsRoleAt(accountId: string, roles: Role[], orgId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM role_grants WHERE account_id = $1 AND org_id = $2 AND role = ANY($3::text[]) AND revoked_at IS NULL LIMIT 1`,
      [accountId, orgId, roles],
    );
    return rows.length > 0;
  }

  findAccountIdByWechatIdentity(appId: string, openid: string): Promise<WechatIdentity | null> {
    return this.db.getRepository(WechatIdentity).findOneBy({ appId, openid });
  }

  /**
   * A first WeChat sign-in makes a member account. Two first sign-ins racing for
   * one openid end with one account: the loser's insert is rolled back.
   */
  async createMemberForWechatIdentity(
    appId: string,
    openid: string,
    unionid: string | null,
    displayName: string,
  ): Promise<string> {
    return this.db.transaction(async (tx: EntityManager) => {
      const account = await tx
        .getRepository(Account)
        .save(tx.getRepository(Account).create({ kind: 'member', displayName, status: 'active' }));
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(WechatIdentity)
        .values({ appId, openid, unionid, accountId: account.id })
        .orIgnore()
        .returning(['account_id'])
        .execute();
      if ((inserted.raw as unknown[]).length === 0) {
        await tx.getRepository(Account).delete({ id: account.id });
        const existing = await tx.getRepository(WechatIdentity).findOneByOrFail({ appId, openid });
        return existing.accountId;
      }
      await tx.getRepository(RoleGrant).insert({ accountId: account.id, role: 'member' });
      return account.id;
    });
  }

  async touchWechatLogin(appId: string, openid: string, unionid: string | null, now: Date): Promise<void> {
    await this.db
      .getRepository(WechatIdentity)
      .update({ appId, openid }, { lastLoginAt: now, ...(unionid ? { unionid } : {}) });
  }

  findStaffCredentialByUsername(username: string): Promise<StaffCredential | null> {
    return this.db
      .getRepository(StaffCredential)
      .createQueryBuilder('c')
      .where('lower(c.username) = lower(:username)', { username })
      .getOne();
  }

  findStaffCredentialByAccountId(accountId: string): Promise<StaffCredential | null> {
    return this.db.getRepository(StaffCredential).findOneBy({ accountId });
  }

  /**
   * Counts one failed password in one statement (so parallel guesses all count)
   * and locks the account when the count reaches `maxFailures`. A lock that has
   * run out starts the count again.
   */
  async recordFailedLogin(accountId: string, now: Date, maxFailures: number, lockMs: number): Promise<LockState> {
    const rows: [{ failed_attempts: number; locked_until: Date | null }[], number] = await this.db.query(
      `UPDATE staff_credentials SET
         failed_attempts = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 ELSE failed_attempts + 1 END,
         locked_until = CASE
           WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 ELSE failed_attempts + 1 END) >= $3
             AND (locked_until IS NULL OR locked_until <= $2) THEN $4::timestamptz
           WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN NULL
           ELSE locked_until END
       WHERE account_id = $1
       RETURNING failed_attempts, locked_until`,
      [accountId, now, maxFailures, new Date(now.getTime() + lockMs)],
    );
    const row = rows[0][0];
    return { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until };
  }

  async resetFailedLogins(accountId: string): Promise<void> {
    await this.db.getRepository(StaffCredential).update({ accountId }, { failedAttempts: 0, lockedUntil: null });
  }

  async updatePassword(accountId: string, passwordHash: string, now: Date): Promise<void> {
    await this.db.getRepository(StaffCredential).update({ accountId }, { passwordHash, passwordChangedAt: now });
  }

  async setPhone(accountId: string, phoneCipher: string, phoneIndex: string): Promise<void> {
    await this.db.getRepository(Account).update({ id: accountId }, { phoneCipher, phoneIndex });
  }

  async createStaff(username: string, displayName: string, passwordHash: string, roles: Role[]): Promise<string> {
    return this.db.transaction(async (tx) => {
      const account = await tx
        .getRepository(Account)
        .save(tx.getRepository(Account).create({ kind: 'staff', displayName, status: 'active' }));
      await tx.getRepository(StaffCredential).insert({ accountId: account.id, username, passwordHash });
      for (const role of roles) await tx.getRepository(RoleGrant).insert({ accountId: account.id, role });
      return account.id;
    });
  }

  /** Links an account to its roster entry once; false when the account was already bound. */
  async bindMember(accountId: string, memberId: string): Promise<boolean> {
    const result = await this.db
      .getRepository(Account)
      .createQueryBuilder()
      .update()
      .set({ memberId })
      .where('id = :accountId AND member_id IS NULL', { accountId })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Unlinks whichever account is bound to the member; the account id, or null when none was. */
  async unbindMember(memberId: string): Promise<string | null> {
    const rows: [{ id: string }[], number] = await this.db.query(
      `UPDATE accounts SET member_id = NULL, updated_at = now() WHERE member_id = $1 RETURNING id`,
      [memberId],
    );
    return rows[0][0]?.id ?? null;
  }

  async grantRole(accountId: string, role: Role, orgId: string | null): Promise<void> {
    await this.db.getRepository(RoleGrant).insert({ accountId, role, orgId });
  }

  async revokeRole(accountId: string, role: Role, orgId: string | null, now: Date): Promise<void> {
    await this.db
      .getRepository(RoleGrant)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: now })
      .where('account_id = :accountId AND role = :role AND revoked_at IS NULL', { accountId, role })
      .andWhere(orgId ? 'org_id = :orgId' : 'org_id IS NULL', { orgId })
      .execute();
  }

  async countAccounts(): Promise<number> {
    return this.db.getRepository(Account).count();
  }
}
