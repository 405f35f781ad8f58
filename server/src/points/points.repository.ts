import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PointsEntryStatus, PointsSource, RedemptionStatus } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParams, withinSubtrees } from '../common/scope/scope-sql.js';

/** A ledger entry as the service reads it. */
export interface EntryRow {
  id: string;
  memberId: string;
  branchPath: string;
  amount: number;
  status: PointsEntryStatus;
  source: PointsSource;
  sourceRef: string;
  reason: string;
  ruleVersion: string;
  createdAt: Date;
  postedAt: Date | null;
  reversesEntryId: string | null;
  reversedByEntryId: string | null;
}

export interface NewEntry {
  memberId: string;
  branchPath: string;
  source: PointsSource;
  sourceRef: string;
  amount: number;
  quantity: number | null;
  ruleVersion: string;
  reason: string;
  status: 'pending' | 'posted';
  reversesEntryId: string | null;
  actorAccountId: string | null;
  at: Date;
}

/** Where a member's points are managed: their sending branch and whether it reviews entries. */
export interface MemberPointsPlacement {
  memberId: string;
  branchId: string;
  branchPath: string;
  receivingPath: string | null;
  reviewRequired: boolean;
  nameCipher: string;
}

export interface BenefitRow {
  id: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  title: string;
  description: string | null;
  cost: number;
  stock: number;
  perMemberLimit: number | null;
  provider: string;
  active: boolean;
  createdAt: Date;
}

export interface RedemptionRow {
  id: string;
  benefitId: string;
  benefitTitle: string;
  benefitOrgPath: string;
  provider: string;
  memberId: string;
  memberNameCipher: string;
  cost: number;
  code: string;
  status: RedemptionStatus;
  entryId: string;
  createdAt: Date;
  fulfilledAt: Date | null;
  cancelledAt: Date | null;
}

export interface ExpiryEntryRow {
  id: string;
  amount: number;
  source: PointsSource;
  year: number;
  reversesEntryId: string | null;
}

const ENTRY_COLUMNS = `
  e.id, e.member_id AS "memberId", e.branch_path AS "branchPath", e.amount, e.status, e.source,
  e.source_ref AS "sourceRef", e.reason, e.rule_version AS "ruleVersion", e.created_at AS "createdAt",
  e.posted_at AS "postedAt", e.reverses_entry_id AS "reversesEntryId",
  (SELECT r.id FROM points_entries r WHERE r.reverses_entry_id = e.id) AS "reversedByEntryId"`;

const BENEFIT_COLUMNS = `
  b.id, b.org_id AS "orgId", b.org_path AS "orgPath", o.name AS "orgName", b.title, b.description, b.cost,
  b.stock, b.per_member_limit AS "perMemberLimit", b.provider, b.active, b.created_at AS "createdAt"`;

const REDEMPTION_SELECT = `
  SELECT x.id, x.benefit_id AS "benefitId", b.title AS "benefitTitle", b.org_path AS "benefitOrgPath",
         b.provider, x.member_id AS "memberId", m.name_cipher AS "memberNameCipher", x.cost, x.code, x.status,
         x.entry_id AS "entryId", x.created_at AS "createdAt", x.fulfilled_at AS "fulfilledAt",
         x.cancelled_at AS "cancelledAt"
    FROM points_redemptions x
    JOIN points_benefits b ON b.id = x.benefit_id
    JOIN members m ON m.id = x.member_id`;

const PG_CHECK_VIOLATION = '23514';
const NULLABLE = new Set(['description', 'perMemberLimit']);

/** The name of the CHECK constraint a statement broke, if that is what failed. */
export function checkViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  return code === PG_CHECK_VIOLATION ? (e.driverError?.constraint ?? e.constraint ?? '') : null;
}

/**
 * Everything points read and write. Writes take the caller's EntityManager:
 * an award is part of the change that earned it.
 */
@Injectable()
export class PointsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  // ── members ──────────────────────────────────────────────────────────

  async findPlacement(m: EntityManager | null, memberId: string): Promise<MemberPointsPlacement | null> {
    const rows: MemberPointsPlacement[] = await (m ?? this.db).query(
      `SELECT mb.id AS "memberId", mb.branch_id AS "branchId", mb.branch_path AS "branchPath",
              mb.name_cipher AS "nameCipher", COALESCE(s.review_required, false) AS "reviewRequired",
              (SELECT f.receiving_path FROM flows f
                WHERE f.member_id = mb.id AND f.status IN ('found', 'arrived', 'active')) AS "receivingPath"
         FROM members mb
         LEFT JOIN points_branch_settings s ON s.org_id = mb.branch_id
        WHERE mb.id = $1`,
      [memberId],
    );
    return rows[0] ?? null;
  }

  // ── entries ──────────────────────────────────────────────────────────

  /** Inserts the entry unless one with its (source, source_ref) exists; answers the new row or null. */
  async insertEntry(m: EntityManager, e: NewEntry): Promise<EntryRow | null> {
    const rows: EntryRow[] = await m.query(
      `WITH e AS (
         INSERT INTO points_entries (member_id, branch_path, source, source_ref, amount, quantity, rule_version, reason,
                                     status, reverses_entry_id, actor_account_id, created_at, posted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, CASE WHEN $9 = 'posted' THEN $12::timestamptz END)
         ON CONFLICT ON CONSTRAINT points_entries_once DO NOTHING
         RETURNING *)
       SELECT ${ENTRY_COLUMNS} FROM e`,
      [
        e.memberId,
        e.branchPath,
        e.source,
        e.sourceRef,
        e.amount,
        e.quantity,
        e.ruleVersion,
        e.reason,
        e.status,
        e.reversesEntryId,
        e.actorAccountId,
        e.at,
      ],
    );
    return rows[0] ?? null;
  }

  async findEntryBySource(m: EntityManager | null, source: PointsSource, sourceRef: string): Promise<EntryRow | null> {
    const rows: EntryRow[] = await (m ?? this.db).query(
      `SELECT ${ENTRY_COLUMNS} FROM points_entries e WHERE e.source = $1 AND e.source_ref = $2`,
      [source, sourceRef],
    );
    return rows[0] ?? null;
  }

  async findEntry(m: EntityManager | null, id: string): Promise<EntryRow | null> {
    const rows: EntryRow[] = await (m ?? this.db).query(
      `SELECT ${ENTRY_COLUMNS} FROM points_entries e WHERE e.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Adds `amount` to the member's balance (creating the row). The CHECK refuses a result below zero. */
  async addToBalance(m: EntityManager, memberId: string, amount: number, at: Date): Promise<number> {
    // Two statements: an INSERT … ON CONFLICT checks the proposed row (a negative amount) before it sees the conflict.
    await m.query(
      `INSERT INTO points_balances (member_id, balance, updated_at) VALUES ($1, 0, $2) ON CONFLICT (member_id) DO NOTHING`,
      [memberId, at],
    );
    const rows: { balance: number }[] = await m.query(
      `UPDATE points_balances SET balance = balance + $2, updated_at = $3 WHERE member_id = $1 RETURNING balance`,
      [memberId, amount, at],
    );
    return rowsOf<{ balance: number }>(rows)[0].balance;
  }

  /** The member's balance, the row locked until the transaction ends (created at 0 if missing). */
  async lockBalance(m: EntityManager, memberId: string, at: Date): Promise<number> {
    await m.query(
      `INSERT INTO points_balances (member_id, balance, updated_at) VALUES ($1, 0, $2) ON CONFLICT (member_id) DO NOTHING`,
      [memberId, at],
    );
    const rows: { balance: number }[] = await m.query(
      `SELECT balance FROM points_balances WHERE member_id = $1 FOR UPDATE`,
      [memberId],
    );
    return rows[0].balance;
  }

  async findBalance(memberId: string): Promise<{ balance: number; pending: number }> {
    const rows: { balance: number | null; pending: string | null }[] = await this.db.query(
      `SELECT (SELECT balance FROM points_balances WHERE member_id = $1) AS balance,
              (SELECT sum(amount) FROM points_entries WHERE member_id = $1 AND status = 'pending') AS pending`,
      [memberId],
    );
    return { balance: rows[0]?.balance ?? 0, pending: Number(rows[0]?.pending ?? 0) };
  }

  findMemberEntries(
    memberId: string,
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<(EntryRow & { sortAt: string })[]> {
    const params: unknown[] = [memberId, limit];
    let cond = '';
    if (after) {
      params.push(after.at, after.id);
      cond = `AND (e.created_at, e.id) < ($3::timestamptz, $4::uuid)`;
    }
    return this.db.query(
      `SELECT ${ENTRY_COLUMNS},
              to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt"
         FROM points_entries e
        WHERE e.member_id = $1 ${cond}
        ORDER BY e.created_at DESC, e.id DESC
        LIMIT $2`,
      params,
    );
  }

  /** Pending entries of members whose sending branch lies in `paths`, oldest first. */
  findPending(
    paths: string[],
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<(EntryRow & { sortAt: string; nameCipher: string })[]> {
    const params = new SqlParams();
    const within = withinSubtrees('e.branch_path', paths, params);
    if (within.length === 0) return Promise.resolve([]);
    let cond = '';
    if (after)
      cond = `AND (e.created_at, e.id) > (${params.add(after.at)}::timestamptz, ${params.add(after.id)}::uuid)`;
    return this.db.query(
      `SELECT ${ENTRY_COLUMNS}, m.name_cipher AS "nameCipher",
              to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt"
         FROM points_entries e JOIN members m ON m.id = e.member_id
        WHERE e.status = 'pending' AND (${within.join(' OR ')}) ${cond}
        ORDER BY e.created_at, e.id
        LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  /** Settles a pending entry; null when it was not pending any more (someone else decided first). */
  async decidePending(
    m: EntityManager,
    id: string,
    decision: 'posted' | 'rejected',
    by: string,
    note: string | null,
    at: Date,
  ): Promise<EntryRow | null> {
    const rows: EntryRow[] = await m.query(
      `WITH e AS (
         UPDATE points_entries SET status = $2, posted_at = CASE WHEN $2 = 'posted' THEN $4::timestamptz END,
                reviewed_by = $3, reviewed_at = $4, review_note = $5
          WHERE id = $1 AND status = 'pending'
          RETURNING *)
       SELECT ${ENTRY_COLUMNS} FROM e`,
      [id, decision, by, at, note],
    );
    return rows[0] ?? null;
  }

  /** Sum of posted entries per member, for checking the kept balances. */
  async sumPosted(memberId: string): Promise<number> {
    const rows: { sum: string | null }[] = await this.db.query(
      `SELECT sum(amount) AS sum FROM points_entries WHERE member_id = $1 AND status = 'posted'`,
      [memberId],
    );
    return Number(rows[0]?.sum ?? 0);
  }

  // ── branch settings ───────────────────────────────────────────────────

  async findReviewRequired(orgId: string): Promise<boolean> {
    const rows: { reviewRequired: boolean }[] = await this.db.query(
      `SELECT review_required AS "reviewRequired" FROM points_branch_settings WHERE org_id = $1`,
      [orgId],
    );
    return rows[0]?.reviewRequired ?? false;
  }

  async setReviewRequired(orgId: string, required: boolean, by: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO points_branch_settings (org_id, review_required, updated_by, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (org_id) DO UPDATE SET review_required = $2, updated_by = $3, updated_at = $4`,
      [orgId, required, by, at],
    );
  }

  // ── check-in sweep ────────────────────────────────────────────────────

  async findSweepMark(m: EntityManager, name: string): Promise<Date | null> {
    const rows: { upto: Date }[] = await m.query(`SELECT upto FROM points_sweeps WHERE name = $1 FOR UPDATE`, [name]);
    return rows[0]?.upto ?? null;
  }

  async setSweepMark(m: EntityManager, name: string, upto: Date): Promise<void> {
    await m.query(
      `INSERT INTO points_sweeps (name, upto) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET upto = GREATEST(points_sweeps.upto, $2)`,
      [name, upto],
    );
  }

  /** Check-ins received since `from` that have no points entry yet, oldest first. */
  findUnawardedCheckins(
    from: Date,
    limit: number,
  ): Promise<{ id: string; memberId: string; activityTitle: string; receivedAt: Date }[]> {
    return this.db.query(
      `SELECT c.id, c.member_id AS "memberId", a.title AS "activityTitle", c.received_at AS "receivedAt"
         FROM checkins c JOIN activities a ON a.id = c.activity_id
        WHERE c.received_at >= $1
          AND NOT EXISTS (SELECT 1 FROM points_entries e WHERE e.source = 'checkin' AND e.source_ref = c.id::text)
        ORDER BY c.received_at, c.id
        LIMIT $2`,
      [from, limit],
    );
  }

  // ── expiry ───────────────────────────────────────────────────────────

  /** Members holding points, in id order after `afterId`. */
  async findHolders(afterId: string | null, limit: number): Promise<string[]> {
    const rows: { memberId: string }[] = await this.db.query(
      `SELECT member_id AS "memberId" FROM points_balances
        WHERE balance > 0 AND ($1::uuid IS NULL OR member_id > $1::uuid)
        ORDER BY member_id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => r.memberId);
  }

  /** A member's posted entries with their Beijing calendar year, for the expiry rule. */
  findPostedForExpiry(m: EntityManager, memberId: string): Promise<ExpiryEntryRow[]> {
    return m.query(
      `SELECT id, amount, source, reverses_entry_id AS "reversesEntryId",
              extract(year FROM posted_at AT TIME ZONE 'Asia/Shanghai')::int AS year
         FROM points_entries WHERE member_id = $1 AND status = 'posted'`,
      [memberId],
    );
  }

  // ── benefits ─────────────────────────────────────────────────────────

  async insertBenefit(
    values: Omit<BenefitRow, 'id' | 'orgName' | 'createdAt'> & { createdBy: string; at: Date },
  ): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO points_benefits (org_id, org_path, title, description, cost, stock, per_member_limit, provider,
                                    active, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
      [
        values.orgId,
        values.orgPath,
        values.title,
        values.description,
        values.cost,
        values.stock,
        values.perMemberLimit,
        values.provider,
        values.active,
        values.createdBy,
        values.at,
      ],
    );
    return rows[0].id;
  }

  async updateBenefit(
    id: string,
    changes: Partial<
      Pick<BenefitRow, 'title' | 'description' | 'cost' | 'stock' | 'perMemberLimit' | 'provider' | 'active'>
    >,
    at: Date,
  ): Promise<void> {
    const columns: Record<string, string> = {
      title: 'title',
      description: 'description',
      cost: 'cost',
      stock: 'stock',
      perMemberLimit: 'per_member_limit',
      provider: 'provider',
      active: 'active',
    };
    const params = new SqlParams();
    const sets = Object.entries(changes)
      // Only the description and the limit may be cleared; a null for anything else means "unchanged".
      .filter(([key, value]) => key in columns && value !== undefined && (value !== null || NULLABLE.has(key)))
      .map(([key, value]) => `${columns[key]} = ${params.add(value)}`);
    sets.push(`updated_at = ${params.add(at)}`);
    await this.db.query(`UPDATE points_benefits SET ${sets.join(', ')} WHERE id = ${params.add(id)}`, params.values);
  }

  async findBenefit(m: EntityManager | null, id: string): Promise<BenefitRow | null> {
    const rows: BenefitRow[] = await (m ?? this.db).query(
      `SELECT ${BENEFIT_COLUMNS} FROM points_benefits b JOIN orgs o ON o.id = b.org_id WHERE b.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Benefits of the orgs in `paths` exactly (a member's branches and their ancestors), active ones only. */
  findCatalogue(paths: string[], memberId: string): Promise<(BenefitRow & { redeemedByMe: number })[]> {
    return this.db.query(
      `SELECT ${BENEFIT_COLUMNS},
              (SELECT count(*)::int FROM points_redemptions x
                WHERE x.benefit_id = b.id AND x.member_id = $2 AND x.status <> 'cancelled') AS "redeemedByMe"
         FROM points_benefits b JOIN orgs o ON o.id = b.org_id
        WHERE b.org_path = ANY($1::text[]) AND b.active
        ORDER BY b.cost, b.created_at DESC, b.id
        LIMIT 200`,
      [paths, memberId],
    );
  }

  /** Benefits offered by orgs within `paths` (staff view), newest first. */
  findBenefitsWithin(
    paths: string[],
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<(BenefitRow & { sortAt: string })[]> {
    const params = new SqlParams();
    const within = withinSubtrees('b.org_path', paths, params);
    if (within.length === 0) return Promise.resolve([]);
    let cond = '';
    if (after)
      cond = `AND (b.created_at, b.id) < (${params.add(after.at)}::timestamptz, ${params.add(after.id)}::uuid)`;
    return this.db.query(
      `SELECT ${BENEFIT_COLUMNS},
              to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt"
         FROM points_benefits b JOIN orgs o ON o.id = b.org_id
        WHERE (${within.join(' OR ')}) ${cond}
        ORDER BY b.created_at DESC, b.id DESC
        LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  /** Takes one from stock if there is any and the benefit is active; false otherwise. */
  async takeStock(m: EntityManager, benefitId: string): Promise<boolean> {
    const rows: { id: string }[] = await m.query(
      `UPDATE points_benefits SET stock = stock - 1 WHERE id = $1 AND active AND stock > 0 RETURNING id`,
      [benefitId],
    );
    return rowsOf(rows).length === 1;
  }

  async returnStock(m: EntityManager, benefitId: string): Promise<void> {
    await m.query(`UPDATE points_benefits SET stock = stock + 1 WHERE id = $1`, [benefitId]);
  }

  async countHeld(m: EntityManager, benefitId: string, memberId: string): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM points_redemptions WHERE benefit_id = $1 AND member_id = $2 AND status <> 'cancelled'`,
      [benefitId, memberId],
    );
    return rows[0].n;
  }

  // ── redemptions ──────────────────────────────────────────────────────

  async insertRedemption(
    m: EntityManager,
    r: { id: string; benefitId: string; memberId: string; cost: number; code: string; entryId: string; at: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO points_redemptions (id, benefit_id, member_id, cost, code, status, entry_id, created_at)
       VALUES ($1, $2, $3, $4, $5, 'issued', $6, $7)`,
      [r.id, r.benefitId, r.memberId, r.cost, r.code, r.entryId, r.at],
    );
  }

  async findRedemption(m: EntityManager | null, id: string, lock = false): Promise<RedemptionRow | null> {
    const rows: RedemptionRow[] = await (m ?? this.db).query(
      `${REDEMPTION_SELECT} WHERE x.id = $1 ${lock ? 'FOR UPDATE OF x' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findRedemptionByCode(code: string): Promise<RedemptionRow | null> {
    const rows: RedemptionRow[] = await this.db.query(`${REDEMPTION_SELECT} WHERE x.code = $1`, [code]);
    return rows[0] ?? null;
  }

  /** Marks an issued redemption fulfilled; false when it was not issued any more. */
  async fulfil(id: string, by: string, at: Date): Promise<boolean> {
    const rows: { id: string }[] = await this.db.query(
      `UPDATE points_redemptions SET status = 'fulfilled', fulfilled_at = $3, fulfilled_by = $2
        WHERE id = $1 AND status = 'issued' RETURNING id`,
      [id, by, at],
    );
    return rowsOf(rows).length === 1;
  }

  async cancel(m: EntityManager, id: string, by: string, at: Date): Promise<boolean> {
    const rows: { id: string }[] = await m.query(
      `UPDATE points_redemptions SET status = 'cancelled', cancelled_at = $3, cancelled_by = $2
        WHERE id = $1 AND status = 'issued' RETURNING id`,
      [id, by, at],
    );
    return rowsOf(rows).length === 1;
  }

  findMemberRedemptions(
    memberId: string,
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<(RedemptionRow & { sortAt: string })[]> {
    const params: unknown[] = [memberId, limit];
    let cond = '';
    if (after) {
      params.push(after.at, after.id);
      cond = `AND (x.created_at, x.id) < ($3::timestamptz, $4::uuid)`;
    }
    return this.db.query(
      `${REDEMPTION_SELECT.replace(
        'SELECT x.id,',
        `SELECT to_char(x.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt", x.id,`,
      )}
        WHERE x.member_id = $1 ${cond}
        ORDER BY x.created_at DESC, x.id DESC
        LIMIT $2`,
      params,
    );
  }
}

/** TypeORM answers an UPDATE … RETURNING as [rows, count]. */
function rowsOf<T>(result: unknown): T[] {
  const r = result as unknown[];
  if (r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number') return r[0] as T[];
  return r as T[];
}
