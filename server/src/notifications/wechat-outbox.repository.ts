import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { InboxKind } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxStatus } from './wechat-outbox-message.entity.js';
import type { SendOutcome, SendReason } from './wechat-send-log.entity.js';
import type { TemplateData } from './wechat-message.js';
import { CREDITS_CAP } from './wechat-subscriptions.repository.js';

export interface NewOutboxMessage {
  accountId: string;
  templateId: string;
  page: string;
  data: TemplateData;
  inboxKind: InboxKind;
  subjectId: string;
  nextAttemptAt: Date;
}

/** Who may hear of an item: staff of the addressed branch who sign in with WeChat, or the member's account(s). */
export interface OutboxRecipient {
  orgId: string | null;
  memberId: string | null;
  orgName: string | null;
  accountId: string;
}

/** A row the dispatcher now holds, with its attempt number already counted. */
export interface ClaimedMessage {
  id: string;
  accountId: string;
  templateId: string;
  page: string | null;
  data: TemplateData;
  attempts: number;
  /** Paid for with one of the person's credits, on this claim or an earlier attempt; false: none was left. */
  creditTaken: boolean;
  /** Where to send it: the account's most recently used WeChat identity in this app; null when it has none. */
  openid: string | null;
}

/** How one attempt ends: the row's new state, and the log line that says why. */
export interface AttemptOutcome {
  status: Exclude<OutboxStatus, 'sending'>;
  outcome: SendOutcome;
  reason: SendReason | null;
  errcode: number | null;
  msgId: string | null;
  /** Only when going back to pending. */
  nextAttemptAt: Date | null;
  /** The person's credits for the template: used up (WeChat says none are left) or given back (never sent). */
  credits: 'use_up' | 'give_back' | null;
  /** When the outcome was known; a retry's delay counts from here. */
  at: Date;
}

/**
 * The WeChat outbox. Rows are written in the caller's transaction; the
 * dispatcher claims them with `FOR UPDATE SKIP LOCKED` (several instances
 * never claim one row twice) and every later change is guarded by the
 * claimed attempt number, so an attempt whose lease ran out cannot overwrite
 * a newer one.
 */
@Injectable()
export class WechatOutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Live staff grants at the addressed branches whose account has a WeChat
   * identity in this app, and the accounts bound to the addressed members;
   * each (branch or member, account) once.
   */
  async findRecipients(
    m: EntityManager,
    orgIds: string[],
    memberIds: string[],
    appId: string,
  ): Promise<OutboxRecipient[]> {
    if (orgIds.length === 0 && memberIds.length === 0) return [];
    return m.query(
      `SELECT g.org_id AS "orgId", NULL::uuid AS "memberId", o.name AS "orgName", g.account_id AS "accountId"
         FROM role_grants g
         JOIN orgs o ON o.id = g.org_id
         JOIN accounts a ON a.id = g.account_id AND a.status = 'active'
        WHERE g.org_id = ANY($1::uuid[]) AND g.revoked_at IS NULL
          AND EXISTS (SELECT 1 FROM wechat_identities w WHERE w.account_id = a.id AND w.app_id = $3)
       UNION
       SELECT NULL::uuid, a.member_id, NULL, a.id
         FROM accounts a
        WHERE a.member_id = ANY($2::uuid[]) AND a.status = 'active'`,
      [orgIds, memberIds, appId],
    );
  }

  async insertMany(m: EntityManager, rows: NewOutboxMessage[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO wechat_outbox (account_id, template_id, page, data, inbox_kind, subject_id, next_attempt_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::uuid[], $7::timestamptz[])`,
      [
        rows.map((r) => r.accountId),
        rows.map((r) => r.templateId),
        rows.map((r) => r.page),
        rows.map((r) => JSON.stringify(r.data)),
        rows.map((r) => r.inboxKind),
        rows.map((r) => r.subjectId),
        rows.map((r) => r.nextAttemptAt),
      ],
    );
  }

  /**
   * One message to each of many members, in one statement: to the account
   * bound to each member, only if it still holds a credit for the template
   * (the rest would only be skipped). A partial unique index may allow a
   * kind of message once per account and subject (a study pack): rows it
   * refuses are skipped. Answers how many rows were written.
   */
  async insertForMembers(
    m: EntityManager,
    memberIds: string[],
    row: Omit<NewOutboxMessage, 'accountId'>,
  ): Promise<number> {
    if (memberIds.length === 0) return 0;
    const rows: { n: number }[] = await m.query(
      `WITH written AS (
         INSERT INTO wechat_outbox (account_id, template_id, page, data, inbox_kind, subject_id, next_attempt_at)
         SELECT a.id, $2, $3, $4::jsonb, $5, $6, $7
           FROM accounts a
          WHERE a.member_id = ANY($1::uuid[]) AND a.status = 'active'
            -- A subquery per account, by the key: as EXISTS the planner may hash-join a scan of every credit.
            AND (SELECT s.credits FROM wechat_subscriptions s WHERE s.account_id = a.id AND s.template_id = $2) > 0
          -- In key order, so the indexes led by account_id are written page by page.
          ORDER BY a.id
         ON CONFLICT DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM written`,
      [memberIds, row.templateId, row.page, JSON.stringify(row.data), row.inboxKind, row.subjectId, row.nextAttemptAt],
    );
    return rows[0].n;
  }

  /** How the messages of one kind about one subject stand: sent, skipped, failed, still to go. */
  async countBySubject(
    inboxKind: InboxKind,
    subjectId: string,
  ): Promise<{ sent: number; skipped: number; failed: number; pending: number }> {
    const rows: { sent: number; skipped: number; failed: number; pending: number }[] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent,
              count(*) FILTER (WHERE status = 'skipped')::int AS skipped,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS pending
         FROM wechat_outbox WHERE inbox_kind = $1 AND subject_id = $2`,
      [inboxKind, subjectId],
    );
    return rows[0];
  }

  /**
   * Claims up to `limit` due rows in one short statement: pending rows whose
   * time has come, and rows left `sending` by an instance that vanished, once
   * their lease is over. Each claimed row counts one more attempt, is leased
   * until `leaseUntil`, and comes with the openid to send to (the account's
   * most recently used WeChat identity in `appId`).
   *
   * The same statement pays for the messages it claims: one of the person's
   * credits for each message that has a WeChat identity and was not paid for
   * on an earlier attempt, only while credits are left (two messages to one
   * person and template share them in id order). A paid row remembers it, so
   * a retry never pays twice; `creditTaken` false on a claimed row means no
   * credit was left.
   */
  async claimDue(now: Date, limit: number, leaseUntil: Date, appId: string, at: Date): Promise<ClaimedMessage[]> {
    const [rows]: [Record<string, unknown>[], number] = await this.db.query(
      `WITH due AS (
         SELECT o.id, o.account_id, o.template_id, o.credit_taken,
                (SELECT w.openid FROM wechat_identities w WHERE w.account_id = o.account_id AND w.app_id = $4
                  ORDER BY w.last_login_at DESC NULLS LAST, w.created_at DESC LIMIT 1) AS openid
           FROM wechat_outbox o
          WHERE o.status IN ('pending', 'sending') AND o.next_attempt_at <= $1
          ORDER BY o.next_attempt_at
          LIMIT $2
          FOR UPDATE OF o SKIP LOCKED
       ), wanted AS (
         SELECT id, account_id, template_id,
                row_number() OVER (PARTITION BY account_id, template_id ORDER BY id) AS nth
           FROM due WHERE NOT credit_taken AND openid IS NOT NULL
       ), paid AS (
         SELECT w.id, w.account_id, w.template_id
           FROM wanted w
           JOIN wechat_subscriptions s ON s.account_id = w.account_id AND s.template_id = w.template_id
          WHERE s.credits >= w.nth
            FOR UPDATE OF s
       ), spent AS (
         UPDATE wechat_subscriptions s SET credits = s.credits - n.n, updated_at = $5
           FROM (SELECT account_id, template_id, count(*)::integer AS n FROM paid GROUP BY 1, 2) n
          WHERE s.account_id = n.account_id AND s.template_id = n.template_id
       )
       UPDATE wechat_outbox o
          SET status = 'sending', attempts = o.attempts + 1, next_attempt_at = $3,
              credit_taken = o.credit_taken OR paid.id IS NOT NULL
         FROM due LEFT JOIN paid ON paid.id = due.id
        WHERE o.id = due.id
       RETURNING o.id, o.account_id, o.template_id, o.page, o.data, o.attempts,
                 o.credit_taken OR paid.id IS NOT NULL AS credit_taken, due.openid`,
      [now, limit, leaseUntil, appId, at],
    );
    return rows.map((r) => ({
      id: r.id as string,
      accountId: r.account_id as string,
      templateId: r.template_id as string,
      page: (r.page as string | null) ?? null,
      data: r.data as TemplateData,
      attempts: r.attempts as number,
      creditTaken: r.credit_taken as boolean,
      openid: (r.openid as string | null) ?? null,
    }));
  }

  /**
   * Ends attempts: each row's new state, the people's credits when an
   * outcome says so, and a log line each, in one statement. Rows no longer
   * held by the attempt given are left alone. Answers the ids recorded.
   */
  async finishAttempts(results: { message: ClaimedMessage; outcome: AttemptOutcome }[]): Promise<Set<string>> {
    if (results.length === 0) return new Set();
    const col = <T>(pick: (r: { message: ClaimedMessage; outcome: AttemptOutcome }) => T): T[] => results.map(pick);
    // The statement ends in INSERT, so TypeORM answers the returned rows alone.
    const rows: { outbox_id: string }[] = await this.db.query(
      `WITH r AS (
         SELECT * FROM unnest($1::uuid[], $2::integer[], $3::text[], $4::text[], $5::integer[], $6::timestamptz[],
                              $7::timestamptz[], $8::text[], $9::text[], $10::text[])
           AS r(id, attempt, status, msg_id, errcode, next_attempt_at, at, credits, outcome, reason)
       ), done AS (
         UPDATE wechat_outbox o
            SET status = r.status, msg_id = COALESCE(r.msg_id, o.msg_id), last_errcode = r.errcode,
                next_attempt_at = COALESCE(r.next_attempt_at, o.next_attempt_at),
                finished_at = CASE WHEN r.status <> 'pending' THEN r.at END
           FROM r
          WHERE o.id = r.id AND o.status = 'sending' AND o.attempts = r.attempt
         RETURNING o.id, o.account_id, o.template_id, o.credit_taken
       ), credits AS (
         UPDATE wechat_subscriptions s
            SET credits = CASE WHEN c.use_up THEN 0 ELSE LEAST(s.credits + c.give_back, ${CREDITS_CAP}) END,
                updated_at = c.at
           FROM (SELECT done.account_id, done.template_id, bool_or(r.credits = 'use_up') AS use_up,
                        count(*) FILTER (WHERE r.credits = 'give_back')::integer AS give_back, max(r.at) AS at
                   FROM done JOIN r ON r.id = done.id
                  WHERE r.credits = 'use_up' OR (r.credits = 'give_back' AND done.credit_taken)
                  GROUP BY 1, 2) c
          WHERE s.account_id = c.account_id AND s.template_id = c.template_id
       )
       INSERT INTO wechat_send_log (outbox_id, attempt, outcome, reason, errcode, msg_id, next_attempt_at, at)
       SELECT r.id, r.attempt, r.outcome, r.reason, r.errcode, r.msg_id, r.next_attempt_at, r.at
         FROM r JOIN done ON done.id = r.id
       RETURNING outbox_id`,
      [
        col((r) => r.message.id),
        col((r) => r.message.attempts),
        col((r) => r.outcome.status),
        col((r) => r.outcome.msgId),
        col((r) => r.outcome.errcode),
        col((r) => r.outcome.nextAttemptAt),
        col((r) => r.outcome.at),
        col((r) => r.outcome.credits),
        col((r) => r.outcome.outcome),
        col((r) => r.outcome.reason),
      ],
    );
    return new Set(rows.map((r) => r.outbox_id));
  }
}
