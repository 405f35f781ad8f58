import { createHash } from 'node:crypto';

/**
 * The hash chain of the audit log, as pure functions shared by the writer
 * (AuditService) and the checker (verifyAuditChain).
 *
 * hash = SHA-256(prev_hash + canonical(event)), where canonical(event) is a
 * JSON array of every column except id, prev_hash and hash in a fixed order,
 * with object keys sorted inside `details` and the timestamp written to the
 * microsecond, as PostgreSQL stores it. The writer hashes exactly the values
 * it inserts, so the checker recomputes the same bytes from the row.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** One event as it is hashed: every column except id and hash. */
export interface ChainedEvent {
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ` (see canonicalTimestamp). */
  at: string;
  actorAccountId: string | null;
  actorKind: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  orgPath: string | null;
  result: string;
  clientIp: string | null;
  /** A JSON value as stored in jsonb, or null. */
  details: unknown;
  prevHash: string;
}

/** An ISO 8601 UTC timestamp with microseconds, the precision of timestamptz. */
export function canonicalTimestamp(at: Date): string {
  const iso = at.toISOString();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) throw new Error(`Unsupported audit timestamp ${iso}`);
  return `${iso.slice(0, 23)}000Z`;
}

/** The same timestamp format, produced by PostgreSQL when reading a row back. */
export const CANONICAL_TIMESTAMP_SQL = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * JSON with object keys sorted (jsonb reorders keys, so insertion order
 * cannot be trusted) and undefined members left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return JSON.stringify(value);
  }
  throw new Error(`Audit details must be plain JSON, got ${typeof value}`);
}

/** The fixed-order serialisation of an event's columns (without prev_hash, which is prefixed). */
export function canonicalEvent(e: ChainedEvent): string {
  return canonicalJson([
    e.at,
    e.actorAccountId,
    e.actorKind,
    e.action,
    e.targetType,
    e.targetId,
    e.orgPath,
    e.result,
    e.clientIp,
    e.details ?? null,
  ]);
}

export function chainHash(e: ChainedEvent): string {
  return createHash('sha256').update(e.prevHash).update(canonicalEvent(e)).digest('hex');
}
