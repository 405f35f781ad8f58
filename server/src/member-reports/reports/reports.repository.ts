import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReportKind, ReportStatus } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParams, withinSubtrees } from '../../common/scope/scope-sql.js';

/** A report row with what the lists show around it (the member's encrypted name, the branch's name). */
export interface ReportRow {
  id: string;
  memberId: string;
  kind: ReportKind;
  period: string;
  status: ReportStatus;
  bodyCipher: string | null;
  clientKey: string | null;
  branchId: string | null;
  branchPath: string | null;
  branchName: string | null;
  memberNameCipher: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  readAt: Date | null;
  replyCipher: string | null;
  repliedAt: Date | null;
  sortAt?: string;
}

export interface MemberHome {
  memberId: string;
  branchId: string;
  branchPath: string;
  branchName: string;
  nameCipher: string;
}

export interface StaffReportFilter {
  paths: string[];
  status?: Exclude<ReportStatus, 'draft'>;
  kind?: ReportKind;
  after?: { at: string; id: string };
  limit: number;
}

/** The columns of a ReportRow; with `sortBy`, also that column as the keyset cursor's text (microseconds, UTC). */
function selectRow(sortBy?: 'updated_at' | 'submitted_at'): string {
  const sortAt = sortBy ? `, to_char(r.${sortBy} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt"` : '';
  return `
  SELECT r.id, r.member_id AS "memberId", r.kind, r.period, r.status, r.body_cipher AS "bodyCipher",
         r.client_key AS "clientKey", r.branch_id AS "branchId", r.branch_path AS "branchPath", o.name AS "branchName",
         m.name_cipher AS "memberNameCipher", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
         r.submitted_at AS "submittedAt", r.read_at AS "readAt", r.reply_cipher AS "replyCipher",
         r.replied_at AS "repliedAt"${sortAt}
    FROM member_reports r
    JOIN members m ON m.id = r.member_id
    LEFT JOIN orgs o ON o.id = r.branch_id`;
}

/** member_reports, and the facts a monthly report is pre-filled with (check-ins and study time). */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  /** The member's home branch now: where a report or a suggestion is sent. */
  async findMemberHome(memberId: string, m?: EntityManager): Promise<MemberHome | null> {
    const rows: MemberHome[] = await (m ?? this.db).query(
      `SELECT m.id AS "memberId", m.branch_id AS "branchId", m.branch_path AS "branchPath", o.name AS "branchName",
              m.name_cipher AS "nameCipher"
         FROM members m JOIN orgs o ON o.id = m.branch_id WHERE m.id = $1`,
      [memberId],
    );
    return rows[0] ?? null;
  }

  async findOwn(memberId: string, id: string): Promise<ReportRow | null> {
    const rows: ReportRow[] = await this.db.query(`${selectRow()} WHERE r.id = $1 AND r.member_id = $2`, [
      id,
      memberId,
    ]);
    return rows[0] ?? null;
  }

  async findByPeriod(memberId: string, kind: ReportKind, period: string, m?: EntityManager): Promise<ReportRow | null> {
    const rows: ReportRow[] = await (m ?? this.db).query(
      `${selectRow()} WHERE r.member_id = $1 AND r.kind = $2 AND r.period = $3`,
      [memberId, kind, period],
    );
    return rows[0] ?? null;
  }

  /** How the member's reports for these periods stand (any kind). */
  async findStates(
    memberId: string,
    periods: { kind: ReportKind; period: string }[],
  ): Promise<{ id: string; kind: ReportKind; period: string; status: ReportStatus }[]> {
    return this.db.query(
      `SELECT r.id, r.kind, r.period, r.status FROM member_reports r
        WHERE r.member_id = $1 AND (r.kind, r.period) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [memberId, periods.map((p) => p.kind), periods.map((p) => p.period)],
    );
  }

  async listOwn(memberId: string, after: { at: string; id: string } | undefined, limit: number): Promise<ReportRow[]> {
    const params = [memberId, limit];
    const cond = after ? `AND (r.updated_at, r.id) < ($3::timestamptz, $4::uuid)` : '';
    return this.db.query(
      `${selectRow('updated_at')}
        WHERE r.member_id = $1 ${cond}
        ORDER BY r.updated_at DESC, r.id DESC LIMIT $2`,
      after ? [...params, after.at, after.id] : params,
    );
  }

  /**
   * Keeps the text of a draft, creating it on first save. Answers nothing
   * when the period's report was already submitted (a draft is only ever
   * the member's own working copy).
   */
  async saveDraft(
    memberId: string,
    kind: ReportKind,
    period: string,
    bodyCipher: string,
    at: Date,
  ): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO member_reports (member_id, kind, period, status, body_cipher, created_at, updated_at)
       VALUES ($1, $2, $3, 'draft', $4, $5, $5)
       ON CONFLICT (member_id, kind, period) DO UPDATE SET body_cipher = EXCLUDED.body_cipher, updated_at = EXCLUDED.updated_at
        WHERE member_reports.status = 'draft'
       RETURNING id`,
      [memberId, kind, period, bodyCipher, at],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Submits the period's report (from its draft, or at once). Answers the id
   * when this call submitted it; null when it had been submitted before.
   */
  async submit(
    m: EntityManager,
    values: {
      memberId: string;
      kind: ReportKind;
      period: string;
      bodyCipher: string;
      clientKey: string;
      branchId: string;
      branchPath: string;
    },
    at: Date,
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO member_reports
         (member_id, kind, period, status, body_cipher, client_key, branch_id, branch_path, created_at, updated_at, submitted_at)
       VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $7, $8, $8, $8)
       ON CONFLICT (member_id, kind, period) DO UPDATE
         SET status = 'submitted', body_cipher = EXCLUDED.body_cipher, client_key = EXCLUDED.client_key,
             branch_id = EXCLUDED.branch_id, branch_path = EXCLUDED.branch_path,
             updated_at = EXCLUDED.updated_at, submitted_at = EXCLUDED.submitted_at
        WHERE member_reports.status = 'draft'
       RETURNING id`,
      [
        values.memberId,
        values.kind,
        values.period,
        values.bodyCipher,
        values.clientKey,
        values.branchId,
        values.branchPath,
        at,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** Submitted reports of members sent to branches within the given subtrees, newest first. */
  async listForStaff(f: StaffReportFilter): Promise<ReportRow[]> {
    const params = new SqlParams();
    const inScope = withinSubtrees('r.branch_path', f.paths, params);
    if (inScope.length === 0) return [];
    const where = [`(${inScope.join(' OR ')})`, `r.status <> 'draft'`];
    if (f.status) where.push(`r.status = ${params.add(f.status)}`);
    if (f.kind) where.push(`r.kind = ${params.add(f.kind)}`);
    if (f.after) {
      where.push(`(r.submitted_at, r.id) < (${params.add(f.after.at)}::timestamptz, ${params.add(f.after.id)}::uuid)`);
    }
    return this.db.query(
      `${selectRow('submitted_at')}
        WHERE ${where.join(' AND ')}
        ORDER BY r.submitted_at DESC, r.id DESC
        LIMIT ${params.add(f.limit)}`,
      params.values,
    );
  }

  /** One report by id, whoever asks: the service decides with the scope model whether the caller may see it. */
  async findById(id: string, m?: EntityManager): Promise<ReportRow | null> {
    const rows: ReportRow[] = await (m ?? this.db).query(`${selectRow()} WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** First reading by the sending side: submitted becomes read. Later readings change nothing. */
  async markRead(m: EntityManager, id: string, accountId: string, at: Date): Promise<boolean> {
    const [, n]: [unknown, number] = await m.query(
      `UPDATE member_reports SET status = 'read', read_at = $3, read_by = $2, updated_at = $3
        WHERE id = $1 AND status = 'submitted'`,
      [id, accountId, at],
    );
    return n > 0;
  }

  /** The reply, once: a report already replied to answers false. */
  async reply(m: EntityManager, id: string, replyCipher: string, accountId: string, at: Date): Promise<boolean> {
    const [, n]: [unknown, number] = await m.query(
      `UPDATE member_reports
          SET status = 'replied', reply_cipher = $2, replied_by = $3, replied_at = $4, updated_at = $4,
              read_at = COALESCE(read_at, $4), read_by = COALESCE(read_by, $3)
        WHERE id = $1 AND status IN ('submitted', 'read')`,
      [id, replyCipher, accountId, at],
    );
    return n > 0;
  }

  /** Members bound to a live account (they can read an in-app reminder), by id after `afterId`. */
  async findRemindableMembers(afterId: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT m.id FROM members m
        WHERE ($1::uuid IS NULL OR m.id > $1::uuid)
          AND EXISTS (SELECT 1 FROM accounts a WHERE a.member_id = m.id AND a.status = 'active')
        ORDER BY m.id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Records the period's reminder for each member who has not submitted and
   * was not reminded yet (an empty draft stands for the report to write), and
   * answers those reminded now: run twice, it reminds nobody twice.
   */
  async recordReminders(
    m: EntityManager,
    memberIds: string[],
    kind: ReportKind,
    period: string,
    at: Date,
  ): Promise<{ id: string; memberId: string }[]> {
    if (memberIds.length === 0) return [];
    return m.query(
      `INSERT INTO member_reports (member_id, kind, period, status, reminded_at, created_at, updated_at)
       SELECT id, $2, $3, 'draft', $4, $4, $4 FROM unnest($1::uuid[]) AS id
       ON CONFLICT (member_id, kind, period) DO UPDATE SET reminded_at = EXCLUDED.reminded_at
        WHERE member_reports.reminded_at IS NULL AND member_reports.status = 'draft'
       RETURNING id, member_id AS "memberId"`,
      [memberIds, kind, period, at],
    );
  }

  /** Activities the member checked in to between two moments, in order. */
  async findCheckinsBetween(
    memberId: string,
    from: Date,
    to: Date,
  ): Promise<{ title: string; kind: string; at: Date }[]> {
    return this.db.query(
      `SELECT a.title, a.kind, c.checked_in_at AS at
         FROM checkins c JOIN activities a ON a.id = c.activity_id
        WHERE c.member_id = $1 AND c.checked_in_at >= $2 AND c.checked_in_at < $3
        ORDER BY c.checked_in_at, c.id LIMIT 200`,
      [memberId, from, to],
    );
  }

  /** Credited study seconds on the days between first and last (Beijing days, inclusive). */
  async sumStudySeconds(memberId: string, first: string, last: string): Promise<number> {
    const rows: { s: string }[] = await this.db.query(
      `SELECT COALESCE(sum(seconds), 0) AS s FROM study_reading WHERE member_id = $1 AND day BETWEEN $2 AND $3`,
      [memberId, first, last],
    );
    return Number(rows[0].s);
  }
}
