import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FlowActor, HomeStayOccasion } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { subtreeRange } from '../common/scope/scope.js';

export interface HomeStayRow {
  id: string;
  flowId: string;
  homeFrom: string;
  homeUntil: string;
  occasion: HomeStayOccasion;
  noteCipher: string | null;
  recordedAs: Exclude<FlowActor, 'receiving'>;
  createdAt: Date;
}

export interface NewHomeStay {
  flowId: string;
  memberId: string;
  sendingBranchId: string;
  sendingPath: string;
  homeFrom: string;
  homeUntil: string;
  occasion: HomeStayOccasion;
  noteCipher: string | null;
  recordedBy: string;
  recordedAs: Exclude<FlowActor, 'receiving'>;
}

export interface HolidayRow {
  homeStayId: string;
  flowId: string;
  memberId: string;
  memberNameCipher: string;
  memberPhoneCipher: string | null;
  branchId: string;
  branchName: string;
  homeFrom: string;
  homeUntil: string;
  occasion: HomeStayOccasion;
}

export interface EscalationSettingsRow {
  orgId: string;
  arrivalDeadlineDays: number;
  townshipEscalationDays: number;
}

/** A flow that just crossed an escalation stage, with what its to-do needs to say. */
export interface EscalatedRow {
  flowId: string;
  orgId: string;
  memberId: string;
  memberNameCipher: string;
  sendingBranchId: string;
  sendingBranchName: string;
  /** YYYY-MM-DD */
  expectedFrom: string | null;
  approvedAt: Date;
}

const STAY_COLUMNS = `s.id, s.flow_id AS "flowId", to_char(s.home_from, 'YYYY-MM-DD') AS "homeFrom",
  to_char(s.home_until, 'YYYY-MM-DD') AS "homeUntil", s.occasion, s.note_cipher AS "noteCipher",
  s.recorded_as AS "recordedAs", s.created_at AS "createdAt"`;

/**
 * The nearest setting at or above a flow's sending branch (a county's own
 * periods), else the defaults. Settings are few (one per county that set
 * them), so the lateral lookup reads a handful of rows.
 */
const PERIODS = `
  LEFT JOIN LATERAL (
    SELECT es.arrival_deadline_days, es.township_escalation_days FROM escalation_settings es
     WHERE f.sending_path >= es.org_path AND f.sending_path < es.org_path || '~'
     ORDER BY length(es.org_path) DESC LIMIT 1) es ON true`;

/** The township (乡镇/街道) above a branch, or failing that the nearest org above township level. */
const TOWNSHIP_OF_BRANCH = `(
  SELECT o.id FROM orgs o
   WHERE o.id = ANY(string_to_array(trim(BOTH '/' FROM f.sending_path), '/')::uuid[])
     AND o.level IN ('township', 'county', 'city', 'province')
   ORDER BY length(o.path) DESC LIMIT 1)`;

const ESCALATED_SELECT = `
  SELECT w.flow_id AS "flowId", w.org_id AS "orgId", f.member_id AS "memberId", m.name_cipher AS "memberNameCipher",
         f.sending_branch_id AS "sendingBranchId", b.name AS "sendingBranchName",
         to_char(f.expected_from, 'YYYY-MM-DD') AS "expectedFrom", f.approved_at AS "approvedAt"
    FROM written w
    JOIN flows f ON f.id = w.flow_id
    JOIN members m ON m.id = f.member_id
    JOIN orgs b ON b.id = f.sending_branch_id`;

/** Holiday stays, escalations and their settings: the outflow workflow's own tables. */
@Injectable()
export class OutflowRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  /** Whether a stay of the flow already covers part of [from, until]. */
  async hasOverlappingStay(manager: EntityManager, flowId: string, from: string, until: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM flow_home_stays WHERE flow_id = $1 AND home_from <= $3 AND home_until >= $2 LIMIT 1`,
      [flowId, from, until],
    );
    return rows.length > 0;
  }

  async insertStay(manager: EntityManager, stay: NewHomeStay): Promise<HomeStayRow> {
    const rows: HomeStayRow[] = await manager.query(
      `INSERT INTO flow_home_stays AS s (flow_id, member_id, sending_branch_id, sending_path, home_from, home_until,
                                    occasion, note_cipher, recorded_by, recorded_as)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING ${STAY_COLUMNS}`,
      [
        stay.flowId,
        stay.memberId,
        stay.sendingBranchId,
        stay.sendingPath,
        stay.homeFrom,
        stay.homeUntil,
        stay.occasion,
        stay.noteCipher,
        stay.recordedBy,
        stay.recordedAs,
      ],
    );
    return rows[0];
  }

  findStaysOfFlow(flowId: string): Promise<HomeStayRow[]> {
    return this.db.query(`SELECT ${STAY_COLUMNS} FROM flow_home_stays s WHERE s.flow_id = $1 ORDER BY s.home_from`, [
      flowId,
    ]);
  }

  /**
   * Members of a home subtree home for the holidays at some point in [from,
   * until], whose flow is still open (a member home for good is no longer
   * "home for the holidays"), by arrival date; keyset-paged on (home_from, id).
   */
  findHomeForHolidays(filter: {
    path: string;
    from: string;
    until: string;
    after?: { homeFrom: string; id: string };
    limit: number;
  }): Promise<HolidayRow[]> {
    const range = subtreeRange(filter.path);
    const params: unknown[] = [range.from, range.to, filter.from, filter.until, filter.limit];
    let after = '';
    if (filter.after) {
      params.push(filter.after.homeFrom, filter.after.id);
      after = `AND (s.home_from, s.id) > ($6::date, $7::uuid)`;
    }
    return this.db.query(
      `SELECT s.id AS "homeStayId", s.flow_id AS "flowId", s.member_id AS "memberId",
              m.name_cipher AS "memberNameCipher", m.phone_cipher AS "memberPhoneCipher",
              s.sending_branch_id AS "branchId", b.name AS "branchName",
              to_char(s.home_from, 'YYYY-MM-DD') AS "homeFrom", to_char(s.home_until, 'YYYY-MM-DD') AS "homeUntil",
              s.occasion
         FROM flow_home_stays s
         JOIN flows f ON f.id = s.flow_id
         JOIN members m ON m.id = s.member_id
         JOIN orgs b ON b.id = s.sending_branch_id
        WHERE s.sending_path >= $1 AND s.sending_path < $2
          AND s.home_until >= $3 AND s.home_from <= $4
          AND f.status IN ('approved', 'arrived', 'active', 'lost_contact')
          ${after}
        ORDER BY s.home_from, s.id
        LIMIT $5`,
      params,
    );
  }

  async findSettings(orgId: string): Promise<EscalationSettingsRow | null> {
    const rows: EscalationSettingsRow[] = await this.db.query(
      `SELECT org_id AS "orgId", arrival_deadline_days AS "arrivalDeadlineDays",
              township_escalation_days AS "townshipEscalationDays"
         FROM escalation_settings WHERE org_id = $1`,
      [orgId],
    );
    return rows[0] ?? null;
  }

  async upsertSettings(
    manager: EntityManager,
    org: { id: string; path: string },
    days: { arrivalDeadlineDays: number; townshipEscalationDays: number },
    by: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO escalation_settings (org_id, org_path, arrival_deadline_days, township_escalation_days, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id) DO UPDATE
         SET arrival_deadline_days = EXCLUDED.arrival_deadline_days,
             township_escalation_days = EXCLUDED.township_escalation_days,
             updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [org.id, org.path, days.arrivalDeadlineDays, days.townshipEscalationDays, by],
    );
  }

  /**
   * Stage 1 for up to `limit` approved flows whose member should have arrived
   * by now: the later of the approval and the expected departure (Beijing
   * midnight), plus the arrival deadline. The insert is the guard: a flow
   * already escalated (by an earlier or a concurrent run) is skipped, and
   * only the rows written now come back.
   */
  escalateToBranch(
    manager: EntityManager,
    now: Date,
    defaults: { arrivalDeadlineDays: number },
    limit: number,
  ): Promise<EscalatedRow[]> {
    return manager.query(
      `WITH due AS (
         SELECT f.id, f.sending_branch_id
           FROM flows f ${PERIODS}
          WHERE f.status = 'approved' AND f.approved_at IS NOT NULL
            AND greatest(f.approved_at, (f.expected_from::timestamp AT TIME ZONE 'Asia/Shanghai'))
                + make_interval(days => COALESCE(es.arrival_deadline_days, $2)) <= $1
            AND NOT EXISTS (SELECT 1 FROM flow_escalations e WHERE e.flow_id = f.id AND e.stage = 1)
          ORDER BY f.approved_at, f.id
          LIMIT $3),
       written AS (
         INSERT INTO flow_escalations (flow_id, stage, org_id, escalated_at)
         SELECT id, 1, sending_branch_id, $1 FROM due
         ON CONFLICT DO NOTHING
         RETURNING flow_id, org_id)
       ${ESCALATED_SELECT}`,
      [now, defaults.arrivalDeadlineDays, limit],
    );
  }

  /** Stage 2: still not arrived `townshipEscalationDays` after stage 1; the township above the branch is told. */
  escalateToTownship(
    manager: EntityManager,
    now: Date,
    defaults: { townshipEscalationDays: number },
    limit: number,
  ): Promise<EscalatedRow[]> {
    return manager.query(
      `WITH due AS (
         SELECT * FROM (
           SELECT f.id, ${TOWNSHIP_OF_BRANCH} AS township_id, e1.escalated_at
             FROM flows f
             JOIN flow_escalations e1 ON e1.flow_id = f.id AND e1.stage = 1 ${PERIODS}
            WHERE f.status = 'approved'
              AND e1.escalated_at + make_interval(days => COALESCE(es.township_escalation_days, $2)) <= $1
              AND NOT EXISTS (SELECT 1 FROM flow_escalations e WHERE e.flow_id = f.id AND e.stage = 2)) c
          WHERE township_id IS NOT NULL
          ORDER BY escalated_at, id
          LIMIT $3),
       written AS (
         INSERT INTO flow_escalations (flow_id, stage, org_id, escalated_at)
         SELECT id, 2, township_id, $1 FROM due
         ON CONFLICT DO NOTHING
         RETURNING flow_id, org_id)
       ${ESCALATED_SELECT}`,
      [now, defaults.townshipEscalationDays, limit],
    );
  }
}
