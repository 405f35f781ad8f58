import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ActivityKind, CheckinAnomaly, CheckinMethod, CodeKeyPurpose } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { queryPrepared } from '../database/prepared-query.js';
import { Activity } from './activity.entity.js';
import { CodeKey } from './code-key.entity.js';

export type NewActivity = Pick<
  Activity,
  | 'publicCode'
  | 'branchId'
  | 'branchPath'
  | 'kind'
  | 'title'
  | 'place'
  | 'latitude'
  | 'longitude'
  | 'startsAt'
  | 'endsAt'
  | 'checkoutEnabled'
  | 'secretCipher'
  | 'createdBy'
>;

export interface ActivityRow extends Activity {
  branchName: string;
  checkedIn: number;
}

export interface CheckinRow {
  id: string;
  activityId: string;
  activityTitle: string;
  memberId: string;
  memberNameCipher: string;
  method: CheckinMethod;
  clientId: string;
  checkedInAt: Date;
  checkedOutAt: Date | null;
  checkoutClientId: string | null;
  deviceId: string | null;
  offline: boolean;
  anomalies: CheckinAnomaly[];
}

export interface NewCheckin {
  activityId: string;
  memberId: string;
  method: CheckinMethod;
  clientId: string;
  checkedInAt: Date;
  recordedBy: string;
  deviceId: string | null;
  latitude: number | null;
  longitude: number | null;
  offline: boolean;
  anomalies: CheckinAnomaly[];
}

export interface ExpectedMember {
  memberId: string;
  memberNameCipher: string;
  side: 'own' | 'received';
}

const CHECKIN_COLUMNS = `
  c.id, c.activity_id AS "activityId", a.title AS "activityTitle", c.member_id AS "memberId",
  m.name_cipher AS "memberNameCipher", c.method, c.client_id AS "clientId", c.checked_in_at AS "checkedInAt",
  c.checked_out_at AS "checkedOutAt", c.checkout_client_id AS "checkoutClientId", c.device_id AS "deviceId",
  c.offline, c.anomalies`;

const PG_UNIQUE_VIOLATION = '23505';

export function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  return code === PG_UNIQUE_VIOLATION ? (e.driverError?.constraint ?? e.constraint ?? '') : null;
}

/**
 * Public codes, signing keys, activities, check-ins and client request ids.
 * The check-in insert is the hot path of a Spring Festival morning: one
 * statement that inserts (or finds the member's existing row) and answers
 * with the member's name.
 */
@Injectable()
export class CheckinsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  // ── public codes ────────────────────────────────────────────────────────

  async findOrgPublicCode(orgId: string): Promise<string | null> {
    const rows: { code: string | null }[] = await this.db.query(`SELECT public_code AS code FROM orgs WHERE id = $1`, [
      orgId,
    ]);
    return rows[0]?.code ?? null;
  }

  /** Gives the org its code unless it already has one; answers the code it ends up with. */
  async assignOrgPublicCode(orgId: string, code: string): Promise<string> {
    const [rows]: [{ code: string }[], number] = await this.db.query(
      `UPDATE orgs SET public_code = COALESCE(public_code, $2) WHERE id = $1 RETURNING public_code AS code`,
      [orgId, code],
    );
    return rows[0].code;
  }

  async findOrgIdByPublicCode(code: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM orgs WHERE public_code = $1`, [code]);
    return rows[0]?.id ?? null;
  }

  async findMemberPublicCode(memberId: string): Promise<string | null> {
    const rows: { code: string | null }[] = await this.db.query(
      `SELECT public_code AS code FROM members WHERE id = $1`,
      [memberId],
    );
    return rows[0]?.code ?? null;
  }

  async assignMemberPublicCode(memberId: string, code: string): Promise<string> {
    const [rows]: [{ code: string }[], number] = await this.db.query(
      `UPDATE members SET public_code = COALESCE(public_code, $2) WHERE id = $1 RETURNING public_code AS code`,
      [memberId, code],
    );
    return rows[0].code;
  }

  async findMemberIdByPublicCode(code: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM members WHERE public_code = $1`, [code]);
    return rows[0]?.id ?? null;
  }

  // ── signing keys ────────────────────────────────────────────────────────

  findKeys(purpose?: CodeKeyPurpose): Promise<CodeKey[]> {
    return this.db.getRepository(CodeKey).find({
      where: purpose ? { purpose } : {},
      order: { purpose: 'ASC', version: 'ASC' },
    });
  }

  /** Adds the next version of a purpose's key; concurrent callers racing for the same version: one wins, the rest retry. */
  async insertNextKey(purpose: CodeKeyPurpose, secretCipher: string, createdBy: string | null): Promise<number> {
    const rows: { version: number }[] = await this.db.query(
      `INSERT INTO code_keys (purpose, version, secret_cipher, created_by)
       SELECT $1, COALESCE(max(version), 0) + 1, $2, $3 FROM code_keys WHERE purpose = $1
       ON CONFLICT (purpose, version) DO NOTHING
       RETURNING version`,
      [purpose, secretCipher, createdBy],
    );
    return rows[0]?.version ?? 0;
  }

  async revokeKey(purpose: CodeKeyPurpose, version: number, by: string, at: Date): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.db.query(
      `UPDATE code_keys SET revoked_at = $4, revoked_by = $3
        WHERE purpose = $1 AND version = $2 AND revoked_at IS NULL RETURNING version`,
      [purpose, version, by, at],
    );
    return rows.length > 0;
  }

  // ── activities ──────────────────────────────────────────────────────────

  async insertActivity(values: NewActivity): Promise<Activity> {
    const repo = this.db.getRepository(Activity);
    return repo.save(repo.create(values));
  }

  async findActivityRow(id: string): Promise<ActivityRow | null> {
    const rows = await this.activityRows(`a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  findActivityByPublicCode(code: string): Promise<Activity | null> {
    return this.db.getRepository(Activity).findOne({ where: { publicCode: code } });
  }

  /** A branch's activities, newest start first, keyset paged. */
  listActivities(branchId: string, after: { startsAt: string; id: string } | undefined, limit: number) {
    const where = after ? `a.branch_id = $1 AND (a.starts_at, a.id) < ($2::timestamptz, $3::uuid)` : `a.branch_id = $1`;
    const params: unknown[] = after ? [branchId, after.startsAt, after.id] : [branchId];
    return this.activityRows(where, params, `ORDER BY a.starts_at DESC, a.id DESC LIMIT ${Number(limit)}`);
  }

  async cancelActivity(id: string, by: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE activities SET cancelled_at = $3, cancelled_by = $2 WHERE id = $1 AND cancelled_at IS NULL`,
      [id, by, at],
    );
  }

  private async activityRows(where: string, params: unknown[], tail = ''): Promise<ActivityRow[]> {
    const raw: Record<string, unknown>[] = await this.db.query(
      `SELECT a.*, o.name AS "branchName",
              to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt",
              (SELECT count(*) FROM checkins c WHERE c.activity_id = a.id)::int AS "checkedIn"
         FROM activities a JOIN orgs o ON o.id = a.branch_id
        WHERE ${where} ${tail}`,
      params,
    );
    return raw.map((r) => ({
      id: r.id as string,
      publicCode: r.public_code as string,
      branchId: r.branch_id as string,
      branchPath: r.branch_path as string,
      kind: r.kind as ActivityKind,
      title: r.title as string,
      place: r.place as string,
      latitude: (r.latitude as string | null) ?? null,
      longitude: (r.longitude as string | null) ?? null,
      startsAt: r.starts_at as Date,
      endsAt: r.ends_at as Date,
      checkoutEnabled: r.checkout_enabled as boolean,
      secretCipher: r.secret_cipher as string,
      createdBy: r.created_by as string,
      createdAt: r.created_at as Date,
      cancelledAt: (r.cancelled_at as Date | null) ?? null,
      cancelledBy: (r.cancelled_by as string | null) ?? null,
      branchName: r.branchName as string,
      checkedIn: r.checkedIn as number,
      sortAt: r.sortAt as string,
    }));
  }

  /**
   * Who is expected at a branch's activity: its own members who are at home
   * (no open flow that has left), and members received there (arrived or in
   * dual management).
   */
  async findExpectedMembers(branchId: string): Promise<ExpectedMember[]> {
    return this.db.query(
      `SELECT m.id AS "memberId", m.name_cipher AS "memberNameCipher", 'own' AS side
         FROM members m
        WHERE m.branch_id = $1
          AND NOT EXISTS (SELECT 1 FROM flows f WHERE f.member_id = m.id AND f.status IN ('approved', 'arrived', 'active', 'lost_contact'))
       UNION ALL
       SELECT m.id, m.name_cipher, 'received'
         FROM flows f JOIN members m ON m.id = f.member_id
        WHERE f.receiving_branch_id = $1 AND f.status IN ('arrived', 'active')`,
      [branchId],
    );
  }

  // ── check-ins ───────────────────────────────────────────────────────────

  /**
   * Records a check-in once: a second one for the same member and activity
   * inserts nothing. Answers the row as stored and whether this call made it.
   * Prepared once per connection: it runs for every scan.
   */
  async insertCheckin(values: NewCheckin): Promise<{ row: CheckinRow; created: boolean }> {
    const inserted = await queryPrepared<CheckinRow>(
      this.db,
      'checkins_insert_once',
      `WITH c AS (
         INSERT INTO checkins (activity_id, member_id, method, client_id, checked_in_at, recorded_by, device_id,
                               latitude, longitude, offline, anomalies)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text[])
         ON CONFLICT ON CONSTRAINT checkins_once_per_member DO NOTHING
         RETURNING *)
       SELECT ${CHECKIN_COLUMNS} FROM c JOIN activities a ON a.id = c.activity_id JOIN members m ON m.id = c.member_id`,
      [
        values.activityId,
        values.memberId,
        values.method,
        values.clientId,
        values.checkedInAt,
        values.recordedBy,
        values.deviceId,
        values.latitude,
        values.longitude,
        values.offline,
        values.anomalies,
      ],
    );
    if (inserted[0]) return { row: inserted[0], created: true };
    const existing = await this.findCheckin(values.activityId, values.memberId);
    return { row: existing!, created: false };
  }

  async findCheckin(activityId: string, memberId: string): Promise<CheckinRow | null> {
    const rows: CheckinRow[] = await this.db.query(
      `SELECT ${CHECKIN_COLUMNS} FROM checkins c JOIN activities a ON a.id = c.activity_id JOIN members m ON m.id = c.member_id
        WHERE c.activity_id = $1 AND c.member_id = $2`,
      [activityId, memberId],
    );
    return rows[0] ?? null;
  }

  async findCheckinByClientId(memberId: string, clientId: string): Promise<CheckinRow | null> {
    const rows: CheckinRow[] = await this.db.query(
      `SELECT ${CHECKIN_COLUMNS} FROM checkins c JOIN activities a ON a.id = c.activity_id JOIN members m ON m.id = c.member_id
        WHERE c.member_id = $1 AND (c.client_id = $2 OR c.checkout_client_id = $2)`,
      [memberId, clientId],
    );
    return rows[0] ?? null;
  }

  /** Sets the check-out once; a later one changes nothing. */
  async checkOut(id: string, at: Date, clientId: string): Promise<void> {
    await this.db.query(
      `UPDATE checkins SET checked_out_at = GREATEST($2::timestamptz, checked_in_at), checkout_client_id = $3
        WHERE id = $1 AND checked_out_at IS NULL`,
      [id, at, clientId],
    );
  }

  findActivityCheckins(activityId: string): Promise<CheckinRow[]> {
    return this.db.query(
      `SELECT ${CHECKIN_COLUMNS} FROM checkins c JOIN activities a ON a.id = c.activity_id JOIN members m ON m.id = c.member_id
        WHERE c.activity_id = $1 ORDER BY c.checked_in_at, c.id`,
      [activityId],
    );
  }

  findMemberCheckins(
    memberId: string,
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<(CheckinRow & { sortAt: string })[]> {
    const where = after
      ? `c.member_id = $1 AND (c.checked_in_at, c.id) < ($2::timestamptz, $3::uuid)`
      : `c.member_id = $1`;
    const params: unknown[] = after ? [memberId, after.at, after.id] : [memberId];
    return this.db.query(
      `SELECT ${CHECKIN_COLUMNS}, to_char(c.checked_in_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt"
         FROM checkins c JOIN activities a ON a.id = c.activity_id JOIN members m ON m.id = c.member_id
        WHERE ${where} ORDER BY c.checked_in_at DESC, c.id DESC LIMIT ${Number(limit)}`,
      params,
    );
  }

  // ── client request ids ──────────────────────────────────────────────────

  async findClientRequest(accountId: string, clientId: string): Promise<{ kind: string; subjectId: string } | null> {
    const rows: { kind: string; subjectId: string }[] = await this.db.query(
      `SELECT kind, subject_id AS "subjectId" FROM client_requests WHERE account_id = $1 AND client_id = $2`,
      [accountId, clientId],
    );
    return rows[0] ?? null;
  }

  async insertClientRequest(
    m: EntityManager,
    accountId: string,
    clientId: string,
    kind: string,
    subjectId: string,
  ): Promise<void> {
    await m.query(`INSERT INTO client_requests (account_id, client_id, kind, subject_id) VALUES ($1, $2, $3, $4)`, [
      accountId,
      clientId,
      kind,
      subjectId,
    ]);
  }
}
