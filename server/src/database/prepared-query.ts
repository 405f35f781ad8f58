import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a hot-path statement as a named prepared statement, so PostgreSQL
 * plans it once per pooled connection instead of on every call. For the
 * session lookup behind every request and the check-in insert, planning was
 * most of the database's CPU per check-in (docs/benchmarks.md). Same SQL,
 * same parameters, same rows and errors as `DataSource.query`; TypeORM cannot
 * name a statement, so this goes to the pg pool TypeORM owns.
 *
 * Each name must always go with the same text. Behind a transaction-pooling
 * PgBouncer, prepared statements need PgBouncer 1.21+ with
 * `max_prepared_statements` set.
 */
export async function queryPrepared<T extends QueryResultRow>(
  db: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (db.driver as unknown as { master: Pool }).master;
  return (await pool.query<T>({ name, text, values })).rows;
}
