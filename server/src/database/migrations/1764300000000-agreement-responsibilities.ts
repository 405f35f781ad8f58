import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A co-management agreement's own responsibility list. Its items live in
 * responsibility_templates beside the built-in and county lists, marked by
 * agreement_id (the column exists since 1764000000000); this adds what such
 * items need: an item belongs to an agreement or to an org, never both, and
 * an agreement's active items are found by one index scan when a flow's list
 * is instantiated.
 */
export class AgreementResponsibilities1764300000000 implements MigrationInterface {
  name = 'AgreementResponsibilities1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE responsibility_templates
        ADD CONSTRAINT responsibility_templates_one_owner CHECK (org_id IS NULL OR agreement_id IS NULL)`);
    await q.query(`
      CREATE INDEX responsibility_templates_agreement
        ON responsibility_templates (agreement_id, position)
        WHERE active AND agreement_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX responsibility_templates_agreement`);
    await q.query(`ALTER TABLE responsibility_templates DROP CONSTRAINT responsibility_templates_one_owner`);
  }
}
