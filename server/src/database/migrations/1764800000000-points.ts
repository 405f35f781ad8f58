import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Points (积分) and redemption (兑换).
 *
 * - points_entries: the append-only ledger. One entry per (source, source_ref),
 *   so a retried award or a re-run sweep posts once. A trigger refuses DELETE,
 *   TRUNCATE and every UPDATE except a pending entry's review (pending →
 *   posted/rejected): corrections are new entries (reversals).
 * - points_balances: one row per member holding the sum of posted entries,
 *   changed in the same transaction as each posted entry; its row lock
 *   serialises a member's postings and its CHECK keeps a balance at or above 0.
 * - points_branch_settings: whether a branch reviews entries before they post.
 * - points_benefits / points_redemptions: the catalogue (stock can never go
 *   below 0) and the redemption codes (random, unique, nothing personal).
 * - points_sweeps: how far the check-in sweep has read, so check-ins earn
 *   points without the check-in itself doing any more work; the index on
 *   checkins.received_at lets it read only what is new.
 */
export class Points1764800000000 implements MigrationInterface {
  name = 'Points1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE points_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members (id),
        branch_path text COLLATE "C" NOT NULL,
        source text NOT NULL CHECK (source IN ('checkin', 'study', 'service_hours', 'service_rating', 'manual',
                                               'redemption', 'redemption_cancel', 'reversal', 'expiry')),
        source_ref text NOT NULL,
        amount integer NOT NULL CHECK (amount <> 0),
        quantity integer NULL,
        rule_version text NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
        status text NOT NULL CHECK (status IN ('pending', 'posted', 'rejected')),
        reverses_entry_id uuid NULL REFERENCES points_entries (id),
        actor_account_id uuid NULL REFERENCES accounts (id),
        created_at timestamptz NOT NULL,
        posted_at timestamptz NULL,
        reviewed_by uuid NULL REFERENCES accounts (id),
        reviewed_at timestamptz NULL,
        review_note text NULL,
        CONSTRAINT points_entries_once UNIQUE (source, source_ref),
        CONSTRAINT points_entries_posted_at CHECK ((status = 'posted') = (posted_at IS NOT NULL)),
        CONSTRAINT points_entries_reversal CHECK ((source = 'reversal') = (reverses_entry_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX points_entries_member ON points_entries (member_id, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX points_entries_pending ON points_entries (branch_path, created_at, id) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX points_entries_reverses ON points_entries (reverses_entry_id) WHERE reverses_entry_id IS NOT NULL`,
    );

    await q.query(`
      CREATE FUNCTION points_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = 'pending' AND NEW.status IN ('posted', 'rejected')
           AND (to_jsonb(NEW) - 'status' - 'posted_at' - 'reviewed_by' - 'reviewed_at' - 'review_note')
             = (to_jsonb(OLD) - 'status' - 'posted_at' - 'reviewed_by' - 'reviewed_at' - 'review_note') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'points_entries is append-only: % refused', TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER points_entries_append_only BEFORE UPDATE OR DELETE ON points_entries
        FOR EACH ROW EXECUTE FUNCTION points_entries_append_only()`);
    await q.query(`
      CREATE TRIGGER points_entries_no_truncate BEFORE TRUNCATE ON points_entries
        FOR EACH STATEMENT EXECUTE FUNCTION points_entries_append_only()`);

    await q.query(`
      CREATE TABLE points_balances (
        member_id uuid PRIMARY KEY REFERENCES members (id),
        balance integer NOT NULL DEFAULT 0 CONSTRAINT points_balance_not_negative CHECK (balance >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The expiry job walks members who hold points.
    await q.query(`CREATE INDEX points_balances_holding ON points_balances (member_id) WHERE balance > 0`);

    await q.query(`
      CREATE TABLE points_branch_settings (
        org_id uuid PRIMARY KEY REFERENCES orgs (id),
        review_required boolean NOT NULL,
        updated_by uuid NOT NULL REFERENCES accounts (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE points_benefits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES orgs (id),
        org_path text COLLATE "C" NOT NULL,
        title text NOT NULL,
        description text NULL,
        cost integer NOT NULL CHECK (cost > 0),
        stock integer NOT NULL CONSTRAINT points_benefit_stock_not_negative CHECK (stock >= 0),
        per_member_limit integer NULL CHECK (per_member_limit > 0),
        provider text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL REFERENCES accounts (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX points_benefits_org ON points_benefits (org_path, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE points_redemptions (
        id uuid PRIMARY KEY,
        benefit_id uuid NOT NULL REFERENCES points_benefits (id),
        member_id uuid NOT NULL REFERENCES members (id),
        cost integer NOT NULL CHECK (cost > 0),
        code text NOT NULL,
        status text NOT NULL CHECK (status IN ('issued', 'fulfilled', 'cancelled')),
        entry_id uuid NOT NULL REFERENCES points_entries (id),
        created_at timestamptz NOT NULL,
        fulfilled_at timestamptz NULL,
        fulfilled_by uuid NULL REFERENCES accounts (id),
        cancelled_at timestamptz NULL,
        cancelled_by uuid NULL REFERENCES accounts (id),
        CONSTRAINT points_redemptions_code UNIQUE (code)
      )`);
    await q.query(`CREATE INDEX points_redemptions_member ON points_redemptions (member_id, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX points_redemptions_held ON points_redemptions (benefit_id, member_id) WHERE status <> 'cancelled'`,
    );

    await q.query(`
      CREATE TABLE points_sweeps (
        name text PRIMARY KEY,
        upto timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX checkins_received ON checkins (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX checkins_received`);
    await q.query(`DROP TABLE points_sweeps`);
    await q.query(`DROP TABLE points_redemptions`);
    await q.query(`DROP TABLE points_benefits`);
    await q.query(`DROP TABLE points_branch_settings`);
    await q.query(`DROP TABLE points_balances`);
    await q.query(`DROP TABLE points_entries`);
    await q.query(`DROP FUNCTION points_entries_append_only()`);
  }
}
