import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { QuizQuestion, StudyAudienceScope, StudyItemKind, StudyPackKind, StudyPackStatus } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParams, withinSubtrees } from '../common/scope/scope-sql.js';
import { audienceSql, type AudienceRange } from './study-audience.js';

export interface PackRow {
  id: string;
  ownerOrgId: string;
  ownerPath: string;
  ownerOrgName: string;
  kind: StudyPackKind;
  title: string;
  summary: string | null;
  month: string | null;
  audienceScope: StudyAudienceScope;
  status: StudyPackStatus;
  publishAt: Date | null;
  publishedAt: Date | null;
  deliveredAt: Date | null;
  withdrawnAt: Date | null;
  audienceCount: number | null;
  batchesTotal: number | null;
  createdAt: Date;
  itemCount: number;
}

export interface ItemRow {
  id: string;
  packId: string;
  position: number;
  kind: StudyItemKind;
  title: string;
  body: string | null;
  url: string | null;
  minSeconds: number;
  capSeconds: number;
  quiz: QuizQuestion[] | null;
}

export type ItemValues = Omit<ItemRow, 'id' | 'packId' | 'position'>;

export interface NewPack {
  ownerOrgId: string;
  ownerPath: string;
  kind: StudyPackKind;
  title: string;
  summary: string | null;
  month: string | null;
  audienceScope: StudyAudienceScope;
  createdBy: string;
}

export interface MyItemRow {
  id: string;
  packId: string;
  kind: StudyItemKind;
  title: string;
  minSeconds: number;
  hasQuiz: boolean;
  effectiveSeconds: number;
  finished: boolean;
  quizScore: number | null;
}

/** What a heartbeat needs to know, read in one statement by the session id. */
export interface BeatState {
  memberId: string;
  itemId: string;
  packId: string;
  lastSeq: number;
  lastBeatAt: Date;
  ended: boolean;
  /** Seconds credited to this item today (this row). */
  seconds: number;
  /** Seconds credited to this item on all days. */
  totalSeconds: number;
  capSeconds: number;
  minSeconds: number;
  hasQuiz: boolean;
  quizAnswered: boolean;
  finished: boolean;
  /** Another session of the member, opened later, is still live: this one is a parallel item. */
  newerLive: boolean;
}

export interface RedParcelRow {
  memberId: string;
  branchPath: string;
  branchName: string;
  nameCipher: string;
  residenceCipher: string | null;
  phoneCipher: string | null;
}

export interface PlanRuleRow {
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  year: number;
  requiredHours: number;
  requiredActivities: number;
  electives: number;
}

/** The year a plan question is about: its Beijing calendar bounds and how much of it has gone by. */
export interface PlanYear {
  year: number;
  from: Date;
  to: Date;
  share: number;
}

export interface MemberProgressRow {
  planId: string | null;
  seconds: number;
  activities: number;
  behind: boolean;
}

export interface CompletionCounts {
  childId: string | null;
  members: number;
  onTrack: number;
  behind: number;
}

export interface PairedBehindRow {
  memberId: string;
  nameCipher: string;
  branchName: string;
  seconds: number;
  activities: number;
  requiredHours: number;
  requiredActivities: number;
}

const PACK_SELECT = `
  SELECT p.id, p.owner_org_id AS "ownerOrgId", p.owner_path AS "ownerPath", o.name AS "ownerOrgName", p.kind,
         p.title, p.summary, p.month, p.audience_scope AS "audienceScope", p.status, p.publish_at AS "publishAt",
         p.published_at AS "publishedAt", p.delivered_at AS "deliveredAt", p.withdrawn_at AS "withdrawnAt",
         p.audience_count AS "audienceCount", p.batches_total AS "batchesTotal", p.created_at AS "createdAt",
         (SELECT count(*)::int FROM study_items i WHERE i.pack_id = p.id) AS "itemCount"
    FROM study_packs p JOIN orgs o ON o.id = p.owner_org_id`;

const ITEM_COLUMNS = `i.id, i.pack_id AS "packId", i.position, i.kind, i.title, i.body, i.url,
  i.min_seconds AS "minSeconds", i.cap_seconds AS "capSeconds", i.quiz`;

const SORT_AT = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Packs a member may read: delivered to them and not withdrawn. */
const READABLE = `p.status IN ('publishing', 'published')`;

/** TypeORM answers an UPDATE or DELETE as [rows, count] and anything else as rows. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}

/**
 * For each member of `memberSet` (SQL selecting at least `m.id` and
 * `m.branch_path`, aliased as a set of members), the rule of their nearest
 * ancestor with a plan for the year, their credited study seconds and
 * attended activities in the year, and whether they are behind: fewer
 * seconds than the pro-rata hours by now, or fewer activities than the
 * pro-rata count (rounded down). Members without a rule are never behind.
 * Answers the CTEs, ending with `progress`, for the caller's own SELECT.
 */
function progressCtes(memberSet: string, params: SqlParams, y: PlanYear): string {
  const year = params.add(y.year);
  const dayFrom = params.add(`${y.year}-01-01`);
  const dayTo = params.add(`${y.year + 1}-01-01`);
  const from = params.add(y.from);
  const to = params.add(y.to);
  const share = params.add(y.share);
  return `
    WITH ms AS (${memberSet}),
    rule AS (
      SELECT DISTINCT ON (ms.id) ms.id AS member_id, sp.id AS plan_id, sp.required_hours, sp.required_activities
        FROM ms JOIN study_plans sp
          ON sp.year = ${year} AND ms.branch_path >= sp.org_path AND ms.branch_path < sp.org_path || '~'
       ORDER BY ms.id, length(sp.org_path) DESC),
    studied AS (
      SELECT r.member_id, sum(r.seconds)::bigint AS seconds
        FROM study_reading r JOIN ms ON ms.id = r.member_id
       WHERE r.day >= ${dayFrom}::date AND r.day < ${dayTo}::date
       GROUP BY r.member_id),
    attended AS (
      SELECT c.member_id, count(*)::int AS n
        FROM checkins c JOIN ms ON ms.id = c.member_id JOIN activities a ON a.id = c.activity_id
       WHERE a.cancelled_at IS NULL AND a.starts_at >= ${from} AND a.starts_at < ${to}
       GROUP BY c.member_id),
    progress AS (
      SELECT ms.*, rule.plan_id, rule.required_hours, rule.required_activities,
             COALESCE(studied.seconds, 0)::bigint AS seconds, COALESCE(attended.n, 0)::int AS activities,
             (rule.plan_id IS NOT NULL AND (
                COALESCE(studied.seconds, 0) < round(rule.required_hours * ${share}::numeric * 10) / 10 * 3600
                OR COALESCE(attended.n, 0) < floor(round(rule.required_activities * ${share}::numeric * 10) / 10)
             )) AS behind
        FROM ms
        LEFT JOIN rule ON rule.member_id = ms.id
        LEFT JOIN studied ON studied.member_id = ms.id
        LEFT JOIN attended ON attended.member_id = ms.id)`;
}

/**
 * Study packs, their delivery, reading and plans. The fan-out and the
 * heartbeat are the hot paths: a fan-out batch is one INSERT … SELECT over a
 * keyset range of member ids; a heartbeat is one read by the session's
 * unique index and one compare-and-set update of the same row.
 */
@Injectable()
export class StudyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  // ── packs and items ─────────────────────────────────────────────────────

  async insertPack(values: NewPack): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO study_packs (owner_org_id, owner_path, kind, title, summary, month, audience_scope, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        values.ownerOrgId,
        values.ownerPath,
        values.kind,
        values.title,
        values.summary,
        values.month,
        values.audienceScope,
        values.createdBy,
      ],
    );
    return rows[0].id;
  }

  async findPack(id: string, m?: EntityManager): Promise<PackRow | null> {
    const rows: PackRow[] = await (m ?? this.db).query(`${PACK_SELECT} WHERE p.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The pack's row locked until the transaction ends, so edits, publishing and withdrawal are serialised. */
  async lockPack(m: EntityManager, id: string): Promise<PackRow | null> {
    const locked: unknown[] = await m.query(`SELECT 1 FROM study_packs WHERE id = $1 FOR UPDATE`, [id]);
    return locked.length > 0 ? this.findPack(id, m) : null;
  }

  async updatePackFields(
    m: EntityManager,
    id: string,
    values: Pick<NewPack, 'ownerOrgId' | 'ownerPath' | 'kind' | 'title' | 'summary' | 'month' | 'audienceScope'>,
    at: Date,
  ): Promise<void> {
    await m.query(
      `UPDATE study_packs SET owner_org_id = $2, owner_path = $3, kind = $4, title = $5, summary = $6, month = $7,
              audience_scope = $8, updated_at = $9
        WHERE id = $1`,
      [
        id,
        values.ownerOrgId,
        values.ownerPath,
        values.kind,
        values.title,
        values.summary,
        values.month,
        values.audienceScope,
        at,
      ],
    );
  }

  async setPackSchedule(m: EntityManager, id: string, publishAt: Date, at: Date): Promise<void> {
    await m.query(`UPDATE study_packs SET status = 'scheduled', publish_at = $2, updated_at = $3 WHERE id = $1`, [
      id,
      publishAt,
      at,
    ]);
  }

  /** Delivery begins: the pack is `publishing` from now on (its publish time kept if it was scheduled). */
  async startPublishing(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(
      `UPDATE study_packs SET status = 'publishing', publish_at = COALESCE(publish_at, $2), published_at = $2, updated_at = $2
        WHERE id = $1`,
      [id, at],
    );
  }

  async withdrawPack(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE study_packs SET status = 'withdrawn', withdrawn_at = $2, updated_at = $2 WHERE id = $1`, [
      id,
      at,
    ]);
  }

  /** Packs owned within the given subtrees, newest first, keyset paged. */
  async listPacks(filter: {
    paths: string[];
    status?: StudyPackStatus;
    after?: { createdAt: string; id: string };
    limit: number;
  }): Promise<(PackRow & { sortAt: string })[]> {
    const params = new SqlParams();
    const reach = withinSubtrees('p.owner_path', filter.paths, params);
    if (reach.length === 0) return [];
    const where = [`(${reach.join(' OR ')})`];
    if (filter.status) where.push(`p.status = ${params.add(filter.status)}`);
    if (filter.after) {
      where.push(
        `(p.created_at, p.id) < (${params.add(filter.after.createdAt)}::timestamptz, ${params.add(filter.after.id)}::uuid)`,
      );
    }
    return this.db.query(
      `SELECT * FROM (${PACK_SELECT.replace('SELECT p.id,', `SELECT ${SORT_AT('p.created_at')} AS "sortAt", p.id,`)}
        WHERE ${where.join(' AND ')}
        ORDER BY p.created_at DESC, p.id DESC LIMIT ${params.add(filter.limit)}) page`,
      params.values,
    );
  }

  async findItems(packId: string, m?: EntityManager): Promise<ItemRow[]> {
    return (m ?? this.db).query(
      `SELECT ${ITEM_COLUMNS} FROM study_items i WHERE i.pack_id = $1 ORDER BY i.position, i.id`,
      [packId],
    );
  }

  async findItem(packId: string, itemId: string, m?: EntityManager): Promise<ItemRow | null> {
    const rows: ItemRow[] = await (m ?? this.db).query(
      `SELECT ${ITEM_COLUMNS} FROM study_items i WHERE i.pack_id = $1 AND i.id = $2`,
      [packId, itemId],
    );
    return rows[0] ?? null;
  }

  /** Appends an item after the pack's last one; the caller holds the pack's lock. */
  async insertItem(m: EntityManager, packId: string, v: ItemValues): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO study_items (pack_id, position, kind, title, body, url, min_seconds, cap_seconds, quiz)
       SELECT $1, COALESCE(max(position), 0) + 1, $2, $3, $4, $5, $6, $7, $8::jsonb FROM study_items WHERE pack_id = $1
       RETURNING id`,
      [packId, v.kind, v.title, v.body, v.url, v.minSeconds, v.capSeconds, v.quiz ? JSON.stringify(v.quiz) : null],
    );
    return rows[0].id;
  }

  async updateItem(m: EntityManager, itemId: string, v: ItemValues, at: Date): Promise<void> {
    await m.query(
      `UPDATE study_items SET kind = $2, title = $3, body = $4, url = $5, min_seconds = $6, cap_seconds = $7,
              quiz = $8::jsonb, updated_at = $9
        WHERE id = $1`,
      [itemId, v.kind, v.title, v.body, v.url, v.minSeconds, v.capSeconds, v.quiz ? JSON.stringify(v.quiz) : null, at],
    );
  }

  async deleteItem(m: EntityManager, itemId: string): Promise<void> {
    await m.query(`DELETE FROM study_items WHERE id = $1`, [itemId]);
  }

  // ── delivery (the fan-out) ──────────────────────────────────────────────

  /**
   * Cuts the pack's audience into batches of `size` members by id and records
   * them, once (a second call finds them planned and changes nothing).
   * Answers the audience size and the number of batches.
   */
  async planFanout(
    m: EntityManager,
    pack: Pick<PackRow, 'id' | 'audienceScope' | 'ownerPath'>,
    size: number,
  ): Promise<{ audience: number; batches: number }> {
    const params = new SqlParams();
    const sizeParam = params.add(size);
    const audience = audienceSql(pack.audienceScope, pack.ownerPath, params);
    const starts: { id: string; total: string }[] = await m.query(
      `SELECT x.id, x.total FROM (
         SELECT a.id, row_number() OVER (ORDER BY a.id) AS rn, count(*) OVER () AS total FROM (${audience}) a) x
        WHERE (x.rn - 1) % ${sizeParam} = 0
        ORDER BY x.id`,
      params.values,
    );
    const total = starts.length > 0 ? Number(starts[0].total) : 0;
    const ids = starts.map((s) => s.id);
    if (ids.length > 0) {
      await m.query(
        `INSERT INTO study_fanout_batches (pack_id, batch_no, from_member_id, to_member_id)
         SELECT $1, b.ord, b.start, lead(b.start) OVER (ORDER BY b.ord)
           FROM unnest($2::uuid[]) WITH ORDINALITY AS b(start, ord)
         ON CONFLICT DO NOTHING`,
        [pack.id, ids],
      );
    }
    await m.query(`UPDATE study_packs SET audience_count = $2, batches_total = $3 WHERE id = $1`, [
      pack.id,
      total,
      ids.length,
    ]);
    return { audience: total, batches: ids.length };
  }

  async findUndoneBatches(packId: string, m?: EntityManager): Promise<number[]> {
    const rows: { batchNo: number }[] = await (m ?? this.db).query(
      `SELECT batch_no AS "batchNo" FROM study_fanout_batches WHERE pack_id = $1 AND done_at IS NULL ORDER BY batch_no`,
      [packId],
    );
    return rows.map((r) => r.batchNo);
  }

  /**
   * Marks a batch done inside the caller's transaction and answers its range;
   * null when it was already done (a retried or repeated job). The row stays
   * locked until commit, so two runs of one batch never overlap.
   */
  async claimBatch(m: EntityManager, packId: string, batchNo: number, at: Date): Promise<AudienceRange | null> {
    const rows = rowsOf<{ fromId: string; toId: string | null }>(
      await m.query(
        `UPDATE study_fanout_batches SET done_at = $3
          WHERE pack_id = $1 AND batch_no = $2 AND done_at IS NULL
          RETURNING from_member_id AS "fromId", to_member_id AS "toId"`,
        [packId, batchNo, at],
      ),
    );
    return rows[0] ? { fromId: rows[0].fromId, toId: rows[0].toId } : null;
  }

  /**
   * Delivers the pack to the audience members in `range` who do not have it
   * yet: one INSERT … SELECT. Answers those it was delivered to now.
   */
  async insertDeliveries(
    m: EntityManager,
    pack: Pick<PackRow, 'id' | 'audienceScope' | 'ownerPath'>,
    range: AudienceRange,
    at: Date,
  ): Promise<{ memberId: string; redParcel: boolean }[]> {
    const params = new SqlParams();
    const packParam = params.add(pack.id);
    const atParam = params.add(at);
    const audience = audienceSql(pack.audienceScope, pack.ownerPath, params, range);
    return m.query(
      `INSERT INTO study_deliveries (pack_id, member_id, red_parcel, delivered_at)
       SELECT ${packParam}, a.id, a.no_smartphone, ${atParam} FROM (${audience}) a
       ON CONFLICT DO NOTHING
       RETURNING member_id AS "memberId", red_parcel AS "redParcel"`,
      params.values,
    );
  }

  async recordBatchCounts(
    m: EntityManager,
    packId: string,
    batchNo: number,
    delivered: number,
    redParcels: number,
  ): Promise<void> {
    await m.query(
      `UPDATE study_fanout_batches SET delivered = $3, red_parcels = $4 WHERE pack_id = $1 AND batch_no = $2`,
      [packId, batchNo, delivered, redParcels],
    );
  }

  /** The pack becomes `published` once every batch is done; answers whether this call made it so. */
  async finishPublishing(packId: string, at: Date): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await this.db.query(
        `UPDATE study_packs SET status = 'published', delivered_at = $2, updated_at = $2
          WHERE id = $1 AND status = 'publishing' AND batches_total IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM study_fanout_batches b WHERE b.pack_id = $1 AND b.done_at IS NULL)
          RETURNING id`,
        [packId, at],
      ),
    );
    return rows.length > 0;
  }

  async deliveryCounts(packId: string): Promise<{ delivered: number; redParcels: number; batchesLeft: number }> {
    const rows: { delivered: string; redParcels: string; batchesLeft: string }[] = await this.db.query(
      `SELECT COALESCE(sum(delivered), 0) AS delivered, COALESCE(sum(red_parcels), 0) AS "redParcels",
              count(*) FILTER (WHERE done_at IS NULL) AS "batchesLeft"
         FROM study_fanout_batches WHERE pack_id = $1`,
      [packId],
    );
    return {
      delivered: Number(rows[0].delivered),
      redParcels: Number(rows[0].redParcels),
      batchesLeft: Number(rows[0].batchesLeft),
    };
  }

  /**
   * Members without a smartphone the pack reaches: those it was delivered to
   * once delivery began, otherwise its current audience. Ordered by branch.
   */
  async findRedParcels(pack: Pick<PackRow, 'id' | 'audienceScope' | 'ownerPath' | 'status'>): Promise<RedParcelRow[]> {
    const params = new SqlParams();
    const source =
      pack.status === 'draft' || pack.status === 'scheduled'
        ? `SELECT a.id FROM (${audienceSql(pack.audienceScope, pack.ownerPath, params)}) a WHERE a.no_smartphone`
        : `SELECT d.member_id AS id FROM study_deliveries d WHERE d.pack_id = ${params.add(pack.id)} AND d.red_parcel`;
    return this.db.query(
      `SELECT m.id AS "memberId", m.branch_path AS "branchPath", o.name AS "branchName", m.name_cipher AS "nameCipher",
              m.residence_cipher AS "residenceCipher", m.phone_cipher AS "phoneCipher"
         FROM (${source}) s JOIN members m ON m.id = s.id JOIN orgs o ON o.id = m.branch_id
        ORDER BY o.path, m.id`,
      params.values,
    );
  }

  // ── reading (members) ───────────────────────────────────────────────────

  /** Packs delivered to the member and still readable, newest delivery first, keyset paged. */
  async findMyPacks(
    memberId: string,
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<(PackRow & { sortAt: string })[]> {
    const params = new SqlParams();
    const where = [`d.member_id = ${params.add(memberId)}`, READABLE];
    if (after) {
      where.push(`(d.delivered_at, p.id) < (${params.add(after.at)}::timestamptz, ${params.add(after.id)}::uuid)`);
    }
    return this.db.query(
      `${PACK_SELECT.replace('SELECT p.id,', `SELECT ${SORT_AT('d.delivered_at')} AS "sortAt", p.id,`)}
         JOIN study_deliveries d ON d.pack_id = p.id
        WHERE ${where.join(' AND ')}
        ORDER BY d.delivered_at DESC, p.id DESC LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  async findMyPack(memberId: string, packId: string): Promise<PackRow | null> {
    const rows: PackRow[] = await this.db.query(
      `${PACK_SELECT} JOIN study_deliveries d ON d.pack_id = p.id AND d.member_id = $1 WHERE p.id = $2 AND ${READABLE}`,
      [memberId, packId],
    );
    return rows[0] ?? null;
  }

  /** Which of `packIds` the member may read (delivered, not withdrawn). */
  async findReadablePackIds(memberId: string, packIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT p.id FROM study_packs p JOIN study_deliveries d ON d.pack_id = p.id AND d.member_id = $1
        WHERE p.id = ANY($2::uuid[]) AND ${READABLE}`,
      [memberId, packIds],
    );
    return rows.map((r) => r.id);
  }

  /** The items of the given packs with the member's standing on each. */
  async findMyItems(memberId: string, packIds: string[]): Promise<MyItemRow[]> {
    if (packIds.length === 0) return [];
    return this.db.query(
      `SELECT i.id, i.pack_id AS "packId", i.kind, i.title, i.min_seconds AS "minSeconds", (i.quiz IS NOT NULL) AS "hasQuiz",
              COALESCE((SELECT sum(r.seconds) FROM study_reading r WHERE r.member_id = $1 AND r.item_id = i.id), 0)::int
                AS "effectiveSeconds",
              (g.finished_at IS NOT NULL) AS finished, g.quiz_best_score AS "quizScore"
         FROM study_items i
         LEFT JOIN study_progress g ON g.member_id = $1 AND g.item_id = i.id
        WHERE i.pack_id = ANY($2::uuid[])
        ORDER BY i.pack_id, i.position, i.id`,
      [memberId, packIds],
    );
  }

  /** An item of a pack the member may read. */
  async findReadableItem(memberId: string, itemId: string): Promise<ItemRow | null> {
    const rows: ItemRow[] = await this.db.query(
      `SELECT ${ITEM_COLUMNS}
         FROM study_items i JOIN study_packs p ON p.id = i.pack_id
         JOIN study_deliveries d ON d.pack_id = p.id AND d.member_id = $1
        WHERE i.id = $2 AND ${READABLE}`,
      [memberId, itemId],
    );
    return rows[0] ?? null;
  }

  /**
   * Starts a session on the member's row for the item and day: a new session
   * id, sequence 0, timed from now. Opening again the same day replaces the
   * session (the seconds credited that day stay). Records the first opening.
   */
  async openSession(
    m: EntityManager,
    s: { memberId: string; itemId: string; packId: string; day: string; sessionId: string; at: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO study_reading (member_id, item_id, day, session_id, opened_at, last_seq, last_beat_at)
       VALUES ($1, $2, $3, $4, $5, 0, $5)
       ON CONFLICT (member_id, item_id, day) DO UPDATE
         SET session_id = EXCLUDED.session_id, opened_at = EXCLUDED.opened_at, last_seq = 0,
             last_beat_at = EXCLUDED.last_beat_at, ended_at = NULL`,
      [s.memberId, s.itemId, s.day, s.sessionId, s.at],
    );
    await m.query(
      `INSERT INTO study_progress (member_id, item_id, pack_id, first_opened_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (member_id, item_id) DO UPDATE
         SET first_opened_at = COALESCE(study_progress.first_opened_at, EXCLUDED.first_opened_at)`,
      [s.memberId, s.itemId, s.packId, s.at],
    );
  }

  async findBeatState(sessionId: string, memberId: string, liveSince: Date): Promise<BeatState | null> {
    const rows: BeatState[] = await this.db.query(
      `SELECT r.member_id AS "memberId", r.item_id AS "itemId", i.pack_id AS "packId", r.last_seq AS "lastSeq",
              r.last_beat_at AS "lastBeatAt", (r.ended_at IS NOT NULL) AS ended, r.seconds,
              (SELECT COALESCE(sum(o.seconds), 0)::int FROM study_reading o
                WHERE o.member_id = r.member_id AND o.item_id = r.item_id) AS "totalSeconds",
              i.cap_seconds AS "capSeconds", i.min_seconds AS "minSeconds", (i.quiz IS NOT NULL) AS "hasQuiz",
              (g.quiz_answered_at IS NOT NULL) AS "quizAnswered", (g.finished_at IS NOT NULL) AS finished,
              EXISTS (SELECT 1 FROM study_reading n
                       WHERE n.member_id = r.member_id AND n.opened_at > r.opened_at
                         AND n.ended_at IS NULL AND n.last_beat_at > $3) AS "newerLive"
         FROM study_reading r
         JOIN study_items i ON i.id = r.item_id
         LEFT JOIN study_progress g ON g.member_id = r.member_id AND g.item_id = r.item_id
        WHERE r.session_id = $1 AND r.member_id = $2`,
      [sessionId, memberId, liveSince],
    );
    return rows[0] ?? null;
  }

  /**
   * Records a beat: compare-and-set on the sequence number read before, so
   * of two beats racing from the same state only one counts, and a replay
   * (same or lower number) never matches. Answers whether it was recorded.
   */
  async recordBeat(
    sessionId: string,
    b: { prevSeq: number; seq: number; at: Date; credit: number; capSeconds: number; end: boolean },
  ): Promise<boolean> {
    const rows = rowsOf<{ seconds: number }>(
      await this.db.query(
        `UPDATE study_reading
            SET last_seq = $3, last_beat_at = $4, seconds = seconds + $5,
                ended_at = CASE WHEN $7::boolean THEN $4 ELSE ended_at END
          WHERE session_id = $1 AND last_seq = $2 AND last_seq < $3 AND ended_at IS NULL AND seconds + $5 <= $6
          RETURNING seconds`,
        [sessionId, b.prevSeq, b.seq, b.at, b.credit, b.capSeconds, b.end],
      ),
    );
    return rows.length > 0;
  }

  /** Ends a session without crediting anything (a finish that carried no new beat). */
  async endSession(sessionId: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE study_reading SET ended_at = $2 WHERE session_id = $1 AND ended_at IS NULL`, [
      sessionId,
      at,
    ]);
  }

  /** Whether the member has finished every item of the pack (for its points), with the pack's title. */
  async findPackCompletion(
    m: EntityManager,
    memberId: string,
    packId: string,
  ): Promise<{ title: string; finished: boolean } | null> {
    const rows: { title: string; finished: boolean }[] = await m.query(
      `SELECT p.title,
              NOT EXISTS (SELECT 1 FROM study_items i
                            LEFT JOIN study_progress g ON g.item_id = i.id AND g.member_id = $1
                           WHERE i.pack_id = p.id AND g.finished_at IS NULL) AS finished
         FROM study_packs p WHERE p.id = $2`,
      [memberId, packId],
    );
    return rows[0] ?? null;
  }

  /** Marks the item finished for the member, once. */
  async markFinished(memberId: string, itemId: string, packId: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO study_progress (member_id, item_id, pack_id, finished_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (member_id, item_id) DO UPDATE
         SET finished_at = COALESCE(study_progress.finished_at, EXCLUDED.finished_at)`,
      [memberId, itemId, packId, at],
    );
  }

  /** Records a quiz attempt; the best score is the one that counts. Answers the seconds credited so far and the state. */
  async recordQuiz(
    memberId: string,
    item: Pick<ItemRow, 'id' | 'packId'>,
    score: number,
    at: Date,
  ): Promise<{ totalSeconds: number; finished: boolean }> {
    await this.db.query(
      `INSERT INTO study_progress (member_id, item_id, pack_id, quiz_best_score, quiz_last_score, quiz_attempts, quiz_answered_at)
       VALUES ($1, $2, $3, $4, $4, 1, $5)
       ON CONFLICT (member_id, item_id) DO UPDATE
         SET quiz_best_score = GREATEST(COALESCE(study_progress.quiz_best_score, 0), EXCLUDED.quiz_best_score),
             quiz_last_score = EXCLUDED.quiz_last_score,
             quiz_attempts = study_progress.quiz_attempts + 1,
             quiz_answered_at = COALESCE(study_progress.quiz_answered_at, EXCLUDED.quiz_answered_at)`,
      [memberId, item.id, item.packId, score, at],
    );
    const rows: { totalSeconds: number; finished: boolean }[] = await this.db.query(
      `SELECT COALESCE((SELECT sum(seconds) FROM study_reading WHERE member_id = $1 AND item_id = $2), 0)::int AS "totalSeconds",
              (SELECT finished_at IS NOT NULL FROM study_progress WHERE member_id = $1 AND item_id = $2) AS finished`,
      [memberId, item.id],
    );
    return rows[0];
  }

  async findItemStanding(memberId: string, itemId: string): Promise<{ totalSeconds: number; finished: boolean }> {
    const rows: { totalSeconds: number; finished: boolean | null }[] = await this.db.query(
      `SELECT COALESCE((SELECT sum(seconds) FROM study_reading WHERE member_id = $1 AND item_id = $2), 0)::int AS "totalSeconds",
              (SELECT finished_at IS NOT NULL FROM study_progress WHERE member_id = $1 AND item_id = $2) AS finished`,
      [memberId, itemId],
    );
    return { totalSeconds: rows[0].totalSeconds, finished: rows[0].finished === true };
  }

  /** The member's days of study, newest first, keyset paged by (day, item). */
  async findHistory(
    memberId: string,
    after: { day: string; itemId: string } | undefined,
    limit: number,
  ): Promise<{ day: string; packId: string; packTitle: string; itemId: string; itemTitle: string; seconds: number }[]> {
    const params = new SqlParams();
    const where = [`r.member_id = ${params.add(memberId)}`, `r.seconds > 0`];
    if (after) where.push(`(r.day, r.item_id) < (${params.add(after.day)}::date, ${params.add(after.itemId)}::uuid)`);
    return this.db.query(
      `SELECT to_char(r.day, 'YYYY-MM-DD') AS day, p.id AS "packId", p.title AS "packTitle", i.id AS "itemId",
              i.title AS "itemTitle", r.seconds
         FROM study_reading r JOIN study_items i ON i.id = r.item_id JOIN study_packs p ON p.id = i.pack_id
        WHERE ${where.join(' AND ')}
        ORDER BY r.day DESC, r.item_id DESC LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  // ── plans ───────────────────────────────────────────────────────────────

  async upsertPlan(v: {
    orgId: string;
    orgPath: string;
    year: number;
    requiredHours: number;
    requiredActivities: number;
    electives: number;
    setBy: string;
    at: Date;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO study_plans (org_id, org_path, year, required_hours, required_activities, electives, set_by, set_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (org_id, year) DO UPDATE
         SET org_path = EXCLUDED.org_path, required_hours = EXCLUDED.required_hours,
             required_activities = EXCLUDED.required_activities, electives = EXCLUDED.electives,
             set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
      [v.orgId, v.orgPath, v.year, v.requiredHours, v.requiredActivities, v.electives, v.setBy, v.at],
    );
  }

  /** Rules of the year set at any of `orgPaths`, nearest (longest path) last. */
  async findPlansAt(orgPaths: string[], year: number): Promise<PlanRuleRow[]> {
    if (orgPaths.length === 0) return [];
    const rows: (Omit<PlanRuleRow, 'requiredHours'> & { requiredHours: string })[] = await this.db.query(
      `SELECT sp.id, sp.org_id AS "orgId", o.name AS "orgName", sp.org_path AS "orgPath", sp.year,
              sp.required_hours AS "requiredHours", sp.required_activities AS "requiredActivities", sp.electives
         FROM study_plans sp JOIN orgs o ON o.id = sp.org_id
        WHERE sp.year = $1 AND sp.org_path = ANY($2::text[])
        ORDER BY length(sp.org_path)`,
      [year, orgPaths],
    );
    return rows.map((r) => ({ ...r, requiredHours: Number(r.requiredHours) }));
  }

  async findMemberPlacement(memberId: string): Promise<{ branchPath: string } | null> {
    const rows: { branchPath: string }[] = await this.db.query(
      `SELECT branch_path AS "branchPath" FROM members WHERE id = $1`,
      [memberId],
    );
    return rows[0] ?? null;
  }

  async findMemberProgress(memberId: string, y: PlanYear): Promise<MemberProgressRow> {
    const params = new SqlParams();
    const memberSet = `SELECT m.id, m.branch_path FROM members m WHERE m.id = ${params.add(memberId)}`;
    const rows: { planId: string | null; seconds: string; activities: number; behind: boolean }[] = await this.db.query(
      `${progressCtes(memberSet, params, y)}
         SELECT plan_id AS "planId", seconds, activities, behind FROM progress`,
      params.values,
    );
    const r = rows[0];
    return r
      ? { planId: r.planId, seconds: Number(r.seconds), activities: r.activities, behind: r.behind }
      : { planId: null, seconds: 0, activities: 0, behind: false };
  }

  async findElectives(memberId: string, year: number): Promise<{ packId: string; title: string; finished: boolean }[]> {
    return this.db.query(
      `SELECT e.pack_id AS "packId", p.title,
              NOT EXISTS (SELECT 1 FROM study_items i
                            LEFT JOIN study_progress g ON g.item_id = i.id AND g.member_id = e.member_id
                           WHERE i.pack_id = e.pack_id AND g.finished_at IS NULL) AS finished
         FROM study_electives e JOIN study_packs p ON p.id = e.pack_id
        WHERE e.member_id = $1 AND e.year = $2
        ORDER BY e.chosen_at, p.id`,
      [memberId, year],
    );
  }

  async replaceElectives(memberId: string, year: number, packIds: string[], at: Date): Promise<void> {
    await this.transaction(async (m) => {
      await m.query(
        `DELETE FROM study_electives WHERE member_id = $1 AND year = $2 AND NOT (pack_id = ANY($3::uuid[]))`,
        [memberId, year, packIds],
      );
      await m.query(
        `INSERT INTO study_electives (member_id, year, pack_id, chosen_at)
         SELECT $1, $2, pack_id, $4 FROM unnest($3::uuid[]) AS pack_id
         ON CONFLICT DO NOTHING`,
        [memberId, year, packIds, at],
      );
    });
  }

  // ── oversight ───────────────────────────────────────────────────────────

  async findChildOrgs(orgId: string): Promise<{ id: string; name: string }[]> {
    return this.db.query(`SELECT id, name FROM orgs WHERE parent_id = $1 ORDER BY name, id`, [orgId]);
  }

  /** Members under the org, on track and behind, counted per child org (childId null: directly at the org). */
  async findCompletion(org: { id: string; path: string }, y: PlanYear): Promise<CompletionCounts[]> {
    const params = new SqlParams();
    const orgId = params.add(org.id);
    const [inOrg] = withinSubtrees('m.branch_path', [org.path], params);
    const memberSet = `
      SELECT m.id, m.branch_path, c.id AS child_id
        FROM members m
        LEFT JOIN orgs c ON c.parent_id = ${orgId} AND m.branch_path >= c.path AND m.branch_path < c.path || '~'
       WHERE ${inOrg}`;
    const rows: { childId: string | null; members: string; onTrack: string; behind: string }[] = await this.db.query(
      `${progressCtes(memberSet, params, y)}
       SELECT child_id AS "childId", count(*) AS members, count(*) FILTER (WHERE NOT behind) AS "onTrack",
              count(*) FILTER (WHERE behind) AS behind
         FROM progress GROUP BY child_id`,
      params.values,
    );
    return rows.map((r) => ({
      childId: r.childId,
      members: Number(r.members),
      onTrack: Number(r.onTrack),
      behind: Number(r.behind),
    }));
  }

  /** Members paired with the account, within the given subtrees, who are behind plan. */
  async findPairedBehind(accountId: string, paths: string[], y: PlanYear): Promise<PairedBehindRow[]> {
    const params = new SqlParams();
    const account = params.add(accountId);
    const reach = withinSubtrees('m.branch_path', paths, params);
    if (reach.length === 0) return [];
    const memberSet = `
      SELECT m.id, m.branch_path, m.branch_id, m.name_cipher
        FROM pairings pr JOIN members m ON m.id = pr.member_id
       WHERE pr.committee_account_id = ${account} AND pr.ended_at IS NULL AND (${reach.join(' OR ')})`;
    const rows: (Omit<PairedBehindRow, 'seconds' | 'requiredHours'> & { seconds: string; requiredHours: string })[] =
      await this.db.query(
        `${progressCtes(memberSet, params, y)}
         SELECT progress.id AS "memberId", progress.name_cipher AS "nameCipher", o.name AS "branchName",
                progress.seconds, progress.activities, progress.required_hours AS "requiredHours",
                progress.required_activities AS "requiredActivities"
           FROM progress JOIN orgs o ON o.id = progress.branch_id
          WHERE progress.behind
          ORDER BY progress.id`,
        params.values,
      );
    return rows.map((r) => ({ ...r, seconds: Number(r.seconds), requiredHours: Number(r.requiredHours) }));
  }

  /** The id of the `n`th member after `afterId` by id (the end of a reminder batch), or null past the last. */
  async findMemberIdAfter(afterId: string | null, n: number): Promise<string | null> {
    const rows: { id: string }[] = afterId
      ? await this.db.query(`SELECT id FROM members WHERE id > $1 ORDER BY id OFFSET $2 LIMIT 1`, [afterId, n - 1])
      : await this.db.query(`SELECT id FROM members ORDER BY id OFFSET $1 LIMIT 1`, [n - 1]);
    return rows[0]?.id ?? null;
  }

  /**
   * Records this month's reminder for each member in (afterId, upToId] who is
   * behind plan and has none yet: one INSERT … SELECT. Answers the members
   * reminded now, with the plan each follows.
   */
  async insertReminders(
    m: EntityManager,
    range: { afterId: string | null; upToId: string | null },
    month: string,
    y: PlanYear,
    at: Date,
  ): Promise<{ memberId: string; planId: string }[]> {
    const params = new SqlParams();
    const where: string[] = [];
    if (range.afterId) where.push(`m.id > ${params.add(range.afterId)}::uuid`);
    if (range.upToId) where.push(`m.id <= ${params.add(range.upToId)}::uuid`);
    const memberSet = `SELECT m.id, m.branch_path FROM members m ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const ctes = progressCtes(memberSet, params, y);
    const monthParam = params.add(month);
    const atParam = params.add(at);
    return m.query(
      `${ctes},
       reminded AS (
         INSERT INTO study_reminders (member_id, month, plan_id, sent_at)
         SELECT id, ${monthParam}, plan_id, ${atParam} FROM progress WHERE behind
         ON CONFLICT DO NOTHING
         RETURNING member_id, plan_id)
       SELECT member_id AS "memberId", plan_id AS "planId" FROM reminded`,
      params.values,
    );
  }

  // ── pairings ────────────────────────────────────────────────────────────

  /** Which of `memberIds` hold their membership in the branch. */
  async findMembersOfBranch(branchId: string, memberIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM members WHERE branch_id = $1 AND id = ANY($2::uuid[])`,
      [branchId, memberIds],
    );
    return rows.map((r) => r.id);
  }
}
