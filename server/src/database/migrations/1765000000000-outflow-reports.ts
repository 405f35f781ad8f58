import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_STATUSES = `'found', 'reported', 'approved', 'arrived', 'active', 'returned', 'transferred', 'lost_contact', 'declined', 'withdrawn'`;
const OLD_OPEN = `'found', 'reported', 'approved', 'arrived', 'active'`;

/**
 * The outflow report's workflow (#7): a report the branch sends back for
 * changes (`changes_requested`, still open: no second report meanwhile) with
 * every version kept; the contact phone (encrypted); the electronic
 * certificate's number; escalations when an approved member never arrives
 * (one row per flow and stage, so a job run twice escalates once), the
 * counties' own periods for them; and holiday stays at home (临时返乡).
 */
export class OutflowReports1765000000000 implements MigrationInterface {
  name = 'OutflowReports1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE flows DROP CONSTRAINT flows_status_check`);
    await q.query(
      `ALTER TABLE flows ADD CONSTRAINT flows_status_check CHECK (status IN (${OLD_STATUSES}, 'changes_requested'))`,
    );
    await q.query(`DROP INDEX flows_one_open_per_member`);
    await q.query(
      `CREATE UNIQUE INDEX flows_one_open_per_member ON flows (member_id) WHERE status IN (${OLD_OPEN}, 'changes_requested')`,
    );
    await q.query(`ALTER TABLE flows ADD COLUMN contact_phone_cipher text NULL, ADD COLUMN certificate_no text NULL`);
    await q.query(
      `CREATE UNIQUE INDEX flows_certificate_no ON flows (certificate_no) WHERE certificate_no IS NOT NULL`,
    );
    // The escalation job scans approved flows (away, not arrived) only: a small part of all flows.
    await q.query(`CREATE INDEX flows_awaiting_arrival ON flows (approved_at, id) WHERE status = 'approved'`);
    await q.query(`CREATE SEQUENCE flow_certificate_serial`);

    await q.query(`
      CREATE TABLE flow_report_versions (
        id bigserial PRIMARY KEY,
        flow_id uuid NOT NULL REFERENCES flows (id),
        round integer NOT NULL CHECK (round >= 1),
        destination_region_code char(6) NULL CHECK (destination_region_code ~ '^[0-9]{6}$'),
        destination_address_cipher text NOT NULL,
        industry text NOT NULL,
        occupation text NOT NULL,
        employer text NOT NULL,
        expected_from date NOT NULL,
        expected_until date NOT NULL,
        contact_phone_cipher text NULL,
        contact_note_cipher text NULL,
        submitted_by uuid NULL REFERENCES accounts (id),
        submitted_at timestamptz NOT NULL,
        review_action text NULL CHECK (review_action IN ('request_changes', 'approve', 'decline')),
        review_comment text NULL,
        reviewed_by uuid NULL REFERENCES accounts (id),
        reviewed_at timestamptz NULL,
        UNIQUE (flow_id, round)
      )`);

    await q.query(`
      CREATE TABLE flow_escalations (
        flow_id uuid NOT NULL REFERENCES flows (id),
        -- 1: the sending branch is told; 2: the township (乡镇/街道) above it.
        stage smallint NOT NULL CHECK (stage IN (1, 2)),
        org_id uuid NOT NULL REFERENCES orgs (id),
        escalated_at timestamptz NOT NULL,
        PRIMARY KEY (flow_id, stage)
      )`);

    await q.query(`
      CREATE TABLE escalation_settings (
        org_id uuid PRIMARY KEY REFERENCES orgs (id),
        org_path text COLLATE "C" NOT NULL,
        arrival_deadline_days integer NOT NULL CHECK (arrival_deadline_days BETWEEN 1 AND 365),
        township_escalation_days integer NOT NULL CHECK (township_escalation_days BETWEEN 1 AND 365),
        updated_by uuid NULL REFERENCES accounts (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX escalation_settings_path ON escalation_settings (org_path)`);

    await q.query(`
      CREATE TABLE flow_home_stays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        flow_id uuid NOT NULL REFERENCES flows (id),
        member_id uuid NOT NULL REFERENCES members (id),
        sending_branch_id uuid NOT NULL REFERENCES orgs (id),
        sending_path text COLLATE "C" NOT NULL,
        home_from date NOT NULL,
        home_until date NOT NULL,
        occasion text NOT NULL CHECK (occasion IN ('spring_festival', 'mid_autumn', 'national_day', 'busy_farming', 'other')),
        note_cipher text NULL,
        recorded_by uuid NULL REFERENCES accounts (id),
        recorded_as text NOT NULL CHECK (recorded_as IN ('member', 'sending')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (home_until >= home_from)
      )`);
    await q.query(`CREATE INDEX flow_home_stays_flow ON flow_home_stays (flow_id, home_from)`);
    // The home branch's holiday list: stays in a subtree that end on or after a day, by start date.
    await q.query(`CREATE INDEX flow_home_stays_path ON flow_home_stays (sending_path, home_until, home_from)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE flow_home_stays`);
    await q.query(`DROP TABLE escalation_settings`);
    await q.query(`DROP TABLE flow_escalations`);
    await q.query(`DROP TABLE flow_report_versions`);
    await q.query(`DROP SEQUENCE flow_certificate_serial`);
    await q.query(`DROP INDEX flows_awaiting_arrival`);
    await q.query(`DROP INDEX flows_certificate_no`);
    await q.query(`ALTER TABLE flows DROP COLUMN contact_phone_cipher, DROP COLUMN certificate_no`);
    // A report sent back for changes is, in the old model, still waiting for approval.
    await q.query(`UPDATE flows SET status = 'reported' WHERE status = 'changes_requested'`);
    await q.query(`DROP INDEX flows_one_open_per_member`);
    await q.query(`CREATE UNIQUE INDEX flows_one_open_per_member ON flows (member_id) WHERE status IN (${OLD_OPEN})`);
    await q.query(`ALTER TABLE flows DROP CONSTRAINT flows_status_check`);
    await q.query(`ALTER TABLE flows ADD CONSTRAINT flows_status_check CHECK (status IN (${OLD_STATUSES}))`);
  }
}
