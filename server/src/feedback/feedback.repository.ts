import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FeedbackFacts, FeedbackPeriodMonths, FeedbackRating, FeedbackStatus } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParams, withinSubtrees } from '../common/scope/scope-sql.js';

/** A flow as feedback needs it: who, where from, where received, and whether it is in the receiving branch's care. */
export interface FeedbackFlow {
  flowId: string;
  memberId: string;
  memberNameCipher: string;
  status: string;
  arrivedAt: Date | null;
  sendingBranchId: string;
  /** The member's membership branch path (the sending side, as the scope model sees it). */
  sendingPath: string;
  sendingBranchName: string;
  receivingBranchId: string | null;
  receivingPath: string | null;
  receivingBranchName: string | null;
}

export interface FeedbackRow {
  id: string;
  flowId: string;
  memberId: string;
  memberNameCipher: string;
  sendingPath: string;
  sendingBranchName: string;
  receivingBranchId: string;
  receivingPath: string;
  receivingBranchName: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  status: FeedbackStatus;
  facts: FeedbackFacts | null;
  rating: FeedbackRating | null;
  assessmentCipher: string | null;
  sentAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgeCommentCipher: string | null;
  createdAt: Date;
  sortAt: string;
}

export interface DueRow {
  flowId: string;
  memberId: string;
  memberNameCipher: string;
  sendingBranchName: string;
  receivingBranchName: string;
  periodMonths: FeedbackPeriodMonths;
  flowStatus: string;
  arrivedAt: Date | null;
  feedbackId: string | null;
  status: FeedbackStatus | null;
  period: string | null;
}

/** A period per cadence, for SQL that picks each flow's own. */
export interface PeriodChoice {
  months: FeedbackPeriodMonths;
  key: string;
  start: string;
  end: string;
}

export interface NewFeedback {
  flowId: string;
  memberId: string;
  sendingPath: string;
  receivingBranchId: string;
  receivingPath: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  facts: FeedbackFacts;
  rating: FeedbackRating;
  assessmentCipher: string;
  authorAccountId: string;
  at: Date;
}

export interface CreatedDue {
  id: string;
  memberNameCipher: string;
  receivingBranchId: string;
  period: string;
}

/** States in which the receiving branch has the member in its care and owes feedback. */
const IN_CARE = `('arrived', 'active')`;

const SELECT_FEEDBACK = `
  SELECT fb.id, fb.flow_id AS "flowId", fb.member_id AS "memberId", m.name_cipher AS "memberNameCipher",
         fb.sending_path AS "sendingPath", s.name AS "sendingBranchName",
         fb.receiving_branch_id AS "receivingBranchId", fb.receiving_path AS "receivingPath", r.name AS "receivingBranchName",
         fb.period, to_char(fb.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(fb.period_end, 'YYYY-MM-DD') AS "periodEnd",
         fb.status, fb.facts, fb.rating, fb.assessment_cipher AS "assessmentCipher", fb.sent_at AS "sentAt",
         fb.acknowledged_at AS "acknowledgedAt", fb.acknowledge_comment_cipher AS "acknowledgeCommentCipher",
         fb.created_at AS "createdAt",
         to_char(fb.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt"
    FROM member_feedback fb
    JOIN members m ON m.id = fb.member_id
    JOIN orgs s ON s.id = m.branch_id
    JOIN orgs r ON r.id = fb.receiving_branch_id`;

/** The nearest feedback setting at or above a path (the path's ancestors are its prefixes ending in '/'). */
function cadenceFor(pathColumn: string): string {
  return `COALESCE((SELECT fs.period_months FROM feedback_settings fs
                     WHERE ${pathColumn} >= fs.org_path AND ${pathColumn} < fs.org_path || '~'
                     ORDER BY length(fs.org_path) DESC LIMIT 1), 3)`;
}

/**
 * Feedback rows, the flows they are about, the cadence settings, and the
 * member's facts for a period (read from the check-in, study, volunteer and
 * points tables: facts are aggregates over another feature's rows, so they are
 * read here as SQL rather than row by row through that feature's service).
 */
@Injectable()
export class FeedbackRepository {
  private readonly logger = new Logger(FeedbackRepository.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  async findFlow(flowId: string): Promise<FeedbackFlow | null> {
    const rows: FeedbackFlow[] = await this.db.query(
      `SELECT f.id AS "flowId", f.member_id AS "memberId", m.name_cipher AS "memberNameCipher", f.status,
              f.arrived_at AS "arrivedAt", m.branch_id AS "sendingBranchId", m.branch_path AS "sendingPath", s.name AS "sendingBranchName",
              f.receiving_branch_id AS "receivingBranchId", f.receiving_path AS "receivingPath",
              r.name AS "receivingBranchName"
         FROM flows f
         JOIN members m ON m.id = f.member_id
         JOIN orgs s ON s.id = m.branch_id
         LEFT JOIN orgs r ON r.id = f.receiving_branch_id
        WHERE f.id = $1`,
      [flowId],
    );
    return rows[0] ?? null;
  }

  /** Where a member's membership is held, for the person file's scope check. */
  async findMemberBranchPath(memberId: string): Promise<{ branchPath: string; receivingPath: string | null } | null> {
    const rows: { branchPath: string; receivingPath: string | null }[] = await this.db.query(
      `SELECT m.branch_path AS "branchPath",
              (SELECT f.receiving_path FROM flows f
                WHERE f.member_id = m.id AND f.status IN ('found', 'arrived', 'active') LIMIT 1) AS "receivingPath"
         FROM members m WHERE m.id = $1`,
      [memberId],
    );
    return rows[0] ?? null;
  }

  /** The cadence in force for a member's branch path: the nearest setting, or null (the default). */
  async findCadence(path: string): Promise<{ periodMonths: FeedbackPeriodMonths; orgId: string } | null> {
    const rows: { periodMonths: FeedbackPeriodMonths; orgId: string }[] = await this.db.query(
      `SELECT period_months AS "periodMonths", org_id AS "orgId" FROM feedback_settings
        WHERE $1 >= org_path AND $1 < org_path || '~'
        ORDER BY length(org_path) DESC LIMIT 1`,
      [path],
    );
    return rows[0] ?? null;
  }

  async upsertSetting(orgId: string, orgPath: string, months: FeedbackPeriodMonths, accountId: string, at: Date) {
    await this.db.query(
      `INSERT INTO feedback_settings (org_id, org_path, period_months, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id) DO UPDATE SET period_months = $3, updated_by = $4, updated_at = $5`,
      [orgId, orgPath, months, accountId, at],
    );
  }

  /**
   * Flows in care at branches under `receivingPaths`, each with the feedback
   * row for its own due period (the period per cadence is given in
   * `periods`), or for `fixedPeriod` when the caller asked for one. Keyset
   * by flow id.
   */
  async findDue(input: {
    receivingPaths: string[];
    periods: PeriodChoice[];
    fixedPeriod: { key: string; end: string } | null;
    afterFlowId: string | null;
    limit: number;
  }): Promise<DueRow[]> {
    const params = new SqlParams();
    const within = withinSubtrees('f.receiving_path', input.receivingPaths, params);
    if (within.length === 0) return [];
    const periods = params.add(JSON.stringify(input.periods));
    const fixedKey = params.add(input.fixedPeriod?.key ?? null);
    const fixedEnd = params.add(input.fixedPeriod?.end ?? null);
    const after = input.afterFlowId ? `AND f.id > ${params.add(input.afterFlowId)}` : '';
    // A member who arrived after the period ended owes nothing for it (isFeedbackDue), unless it was written anyway.
    const rows: DueRow[] = await this.db.query(
      `WITH p AS (SELECT * FROM jsonb_to_recordset(${periods}::jsonb) AS x(months int, key text, start date, "end" date)),
       fl AS (
         SELECT f.id, f.member_id, f.receiving_branch_id, f.arrived_at, f.status, m.name_cipher, m.branch_id,
                ${cadenceFor('m.branch_path')} AS months
           FROM flows f JOIN members m ON m.id = f.member_id
          WHERE f.status IN ${IN_CARE} AND f.arrived_at IS NOT NULL AND (${within.join(' OR ')}) ${after})
       SELECT fl.id AS "flowId", fl.member_id AS "memberId", fl.name_cipher AS "memberNameCipher",
              s.name AS "sendingBranchName", r.name AS "receivingBranchName", fl.months AS "periodMonths",
              fl.status AS "flowStatus", fl.arrived_at AS "arrivedAt",
              fb.id AS "feedbackId", fb.status, COALESCE(${fixedKey}, p.key) AS period
         FROM fl
         JOIN orgs s ON s.id = fl.branch_id
         JOIN orgs r ON r.id = fl.receiving_branch_id
         JOIN p ON p.months = fl.months
         LEFT JOIN member_feedback fb ON fb.flow_id = fl.id AND fb.period = COALESCE(${fixedKey}, p.key)
        WHERE fb.id IS NOT NULL
           OR (fl.arrived_at AT TIME ZONE 'Asia/Shanghai')::date < COALESCE(${fixedEnd}::date, p."end")
        ORDER BY fl.id
        LIMIT ${params.add(input.limit)}`,
      params.values,
    );
    return rows;
  }

  /**
   * The periodic job's batch: a `due` row for every flow in care (ids in
   * `(afterId, upToId]`) whose member arrived before its due period ended and
   * that has no row for that period yet. Answers the rows written now, so
   * their to-dos go out in the same transaction; a rerun writes nothing.
   */
  async insertDue(
    m: EntityManager,
    range: { afterId: string | null; upToId: string | null },
    periods: PeriodChoice[],
  ): Promise<CreatedDue[]> {
    const params = new SqlParams();
    const where: string[] = [`f.status IN ${IN_CARE}`, 'f.receiving_branch_id IS NOT NULL', 'f.arrived_at IS NOT NULL'];
    if (range.afterId) where.push(`f.id > ${params.add(range.afterId)}`);
    if (range.upToId) where.push(`f.id <= ${params.add(range.upToId)}`);
    const periodsParam = params.add(JSON.stringify(periods));
    return m.query(
      `WITH p AS (SELECT * FROM jsonb_to_recordset(${periodsParam}::jsonb) AS x(months int, key text, start date, "end" date)),
       fl AS (
         SELECT f.id, f.member_id, f.receiving_branch_id, f.receiving_path, f.arrived_at, m.branch_path, m.name_cipher,
                ${cadenceFor('m.branch_path')} AS months
           FROM flows f JOIN members m ON m.id = f.member_id
          WHERE ${where.join(' AND ')}),
       written AS (
         INSERT INTO member_feedback (flow_id, member_id, sending_path, receiving_branch_id, receiving_path,
                                      period, period_start, period_end, status)
         SELECT fl.id, fl.member_id, fl.branch_path, fl.receiving_branch_id, fl.receiving_path,
                p.key, p.start, p."end", 'due'
           FROM fl JOIN p ON p.months = fl.months
          WHERE (fl.arrived_at AT TIME ZONE 'Asia/Shanghai')::date < p."end"
         ON CONFLICT (flow_id, period) DO NOTHING
         RETURNING id, flow_id, receiving_branch_id, period)
       SELECT w.id, fl.name_cipher AS "memberNameCipher", w.receiving_branch_id AS "receivingBranchId", w.period
         FROM written w JOIN fl ON fl.id = w.flow_id`,
      params.values,
    );
  }

  /** The flow id `limit` rows after `afterId` among flows in care, or null when fewer remain (the last batch). */
  async findFlowIdAfter(afterId: string | null, limit: number): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM flows WHERE status IN ${IN_CARE} ${afterId ? 'AND id > $2' : ''}
        ORDER BY id OFFSET $1 - 1 LIMIT 1`,
      afterId ? [limit, afterId] : [limit],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Sends a period's feedback: writes it, or fills the job's `due` row.
   * Answers null when it was already sent (the unique (flow, period) and the
   * status guard make a second send, or a race of two, a duplicate).
   */
  async send(m: EntityManager, f: NewFeedback): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO member_feedback (flow_id, member_id, sending_path, receiving_branch_id, receiving_path, period,
                                    period_start, period_end, status, facts, rating, assessment_cipher,
                                    author_account_id, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'sent', $9, $10, $11, $12, $13)
       ON CONFLICT (flow_id, period) DO UPDATE
         SET status = 'sent', facts = EXCLUDED.facts, rating = EXCLUDED.rating,
             assessment_cipher = EXCLUDED.assessment_cipher, author_account_id = EXCLUDED.author_account_id,
             sent_at = EXCLUDED.sent_at, receiving_branch_id = EXCLUDED.receiving_branch_id,
             receiving_path = EXCLUDED.receiving_path, sending_path = EXCLUDED.sending_path
         WHERE member_feedback.status = 'due'
       RETURNING id`,
      [
        f.flowId,
        f.memberId,
        f.sendingPath,
        f.receivingBranchId,
        f.receivingPath,
        f.period,
        f.periodStart,
        f.periodEnd,
        JSON.stringify(f.facts),
        f.rating,
        f.assessmentCipher,
        f.authorAccountId,
        f.at,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async findById(id: string): Promise<FeedbackRow | null> {
    const rows: FeedbackRow[] = await this.db.query(`${SELECT_FEEDBACK} WHERE fb.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findByFlowAndPeriod(flowId: string, period: string): Promise<FeedbackRow | null> {
    const rows: FeedbackRow[] = await this.db.query(`${SELECT_FEEDBACK} WHERE fb.flow_id = $1 AND fb.period = $2`, [
      flowId,
      period,
    ]);
    return rows[0] ?? null;
  }

  /** The feedback, locked for the acknowledgement's transaction. */
  async lockStatus(m: EntityManager, id: string): Promise<FeedbackStatus | null> {
    const rows: { status: FeedbackStatus }[] = await m.query(
      `SELECT status FROM member_feedback WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0]?.status ?? null;
  }

  async acknowledge(m: EntityManager, id: string, accountId: string, commentCipher: string | null, at: Date) {
    await m.query(
      `UPDATE member_feedback SET status = 'acknowledged', acknowledged_by = $2, acknowledged_at = $3,
              acknowledge_comment_cipher = $4
        WHERE id = $1`,
      [id, accountId, at, commentCipher],
    );
  }

  /** Feedback whose `column` path lies in `paths`, newest first, written ones only (a `due` row is not feedback yet). */
  async list(input: {
    column: 'sending_path' | 'receiving_path';
    paths: string[];
    status?: FeedbackStatus;
    after?: { sortAt: string; id: string };
    limit: number;
  }): Promise<FeedbackRow[]> {
    const params = new SqlParams();
    const within = withinSubtrees(`fb.${input.column}`, input.paths, params);
    if (within.length === 0) return [];
    const where = [`(${within.join(' OR ')})`, `fb.status <> 'due'`];
    if (input.status) where.push(`fb.status = ${params.add(input.status)}`);
    if (input.after)
      where.push(
        `(fb.created_at, fb.id) < (${params.add(input.after.sortAt)}::timestamptz, ${params.add(input.after.id)}::uuid)`,
      );
    return this.db.query(
      `${SELECT_FEEDBACK} WHERE ${where.join(' AND ')} ORDER BY fb.created_at DESC, fb.id DESC LIMIT ${params.add(input.limit)}`,
      params.values,
    );
  }

  /** A member's sent feedback, oldest period first, optionally within [from, to). */
  async findForMember(memberId: string, range?: { from: string; to: string }): Promise<FeedbackRow[]> {
    const params: unknown[] = [memberId];
    let where = `fb.member_id = $1 AND fb.status <> 'due'`;
    if (range) {
      params.push(range.from, range.to);
      where += ` AND fb.period_start >= $2::date AND fb.period_start < $3::date`;
    }
    return this.db.query(`${SELECT_FEEDBACK} WHERE ${where} ORDER BY fb.period_start, fb.created_at`, params);
  }

  /**
   * The member's record for [from, to): activities the receiving branch held
   * and the member attended, all check-ins, study time and items finished,
   * volunteering and points. Volunteer services and points are read only when
   * those tables exist (they belong to features that may not be installed).
   */
  async findFacts(input: {
    memberId: string;
    /** Branches whose activities count as "held" (the receiving branch; for the evaluation also the home branch). */
    heldAtBranchIds: string[];
    from: Date;
    to: Date;
    fromDay: string;
    toDay: string;
  }): Promise<FeedbackFacts> {
    const [row]: {
      held: number;
      attended: number;
      checkins: number;
      seconds: string;
      finished: number;
      volunteer: number;
      volunteerMinutes: string;
    }[] = await this.db.query(
      `SELECT
         (SELECT count(*)::int FROM activities a
           WHERE a.branch_id = ANY($2::uuid[]) AND a.cancelled_at IS NULL AND a.starts_at >= $3 AND a.starts_at < $4) AS held,
         (SELECT count(DISTINCT a.id)::int FROM checkins c JOIN activities a ON a.id = c.activity_id
           WHERE c.member_id = $1 AND a.branch_id = ANY($2::uuid[]) AND a.cancelled_at IS NULL
             AND a.starts_at >= $3 AND a.starts_at < $4) AS attended,
         (SELECT count(*)::int FROM checkins c JOIN activities a ON a.id = c.activity_id
           WHERE c.member_id = $1 AND a.cancelled_at IS NULL AND a.starts_at >= $3 AND a.starts_at < $4) AS checkins,
         (SELECT COALESCE(sum(r.seconds), 0)::bigint FROM study_reading r
           WHERE r.member_id = $1 AND r.day >= $5::date AND r.day < $6::date) AS seconds,
         (SELECT count(*)::int FROM study_progress g
           WHERE g.member_id = $1 AND g.finished_at >= $3 AND g.finished_at < $4) AS finished,
         (SELECT count(*)::int FROM checkins c JOIN activities a ON a.id = c.activity_id
           WHERE c.member_id = $1 AND a.kind = 'volunteer_service' AND a.cancelled_at IS NULL
             AND a.starts_at >= $3 AND a.starts_at < $4) AS volunteer,
         (SELECT COALESCE(sum(extract(epoch FROM c.checked_out_at - c.checked_in_at) / 60), 0)::bigint
            FROM checkins c JOIN activities a ON a.id = c.activity_id
           WHERE c.member_id = $1 AND a.kind = 'volunteer_service' AND a.cancelled_at IS NULL
             AND c.checked_out_at IS NOT NULL AND a.starts_at >= $3 AND a.starts_at < $4) AS "volunteerMinutes"`,
      [input.memberId, input.heldAtBranchIds, input.from, input.to, input.fromDay, input.toDay],
    );
    const services = await this.optionalVolunteerServices(input.memberId, input.from, input.to);
    const points = await this.optionalPoints(input.memberId, input.from, input.to);
    const minutes = Number(row.volunteerMinutes) + services.minutes;
    return {
      activitiesHeld: row.held,
      activitiesAttended: row.attended,
      checkinsTotal: row.checkins,
      studyHours: Math.round(Number(row.seconds) / 360) / 10,
      studyItemsFinished: row.finished,
      volunteerActivities: row.volunteer + services.count,
      volunteerHours: Math.round(minutes / 6) / 10,
      points,
    };
  }

  private async tableExists(name: string): Promise<boolean> {
    const [row]: { present: boolean }[] = await this.db.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [
      `public.${name}`,
    ]);
    return row.present;
  }

  /** Completed volunteer services (志愿服务) by the member, when the volunteering feature's table exists. */
  private async optionalVolunteerServices(memberId: string, from: Date, to: Date) {
    if (!(await this.tableExists('volunteer_services'))) return { count: 0, minutes: 0 };
    try {
      const [row]: { n: number; minutes: string }[] = await this.db.query(
        `SELECT count(*)::int AS n, COALESCE(sum(minutes), 0)::bigint AS minutes FROM volunteer_services
          WHERE member_id = $1 AND status IN ('completed', 'confirmed') AND checked_out_at >= $2 AND checked_out_at < $3`,
        [memberId, from, to],
      );
      return { count: row.n, minutes: Number(row.minutes) };
    } catch (error) {
      this.logger.warn(`volunteer services not read: ${(error as Error).message}`);
      return { count: 0, minutes: 0 };
    }
  }

  /** Points earned (posted, redemptions not counted), when the points ledger exists; otherwise null. */
  private async optionalPoints(memberId: string, from: Date, to: Date): Promise<number | null> {
    if (!(await this.tableExists('points_entries'))) return null;
    try {
      const [row]: { points: string }[] = await this.db.query(
        `SELECT COALESCE(sum(amount), 0)::bigint AS points FROM points_entries
          WHERE member_id = $1 AND status = 'posted' AND created_at >= $2 AND created_at < $3
            AND source NOT IN ('redemption', 'redemption_cancel', 'expiry')`,
        [memberId, from, to],
      );
      return Number(row.points);
    } catch (error) {
      this.logger.warn(`points not read: ${(error as Error).message}`);
      return null;
    }
  }
}
