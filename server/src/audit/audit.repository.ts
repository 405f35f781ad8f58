import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity.js';

/**
 * Key of the one advisory lock that serialises appends to the chain
 * ("audit" in ASCII). No other code may take an advisory lock with this key.
 */
const AUDIT_CHAIN_LOCK = 0x6175646974;

/** A row as it is inserted; `at` is the canonical timestamp string that was hashed. */
export interface NewAuditRow {
  at: string;
  actorAccountId: string | null;
  actorKind: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  orgPath: string | null;
  result: string;
  clientIp: string | null;
  details: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditPageFilter {
  /** Path ranges (from inclusive, to exclusive) the events must fall in; null for every event. */
  orgRanges: { from: string; to: string }[] | null;
  action?: string;
  /** Only events with a smaller id (keyset pagination, newest first). */
  beforeId?: string;
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  /**
   * Takes the chain lock until the transaction ends and answers the
   * transaction's isolation level: under REPEATABLE READ or SERIALIZABLE
   * the snapshot may predate the lock and the last hash read would be stale.
   */
  async lockChain(manager: EntityManager): Promise<string> {
    const rows: { isolation: string }[] = await manager.query(
      `SELECT current_setting('transaction_isolation') AS isolation FROM pg_advisory_xact_lock($1)`,
      [AUDIT_CHAIN_LOCK],
    );
    return rows[0].isolation;
  }

  /** Must run as its own statement after lockChain, so its snapshot sees the last append committed. */
  async findLastHash(manager: EntityManager): Promise<string | null> {
    const rows: { hash: string }[] = await manager.query(`SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`);
    return rows[0]?.hash ?? null;
  }

  async insertEvent(manager: EntityManager, row: NewAuditRow): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO audit_events
         (at, actor_account_id, actor_kind, action, target_type, target_id, org_path, result, client_ip, details, prev_hash, hash)
       VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)
       RETURNING id`,
      [
        row.at,
        row.actorAccountId,
        row.actorKind,
        row.action,
        row.targetType,
        row.targetId,
        row.orgPath,
        row.result,
        row.clientIp,
        row.details === null || row.details === undefined ? null : JSON.stringify(row.details),
        row.prevHash,
        row.hash,
      ],
    );
    return rows[0].id;
  }

  /** Newest first, within the given subtrees, optionally of one action, older than a cursor. */
  findPageForSubtrees(filter: AuditPageFilter): Promise<AuditEvent[]> {
    const q = this.db.getRepository(AuditEvent).createQueryBuilder('e');
    if (filter.orgRanges) {
      const ranges = filter.orgRanges;
      if (ranges.length === 0) return Promise.resolve([]);
      q.andWhere(
        new Brackets((or) => {
          ranges.forEach((r, i) =>
            or.orWhere(`(e.org_path >= :from${i} AND e.org_path < :to${i})`, {
              [`from${i}`]: r.from,
              [`to${i}`]: r.to,
            }),
          );
        }),
      );
    }
    if (filter.action) q.andWhere('e.action = :action', { action: filter.action });
    if (filter.beforeId) q.andWhere('e.id < :beforeId', { beforeId: filter.beforeId });
    return q.orderBy('e.id', 'DESC').limit(filter.limit).getMany();
  }

  /** The materialised path of an org, to scope a request by orgId. Moves to OrgsService once that exists. */
  async findOrgPath(orgId: string): Promise<string | null> {
    const rows: { path: string }[] = await this.db.query(`SELECT path FROM orgs WHERE id = $1`, [orgId]);
    return rows[0]?.path ?? null;
  }
}
