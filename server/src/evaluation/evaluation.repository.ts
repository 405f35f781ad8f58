import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EvaluationGrade, EvaluationRoundStatus } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParams, withinSubtrees } from '../common/scope/scope-sql.js';

export interface RoundRow {
  id: string;
  branchId: string;
  branchPath: string;
  branchName: string;
  year: number;
  status: EvaluationRoundStatus;
  members: number;
  selfAssessed: number;
  graded: number;
  openedAt: Date;
  closedAt: Date | null;
}

export interface EntryRow {
  roundId: string;
  memberId: string;
  memberNameCipher: string;
  selfAssessmentCipher: string | null;
  selfAssessedAt: Date | null;
  grade: EvaluationGrade | null;
  reasonsCipher: string | null;
  gradedAt: Date | null;
}

export interface MemberRoundRow {
  roundId: string;
  year: number;
  branchName: string;
  status: EvaluationRoundStatus;
  selfAssessmentCipher: string | null;
  selfAssessedAt: Date | null;
}

export interface ResultRow {
  roundId: string;
  year: number;
  branchName: string;
  grade: EvaluationGrade;
  reasonsCipher: string;
  publishedAt: Date;
}

const SELECT_ROUND = `
  SELECT r.id, r.branch_id AS "branchId", r.branch_path AS "branchPath", o.name AS "branchName", r.year, r.status,
         r.opened_at AS "openedAt", r.closed_at AS "closedAt",
         (SELECT count(*)::int FROM evaluation_entries e WHERE e.round_id = r.id) AS members,
         (SELECT count(*)::int FROM evaluation_entries e WHERE e.round_id = r.id AND e.self_assessed_at IS NOT NULL) AS "selfAssessed",
         (SELECT count(*)::int FROM evaluation_entries e WHERE e.round_id = r.id AND e.grade IS NOT NULL) AS graded
    FROM evaluation_rounds r JOIN orgs o ON o.id = r.branch_id`;

const SELECT_ENTRY = `
  SELECT e.round_id AS "roundId", e.member_id AS "memberId", m.name_cipher AS "memberNameCipher",
         e.self_assessment_cipher AS "selfAssessmentCipher", e.self_assessed_at AS "selfAssessedAt",
         e.grade, e.reasons_cipher AS "reasonsCipher", e.graded_at AS "gradedAt"
    FROM evaluation_entries e JOIN members m ON m.id = e.member_id`;

/** Evaluation rounds and entries, and the few roster facts an entry's inputs need (flows in the year, the study plan). */
@Injectable()
export class EvaluationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  /** A new round, or null when the branch already has one for the year. */
  async insertRound(
    m: EntityManager,
    r: { branchId: string; branchPath: string; year: number; openedBy: string; at: Date },
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO evaluation_rounds (branch_id, branch_path, year, opened_by, opened_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (branch_id, year) DO NOTHING RETURNING id`,
      [r.branchId, r.branchPath, r.year, r.openedBy, r.at],
    );
    return rows[0]?.id ?? null;
  }

  /** Every member whose membership is held by the branch joins the round; answers their ids. */
  async insertEntriesForBranch(m: EntityManager, roundId: string, branchId: string): Promise<string[]> {
    const rows: { member_id: string }[] = await m.query(
      `INSERT INTO evaluation_entries (round_id, member_id)
       SELECT $1, id FROM members WHERE branch_id = $2
       RETURNING member_id`,
      [roundId, branchId],
    );
    return rows.map((r) => r.member_id);
  }

  async findRound(id: string): Promise<RoundRow | null> {
    const rows: RoundRow[] = await this.db.query(`${SELECT_ROUND} WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async listRounds(paths: string[]): Promise<RoundRow[]> {
    const params = new SqlParams();
    const within = withinSubtrees('r.branch_path', paths, params);
    if (within.length === 0) return [];
    return this.db.query(
      `${SELECT_ROUND} WHERE ${within.join(' OR ')} ORDER BY r.year DESC, o.name, r.id LIMIT 200`,
      params.values,
    );
  }

  async lockRoundStatus(m: EntityManager, id: string): Promise<EvaluationRoundStatus | null> {
    const rows: { status: EvaluationRoundStatus }[] = await m.query(
      `SELECT status FROM evaluation_rounds WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0]?.status ?? null;
  }

  async findEntries(roundId: string, afterMemberId: string | null, limit: number): Promise<EntryRow[]> {
    const params: unknown[] = [roundId, limit];
    let after = '';
    if (afterMemberId) {
      params.push(afterMemberId);
      after = 'AND e.member_id > $3';
    }
    return this.db.query(`${SELECT_ENTRY} WHERE e.round_id = $1 ${after} ORDER BY e.member_id LIMIT $2`, params);
  }

  async findEntry(roundId: string, memberId: string): Promise<EntryRow | null> {
    const rows: EntryRow[] = await this.db.query(`${SELECT_ENTRY} WHERE e.round_id = $1 AND e.member_id = $2`, [
      roundId,
      memberId,
    ]);
    return rows[0] ?? null;
  }

  async recordResult(
    m: EntityManager,
    r: {
      roundId: string;
      memberId: string;
      grade: EvaluationGrade;
      reasonsCipher: string;
      inputs: object;
      by: string;
      at: Date;
    },
  ): Promise<boolean> {
    const [, count]: [unknown, number] = await m.query(
      `UPDATE evaluation_entries SET grade = $3, reasons_cipher = $4, inputs = $5, graded_by = $6, graded_at = $7
        WHERE round_id = $1 AND member_id = $2`,
      [r.roundId, r.memberId, r.grade, r.reasonsCipher, JSON.stringify(r.inputs), r.by, r.at],
    );
    return count > 0;
  }

  async countUngraded(m: EntityManager, roundId: string): Promise<number> {
    const [row]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM evaluation_entries WHERE round_id = $1 AND grade IS NULL`,
      [roundId],
    );
    return row.n;
  }

  /** Closes the round and publishes every result; answers the members with their grades. */
  async close(
    m: EntityManager,
    roundId: string,
    by: string,
    at: Date,
  ): Promise<{ memberId: string; grade: EvaluationGrade }[]> {
    await m.query(`UPDATE evaluation_rounds SET status = 'closed', closed_by = $2, closed_at = $3 WHERE id = $1`, [
      roundId,
      by,
      at,
    ]);
    // An UPDATE through TypeORM answers [rows, affected].
    const [rows]: [{ memberId: string; grade: EvaluationGrade }[], number] = await m.query(
      `UPDATE evaluation_entries SET published_at = $2 WHERE round_id = $1 RETURNING member_id AS "memberId", grade`,
      [roundId, at],
    );
    return rows;
  }

  /** The member's newest round: the one they self-assess in while it is open. */
  async findLatestRoundForMember(memberId: string): Promise<MemberRoundRow | null> {
    const rows: MemberRoundRow[] = await this.db.query(
      `SELECT r.id AS "roundId", r.year, o.name AS "branchName", r.status,
              e.self_assessment_cipher AS "selfAssessmentCipher", e.self_assessed_at AS "selfAssessedAt"
         FROM evaluation_entries e
         JOIN evaluation_rounds r ON r.id = e.round_id
         JOIN orgs o ON o.id = r.branch_id
        WHERE e.member_id = $1
        ORDER BY r.year DESC, r.opened_at DESC
        LIMIT 1`,
      [memberId],
    );
    return rows[0] ?? null;
  }

  /** Saves a self-assessment if the round is still open (checked under the round's lock); answers whether it was saved. */
  async saveSelfAssessment(m: EntityManager, roundId: string, memberId: string, cipher: string, at: Date) {
    await m.query(
      `UPDATE evaluation_entries SET self_assessment_cipher = $3, self_assessed_at = $4
        WHERE round_id = $1 AND member_id = $2`,
      [roundId, memberId, cipher, at],
    );
  }

  async findResultsForMember(memberId: string): Promise<ResultRow[]> {
    return this.db.query(
      `SELECT r.id AS "roundId", r.year, o.name AS "branchName", e.grade, e.reasons_cipher AS "reasonsCipher",
              e.published_at AS "publishedAt"
         FROM evaluation_entries e
         JOIN evaluation_rounds r ON r.id = e.round_id
         JOIN orgs o ON o.id = r.branch_id
        WHERE e.member_id = $1 AND e.published_at IS NOT NULL AND e.grade IS NOT NULL
        ORDER BY r.year DESC`,
      [memberId],
    );
  }

  /** Branches that received the member during the year (their activities count as held), and whether they were away. */
  async findYearFlows(
    memberId: string,
    from: Date,
    to: Date,
  ): Promise<{ away: boolean; receivingBranchIds: string[] }> {
    const rows: { receiving_branch_id: string | null }[] = await this.db.query(
      `SELECT receiving_branch_id FROM flows
        WHERE member_id = $1 AND COALESCE(approved_at, arrived_at, created_at) < $3
          AND (ended_at IS NULL OR ended_at >= $2)
          AND status NOT IN ('reported', 'declined', 'withdrawn', 'found')`,
      [memberId, from, to],
    );
    return {
      away: rows.length > 0,
      receivingBranchIds: [...new Set(rows.map((r) => r.receiving_branch_id).filter((id): id is string => !!id))],
    };
  }

  /** The yearly study plan's required hours for a branch path (nearest org's rule), if any. */
  async findRequiredStudyHours(branchPath: string, year: number): Promise<number | null> {
    const rows: { hours: string }[] = await this.db.query(
      `SELECT required_hours AS hours FROM study_plans
        WHERE year = $2 AND $1 >= org_path AND $1 < org_path || '~'
        ORDER BY length(org_path) DESC LIMIT 1`,
      [branchPath, year],
    );
    return rows[0] ? Number(rows[0].hours) : null;
  }
}
