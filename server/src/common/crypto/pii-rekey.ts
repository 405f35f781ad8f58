import pg from 'pg';
import type { PiiKey } from '../../config/app-config.js';
import { FieldCipher } from './field-cipher.js';

/** A table with encrypted columns, walked in primary-key order. */
export interface CipherTable {
  table: string;
  /** The primary key's columns, in key order: the keyset each batch pages on. */
  key: string[];
  /** Its `*_cipher` columns. */
  columns: string[];
}

/** Where a value sits that could not be decrypted with any key of the ring. */
export interface UnreadableValue {
  table: string;
  key: Record<string, unknown>;
  column: string;
}

export interface RekeyTableReport {
  table: string;
  columns: string[];
  /** Rows rewritten. */
  rows: number;
  /** Values re-encrypted (a row may hold several). */
  values: number;
  unreadable: number;
}

export interface RekeyReport {
  currentKeyId: string;
  tables: RekeyTableReport[];
  rows: number;
  values: number;
  unreadable: number;
  /** The first unreadable values found (at most 100), to look into. */
  unreadableAt: UnreadableValue[];
  /** Stopped by the signal before every table was walked: run again to finish. */
  interrupted: boolean;
}

export interface RekeyOptions {
  /** Rows per transaction; default 1,000. */
  batchSize?: number;
  /** Told after each batch that found something to do, with the table's running totals. */
  onProgress?: (table: RekeyTableReport) => void;
  /** When aborted, the walk stops after the batch in progress has committed. */
  signal?: AbortSignal;
}

type Sql = Pick<pg.ClientBase, 'query'>;

const UNREADABLE_LISTED = 100;

/** Every base table of the current schema with `*_cipher` text columns, and its primary key. */
export async function findCipherTables(sql: Sql): Promise<CipherTable[]> {
  const { rows } = await sql.query<{ table: string; columns: string[]; key: string[] | null }>(
    `SELECT c.table_name AS "table",
            array_agg(c.column_name::text ORDER BY c.ordinal_position) AS columns,
            (SELECT array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum))
               FROM pg_index i
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
              WHERE i.indrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND i.indisprimary) AS key
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = current_schema() AND c.column_name LIKE '%\\_cipher' AND c.data_type = 'text'
      GROUP BY c.table_schema, c.table_name
      ORDER BY c.table_name`,
  );
  return rows.map((r) => {
    // Without a primary key there is no stable order to page on, and no way to name the row to update.
    if (!r.key) throw new Error(`table ${r.table} has encrypted columns but no primary key`);
    return { table: r.table, key: r.key, columns: r.columns };
  });
}

/**
 * Re-encrypts, under the current key (the first of `keys`), every `*_cipher`
 * value written under an older one, in every table of the database at
 * `databaseUrl`. Each table is walked in primary-key order, `batchSize` rows
 * per transaction, reading only rows that still hold an older key's value
 * and locking them while they are rewritten, so the API may keep running and
 * a run that is stopped (Ctrl+C, a crash) loses at most its open batch; the
 * next run picks up what is left. A value no key of the ring can read is
 * counted and listed, never changed. Blind indexes have their own key and do
 * not change.
 */
export async function rekeyPii(databaseUrl: string, keys: PiiKey[], options: RekeyOptions = {}): Promise<RekeyReport> {
  const cipher = new FieldCipher(keys);
  const batchSize = options.batchSize ?? 1000;
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'pioneer-pii-rekey' });
  await client.connect();
  try {
    const report: RekeyReport = {
      currentKeyId: keys[0].id,
      tables: [],
      rows: 0,
      values: 0,
      unreadable: 0,
      unreadableAt: [],
      interrupted: false,
    };
    for (const table of await findCipherTables(client)) {
      const done: RekeyTableReport = { table: table.table, columns: table.columns, rows: 0, values: 0, unreadable: 0 };
      report.tables.push(done);
      let after: unknown[] | null = null;
      for (;;) {
        if (options.signal?.aborted) {
          report.interrupted = true;
          break;
        }
        const batch = await rekeyBatch(client, cipher, table, report.currentKeyId, after, batchSize);
        after = batch.last;
        done.rows += batch.rows;
        done.values += batch.values;
        done.unreadable += batch.unreadableAt.length;
        const room = UNREADABLE_LISTED - report.unreadableAt.length;
        if (room > 0) report.unreadableAt.push(...batch.unreadableAt.slice(0, room));
        if (batch.seen > 0) options.onProgress?.({ ...done });
        if (batch.seen < batchSize) break;
      }
      report.rows += done.rows;
      report.values += done.values;
      report.unreadable += done.unreadable;
      if (report.interrupted) break;
    }
    return report;
  } finally {
    await client.end();
  }
}

interface BatchResult {
  /** Rows read (all held a value to rotate). */
  seen: number;
  rows: number;
  values: number;
  unreadableAt: UnreadableValue[];
  /** The key of the last row read: where the next batch starts. */
  last: unknown[] | null;
}

/** One transaction: the next rows after `after` that hold an older key's value, locked, re-encrypted and written. */
async function rekeyBatch(
  client: pg.Client,
  cipher: FieldCipher,
  table: CipherTable,
  currentKeyId: string,
  after: unknown[] | null,
  batchSize: number,
): Promise<BatchResult> {
  const key = table.key.map(ident);
  const params: unknown[] = [`${currentKeyId}.`];
  const stale = table.columns.map((c) => `(${ident(c)} IS NOT NULL AND NOT starts_with(${ident(c)}, $1))`);
  const where = [`(${stale.join(' OR ')})`];
  if (after) {
    where.push(`(${key.join(', ')}) > (${after.map((v) => `$${params.push(v)}`).join(', ')})`);
  }
  params.push(batchSize);
  const select = `
    SELECT ${[...key, ...table.columns.map(ident)].join(', ')}
      FROM ${ident(table.table)}
     WHERE ${where.join(' AND ')}
     ORDER BY ${key.join(', ')}
     LIMIT $${params.length}
       FOR UPDATE`;

  const result: BatchResult = { seen: 0, rows: 0, values: 0, unreadableAt: [], last: after };
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  try {
    const { rows } = await client.query<Record<string, unknown>>(select, params);
    for (const row of rows) {
      const changes: [column: string, value: string][] = [];
      for (const column of table.columns) {
        const stored = row[column];
        if (typeof stored !== 'string' || !cipher.needsRotation(stored)) continue;
        try {
          changes.push([column, cipher.encrypt(cipher.decrypt(stored))]);
        } catch {
          result.unreadableAt.push({
            table: table.table,
            key: Object.fromEntries(table.key.map((k) => [k, row[k]])),
            column,
          });
        }
      }
      if (changes.length > 0) {
        const values = [...changes.map(([, v]) => v), ...table.key.map((k) => row[k])];
        const set = changes.map(([c], i) => `${ident(c)} = $${i + 1}`).join(', ');
        const match = key.map((k, i) => `${k} = $${changes.length + i + 1}`).join(' AND ');
        await client.query(`UPDATE ${ident(table.table)} SET ${set} WHERE ${match}`, values);
        result.rows += 1;
        result.values += changes.length;
      }
    }
    await client.query('COMMIT');
    result.seen = rows.length;
    if (rows.length > 0) result.last = table.key.map((k) => rows[rows.length - 1][k]);
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** A quoted SQL identifier; names come from the catalog, quoting keeps any of them safe. */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
