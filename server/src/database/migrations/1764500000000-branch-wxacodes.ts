import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mini-program codes of branches, one per branch and branch-key version. A
 * code's image is made by WeChat once (its getwxacodeunlimit quota is per
 * minute and per day) and served from here for every poster and screen after.
 */
export class BranchWxacodes1764500000000 implements MigrationInterface {
  name = 'BranchWxacodes1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE branch_wxacodes (
        branch_id uuid NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
        key_version integer NOT NULL CHECK (key_version BETWEEN 1 AND 46655),
        scene text NOT NULL,
        image bytea NOT NULL,
        content_type text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, key_version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE branch_wxacodes`);
  }
}
