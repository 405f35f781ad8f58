import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Study packs (学习礼包) and yearly plans (自主选学).
 *
 * - Packs and their items, owned by the org whose members (or received
 *   members) are the audience; article bodies are stored sanitised.
 * - Delivery: the fan-out's batches (keyset ranges of member ids, each done
 *   once), one delivery row per pack and member, and at most one inbox entry
 *   and one WeChat message per member and pack (partial unique indexes on the
 *   inbox and the WeChat outbox).
 * - Reading: one row per member, item and day (Beijing time) carrying the
 *   current session's sequence number and the seconds credited that day, so a
 *   heartbeat is one conditional update of one row; progress per member and
 *   item (opened, finished, quiz scores).
 * - Plans per org and year, electives, monthly reminders (once per member
 *   and month), and a minimal pairing of committee members with members
 *   (结对联系; the workflows issue extends it).
 * - members.no_smartphone: those who get a mailed red parcel instead of
 *   WeChat messages.
 */
export class Study1764700000000 implements MigrationInterface {
  name = 'Study1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members ADD COLUMN no_smartphone boolean NOT NULL DEFAULT false`);

    await q.query(`
      CREATE TABLE study_packs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_org_id uuid NOT NULL REFERENCES orgs (id),
        owner_path text COLLATE "C" NOT NULL,
        kind text NOT NULL CHECK (kind IN ('monthly', 'themed')),
        title text NOT NULL,
        summary text NULL,
        month char(7) NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        audience_scope text NOT NULL CHECK (audience_scope IN ('members', 'members_away', 'members_at_home', 'received')),
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'scheduled', 'publishing', 'published', 'withdrawn')),
        publish_at timestamptz NULL,
        published_at timestamptz NULL,
        delivered_at timestamptz NULL,
        withdrawn_at timestamptz NULL,
        audience_count integer NULL,
        batches_total integer NULL,
        created_by uuid NOT NULL REFERENCES accounts (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT study_packs_monthly_month CHECK (kind <> 'monthly' OR month IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX study_packs_owner ON study_packs (owner_path, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE study_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pack_id uuid NOT NULL REFERENCES study_packs (id) ON DELETE CASCADE,
        position integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('article', 'audio', 'video_link', 'pdf_link')),
        title text NOT NULL,
        body text NULL,
        url text NULL CHECK (url IS NULL OR url LIKE 'https://%'),
        min_seconds integer NOT NULL CHECK (min_seconds > 0),
        cap_seconds integer NOT NULL,
        quiz jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT study_items_position UNIQUE (pack_id, position),
        CONSTRAINT study_items_cap CHECK (cap_seconds >= min_seconds)
      )`);

    await q.query(`
      CREATE TABLE study_fanout_batches (
        pack_id uuid NOT NULL REFERENCES study_packs (id),
        batch_no integer NOT NULL,
        from_member_id uuid NOT NULL,
        to_member_id uuid NULL,
        done_at timestamptz NULL,
        delivered integer NOT NULL DEFAULT 0,
        red_parcels integer NOT NULL DEFAULT 0,
        PRIMARY KEY (pack_id, batch_no)
      )`);

    await q.query(`
      CREATE TABLE study_deliveries (
        pack_id uuid NOT NULL REFERENCES study_packs (id),
        member_id uuid NOT NULL REFERENCES members (id),
        red_parcel boolean NOT NULL DEFAULT false,
        delivered_at timestamptz NOT NULL,
        PRIMARY KEY (pack_id, member_id)
      )`);
    await q.query(`CREATE INDEX study_deliveries_member ON study_deliveries (member_id, delivered_at DESC, pack_id)`);

    // One inbox entry per member and pack, whatever a retried or restarted fan-out does.
    await q.query(
      `CREATE UNIQUE INDEX inbox_items_study_pack_once ON inbox_items (recipient_member_id, subject_id) WHERE kind = 'study.pack'`,
    );
    // And at most one WeChat message per member's account and pack.
    await q.query(
      `CREATE UNIQUE INDEX wechat_outbox_study_pack_once ON wechat_outbox (account_id, subject_id) WHERE inbox_kind = 'study.pack'`,
    );

    await q.query(`
      CREATE TABLE study_reading (
        member_id uuid NOT NULL REFERENCES members (id),
        item_id uuid NOT NULL REFERENCES study_items (id) ON DELETE CASCADE,
        day date NOT NULL,
        session_id uuid NOT NULL,
        opened_at timestamptz NOT NULL,
        last_seq integer NOT NULL DEFAULT 0,
        last_beat_at timestamptz NOT NULL,
        ended_at timestamptz NULL,
        seconds integer NOT NULL DEFAULT 0 CHECK (seconds >= 0),
        PRIMARY KEY (member_id, item_id, day)
      )`);
    await q.query(`CREATE UNIQUE INDEX study_reading_session ON study_reading (session_id)`);
    await q.query(`CREATE INDEX study_reading_member_opened ON study_reading (member_id, opened_at DESC)`);

    await q.query(`
      CREATE TABLE study_progress (
        member_id uuid NOT NULL REFERENCES members (id),
        item_id uuid NOT NULL REFERENCES study_items (id) ON DELETE CASCADE,
        pack_id uuid NOT NULL REFERENCES study_packs (id),
        first_opened_at timestamptz NULL,
        finished_at timestamptz NULL,
        quiz_best_score integer NULL CHECK (quiz_best_score BETWEEN 0 AND 100),
        quiz_last_score integer NULL CHECK (quiz_last_score BETWEEN 0 AND 100),
        quiz_attempts integer NOT NULL DEFAULT 0,
        quiz_answered_at timestamptz NULL,
        PRIMARY KEY (member_id, item_id)
      )`);
    await q.query(`CREATE INDEX study_progress_member_pack ON study_progress (member_id, pack_id)`);

    await q.query(`
      CREATE TABLE study_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES orgs (id),
        org_path text COLLATE "C" NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        required_hours numeric(6, 1) NOT NULL CHECK (required_hours >= 0),
        required_activities integer NOT NULL CHECK (required_activities >= 0),
        electives integer NOT NULL CHECK (electives >= 0),
        set_by uuid NOT NULL REFERENCES accounts (id),
        set_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT study_plans_once UNIQUE (org_id, year)
      )`);
    await q.query(`CREATE INDEX study_plans_year_path ON study_plans (year, org_path)`);

    await q.query(`
      CREATE TABLE study_electives (
        member_id uuid NOT NULL REFERENCES members (id),
        year integer NOT NULL,
        pack_id uuid NOT NULL REFERENCES study_packs (id),
        chosen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, year, pack_id)
      )`);

    await q.query(`
      CREATE TABLE study_reminders (
        member_id uuid NOT NULL REFERENCES members (id),
        month char(7) NOT NULL,
        plan_id uuid NOT NULL REFERENCES study_plans (id),
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (member_id, month)
      )`);

    await q.query(`
      CREATE TABLE pairings (
        committee_account_id uuid NOT NULL REFERENCES accounts (id),
        member_id uuid NOT NULL REFERENCES members (id),
        since timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (committee_account_id, member_id)
      )`);
    await q.query(`CREATE INDEX pairings_member ON pairings (member_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pairings`);
    await q.query(`DROP TABLE study_reminders`);
    await q.query(`DROP TABLE study_electives`);
    await q.query(`DROP TABLE study_plans`);
    await q.query(`DROP TABLE study_progress`);
    await q.query(`DROP TABLE study_reading`);
    await q.query(`DROP INDEX wechat_outbox_study_pack_once`);
    await q.query(`DROP INDEX inbox_items_study_pack_once`);
    await q.query(`DROP TABLE study_deliveries`);
    await q.query(`DROP TABLE study_fanout_batches`);
    await q.query(`DROP TABLE study_items`);
    await q.query(`DROP TABLE study_packs`);
    await q.query(`ALTER TABLE members DROP COLUMN no_smartphone`);
  }
}
