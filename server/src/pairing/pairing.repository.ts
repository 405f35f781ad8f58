import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ContactMethod, LostProposalStatus, PairingEndReason, PairingRules } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParams, withinSubtrees } from '../common/scope/scope-sql.js';

/** Roles a committee member may hold at the branch to be paired (结对). */
export const PAIRABLE_ROLES = ['branch_committee', 'branch_secretary'] as const;
/** Flow states in which a member is away and may be marked lost (the flow action mark_lost accepts these). */
export const AWAY_STATUSES = ['approved', 'arrived', 'active'] as const;

export interface PairingMember {
  id: string;
  branchId: string;
  branchPath: string;
  nameCipher: string;
}

export interface PairingRow {
  id: string;
  memberId: string;
  memberNameCipher: string;
  branchId: string;
  committeeAccountId: string;
  committeeName: string;
  since: Date;
  abroad: boolean;
  lastContactAt: Date | null;
  plannedNextOn: string | null;
  nextDueOn: string | null;
  endedAt: Date | null;
  endReason: PairingEndReason | null;
}

export interface BranchMemberRow {
  memberId: string;
  memberNameCipher: string;
  away: boolean;
  pairing: PairingRow | null;
}

export interface CandidateRow {
  accountId: string;
  displayName: string;
  role: 'branch_secretary' | 'branch_committee';
  pairedCount: number;
}

export interface MyPairingRow extends PairingRow {
  branchName: string;
}

export interface ContactRow {
  id: string;
  memberId: string;
  method: ContactMethod;
  reached: boolean;
  contactedAt: Date;
  noteCipher: string | null;
  nextContactOn: string | null;
  accountId: string;
  byName: string;
  createdAt: Date;
  sortAt: string;
}

export interface NewContact {
  memberId: string;
  pairingId: string | null;
  branchId: string;
  accountId: string;
  method: ContactMethod;
  reached: boolean;
  contactedAt: Date;
  noteCipher: string | null;
  nextContactOn: string | null;
}

export interface RuleRow extends PairingRules {
  orgId: string;
  orgPath: string;
  orgName: string;
}

/** A live pairing due for recomputing, with what its due day depends on. */
export interface DueInputRow {
  id: string;
  branchPath: string;
  since: Date;
  lastContactAt: Date | null;
  plannedNextOn: string | null;
  abroad: boolean;
  nextDueOn: string;
}

export interface NewlyOverdueRow {
  id: string;
  memberId: string;
  memberNameCipher: string;
  committeeAccountId: string;
  branchId: string;
  nextDueOn: string;
  /** Whether the committee member still holds a committee or secretary role at the branch. */
  serving: boolean;
}

export interface AwayMemberRow {
  memberId: string;
  memberNameCipher: string;
  flowId: string;
  branchId: string;
  branchPath: string;
  awaySince: Date;
  lastContactAt: Date | null;
  lastCheckinAt: Date | null;
  lastStudyAt: Date | null;
  quietUntil: Date | null;
  openProposal: boolean;
}

export interface NewProposal {
  memberId: string;
  flowId: string;
  branchId: string;
  branchPath: string;
  lastSeenAt: Date | null;
  silentDays: number;
}

export interface ProposalRow {
  id: string;
  memberId: string;
  memberNameCipher: string;
  branchId: string;
  branchName: string;
  branchPath: string;
  flowId: string;
  flowStatus: string;
  status: LostProposalStatus;
  lastSeenAt: Date | null;
  silentDays: number;
  failedAttempts: number;
  proposedAt: Date;
  decidedAt: Date | null;
  sortAt: string;
}

const PAIRING_COLUMNS = `
  p.id, p.member_id AS "memberId", pm.name_cipher AS "memberNameCipher", p.branch_id AS "branchId",
  p.committee_account_id AS "committeeAccountId", ca.display_name AS "committeeName", p.since, p.abroad,
  p.last_contact_at AS "lastContactAt", to_char(p.planned_next_on, 'YYYY-MM-DD') AS "plannedNextOn",
  to_char(p.next_due_on, 'YYYY-MM-DD') AS "nextDueOn", p.ended_at AS "endedAt", p.end_reason AS "endReason"`;
const PAIRING_JOINS = `JOIN members pm ON pm.id = p.member_id JOIN accounts ca ON ca.id = p.committee_account_id`;
/** TypeORM's pg driver answers an UPDATE … RETURNING as [rows, affected]; this takes the rows. */
async function updated<T>(m: EntityManager | DataSource, text: string, values: unknown[]): Promise<T[]> {
  const [rows] = await m.query<[T[], number]>(text, values);
  return rows;
}

const SORT_AT = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Pairings, the contact log, rules and lost-contact proposals. The scans
 * behind the daily jobs are batched: the overdue scan reads only live
 * pairings whose due day passed and whose to-do is not yet written (a
 * partial index), the lost-contact scan walks members away by id and finds
 * each one's latest contact, check-in and study with one index probe each.
 */
@Injectable()
export class PairingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  // ── members and committee ──────────────────────────────────────────────

  async findMember(id: string): Promise<PairingMember | null> {
    const rows: PairingMember[] = await this.db.query(
      `SELECT id, branch_id AS "branchId", branch_path AS "branchPath", name_cipher AS "nameCipher"
         FROM members WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findMembers(ids: string[]): Promise<PairingMember[]> {
    return this.db.query(
      `SELECT id, branch_id AS "branchId", branch_path AS "branchPath", name_cipher AS "nameCipher"
         FROM members WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Accounts holding a live committee or secretary role at the branch, with how many members each has now. */
  async findCandidates(branchId: string): Promise<CandidateRow[]> {
    return this.db.query(
      `SELECT a.id AS "accountId", a.display_name AS "displayName",
              CASE WHEN bool_or(g.role = 'branch_secretary') THEN 'branch_secretary' ELSE 'branch_committee' END AS role,
              (SELECT count(*) FROM pairings p
                WHERE p.committee_account_id = a.id AND p.branch_id = $1 AND p.ended_at IS NULL)::int AS "pairedCount"
         FROM role_grants g JOIN accounts a ON a.id = g.account_id
        WHERE g.org_id = $1 AND g.role = ANY($2::text[]) AND g.revoked_at IS NULL AND a.status = 'active'
        GROUP BY a.id
        ORDER BY 3, a.display_name, a.id`,
      [branchId, PAIRABLE_ROLES],
    );
  }

  /** A page of the branch's members by id, each with whether they are away and their live pairing. */
  async findBranchMembers(branchPath: string, afterId: string | null, limit: number): Promise<BranchMemberRow[]> {
    const rows: (Record<string, unknown> & { mid: string; mname: string; away: boolean })[] = await this.db.query(
      `SELECT m.id AS mid, m.name_cipher AS mname,
              EXISTS (SELECT 1 FROM flows f WHERE f.member_id = m.id AND f.status = ANY($4::text[])) AS away,
              ${PAIRING_COLUMNS}
         FROM members m
         LEFT JOIN pairings p ON p.member_id = m.id AND p.ended_at IS NULL
         LEFT JOIN members pm ON pm.id = p.member_id
         LEFT JOIN accounts ca ON ca.id = p.committee_account_id
        WHERE m.branch_path = $1 AND ($2::uuid IS NULL OR m.id > $2::uuid)
        ORDER BY m.id
        LIMIT $3`,
      [branchPath, afterId, limit, AWAY_STATUSES],
    );
    return rows.map((r) => ({
      memberId: r.mid,
      memberNameCipher: r.mname,
      away: r.away,
      pairing: r.id ? (r as unknown as PairingRow) : null,
    }));
  }

  // ── pairings ───────────────────────────────────────────────────────────

  async findPairing(id: string): Promise<(PairingRow & { branchPath: string }) | null> {
    const rows: (PairingRow & { branchPath: string })[] = await this.db.query(
      `SELECT ${PAIRING_COLUMNS}, pm.branch_path AS "branchPath" FROM pairings p ${PAIRING_JOINS} WHERE p.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findLivePairing(memberId: string, m?: EntityManager): Promise<PairingRow | null> {
    const rows: PairingRow[] = await (m ?? this.db).query(
      `SELECT ${PAIRING_COLUMNS} FROM pairings p ${PAIRING_JOINS} WHERE p.member_id = $1 AND p.ended_at IS NULL`,
      [memberId],
    );
    return rows[0] ?? null;
  }

  /** Locks the members' live pairings (the same order every time, so two requests never deadlock). */
  async lockLivePairings(
    m: EntityManager,
    memberIds: string[],
  ): Promise<{ id: string; memberId: string; committeeAccountId: string }[]> {
    return m.query(
      `SELECT id, member_id AS "memberId", committee_account_id AS "committeeAccountId"
         FROM pairings WHERE member_id = ANY($1::uuid[]) AND ended_at IS NULL
        ORDER BY member_id FOR UPDATE`,
      [memberIds],
    );
  }

  async lockPairing(
    m: EntityManager,
    id: string,
  ): Promise<{ id: string; memberId: string; endedAt: Date | null; abroad: boolean } | null> {
    const rows: { id: string; memberId: string; endedAt: Date | null; abroad: boolean }[] = await m.query(
      `SELECT id, member_id AS "memberId", ended_at AS "endedAt", abroad FROM pairings WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The live pairings of one committee member in one branch, locked. */
  async lockCommitteePairings(m: EntityManager, accountId: string, branchId: string): Promise<{ memberId: string }[]> {
    return m.query(
      `SELECT member_id AS "memberId" FROM pairings
        WHERE committee_account_id = $1 AND branch_id = $2 AND ended_at IS NULL
        ORDER BY member_id FOR UPDATE`,
      [accountId, branchId],
    );
  }

  async endPairings(
    m: EntityManager,
    ids: string[],
    end: { at: Date; by: string; reason: PairingEndReason },
  ): Promise<void> {
    if (ids.length === 0) return;
    await m.query(
      `UPDATE pairings SET ended_at = $2, ended_by = $3, end_reason = $4, reminded_due_on = NULL
        WHERE id = ANY($1::uuid[]) AND ended_at IS NULL`,
      [ids, end.at, end.by, end.reason],
    );
  }

  async insertPairings(
    m: EntityManager,
    rows: { memberId: string; branchId: string; nextDueOn: string }[],
    values: { committeeAccountId: string; since: Date; by: string; abroad: boolean },
  ): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO pairings (committee_account_id, member_id, branch_id, since, paired_by, abroad, next_due_on)
       SELECT $1, member_id, branch_id, $2, $3, $4, next_due_on
         FROM unnest($5::uuid[], $6::uuid[], $7::date[]) AS t (member_id, branch_id, next_due_on)`,
      [
        values.committeeAccountId,
        values.since,
        values.by,
        values.abroad,
        rows.map((r) => r.memberId),
        rows.map((r) => r.branchId),
        rows.map((r) => r.nextDueOn),
      ],
    );
  }

  async findPairingsOfMembers(memberIds: string[]): Promise<PairingRow[]> {
    return this.db.query(
      `SELECT ${PAIRING_COLUMNS} FROM pairings p ${PAIRING_JOINS}
        WHERE p.member_id = ANY($1::uuid[]) AND p.ended_at IS NULL ORDER BY p.member_id`,
      [memberIds],
    );
  }

  /** Every pairing of the member, the live one first, then newest first. */
  async findMemberHistory(memberId: string): Promise<PairingRow[]> {
    return this.db.query(
      `SELECT ${PAIRING_COLUMNS} FROM pairings p ${PAIRING_JOINS}
        WHERE p.member_id = $1 ORDER BY p.ended_at IS NULL DESC, p.since DESC, p.id DESC LIMIT 200`,
      [memberId],
    );
  }

  /** Sets a pairing's due inputs and due day; a changed due day forgets the to-do written for the old one. */
  async setDue(
    m: EntityManager,
    id: string,
    values: { abroad: boolean; lastContactAt: Date | null; plannedNextOn: string | null; nextDueOn: string },
  ): Promise<void> {
    await m.query(
      `UPDATE pairings SET abroad = $2, last_contact_at = $3, planned_next_on = $4, next_due_on = $5,
              reminded_due_on = CASE WHEN next_due_on = $5 THEN reminded_due_on END
        WHERE id = $1`,
      [id, values.abroad, values.lastContactAt, values.plannedNextOn, values.nextDueOn],
    );
  }

  /** My live pairings in branches where I still hold a committee or secretary role, the earliest due first. */
  async findMine(accountId: string): Promise<MyPairingRow[]> {
    return this.db.query(
      `SELECT ${PAIRING_COLUMNS}, o.name AS "branchName"
         FROM pairings p ${PAIRING_JOINS} JOIN orgs o ON o.id = p.branch_id
        WHERE p.committee_account_id = $1 AND p.ended_at IS NULL AND pm.branch_id = p.branch_id
          AND EXISTS (SELECT 1 FROM role_grants g WHERE g.account_id = $1 AND g.org_id = p.branch_id
                         AND g.role = ANY($2::text[]) AND g.revoked_at IS NULL)
        ORDER BY p.next_due_on, p.id
        LIMIT 500`,
      [accountId, PAIRABLE_ROLES],
    );
  }

  // ── contacts ───────────────────────────────────────────────────────────

  async insertContact(m: EntityManager, c: NewContact): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO pairing_contacts (member_id, pairing_id, branch_id, account_id, method, reached, contacted_at, note_cipher, next_contact_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        c.memberId,
        c.pairingId,
        c.branchId,
        c.accountId,
        c.method,
        c.reached,
        c.contactedAt,
        c.noteCipher,
        c.nextContactOn,
      ],
    );
    return rows[0].id;
  }

  /** The live pairing's due inputs, locked for the contact being logged. */
  async lockDueInputs(
    m: EntityManager,
    pairingId: string,
  ): Promise<(DueInputRow & { committeeAccountId: string; endedAt: Date | null }) | null> {
    const rows: (DueInputRow & { committeeAccountId: string; endedAt: Date | null })[] = await m.query(
      `SELECT p.id, o.path AS "branchPath", p.since, p.last_contact_at AS "lastContactAt",
              to_char(p.planned_next_on, 'YYYY-MM-DD') AS "plannedNextOn", p.abroad,
              to_char(p.next_due_on, 'YYYY-MM-DD') AS "nextDueOn",
              p.committee_account_id AS "committeeAccountId", p.ended_at AS "endedAt"
         FROM pairings p JOIN orgs o ON o.id = p.branch_id
        WHERE p.id = $1 FOR UPDATE OF p`,
      [pairingId],
    );
    return rows[0] ?? null;
  }

  async findContacts(
    memberId: string,
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<ContactRow[]> {
    return this.db.query(
      `SELECT c.id, c.member_id AS "memberId", c.method, c.reached, c.contacted_at AS "contactedAt",
              c.note_cipher AS "noteCipher", to_char(c.next_contact_on, 'YYYY-MM-DD') AS "nextContactOn",
              c.account_id AS "accountId", a.display_name AS "byName", c.created_at AS "createdAt",
              ${SORT_AT('c.contacted_at')} AS "sortAt"
         FROM pairing_contacts c JOIN accounts a ON a.id = c.account_id
        WHERE c.member_id = $1
          AND ($2::timestamptz IS NULL OR (c.contacted_at, c.id) < ($2::timestamptz, $3::uuid))
        ORDER BY c.contacted_at DESC, c.id DESC
        LIMIT $4`,
      [memberId, after?.at ?? null, after?.id ?? null, limit],
    );
  }

  async findContact(id: string): Promise<ContactRow | null> {
    const rows: ContactRow[] = await this.db.query(
      `SELECT c.id, c.member_id AS "memberId", c.method, c.reached, c.contacted_at AS "contactedAt",
              c.note_cipher AS "noteCipher", to_char(c.next_contact_on, 'YYYY-MM-DD') AS "nextContactOn",
              c.account_id AS "accountId", a.display_name AS "byName", c.created_at AS "createdAt",
              ${SORT_AT('c.contacted_at')} AS "sortAt"
         FROM pairing_contacts c JOIN accounts a ON a.id = c.account_id WHERE c.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  // ── rules ──────────────────────────────────────────────────────────────

  /** Rules set by the org at `paths` (an org and its ancestors). */
  findRulesOn(paths: string[]): Promise<RuleRow[]> {
    return this.findRulesWhere('r.org_path = ANY($1::text[])', [paths]);
  }

  /** Every org's own rules: few (one per org that set them), read once per scan. */
  findAllRules(): Promise<RuleRow[]> {
    return this.findRulesWhere('true', []);
  }

  private findRulesWhere(where: string, values: unknown[]): Promise<RuleRow[]> {
    return this.db.query(
      `SELECT r.org_id AS "orgId", r.org_path AS "orgPath", o.name AS "orgName",
              r.contact_months AS "contactMonths", r.abroad_contact_months AS "abroadContactMonths",
              r.lost_after_days AS "lostAfterDays", r.dismiss_quiet_days AS "dismissQuietDays"
         FROM pairing_rules r JOIN orgs o ON o.id = r.org_id WHERE ${where}`,
      values,
    );
  }

  async upsertRules(
    m: EntityManager,
    org: { id: string; path: string },
    rules: PairingRules,
    by: string,
    at: Date,
  ): Promise<void> {
    await m.query(
      `INSERT INTO pairing_rules (org_id, org_path, contact_months, abroad_contact_months, lost_after_days, dismiss_quiet_days, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (org_id) DO UPDATE SET contact_months = $3, abroad_contact_months = $4, lost_after_days = $5,
              dismiss_quiet_days = $6, updated_by = $7, updated_at = $8`,
      [
        org.id,
        org.path,
        rules.contactMonths,
        rules.abroadContactMonths,
        rules.lostAfterDays,
        rules.dismissQuietDays,
        by,
        at,
      ],
    );
  }

  /** The next batch of branches under `path` (by path), for walking a subtree's pairings. */
  async findBranchesUnder(
    path: string,
    afterPath: string | null,
    limit: number,
  ): Promise<{ id: string; path: string }[]> {
    return this.db.query(
      `SELECT id, path FROM orgs
        WHERE path >= $1 AND path < $2 AND ($3::text IS NULL OR path > $3) AND level = 'branch'
        ORDER BY path LIMIT $4`,
      [path, `${path}~`, afterPath, limit],
    );
  }

  async findDueInputsOfBranches(branchIds: string[]): Promise<DueInputRow[]> {
    return this.db.query(
      `SELECT p.id, o.path AS "branchPath", p.since, p.last_contact_at AS "lastContactAt",
              to_char(p.planned_next_on, 'YYYY-MM-DD') AS "plannedNextOn", p.abroad,
              to_char(p.next_due_on, 'YYYY-MM-DD') AS "nextDueOn"
         FROM pairings p JOIN orgs o ON o.id = p.branch_id
        WHERE p.branch_id = ANY($1::uuid[]) AND p.ended_at IS NULL`,
      [branchIds],
    );
  }

  /** New due days in one statement; a pairing whose due day changed loses its old to-do marker. Answers the ids changed. */
  async updateDueDays(m: EntityManager, changes: { id: string; nextDueOn: string }[]): Promise<string[]> {
    if (changes.length === 0) return [];
    const rows = await updated<{ memberId: string }>(
      m,
      `UPDATE pairings p SET next_due_on = t.due, reminded_due_on = NULL
         FROM unnest($1::uuid[], $2::date[]) AS t (id, due)
        WHERE p.id = t.id AND p.ended_at IS NULL AND p.next_due_on IS DISTINCT FROM t.due
        RETURNING p.member_id AS "memberId"`,
      [changes.map((c) => c.id), changes.map((c) => c.nextDueOn)],
    );
    return rows.map((r) => r.memberId);
  }

  // ── the overdue scan ───────────────────────────────────────────────────

  /**
   * Claims up to `limit` live pairings whose due day is before `today` and
   * whose to-do is not yet written, marking them reminded for that due day:
   * one statement, rows skipped while a contact being logged holds them.
   */
  async claimNewlyOverdue(m: EntityManager, today: string, limit: number): Promise<NewlyOverdueRow[]> {
    return updated<NewlyOverdueRow>(
      m,
      `WITH due AS (
         SELECT id FROM pairings
          WHERE ended_at IS NULL AND reminded_due_on IS NULL AND next_due_on < $1::date
          ORDER BY next_due_on, id
          LIMIT $2
          FOR UPDATE SKIP LOCKED)
       UPDATE pairings p SET reminded_due_on = p.next_due_on
         FROM due, members mb
        WHERE p.id = due.id AND mb.id = p.member_id
       RETURNING p.id, p.member_id AS "memberId", mb.name_cipher AS "memberNameCipher",
                 p.committee_account_id AS "committeeAccountId", p.branch_id AS "branchId",
                 to_char(p.next_due_on, 'YYYY-MM-DD') AS "nextDueOn",
                 EXISTS (SELECT 1 FROM role_grants g
                          WHERE g.account_id = p.committee_account_id AND g.org_id = p.branch_id
                            AND g.role = ANY($3::text[]) AND g.revoked_at IS NULL) AS serving`,
      [today, limit, PAIRABLE_ROLES],
    );
  }

  // ── the lost-contact scan ──────────────────────────────────────────────

  /** The next members away (by id) with their latest signs of life: one index probe each. */
  async findAwayMembers(afterMemberId: string | null, limit: number): Promise<AwayMemberRow[]> {
    return this.db.query(
      `SELECT f.member_id AS "memberId", mb.name_cipher AS "memberNameCipher", f.id AS "flowId",
              f.sending_branch_id AS "branchId", f.sending_path AS "branchPath",
              COALESCE(f.approved_at, f.arrived_at, f.created_at) AS "awaySince",
              (SELECT max(c.contacted_at) FROM pairing_contacts c WHERE c.member_id = f.member_id AND c.reached) AS "lastContactAt",
              (SELECT max(k.checked_in_at) FROM checkins k WHERE k.member_id = f.member_id) AS "lastCheckinAt",
              (SELECT max(r.opened_at) FROM study_reading r WHERE r.member_id = f.member_id) AS "lastStudyAt",
              (SELECT max(q.quiet_until) FROM lost_contact_proposals q
                WHERE q.member_id = f.member_id AND q.status = 'dismissed') AS "quietUntil",
              EXISTS (SELECT 1 FROM lost_contact_proposals o
                       WHERE o.member_id = f.member_id AND o.status = 'open') AS "openProposal"
         FROM flows f JOIN members mb ON mb.id = f.member_id
        WHERE f.status IN ('approved', 'arrived', 'active') AND ($1::uuid IS NULL OR f.member_id > $1::uuid)
        ORDER BY f.member_id
        LIMIT $2`,
      [afterMemberId, limit],
    );
  }

  /** Opens proposals; a member who already has an open one is skipped. Answers the member ids proposed now. */
  async insertProposals(m: EntityManager, rows: NewProposal[], at: Date): Promise<{ id: string; memberId: string }[]> {
    if (rows.length === 0) return [];
    return m.query(
      `INSERT INTO lost_contact_proposals (member_id, flow_id, branch_id, branch_path, last_seen_at, silent_days, proposed_at)
       SELECT member_id, flow_id, branch_id, branch_path, last_seen_at, silent_days, $7
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::int[])
              AS t (member_id, flow_id, branch_id, branch_path, last_seen_at, silent_days)
       ON CONFLICT DO NOTHING
       RETURNING id, member_id AS "memberId"`,
      [
        rows.map((r) => r.memberId),
        rows.map((r) => r.flowId),
        rows.map((r) => r.branchId),
        rows.map((r) => r.branchPath),
        rows.map((r) => r.lastSeenAt),
        rows.map((r) => r.silentDays),
        at,
      ],
    );
  }

  // ── proposals ──────────────────────────────────────────────────────────

  async listOpenProposals(
    paths: string[],
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<ProposalRow[]> {
    const params = new SqlParams();
    const reach = withinSubtrees('p.branch_path', paths, params);
    if (reach.length === 0) return [];
    const where = [`p.status = 'open'`, `(${reach.join(' OR ')})`];
    if (after)
      where.push(`(p.proposed_at, p.id) < (${params.add(after.at)}::timestamptz, ${params.add(after.id)}::uuid)`);
    return this.db.query(
      `${this.proposalSelect()}
        WHERE ${where.join(' AND ')} AND f.status IN ('approved', 'arrived', 'active')
        ORDER BY p.proposed_at DESC, p.id DESC
        LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  async findProposal(id: string, m?: EntityManager): Promise<ProposalRow | null> {
    const rows: ProposalRow[] = await (m ?? this.db).query(`${this.proposalSelect()} WHERE p.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Closes an open proposal; false when it was no longer open. */
  async decideProposal(
    m: EntityManager,
    id: string,
    d: {
      status: Exclude<LostProposalStatus, 'open'>;
      at: Date;
      by: string | null;
      reasonCipher: string | null;
      quietUntil: Date | null;
    },
  ): Promise<boolean> {
    const rows = await updated(
      m,
      `UPDATE lost_contact_proposals SET status = $2, decided_at = $3, decided_by = $4, reason_cipher = $5, quiet_until = $6
        WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, d.status, d.at, d.by, d.reasonCipher, d.quietUntil],
    );
    return rows.length > 0;
  }

  /** A reached contact ends the member's open proposal, if any. Answers whether one was open. */
  async resolveOpenProposal(m: EntityManager, memberId: string, at: Date, by: string): Promise<boolean> {
    const rows = await updated(
      m,
      `UPDATE lost_contact_proposals SET status = 'resolved', decided_at = $2, decided_by = $3
        WHERE member_id = $1 AND status = 'open' RETURNING id`,
      [memberId, at, by],
    );
    return rows.length > 0;
  }

  private proposalSelect(): string {
    return `
      SELECT p.id, p.member_id AS "memberId", mb.name_cipher AS "memberNameCipher", p.branch_id AS "branchId",
             o.name AS "branchName", p.branch_path AS "branchPath", p.flow_id AS "flowId", f.status AS "flowStatus",
             p.status, p.last_seen_at AS "lastSeenAt", p.silent_days AS "silentDays",
             (SELECT count(*) FROM pairing_contacts c
               WHERE c.member_id = p.member_id AND NOT c.reached
                 AND c.contacted_at > COALESCE(p.last_seen_at, '-infinity'::timestamptz))::int AS "failedAttempts",
             p.proposed_at AS "proposedAt", p.decided_at AS "decidedAt", ${SORT_AT('p.proposed_at')} AS "sortAt"
        FROM lost_contact_proposals p
        JOIN members mb ON mb.id = p.member_id
        JOIN orgs o ON o.id = p.branch_id
        JOIN flows f ON f.id = p.flow_id`;
  }
}
