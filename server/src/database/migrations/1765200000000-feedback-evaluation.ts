import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Performance feedback (表现反馈) and democratic evaluation (民主评议).
 *
 * - feedback_settings: how often a sending org asks for feedback (months);
 *   the nearest setting above a member's branch wins, none means quarterly.
 * - member_feedback: one row per flow and period. The periodic job writes it
 *   as `due` (with the receiving branch's to-do); the receiving branch sends
 *   it (facts gathered by the server, rating, assessment); the sending branch
 *   acknowledges it. The unique (flow, period) makes both the job and a
 *   second send idempotent. Assessment and comments are encrypted: they
 *   judge a named person.
 * - evaluation_rounds: one per branch and year; evaluation_entries: one per
 *   member of the branch when the round opened, with the self-assessment,
 *   the grade, its reasons and the inputs as the secretary saw them.
 */
export class FeedbackEvaluation1765200000000 implements MigrationInterface {
  name = 'FeedbackEvaluation1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE feedback_settings (
        org_id uuid PRIMARY KEY REFERENCES orgs (id),
        org_path text COLLATE "C" NOT NULL UNIQUE,
        period_months integer NOT NULL CHECK (period_months IN (1, 3, 6, 12)),
        updated_by uuid NOT NULL REFERENCES accounts (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE member_feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        flow_id uuid NOT NULL REFERENCES flows (id),
        member_id uuid NOT NULL REFERENCES members (id),
        sending_path text COLLATE "C" NOT NULL,
        receiving_branch_id uuid NOT NULL REFERENCES orgs (id),
        receiving_path text COLLATE "C" NOT NULL,
        period text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        status text NOT NULL CHECK (status IN ('due', 'sent', 'acknowledged')),
        facts jsonb NULL,
        rating text NULL CHECK (rating IN ('excellent', 'good', 'fair', 'poor')),
        assessment_cipher text NULL,
        author_account_id uuid NULL REFERENCES accounts (id),
        sent_at timestamptz NULL,
        acknowledged_by uuid NULL REFERENCES accounts (id),
        acknowledged_at timestamptz NULL,
        acknowledge_comment_cipher text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT member_feedback_one_per_period UNIQUE (flow_id, period),
        CONSTRAINT member_feedback_sent_complete
          CHECK (status = 'due' OR (rating IS NOT NULL AND assessment_cipher IS NOT NULL AND sent_at IS NOT NULL))
      )`);
    // Lists for each side, newest first, and a member's file (and the evaluation's year of feedback).
    await q.query(
      `CREATE INDEX member_feedback_receiving ON member_feedback (receiving_path, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX member_feedback_sending ON member_feedback (sending_path, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX member_feedback_member ON member_feedback (member_id, period_start)`);

    await q.query(`
      CREATE TABLE evaluation_rounds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        branch_id uuid NOT NULL REFERENCES orgs (id),
        branch_path text COLLATE "C" NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        opened_by uuid NOT NULL REFERENCES accounts (id),
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_by uuid NULL REFERENCES accounts (id),
        closed_at timestamptz NULL,
        CONSTRAINT evaluation_rounds_one_per_year UNIQUE (branch_id, year)
      )`);
    await q.query(`CREATE INDEX evaluation_rounds_path ON evaluation_rounds (branch_path, year DESC)`);

    await q.query(`
      CREATE TABLE evaluation_entries (
        round_id uuid NOT NULL REFERENCES evaluation_rounds (id),
        member_id uuid NOT NULL REFERENCES members (id),
        self_assessment_cipher text NULL,
        self_assessed_at timestamptz NULL,
        grade text NULL CHECK (grade IN ('excellent', 'qualified', 'basically_qualified', 'unqualified')),
        reasons_cipher text NULL,
        inputs jsonb NULL,
        graded_by uuid NULL REFERENCES accounts (id),
        graded_at timestamptz NULL,
        published_at timestamptz NULL,
        PRIMARY KEY (round_id, member_id),
        CONSTRAINT evaluation_entries_graded_complete CHECK (grade IS NULL OR reasons_cipher IS NOT NULL)
      )`);
    // A member's open round (self-assessment) and published results.
    await q.query(`CREATE INDEX evaluation_entries_member ON evaluation_entries (member_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evaluation_entries`);
    await q.query(`DROP TABLE evaluation_rounds`);
    await q.query(`DROP TABLE member_feedback`);
    await q.query(`DROP TABLE feedback_settings`);
  }
}
