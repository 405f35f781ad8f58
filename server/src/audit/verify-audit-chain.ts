import pg from 'pg';
import type { DataSource } from 'typeorm';
import { CANONICAL_TIMESTAMP_SQL, GENESIS_HASH, chainHash } from './audit-chain.js';

export interface AuditChainReport {
  ok: boolean;
  /** Events checked, including the first bad one. */
  checked: number;
  firstBadId?: string;
  problem?: string;
}

interface StoredEvent {
  id: string;
  at: string;
  actor_account_id: string | null;
  actor_kind: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  org_path: string | null;
  result: string;
  client_ip: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

type Query = (sql: string, params: unknown[]) => Promise<StoredEvent[]>;

const BATCH_SQL = `
  SELECT id, ${CANONICAL_TIMESTAMP_SQL} AS at, actor_account_id, actor_kind, action, target_type, target_id,
         org_path, result, client_ip, details, prev_hash, hash
    FROM audit_events
   WHERE id > $1
   ORDER BY id
   LIMIT $2`;

/**
 * Walks the whole chain in id order, a batch at a time (memory stays flat
 * however long the log), recomputing every hash. It reports the first event
 * whose prev_hash does not follow from the one before (a row removed,
 * inserted or reordered) or whose hash does not match its contents (a row
 * edited). Removing the newest events leaves a shorter valid chain: keep
 * the latest hash somewhere else (an anchor) to catch that.
 *
 * Used by the `audit:verify` CLI and by tests; it reads the table directly
 * because it must run without the app.
 */
export async function verifyAuditChain(
  source: DataSource | string,
  options: { batchSize?: number } = {},
): Promise<AuditChainReport> {
  const batchSize = options.batchSize ?? 1000;
  if (typeof source !== 'string') return walk((sql, params) => source.query<StoredEvent[]>(sql, params), batchSize);
  const client = new pg.Client({ connectionString: source, application_name: 'pioneer-audit-verify' });
  await client.connect();
  try {
    return await walk(async (sql, params) => (await client.query<StoredEvent>(sql, params)).rows, batchSize);
  } finally {
    await client.end();
  }
}

async function walk(query: Query, batchSize: number): Promise<AuditChainReport> {
  let checked = 0;
  let prevHash = GENESIS_HASH;
  let afterId = '0';
  for (;;) {
    const rows = await query(BATCH_SQL, [afterId, batchSize]);
    for (const row of rows) {
      checked += 1;
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBadId: row.id,
          problem:
            checked === 1
              ? 'the first event does not start the chain (events before it were removed?)'
              : 'prev_hash does not match the event before it (an event was removed, inserted or reordered)',
        };
      }
      const expected = chainHash({
        at: row.at,
        actorAccountId: row.actor_account_id,
        actorKind: row.actor_kind,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        orgPath: row.org_path,
        result: row.result,
        clientIp: row.client_ip,
        details: row.details,
        prevHash: row.prev_hash,
      });
      if (row.hash !== expected) {
        return {
          ok: false,
          checked,
          firstBadId: row.id,
          problem: 'hash does not match the contents (the event was altered)',
        };
      }
      prevHash = row.hash;
      afterId = row.id;
    }
    if (rows.length < batchSize) return { ok: true, checked };
  }
}
