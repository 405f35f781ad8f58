import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index that finds a subject's open to-dos held every notice as well
 * (a notice's `done_at` stays empty), so a study pack published to a
 * million members wrote a million entries under one key, all into the same
 * leaf pages. It now holds to-dos only, which is all its one query
 * (`completeTodos`: `category = 'todo' AND done_at IS NULL`) reads.
 */
export class InboxOpenTodosIndex1764760000000 implements MigrationInterface {
  name = 'InboxOpenTodosIndex1764760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inbox_items_open_todos`);
    await q.query(
      `CREATE INDEX inbox_items_open_todos ON inbox_items (subject_id, kind) WHERE category = 'todo' AND done_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inbox_items_open_todos`);
    await q.query(`CREATE INDEX inbox_items_open_todos ON inbox_items (subject_id, kind) WHERE done_at IS NULL`);
  }
}
