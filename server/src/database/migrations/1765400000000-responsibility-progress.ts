import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Responsibility items with a life: each is marked done with evidence (a
 * record per period, the evidence encrypted: it may say where the member was
 * visited), carries its next due day, and remembers how far an overdue item
 * has been escalated so the daily sweep never sends the same to-do twice.
 * The plain `evidence` column was never written; records replace it.
 */
export class ResponsibilityProgress1765400000000 implements MigrationInterface {
  name = 'ResponsibilityProgress1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE flow_responsibilities DROP COLUMN evidence`);
    await q.query(`
      ALTER TABLE flow_responsibilities
        ADD COLUMN escalation_level smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
        ADD COLUMN escalated_at timestamptz NULL`);
    // The daily sweep reads open items past due that have not reached the top level yet.
    await q.query(
      `CREATE INDEX flow_responsibilities_overdue ON flow_responsibilities (due_on, id) WHERE status = 'open' AND escalation_level < 2`,
    );
    await q.query(`
      CREATE TABLE flow_responsibility_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        responsibility_id uuid NOT NULL REFERENCES flow_responsibilities (id) ON DELETE CASCADE,
        due_on date NULL,
        evidence_cipher text NOT NULL,
        done_by uuid NOT NULL REFERENCES accounts (id),
        done_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX flow_responsibility_records_item ON flow_responsibility_records (responsibility_id, done_at DESC)`,
    );
    // The sweep finds active flows whose list was never made.
    await q.query(`CREATE INDEX flows_active_id ON flows (id) WHERE status = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX flows_active_id`);
    await q.query(`DROP TABLE flow_responsibility_records`);
    await q.query(`DROP INDEX flow_responsibilities_overdue`);
    await q.query(
      `ALTER TABLE flow_responsibilities DROP COLUMN escalated_at, DROP COLUMN escalation_level, ADD COLUMN evidence text NULL`,
    );
  }
}
