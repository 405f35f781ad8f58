import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * WeChat subscribe messages (订阅消息).
 *
 * - Consent credits: each "allow" a person taps in WeChat's dialog is good
 *   for exactly one message of that template, so credits are counted per
 *   account and template and never go below zero.
 * - The outbox: one row per message to send, written in the transaction of
 *   the change it tells about and drained by the dispatcher after commit.
 *   `due` finds what to claim (pending rows, and rows whose sender vanished
 *   mid-send once their lease ran out) by one index scan.
 * - The send log: one row per attempt and what came of it.
 */
export class WechatSubscriptions1764600000000 implements MigrationInterface {
  name = 'WechatSubscriptions1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE wechat_subscriptions (
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        template_id text NOT NULL,
        credits integer NOT NULL DEFAULT 0 CHECK (credits >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, template_id)
      )`);

    await q.query(`
      CREATE TABLE wechat_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        template_id text NOT NULL,
        page text NULL,
        data jsonb NOT NULL,
        inbox_kind text NOT NULL,
        subject_id uuid NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        credit_taken boolean NOT NULL DEFAULT false,
        next_attempt_at timestamptz NOT NULL,
        msg_id text NULL,
        last_errcode integer NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL
      )`);
    await q.query(
      `CREATE INDEX wechat_outbox_due ON wechat_outbox (next_attempt_at) WHERE status IN ('pending', 'sending')`,
    );
    await q.query(`CREATE INDEX wechat_outbox_account ON wechat_outbox (account_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE wechat_send_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        outbox_id uuid NOT NULL REFERENCES wechat_outbox (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('sent', 'skipped', 'failed')),
        reason text NULL,
        errcode integer NULL,
        msg_id text NULL,
        next_attempt_at timestamptz NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX wechat_send_log_outbox ON wechat_send_log (outbox_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE wechat_send_log`);
    await q.query(`DROP TABLE wechat_outbox`);
    await q.query(`DROP TABLE wechat_subscriptions`);
  }
}
