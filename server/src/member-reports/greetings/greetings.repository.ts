import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GreetingStatus } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { subtreeRange } from '../../common/scope/scope.js';

export interface GreetingRow {
  id: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  title: string;
  body: string;
  clientKey: string;
  status: GreetingStatus;
  recipients: number;
  afterMemberId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  sortAt: string;
}

const SELECT_ROW = `
  SELECT g.id, g.org_id AS "orgId", g.org_path AS "orgPath", o.name AS "orgName", g.title, g.body,
         g.client_key AS "clientKey", g.status, g.recipients, g.after_member_id AS "afterMemberId",
         g.created_at AS "createdAt", g.sent_at AS "sentAt",
         to_char(g.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt"
    FROM greetings g JOIN orgs o ON o.id = g.org_id`;

/** A member away from home: their flow has left (approved, arrived, active) or lost contact. */
const AWAY = `EXISTS (SELECT 1 FROM flows f WHERE f.member_id = m.id AND f.status IN ('approved', 'arrived', 'active', 'lost_contact'))`;

/** greetings, and the keyset walk over an org's mobile members that delivers one. */
@Injectable()
export class GreetingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  /** Answers the new id, or null when the org already sent a greeting with this client key. */
  async insert(
    m: EntityManager,
    v: { orgId: string; orgPath: string; title: string; body: string; clientKey: string; createdBy: string },
    at: Date,
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO greetings (org_id, org_path, title, body, client_key, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (org_id, client_key) DO NOTHING RETURNING id`,
      [v.orgId, v.orgPath, v.title, v.body, v.clientKey, v.createdBy, at],
    );
    return rows[0]?.id ?? null;
  }

  async findByClientKey(orgId: string, clientKey: string, m?: EntityManager): Promise<GreetingRow | null> {
    const rows: GreetingRow[] = await (m ?? this.db).query(`${SELECT_ROW} WHERE g.org_id = $1 AND g.client_key = $2`, [
      orgId,
      clientKey,
    ]);
    return rows[0] ?? null;
  }

  async findById(id: string, m?: EntityManager): Promise<GreetingRow | null> {
    const rows: GreetingRow[] = await (m ?? this.db).query(`${SELECT_ROW} WHERE g.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The greeting locked until the transaction ends, so two runs of its fan-out never deliver one batch twice. */
  async lock(m: EntityManager, id: string): Promise<GreetingRow | null> {
    await m.query(`SELECT 1 FROM greetings WHERE id = $1 FOR UPDATE`, [id]);
    return this.findById(id, m);
  }

  async listForOrg(
    orgId: string,
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<GreetingRow[]> {
    return this.db.query(
      `${SELECT_ROW} WHERE g.org_id = $1 ${after ? 'AND (g.created_at, g.id) < ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY g.created_at DESC, g.id DESC LIMIT $2`,
      after ? [orgId, limit, after.at, after.id] : [orgId, limit],
    );
  }

  /** The next batch of mobile members under the org, by id after the fan-out's position. */
  async findMobileMembersAfter(
    m: EntityManager,
    orgPath: string,
    afterId: string | null,
    limit: number,
  ): Promise<string[]> {
    const { from, to } = subtreeRange(orgPath);
    const rows: { id: string }[] = await m.query(
      `SELECT m.id FROM members m
        WHERE m.branch_path >= $1 AND m.branch_path < $2 AND ($3::uuid IS NULL OR m.id > $3::uuid) AND ${AWAY}
        ORDER BY m.id LIMIT $4`,
      [from, to, afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  async advance(
    m: EntityManager,
    id: string,
    afterMemberId: string | null,
    delivered: number,
    done: boolean,
    at: Date,
  ): Promise<void> {
    await m.query(
      `UPDATE greetings SET recipients = recipients + $3, after_member_id = COALESCE($2, after_member_id),
              status = CASE WHEN $4 THEN 'sent' ELSE status END, sent_at = CASE WHEN $4 THEN $5 ELSE sent_at END
        WHERE id = $1`,
      [id, afterMemberId, delivered, done, at],
    );
  }
}
