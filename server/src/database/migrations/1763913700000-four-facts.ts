import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 四清 (four clear facts) of every member: when each fact was last
 * confirmed and by whom. A fact with no row was never confirmed; one
 * confirmed over 90 days ago is stale (see fourFactsStatus in shared).
 *
 * The primary key carries confirmed_at, so "does this member have four
 * fresh facts?" is an index-only probe of at most four entries: the ledger
 * lists and rollups ask it for every member of a subtree.
 */
export class FourFacts1763913700000 implements MigrationInterface {
  name = 'FourFacts1763913700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE member_fact_checks (
        member_id uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
        fact text NOT NULL CHECK (fact IN ('identity', 'time', 'whereabouts', 'work')),
        confirmed_at timestamptz NOT NULL,
        confirmed_by uuid NOT NULL REFERENCES accounts (id),
        CONSTRAINT member_fact_checks_pkey PRIMARY KEY (member_id, fact) INCLUDE (confirmed_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE member_fact_checks`);
  }
}
