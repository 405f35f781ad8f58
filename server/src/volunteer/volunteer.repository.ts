import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CardPhotoType,
  CardStatus,
  RequestStatus,
  ReturnRole,
  ServiceOrigin,
  ServiceStatus,
} from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { subtreeRange } from '../common/scope/scope.js';
import { SqlParams, withinSubtrees } from '../common/scope/scope-sql.js';

export interface SkillRow {
  code: string;
  label: string;
  position: number;
  disabledAt: Date | null;
}

export interface AreaRow {
  id: string;
  name: string;
  level: string;
  path: string;
}

export interface CardRow {
  id: string;
  memberId: string;
  skillCodes: string[];
  extraSkills: string | null;
  description: string;
  areaOrgId: string;
  areaPath: string;
  areaName: string;
  regionText: string | null;
  availableDays: number[];
  availableSlots: string[];
  availabilityNote: string | null;
  status: CardStatus;
  createdAt: Date;
  updatedAt: Date;
  memberNameCipher: string;
  hasPhoto: boolean;
  servicesConfirmed: number;
  ratingAverage: number | null;
}

export interface CardValues {
  skillCodes: string[];
  extraSkills: string | null;
  description: string;
  areaOrgId: string;
  areaPath: string;
  regionText: string | null;
  availableDays: number[];
  availableSlots: string[];
  availabilityNote: string | null;
}

export interface RequestRow {
  id: string;
  cardId: string;
  memberId: string;
  requesterAccountId: string;
  requesterOrgId: string | null;
  requesterDisplayName: string;
  requesterOrgName: string | null;
  message: string;
  place: string;
  preferredTime: string | null;
  status: RequestStatus;
  declineReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  sortAt: string;
  cardSkillCodes: string[];
  memberNameCipher: string;
  serviceId: string | null;
}

export interface NeedRow {
  id: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  postedBy: string;
  skillCode: string;
  skillLabel: string;
  title: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  headcount: number;
  signedUp: number;
  description: string | null;
  cancelledAt: Date | null;
  createdAt: Date;
  sortAt: string;
}

export interface ServiceRow {
  id: string;
  origin: ServiceOrigin;
  requestId: string | null;
  needId: string | null;
  cardId: string | null;
  memberId: string;
  skillCode: string;
  skillLabel: string;
  title: string;
  place: string;
  startsAt: Date | null;
  recipientAccountId: string | null;
  recipientOrgId: string | null;
  recipientOrgPath: string | null;
  recipientLabel: string;
  status: ServiceStatus;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  minutes: number | null;
  rating: number | null;
  ratingComment: string | null;
  confirmedAt: Date | null;
  createdAt: Date;
  sortAt: string;
  memberNameCipher: string;
}

export interface ReserveRow {
  memberId: string;
  memberNameCipher: string;
  branchName: string;
  preferredRole: ReturnRole;
  note: string | null;
  since: Date;
  sortAt: string;
  skillCodes: string[];
  extraSkills: string[];
  servicesConfirmed: number;
  minutesServed: number;
  ratingAverage: number | null;
}

export interface PledgeRow {
  memberId: string;
  preferredRole: ReturnRole;
  note: string | null;
  since: Date;
  withdrawnAt: Date | null;
}

/** Microsecond-exact text of a timestamp, for keyset cursors. */
const SORT_AT = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const CARD_SELECT = `
  SELECT c.id, c.member_id AS "memberId", c.skill_codes AS "skillCodes", c.extra_skills AS "extraSkills",
         c.description, c.area_org_id AS "areaOrgId", c.area_path AS "areaPath", o.name AS "areaName",
         c.region_text AS "regionText", c.available_days AS "availableDays", c.available_slots AS "availableSlots",
         c.availability_note AS "availabilityNote", c.status, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
         ${SORT_AT('c.created_at')} AS "sortAt",
         m.name_cipher AS "memberNameCipher",
         EXISTS (SELECT 1 FROM volunteer_card_photos p WHERE p.card_id = c.id) AS "hasPhoto",
         s.confirmed AS "servicesConfirmed", s.rating AS "ratingAverage"
    FROM volunteer_cards c
    JOIN members m ON m.id = c.member_id
    JOIN orgs o ON o.id = c.area_org_id
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS confirmed, round(avg(v.rating), 1)::float8 AS rating
        FROM volunteer_services v WHERE v.member_id = c.member_id AND v.status = 'confirmed'
    ) s`;

const REQUEST_SELECT = `
  SELECT r.id, r.card_id AS "cardId", r.member_id AS "memberId", r.requester_account_id AS "requesterAccountId",
         r.requester_org_id AS "requesterOrgId", a.display_name AS "requesterDisplayName",
         ro.name AS "requesterOrgName", r.message, r.place, r.preferred_time AS "preferredTime", r.status,
         r.decline_reason AS "declineReason", r.created_at AS "createdAt", r.decided_at AS "decidedAt",
         ${SORT_AT('r.created_at')} AS "sortAt",
         c.skill_codes AS "cardSkillCodes", m.name_cipher AS "memberNameCipher", v.id AS "serviceId"
    FROM volunteer_requests r
    JOIN volunteer_cards c ON c.id = r.card_id
    JOIN members m ON m.id = r.member_id
    JOIN accounts a ON a.id = r.requester_account_id
    LEFT JOIN orgs ro ON ro.id = r.requester_org_id
    LEFT JOIN volunteer_services v ON v.request_id = r.id`;

const NEED_SELECT = `
  SELECT n.id, n.org_id AS "orgId", n.org_path AS "orgPath", o.name AS "orgName", n.posted_by AS "postedBy",
         n.skill_code AS "skillCode", k.label AS "skillLabel", n.title, n.place, n.starts_at AS "startsAt",
         n.ends_at AS "endsAt", n.headcount, n.signed_up AS "signedUp", n.description,
         n.cancelled_at AS "cancelledAt", n.created_at AS "createdAt", ${SORT_AT('n.starts_at')} AS "sortAt"
    FROM volunteer_needs n
    JOIN orgs o ON o.id = n.org_id
    JOIN volunteer_skills k ON k.code = n.skill_code`;

const SERVICE_SELECT = `
  SELECT v.id, v.origin, v.request_id AS "requestId", v.need_id AS "needId", v.card_id AS "cardId",
         v.member_id AS "memberId", v.skill_code AS "skillCode", k.label AS "skillLabel", v.title, v.place,
         v.starts_at AS "startsAt", v.recipient_account_id AS "recipientAccountId",
         v.recipient_org_id AS "recipientOrgId", v.recipient_org_path AS "recipientOrgPath",
         COALESCE(ro.name, ra.display_name) AS "recipientLabel", v.status, v.checked_in_at AS "checkedInAt",
         v.checked_out_at AS "checkedOutAt", v.minutes, v.rating, v.rating_comment AS "ratingComment",
         v.confirmed_at AS "confirmedAt", v.created_at AS "createdAt", ${SORT_AT('v.created_at')} AS "sortAt",
         m.name_cipher AS "memberNameCipher"
    FROM volunteer_services v
    JOIN volunteer_skills k ON k.code = v.skill_code
    JOIN members m ON m.id = v.member_id
    LEFT JOIN orgs ro ON ro.id = v.recipient_org_id
    LEFT JOIN accounts ra ON ra.id = v.recipient_account_id`;

/** Rows an UPDATE … RETURNING answered (TypeORM gives `[rows, count]` for updates through pg). */
function returned(result: unknown[]): unknown[] {
  return Array.isArray(result[0]) ? result[0] : result;
}

/** The keyset condition "after this (timestamp, id)" for a list ordered newest first. */
function before(params: SqlParams, column: string, idColumn: string, after?: { at: string; id: string }): string {
  if (!after) return 'TRUE';
  return `(${column}, ${idColumn}) < (${params.add(after.at)}::timestamptz, ${params.add(after.id)}::uuid)`;
}

/**
 * Volunteering's tables: the skill taxonomy, cards and their photos,
 * requests, needs, services and 雁归 pledges. Member names are read here
 * (encrypted) only to be masked by the service; boards are btree range
 * scans of an area's path.
 */
@Injectable()
export class VolunteerRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  // ── skills ──────────────────────────────────────────────────────────────

  listSkills(includeDisabled: boolean): Promise<SkillRow[]> {
    return this.db.query<SkillRow[]>(
      `SELECT code, label, position, disabled_at AS "disabledAt" FROM volunteer_skills
        WHERE $1 OR disabled_at IS NULL ORDER BY position, code`,
      [includeDisabled],
    );
  }

  findSkills(codes: string[]): Promise<SkillRow[]> {
    return this.db.query(
      `SELECT code, label, position, disabled_at AS "disabledAt" FROM volunteer_skills WHERE code = ANY($1::text[])`,
      [codes],
    );
  }

  async insertSkill(code: string, label: string): Promise<void> {
    await this.db.query(
      `INSERT INTO volunteer_skills (code, label, position)
       VALUES ($1, $2, (SELECT COALESCE(max(position), 0) + 10 FROM volunteer_skills))`,
      [code, label],
    );
  }

  async updateSkill(
    code: string,
    label: string | undefined,
    disabled: boolean | undefined,
    now: Date,
  ): Promise<boolean> {
    const result: unknown[] = await this.db.query(
      `UPDATE volunteer_skills
          SET label = COALESCE($2, label),
              disabled_at = CASE WHEN $3::boolean IS NULL THEN disabled_at
                                 WHEN $3 THEN COALESCE(disabled_at, $4) ELSE NULL END
        WHERE code = $1 RETURNING code`,
      [code, label ?? null, disabled ?? null, now],
    );
    return returned(result).length > 0;
  }

  // ── areas (read from the org tree) ──────────────────────────────────────

  /** Orgs one level down that a board or a card can be about: down to communities, never branches. */
  childAreas(parentId: string | null): Promise<AreaRow[]> {
    return this.db.query(
      `SELECT id, name, level, path FROM orgs
        WHERE parent_id IS NOT DISTINCT FROM $1::uuid
          AND level IN ('province', 'city', 'county', 'township', 'village')
        ORDER BY name LIMIT 300`,
      [parentId],
    );
  }

  // ── cards ───────────────────────────────────────────────────────────────

  async countMemberCards(memberId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM volunteer_cards WHERE member_id = $1`,
      [memberId],
    );
    return row.n;
  }

  async insertCard(memberId: string, v: CardValues): Promise<string> {
    const [row] = await this.db.query<{ id: string }[]>(
      `INSERT INTO volunteer_cards (member_id, skill_codes, extra_skills, description, area_org_id, area_path,
                                    region_text, available_days, available_slots, availability_note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        memberId,
        v.skillCodes,
        v.extraSkills,
        v.description,
        v.areaOrgId,
        v.areaPath,
        v.regionText,
        v.availableDays,
        v.availableSlots,
        v.availabilityNote,
      ],
    );
    return row.id;
  }

  async updateCard(id: string, v: CardValues & { status: CardStatus }, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE volunteer_cards SET skill_codes = $2, extra_skills = $3, description = $4, area_org_id = $5,
              area_path = $6, region_text = $7, available_days = $8, available_slots = $9,
              availability_note = $10, status = $11, updated_at = $12
        WHERE id = $1`,
      [
        id,
        v.skillCodes,
        v.extraSkills,
        v.description,
        v.areaOrgId,
        v.areaPath,
        v.regionText,
        v.availableDays,
        v.availableSlots,
        v.availabilityNote,
        v.status,
        now,
      ],
    );
  }

  async findCard(id: string, m?: EntityManager): Promise<CardRow | null> {
    const rows: CardRow[] = await (m ?? this.db).query(`${CARD_SELECT} WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  findMemberCards(memberId: string): Promise<CardRow[]> {
    return this.db.query(`${CARD_SELECT} WHERE c.member_id = $1 ORDER BY c.created_at, c.id`, [memberId]);
  }

  /** Active cards whose area lies in the board's area, newest first. */
  boardCards(
    areaPath: string,
    skill: string | undefined,
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<(CardRow & { sortAt: string })[]> {
    const p = new SqlParams();
    const { from, to } = subtreeRange(areaPath);
    const where = [
      `c.status = 'active'`,
      `c.area_path >= ${p.add(from)}`,
      `c.area_path < ${p.add(to)}`,
      skill ? `c.skill_codes @> ARRAY[${p.add(skill)}]::text[]` : 'TRUE',
      before(p, 'c.created_at', 'c.id', after),
    ];
    return this.db.query(
      `${CARD_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  /** Active cards offering the skill in an area (a street), for matching; at most `limit`. */
  matchCandidates(skill: string, areaPath: string, limit: number): Promise<CardRow[]> {
    const { from, to } = subtreeRange(areaPath);
    return this.db.query(
      `${CARD_SELECT}
        WHERE c.status = 'active' AND c.skill_codes @> ARRAY[$1]::text[] AND c.area_path >= $2 AND c.area_path < $3
        ORDER BY c.updated_at DESC LIMIT $4`,
      [skill, from, to, limit],
    );
  }

  async upsertPhoto(cardId: string, contentType: CardPhotoType, bytes: Buffer, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO volunteer_card_photos (card_id, content_type, bytes, byte_size, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (card_id) DO UPDATE SET content_type = $2, bytes = $3, byte_size = $4, updated_at = $5`,
      [cardId, contentType, bytes, bytes.length, now],
    );
  }

  async findPhoto(cardId: string): Promise<{ contentType: CardPhotoType; bytes: Buffer } | null> {
    const rows: { contentType: CardPhotoType; bytes: Buffer }[] = await this.db.query(
      `SELECT content_type AS "contentType", bytes FROM volunteer_card_photos WHERE card_id = $1`,
      [cardId],
    );
    return rows[0] ?? null;
  }

  async deletePhoto(cardId: string): Promise<void> {
    await this.db.query(`DELETE FROM volunteer_card_photos WHERE card_id = $1`, [cardId]);
  }

  // ── requests ────────────────────────────────────────────────────────────

  async countPendingRequests(accountId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM volunteer_requests WHERE requester_account_id = $1 AND status = 'pending'`,
      [accountId],
    );
    return row.n;
  }

  async insertRequest(
    m: EntityManager,
    v: {
      cardId: string;
      memberId: string;
      requesterAccountId: string;
      requesterOrgId: string | null;
      message: string;
      place: string;
      preferredTime: string | null;
    },
  ): Promise<string> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO volunteer_requests (card_id, member_id, requester_account_id, requester_org_id, message, place,
                                       preferred_time)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [v.cardId, v.memberId, v.requesterAccountId, v.requesterOrgId, v.message, v.place, v.preferredTime],
    );
    return row.id;
  }

  async findRequest(id: string, m?: EntityManager): Promise<RequestRow | null> {
    const rows: RequestRow[] = await (m ?? this.db).query(`${REQUEST_SELECT} WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The request's status, its row locked until the transaction ends. */
  async lockRequest(m: EntityManager, id: string): Promise<RequestStatus | null> {
    const rows: { status: RequestStatus }[] = await m.query(
      `SELECT status FROM volunteer_requests WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0]?.status ?? null;
  }

  async setRequestStatus(
    m: EntityManager,
    id: string,
    status: RequestStatus,
    at: Date,
    reason: string | null,
  ): Promise<void> {
    await m.query(`UPDATE volunteer_requests SET status = $2, decided_at = $3, decline_reason = $4 WHERE id = $1`, [
      id,
      status,
      at,
      reason,
    ]);
  }

  requestsByRequester(accountId: string, after: { at: string; id: string } | undefined, limit: number) {
    const p = new SqlParams();
    const where = `r.requester_account_id = ${p.add(accountId)} AND ${before(p, 'r.created_at', 'r.id', after)}`;
    return this.db.query<RequestRow[]>(
      `${REQUEST_SELECT} WHERE ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  requestsForMember(memberId: string, after: { at: string; id: string } | undefined, limit: number) {
    const p = new SqlParams();
    const where = `r.member_id = ${p.add(memberId)} AND ${before(p, 'r.created_at', 'r.id', after)}`;
    return this.db.query<RequestRow[]>(
      `${REQUEST_SELECT} WHERE ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  // ── needs ───────────────────────────────────────────────────────────────

  async insertNeed(v: {
    orgId: string;
    orgPath: string;
    postedBy: string;
    skillCode: string;
    title: string;
    place: string;
    startsAt: Date;
    endsAt: Date;
    headcount: number;
    description: string | null;
  }): Promise<string> {
    const [row] = await this.db.query<{ id: string }[]>(
      `INSERT INTO volunteer_needs (org_id, org_path, posted_by, skill_code, title, place, starts_at, ends_at,
                                    headcount, description)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [v.orgId, v.orgPath, v.postedBy, v.skillCode, v.title, v.place, v.startsAt, v.endsAt, v.headcount, v.description],
    );
    return row.id;
  }

  async findNeed(id: string, m?: EntityManager): Promise<NeedRow | null> {
    const rows: NeedRow[] = await (m ?? this.db).query(`${NEED_SELECT} WHERE n.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Needs posted in the caller's subtrees, latest start first. */
  needsInSubtrees(paths: string[], after: { at: string; id: string } | undefined, limit: number): Promise<NeedRow[]> {
    const p = new SqlParams();
    const within = withinSubtrees('n.org_path', paths, p);
    if (within.length === 0) return Promise.resolve([]);
    return this.db.query<NeedRow[]>(
      `${NEED_SELECT} WHERE (${within.join(' OR ')}) AND ${before(p, 'n.starts_at', 'n.id', after)}
        ORDER BY n.starts_at DESC, n.id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  /** Needs in an area that have not ended and are not cancelled, soonest first. */
  boardNeeds(
    areaPath: string,
    skill: string | undefined,
    now: Date,
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<NeedRow[]> {
    const p = new SqlParams();
    const { from, to } = subtreeRange(areaPath);
    const where = [
      `n.cancelled_at IS NULL`,
      `n.org_path >= ${p.add(from)}`,
      `n.org_path < ${p.add(to)}`,
      `n.ends_at > ${p.add(now)}`,
      skill ? `n.skill_code = ${p.add(skill)}` : 'TRUE',
      after ? `(n.starts_at, n.id) > (${p.add(after.at)}::timestamptz, ${p.add(after.id)}::uuid)` : 'TRUE',
    ];
    return this.db.query(
      `${NEED_SELECT} WHERE ${where.join(' AND ')} ORDER BY n.starts_at, n.id LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  /**
   * Takes one seat of an open need: one conditional UPDATE, so concurrent
   * sign-ups queue on the row and never pass the headcount. False when full,
   * ended or cancelled.
   */
  async takeSeat(m: EntityManager, needId: string, now: Date): Promise<boolean> {
    const result: unknown[] = await m.query(
      `UPDATE volunteer_needs SET signed_up = signed_up + 1
        WHERE id = $1 AND cancelled_at IS NULL AND ends_at > $2 AND signed_up < headcount
        RETURNING id`,
      [needId, now],
    );
    return returned(result).length > 0;
  }

  async releaseSeat(m: EntityManager, needId: string): Promise<void> {
    await m.query(`UPDATE volunteer_needs SET signed_up = signed_up - 1 WHERE id = $1 AND signed_up > 0`, [needId]);
  }

  async cancelNeed(m: EntityManager, id: string, now: Date): Promise<void> {
    await m.query(`UPDATE volunteer_needs SET cancelled_at = $2 WHERE id = $1 AND cancelled_at IS NULL`, [id, now]);
  }

  // ── services ────────────────────────────────────────────────────────────

  async insertService(
    m: EntityManager,
    v: {
      origin: ServiceOrigin;
      requestId: string | null;
      needId: string | null;
      cardId: string | null;
      memberId: string;
      skillCode: string;
      title: string;
      place: string;
      startsAt: Date | null;
      recipientAccountId: string | null;
      recipientOrgId: string | null;
      recipientOrgPath: string | null;
    },
  ): Promise<string> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO volunteer_services (origin, request_id, need_id, card_id, member_id, skill_code, title, place,
                                       starts_at, recipient_account_id, recipient_org_id, recipient_org_path)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        v.origin,
        v.requestId,
        v.needId,
        v.cardId,
        v.memberId,
        v.skillCode,
        v.title,
        v.place,
        v.startsAt,
        v.recipientAccountId,
        v.recipientOrgId,
        v.recipientOrgPath,
      ],
    );
    return row.id;
  }

  async findService(id: string, m?: EntityManager): Promise<ServiceRow | null> {
    const rows: ServiceRow[] = await (m ?? this.db).query(`${SERVICE_SELECT} WHERE v.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The service's status and times, its row locked until the transaction ends. */
  async lockService(
    m: EntityManager,
    id: string,
  ): Promise<{ status: ServiceStatus; checkedInAt: Date | null; needId: string | null } | null> {
    const rows: { status: ServiceStatus; checkedInAt: Date | null; needId: string | null }[] = await m.query(
      `SELECT status, checked_in_at AS "checkedInAt", need_id AS "needId" FROM volunteer_services WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async checkIn(m: EntityManager, id: string, at: Date, by: string): Promise<void> {
    await m.query(
      `UPDATE volunteer_services SET status = 'in_progress', checked_in_at = $2, checked_in_by = $3, updated_at = $2
        WHERE id = $1`,
      [id, at, by],
    );
  }

  async checkOut(m: EntityManager, id: string, at: Date, by: string, minutes: number): Promise<void> {
    await m.query(
      `UPDATE volunteer_services SET status = 'completed', checked_out_at = $2, checked_out_by = $3, minutes = $4,
              updated_at = $2
        WHERE id = $1`,
      [id, at, by, minutes],
    );
  }

  async confirm(m: EntityManager, id: string, at: Date, by: string, rating: number, comment: string | null) {
    await m.query(
      `UPDATE volunteer_services SET status = 'confirmed', confirmed_at = $2, confirmed_by = $3, rating = $4,
              rating_comment = $5, updated_at = $2
        WHERE id = $1`,
      [id, at, by, rating, comment],
    );
  }

  async cancelService(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(
      `UPDATE volunteer_services SET status = 'cancelled', cancelled_at = $2, updated_at = $2 WHERE id = $1`,
      [id, at],
    );
  }

  servicesOfMember(memberId: string, after: { at: string; id: string } | undefined, limit: number) {
    const p = new SqlParams();
    const where = `v.member_id = ${p.add(memberId)} AND ${before(p, 'v.created_at', 'v.id', after)}`;
    return this.db.query<ServiceRow[]>(
      `${SERVICE_SELECT} WHERE ${where} ORDER BY v.created_at DESC, v.id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  /** Services the account receives: as the requester, or for an org in one of `orgPaths`. */
  servicesReceived(
    accountId: string,
    orgPaths: string[],
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<ServiceRow[]> {
    const p = new SqlParams();
    const who = [
      `v.recipient_account_id = ${p.add(accountId)}`,
      ...withinSubtrees('v.recipient_org_path', orgPaths, p),
    ];
    return this.db.query(
      `${SERVICE_SELECT} WHERE (${who.join(' OR ')}) AND ${before(p, 'v.created_at', 'v.id', after)}
        ORDER BY v.created_at DESC, v.id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  servicesOfNeed(needId: string, m?: EntityManager): Promise<ServiceRow[]> {
    return (m ?? this.db).query(`${SERVICE_SELECT} WHERE v.need_id = $1 ORDER BY v.created_at, v.id`, [needId]);
  }

  async liveServiceForNeed(needId: string, memberId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM volunteer_services WHERE need_id = $1 AND member_id = $2 AND status <> 'cancelled'`,
      [needId, memberId],
    );
    return rows[0]?.id ?? null;
  }

  async membersSignedUp(needId: string): Promise<Set<string>> {
    const rows: { memberId: string }[] = await this.db.query(
      `SELECT member_id AS "memberId" FROM volunteer_services WHERE need_id = $1 AND status <> 'cancelled'`,
      [needId],
    );
    return new Set(rows.map((r) => r.memberId));
  }

  // ── 雁归 ─────────────────────────────────────────────────────────────────

  async findPledge(memberId: string): Promise<PledgeRow | null> {
    const rows: PledgeRow[] = await this.db.query(
      `SELECT member_id AS "memberId", preferred_role AS "preferredRole", note, since, withdrawn_at AS "withdrawnAt"
         FROM return_pledges WHERE member_id = $1`,
      [memberId],
    );
    return rows[0] ?? null;
  }

  /** Made or changed; a pledge made again after a withdrawal counts from now. */
  async upsertPledge(memberId: string, role: ReturnRole, note: string | null, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO return_pledges (member_id, preferred_role, note, since, updated_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (member_id) DO UPDATE
         SET preferred_role = $2, note = $3, updated_at = $4,
             since = CASE WHEN return_pledges.withdrawn_at IS NULL THEN return_pledges.since ELSE $4 END,
             withdrawn_at = NULL`,
      [memberId, role, note, now],
    );
  }

  async withdrawPledge(memberId: string, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE return_pledges SET withdrawn_at = $2, updated_at = $2 WHERE member_id = $1 AND withdrawn_at IS NULL`,
      [memberId, now],
    );
  }

  /** Live pledges of members whose membership branch lies in the subtree, newest first, with their record. */
  reserve(orgPath: string, after: { at: string; id: string } | undefined, limit: number): Promise<ReserveRow[]> {
    const p = new SqlParams();
    const { from, to } = subtreeRange(orgPath);
    const where = [
      `r.withdrawn_at IS NULL`,
      `m.branch_path >= ${p.add(from)}`,
      `m.branch_path < ${p.add(to)}`,
      after ? `(r.since, r.member_id) < (${p.add(after.at)}::timestamptz, ${p.add(after.id)}::uuid)` : 'TRUE',
    ];
    return this.db.query(
      `SELECT r.member_id AS "memberId", m.name_cipher AS "memberNameCipher", b.name AS "branchName",
              r.preferred_role AS "preferredRole", r.note, r.since, ${SORT_AT('r.since')} AS "sortAt",
              COALESCE(cards.skills, '{}') AS "skillCodes", COALESCE(cards.extra, '{}') AS "extraSkills",
              s.confirmed AS "servicesConfirmed", s.minutes AS "minutesServed", s.rating AS "ratingAverage"
         FROM return_pledges r
         JOIN members m ON m.id = r.member_id
         JOIN orgs b ON b.id = m.branch_id
         CROSS JOIN LATERAL (
           SELECT array_agg(DISTINCT code) AS skills, array_agg(DISTINCT c.extra_skills)
                    FILTER (WHERE c.extra_skills IS NOT NULL) AS extra
             FROM volunteer_cards c CROSS JOIN LATERAL unnest(c.skill_codes) AS code
            WHERE c.member_id = r.member_id
         ) cards
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS confirmed, COALESCE(sum(v.minutes), 0)::int AS minutes,
                  round(avg(v.rating), 1)::float8 AS rating
             FROM volunteer_services v WHERE v.member_id = r.member_id AND v.status = 'confirmed'
         ) s
        WHERE ${where.join(' AND ')}
        ORDER BY r.since DESC, r.member_id DESC
        LIMIT ${p.add(limit)}`,
      p.values,
    );
  }
}
