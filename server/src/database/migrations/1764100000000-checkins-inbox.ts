import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 流动先锋码 and the inbox.
 *
 * - Public codes for branches and members (8 Crockford base32 characters,
 *   random, assigned on first use): what a printed or rotating code names
 *   instead of an id or anything personal.
 * - Signing keys by purpose and version; a version stays valid until revoked.
 * - Activities with their own rotating-code secret, and check-ins: one row per
 *   member and activity (never doubled), each client id recorded once.
 * - Client request ids for arrivals, so a repeat gets the first answer.
 * - The inbox: notices and to-dos addressed to a branch or to a member.
 */
export class CheckinsInbox1764100000000 implements MigrationInterface {
  name = 'CheckinsInbox1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orgs ADD COLUMN public_code char(8) NULL`);
    await q.query(`CREATE UNIQUE INDEX orgs_public_code ON orgs (public_code) WHERE public_code IS NOT NULL`);
    await q.query(`ALTER TABLE members ADD COLUMN public_code char(8) NULL`);
    await q.query(`CREATE UNIQUE INDEX members_public_code ON members (public_code) WHERE public_code IS NOT NULL`);

    await q.query(`
      CREATE TABLE code_keys (
        purpose text NOT NULL CHECK (purpose IN ('branch', 'personal')),
        version integer NOT NULL CHECK (version BETWEEN 1 AND 46655),
        secret_cipher text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NULL REFERENCES accounts (id),
        revoked_at timestamptz NULL,
        revoked_by uuid NULL REFERENCES accounts (id),
        PRIMARY KEY (purpose, version)
      )`);

    await q.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        public_code char(8) NOT NULL UNIQUE,
        branch_id uuid NOT NULL REFERENCES orgs (id),
        branch_path text NOT NULL COLLATE "C",
        kind text NOT NULL,
        title text NOT NULL,
        place text NOT NULL,
        latitude numeric(9, 6) NULL,
        longitude numeric(9, 6) NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        checkout_enabled boolean NOT NULL DEFAULT false,
        secret_cipher text NOT NULL,
        created_by uuid NOT NULL REFERENCES accounts (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz NULL,
        cancelled_by uuid NULL REFERENCES accounts (id),
        CONSTRAINT activities_window CHECK (starts_at < ends_at)
      )`);
    await q.query(`CREATE INDEX activities_branch_starts ON activities (branch_id, starts_at DESC, id DESC)`);
    await q.query(`CREATE INDEX activities_branch_path ON activities (branch_path)`);

    await q.query(`
      CREATE TABLE checkins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_id uuid NOT NULL REFERENCES activities (id),
        member_id uuid NOT NULL REFERENCES members (id),
        method text NOT NULL CHECK (method IN ('venue_code', 'personal_code')),
        client_id text NOT NULL,
        checked_in_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        recorded_by uuid NOT NULL REFERENCES accounts (id),
        device_id text NULL,
        latitude numeric(9, 6) NULL,
        longitude numeric(9, 6) NULL,
        offline boolean NOT NULL DEFAULT false,
        anomalies text[] NOT NULL DEFAULT '{}',
        checkout_client_id text NULL,
        checked_out_at timestamptz NULL,
        CONSTRAINT checkins_once_per_member UNIQUE (activity_id, member_id),
        CONSTRAINT checkins_client_once UNIQUE (member_id, client_id),
        CONSTRAINT checkins_checkout_after CHECK (checked_out_at IS NULL OR checked_out_at >= checked_in_at)
      )`);
    await q.query(`CREATE INDEX checkins_member_time ON checkins (member_id, checked_in_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX checkins_activity_device ON checkins (activity_id, device_id) WHERE device_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE client_requests (
        account_id uuid NOT NULL REFERENCES accounts (id),
        client_id text NOT NULL,
        kind text NOT NULL,
        subject_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, client_id)
      )`);

    await q.query(`
      CREATE TABLE inbox_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_org_id uuid NULL REFERENCES orgs (id),
        recipient_member_id uuid NULL REFERENCES members (id),
        category text NOT NULL CHECK (category IN ('notice', 'todo')),
        kind text NOT NULL,
        title text NOT NULL,
        body_cipher text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz NULL,
        done_at timestamptz NULL,
        CONSTRAINT inbox_items_one_recipient CHECK ((recipient_org_id IS NULL) <> (recipient_member_id IS NULL))
      )`);
    await q.query(
      `CREATE INDEX inbox_items_org ON inbox_items (recipient_org_id, created_at DESC, id DESC) WHERE recipient_org_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX inbox_items_member ON inbox_items (recipient_member_id, created_at DESC, id DESC) WHERE recipient_member_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX inbox_items_open_todos ON inbox_items (subject_id, kind) WHERE done_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox_items`);
    await q.query(`DROP TABLE client_requests`);
    await q.query(`DROP TABLE checkins`);
    await q.query(`DROP TABLE activities`);
    await q.query(`DROP TABLE code_keys`);
    await q.query(`DROP INDEX members_public_code`);
    await q.query(`ALTER TABLE members DROP COLUMN public_code`);
    await q.query(`DROP INDEX orgs_public_code`);
    await q.query(`ALTER TABLE orgs DROP COLUMN public_code`);
  }
}
