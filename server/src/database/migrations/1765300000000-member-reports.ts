import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Member reports (思想汇报, 组织生活月报告), suggestions (建言献策) with their
 * pictures, and holiday greetings. Report and suggestion text is encrypted
 * (it is personal); a report and a suggestion keep the home branch's path
 * they were sent to, so the home side's lists are one range scan.
 */
export class MemberReports1765300000000 implements MigrationInterface {
  name = 'MemberReports1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE member_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members (id),
        kind text NOT NULL CHECK (kind IN ('thought', 'monthly')),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(H[12]|0[1-9]|1[0-2])$'),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'read', 'replied')),
        body_cipher text NULL,
        client_key text NULL,
        branch_id uuid NULL REFERENCES orgs (id),
        branch_path text COLLATE "C" NULL,
        reminded_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz NULL,
        read_at timestamptz NULL,
        read_by uuid NULL REFERENCES accounts (id),
        reply_cipher text NULL,
        replied_at timestamptz NULL,
        replied_by uuid NULL REFERENCES accounts (id),
        CONSTRAINT member_reports_once UNIQUE (member_id, kind, period),
        CONSTRAINT member_reports_submitted CHECK (
          status = 'draft' OR (submitted_at IS NOT NULL AND body_cipher IS NOT NULL AND branch_path IS NOT NULL)),
        CONSTRAINT member_reports_replied CHECK (status <> 'replied' OR reply_cipher IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX member_reports_member ON member_reports (member_id, updated_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX member_reports_branch ON member_reports (branch_path, submitted_at DESC, id DESC) WHERE status <> 'draft'`,
    );

    await q.query(`
      CREATE TABLE suggestions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members (id),
        branch_id uuid NOT NULL REFERENCES orgs (id),
        branch_path text COLLATE "C" NOT NULL,
        category text NOT NULL
          CHECK (category IN ('rural_revitalization', 'grassroots_governance', 'economic_development', 'livelihood', 'other')),
        title text NOT NULL,
        text_cipher text NOT NULL,
        status text NOT NULL DEFAULT 'received'
          CHECK (status IN ('received', 'processing', 'adopted', 'answered', 'declined')),
        client_key text NOT NULL,
        reply_cipher text NULL,
        replied_at timestamptz NULL,
        replied_by uuid NULL REFERENCES accounts (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT suggestions_client_once UNIQUE (member_id, client_key)
      )`);
    await q.query(`CREATE INDEX suggestions_branch ON suggestions (branch_path, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX suggestions_branch_status ON suggestions (status, branch_path, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX suggestions_member ON suggestions (member_id, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE suggestion_images (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members (id),
        suggestion_id uuid NULL REFERENCES suggestions (id) ON DELETE CASCADE,
        position smallint NULL,
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
        bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 1048576),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX suggestion_images_of ON suggestion_images (suggestion_id, position) WHERE suggestion_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX suggestion_images_unattached ON suggestion_images (member_id, created_at) WHERE suggestion_id IS NULL`,
    );
    // The daily purge of pictures never attached finds the old ones by age alone.
    await q.query(
      `CREATE INDEX suggestion_images_unattached_age ON suggestion_images (created_at) WHERE suggestion_id IS NULL`,
    );

    await q.query(`
      CREATE TABLE greetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES orgs (id),
        org_path text COLLATE "C" NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        client_key text NOT NULL,
        created_by uuid NOT NULL REFERENCES accounts (id),
        status text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent')),
        recipients integer NOT NULL DEFAULT 0,
        after_member_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL,
        CONSTRAINT greetings_client_once UNIQUE (org_id, client_key)
      )`);
    await q.query(`CREATE INDEX greetings_org ON greetings (org_id, created_at DESC, id DESC)`);

    // A greeting, a report reminder: once per member (or account) and subject, whatever a retried job does.
    await q.query(
      `CREATE UNIQUE INDEX inbox_items_greeting_once ON inbox_items (recipient_member_id, subject_id) WHERE kind = 'greeting'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX inbox_items_report_due_once ON inbox_items (recipient_member_id, subject_id) WHERE kind = 'report.due'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX wechat_outbox_greeting_once ON wechat_outbox (account_id, subject_id) WHERE inbox_kind = 'greeting'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX wechat_outbox_report_due_once ON wechat_outbox (account_id, subject_id) WHERE inbox_kind = 'report.due'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX wechat_outbox_report_due_once`);
    await q.query(`DROP INDEX wechat_outbox_greeting_once`);
    await q.query(`DROP INDEX inbox_items_report_due_once`);
    await q.query(`DROP INDEX inbox_items_greeting_once`);
    await q.query(`DROP TABLE greetings`);
    await q.query(`DROP TABLE suggestion_images`);
    await q.query(`DROP TABLE suggestions`);
    await q.query(`DROP TABLE member_reports`);
  }
}
