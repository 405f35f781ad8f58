import { Injectable } from '@nestjs/common';
import type { AccountKind, Role } from '@pioneer/shared';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { queryPrepared } from '../database/prepared-query.js';
import { Session } from './session.entity.js';

export interface LivePrincipalRow {
  sessionId: string;
  accessExpiresAt: Date;
  accountId: string;
  kind: AccountKind;
  status: string;
  memberId: string | null;
  grants: { role: Role; orgId: string | null; orgPath: string | null }[];
}

export interface NewSession {
  accountId: string;
  accessTokenHash: string;
  refreshTokenHash: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
  clientIp: string | null;
  userAgent: string | null;
}

@Injectable()
export class SessionsRepository {
  constructor(@InjectRepository(Session) private readonly rows: Repository<Session>) {}

  create(s: NewSession): Promise<Session> {
    return this.rows.save(this.rows.create(s));
  }

  /**
   * The hot path of every request: the live session behind an access token,
   * its account, and the account's live role grants with their org paths, in
   * one indexed query, prepared once per connection.
   */
  async findLivePrincipal(accessTokenHash: string): Promise<LivePrincipalRow | null> {
    const rows = await queryPrepared<LivePrincipalRow>(
      this.rows.manager.connection,
      'sessions_find_live_principal',
      `SELECT s.id AS "sessionId", s.access_expires_at AS "accessExpiresAt", a.id AS "accountId", a.kind, a.status,
              a.member_id AS "memberId",
              COALESCE(json_agg(json_build_object('role', g.role, 'orgId', g.org_id, 'orgPath', o.path))
                       FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
         FROM sessions s
         JOIN accounts a ON a.id = s.account_id
         LEFT JOIN role_grants g ON g.account_id = a.id AND g.revoked_at IS NULL
         LEFT JOIN orgs o ON o.id = g.org_id
        WHERE s.access_token_hash = $1 AND s.revoked_at IS NULL
        GROUP BY s.id, a.id`,
      [accessTokenHash],
    );
    return rows[0] ?? null;
  }

  /** Swaps both tokens of a session whose refresh token is still good; null when it was not (already used, expired, revoked). */
  async rotate(
    refreshTokenHash: string,
    next: Pick<NewSession, 'accessTokenHash' | 'refreshTokenHash' | 'accessExpiresAt' | 'refreshExpiresAt'>,
    now: Date,
  ): Promise<Session | null> {
    const rows: { id: string }[] = await this.rows.query(
      `UPDATE sessions
          SET access_token_hash = $2, refresh_token_hash = $3, access_expires_at = $4, refresh_expires_at = $5, refreshed_at = $6
        WHERE refresh_token_hash = $1 AND revoked_at IS NULL AND refresh_expires_at > $6
        RETURNING id`,
      [refreshTokenHash, next.accessTokenHash, next.refreshTokenHash, next.accessExpiresAt, next.refreshExpiresAt, now],
    );
    // node-postgres answers UPDATE … RETURNING as [rows, count] through TypeORM's query().
    const list = Array.isArray(rows[0]) ? (rows[0] as { id: string }[]) : rows;
    const id = list[0]?.id;
    return id ? this.rows.findOneBy({ id }) : null;
  }

  async revoke(id: string, now: Date): Promise<void> {
    await this.rows.update({ id, revokedAt: IsNull() }, { revokedAt: now });
  }

  async revokeAllForAccountExcept(accountId: string, keepSessionId: string, now: Date): Promise<void> {
    await this.rows
      .createQueryBuilder()
      .update()
      .set({ revokedAt: now })
      .where('account_id = :accountId AND id <> :keep AND revoked_at IS NULL', { accountId, keep: keepSessionId })
      .execute();
  }
}
