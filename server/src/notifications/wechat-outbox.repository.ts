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
  creditTaken: boolean;
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
   * their lease is over. Each claimed row counts one more attempt and is
   * leased until `leaseUntil`.
   */
  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<ClaimedMessage[]> {
    const [rows]: [Record<string, unknown>[], number] = await this.db.query(
      `WITH due AS (
         SELECT id FROM wechat_outbox
          WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1
          ORDER BY next_attempt_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED
       )
       UPDATE wechat_outbox o
          SET status = 'sending', attempts = o.attempts + 1, next_attempt_at = $3
         FROM due
        WHERE o.id = due.id
       RETURNING o.id, o.account_id, o.template_id, o.page, o.data, o.attempts, o.credit_taken`,
      [now, limit, leaseUntil],
    );
    return rows.map((r) => ({
      id: r.id as string,
      accountId: r.account_id as string,
      templateId: r.template_id as string,
      page: (r.page as string | null) ?? null,
      data: r.data as TemplateData,
      attempts: r.attempts as number,
      creditTaken: r.credit_taken as boolean,
    }));
  }

  /** The openid to send to: the account's most recently used WeChat identity in this app. */
  async findOpenid(accountId: string, appId: string): Promise<string | null> {
    const rows: { openid: string }[] = await this.db.query(
      `SELECT openid FROM wechat_identities WHERE account_id = $1 AND app_id = $2
        ORDER BY last_login_at DESC NULLS LAST, created_at DESC LIMIT 1`,
      [accountId, appId],
    );
    return rows[0]?.openid ?? null;
  }

  /**
   * Spends one of the person's credits on this message, atomically: the
   * credit goes down only if one is left, and the row remembers it was paid
   * for, so a retry never pays twice. False when no credit is left.
   */
  async takeCredit(message: ClaimedMessage, at: Date): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.db.query(
      `WITH taken AS (
         UPDATE wechat_subscriptions SET credits = credits - 1, updated_at = $4
          WHERE account_id = $2 AND template_id = $3 AND credits > 0
         RETURNING credits
       )
       UPDATE wechat_outbox SET credit_taken = true
        WHERE id = $1 AND status = 'sending' AND attempts = $5 AND EXISTS (SELECT 1 FROM taken)
       RETURNING id`,
      [message.id, message.accountId, message.templateId, at, message.attempts],
    );
    return rows.length > 0;
  }

  /**
   * Ends an attempt: the row's new state, the person's credits when the
   * outcome says so, and the log line, in one statement. Nothing happens if
   * the row is no longer held by this attempt.
   */
  async finishAttempt(message: ClaimedMessage, result: AttemptOutcome): Promise<boolean> {
    const terminal = result.status !== 'pending';
    // The statement ends in INSERT, so TypeORM answers the returned rows alone.
    const rows: unknown[] = await this.db.query(
      `WITH done AS (
         UPDATE wechat_outbox
            SET status = $3::text, msg_id = COALESCE($4::text, msg_id), last_errcode = $5::integer,
                next_attempt_at = COALESCE($6::timestamptz, next_attempt_at),
                finished_at = CASE WHEN $7::boolean THEN $8::timestamptz END
          WHERE id = $1 AND status = 'sending' AND attempts = $2::integer
         RETURNING id, account_id, template_id, credit_taken
       ), credits AS (
         UPDATE wechat_subscriptions s
            SET credits = CASE WHEN $9::text = 'use_up' THEN 0 ELSE LEAST(s.credits + 1, ${CREDITS_CAP}) END,
                updated_at = $8::timestamptz
           FROM done
          WHERE s.account_id = done.account_id AND s.template_id = done.template_id
            AND ($9::text = 'use_up' OR ($9::text = 'give_back' AND done.credit_taken))
       )
       INSERT INTO wechat_send_log (outbox_id, attempt, outcome, reason, errcode, msg_id, next_attempt_at, at)
       SELECT done.id, $2::integer, $10::text, $11::text, $5::integer, $4::text, $6::timestamptz, $8::timestamptz FROM done
       RETURNING outbox_id`,
      [
        message.id,
        message.attempts,
        result.status,
        result.msgId,
        result.errcode,
        result.nextAttemptAt,
        terminal,
        result.at,
        result.credits,
        result.outcome,
        result.reason,
      ],
    );
    return rows.length > 0;
  }
}
