import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FlowAction, FlowStatus } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParams, withinSubtrees } from '../common/scope/scope-sql.js';
import { FlowTransition } from './flow-transition.entity.js';
import { Flow } from './flow.entity.js';

export type NewFlow = Pick<
  Flow,
  | 'memberId'
  | 'sendingBranchId'
  | 'sendingPath'
  | 'receivingBranchId'
  | 'receivingPath'
  | 'status'
  | 'origin'
  | 'destinationRegionCode'
  | 'destinationAddressCipher'
  | 'industry'
  | 'occupation'
  | 'employer'
  | 'expectedFrom'
  | 'expectedUntil'
> &
  Partial<Pick<Flow, 'approvedAt' | 'arrivedAt' | 'activatedAt' | 'contactPhoneCipher'>>;

export type NewFlowTransition = Pick<
  FlowTransition,
  'flowId' | 'fromStatus' | 'toStatus' | 'action' | 'actorAccountId' | 'reason'
>;

/** The timestamp a transition sets; `approvedAt` keeps the first approval when a lost member is restored. */
export type FlowStamp = 'approvedAt' | 'arrivedAt' | 'activatedAt' | 'endedAt';

export interface FlowArrivalFacts {
  addressCipher: string;
  industry: string | null;
  occupation: string | null;
  employer: string | null;
  /** YYYY-MM-DD */
  expectedUntil: string;
  /** YYYY-MM-DD: the expected start, when none was reported. */
  today: string;
}

export interface FlowNoticeFacts {
  memberId: string;
  memberNameCipher: string;
  sendingBranchId: string;
  sendingBranchName: string;
  receivingBranchId: string | null;
  receivingBranchName: string | null;
}

export interface FlowChange {
  status: FlowStatus;
  stamp: FlowStamp | null;
  /** Set on arrival: where the member reported (a new arrival clears any earlier party group). */
  receiving?: { branchId: string; path: string };
  partyGroupId?: string;
}

/** The roster facts a flow needs about its member: where their membership is held. */
export interface FlowMember {
  id: string;
  branchId: string;
  branchPath: string;
}

/** A flow with the names it is shown with. Member name and phone stay encrypted until a view is built. */
export interface FlowRow extends Flow {
  memberNameCipher: string;
  memberPhoneCipher: string | null;
  sendingBranchName: string;
  receivingBranchName: string | null;
  partyGroupName: string | null;
  /** created_at at full (microsecond) precision, for keyset pagination. */
  sortAt: string;
}

/** One submission of an outflow report, as stored (address, phone and note encrypted). */
export interface ReportVersionFacts {
  destinationRegionCode: string | null;
  destinationAddressCipher: string;
  industry: string;
  occupation: string;
  employer: string;
  expectedFrom: string;
  expectedUntil: string;
  contactPhoneCipher: string | null;
  contactNoteCipher: string | null;
}

export interface ReportVersionRow extends ReportVersionFacts {
  round: number;
  submittedByName: string | null;
  submittedAt: Date;
  reviewAction: 'request_changes' | 'approve' | 'decline' | null;
  reviewComment: string | null;
  reviewedByName: string | null;
  reviewedAt: Date | null;
}

export type ReportReviewAction = 'request_changes' | 'approve' | 'decline';

export interface FlowTransitionRow extends FlowTransition {
  actorName: string | null;
}

export interface FlowListFilter {
  /** Subtrees where the caller is the sending side. */
  sendingPaths: string[];
  /** Subtrees where the caller is the receiving side (only flows the receiving side may see). */
  receivingPaths: string[];
  /** The caller's own roster entry, whose flows they always see. */
  ownMemberId: string | null;
  status?: FlowStatus;
  /** Only rows after this one in (created_at DESC, id DESC) order. */
  after?: { sortAt: string; id: string };
  limit: number;
}

/** States in which the receiving branch shares the flow (and sees it). */
export const RECEIVING_VISIBLE_STATUSES: readonly FlowStatus[] = ['found', 'arrived', 'active'];

const SELECT_ROW = `
  SELECT f.*,
         m.name_cipher AS "memberNameCipher", m.phone_cipher AS "memberPhoneCipher",
         s.name AS "sendingBranchName", r.name AS "receivingBranchName", g.name AS "partyGroupName",
         to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt"
    FROM flows f
    JOIN members m ON m.id = f.member_id
    JOIN orgs s ON s.id = f.sending_branch_id
    LEFT JOIN orgs r ON r.id = f.receiving_branch_id
    LEFT JOIN orgs g ON g.id = f.party_group_id`;

const OPEN = `('found', 'reported', 'approved', 'arrived', 'active', 'changes_requested')`;

const STAMP_SQL: Record<FlowStamp, string> = {
  approvedAt: 'COALESCE(approved_at, now())',
  arrivedAt: 'now()',
  activatedAt: 'now()',
  endedAt: 'now()',
};

/** Flows and their history: the only code that reads or writes the flows tables. */
@Injectable()
export class FlowsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One unit of work. READ COMMITTED, so a row locked FOR UPDATE is re-read as committed by the lock holder. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  async findRowById(id: string): Promise<FlowRow | null> {
    const rows: Record<string, unknown>[] = await this.db.query(`${SELECT_ROW} WHERE f.id = $1`, [id]);
    return rows[0] ? this.toRow(rows[0]) : null;
  }

  /** The flow, locked against other transitions until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<Flow | null> {
    return manager
      .getRepository(Flow)
      .createQueryBuilder('f')
      .setLock('pessimistic_write')
      .where('f.id = :id', { id })
      .getOne();
  }

  /** The member's open flow, locked; there is at most one (flows_one_open_per_member). */
  lockOpenForMember(manager: EntityManager, memberId: string): Promise<Flow | null> {
    return manager
      .getRepository(Flow)
      .createQueryBuilder('f')
      .setLock('pessimistic_write')
      .where(`f.member_id = :memberId AND f.status IN ${OPEN}`, { memberId })
      .getOne();
  }

  async hasOpenFlow(memberId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM flows WHERE member_id = $1 AND status IN ${OPEN}`, [
      memberId,
    ]);
    return rows.length > 0;
  }

  insert(manager: EntityManager, values: NewFlow): Promise<Flow> {
    const repo = manager.getRepository(Flow);
    return repo.save(repo.create(values));
  }

  /** Moves a locked flow to its new state: one version further, stamped. */
  async applyChange(manager: EntityManager, id: string, change: FlowChange): Promise<void> {
    const set: Record<string, unknown> = {
      status: change.status,
      version: () => 'version + 1',
      updatedAt: () => 'now()',
    };
    if (change.stamp) set[change.stamp] = () => STAMP_SQL[change.stamp!];
    if (change.receiving) {
      set.receivingBranchId = change.receiving.branchId;
      set.receivingPath = change.receiving.path;
      set.partyGroupId = null;
    }
    if (change.partyGroupId) set.partyGroupId = change.partyGroupId;
    await manager.createQueryBuilder().update(Flow).set(set).where('id = :id', { id }).execute();
  }

  /** The 四清 facts recorded on arrival: where the member lives and works, and until when. */
  async applyArrivalFacts(manager: EntityManager, id: string, facts: FlowArrivalFacts): Promise<void> {
    await manager.query(
      `UPDATE flows
          SET destination_address_cipher = $2, industry = COALESCE($3, industry), occupation = COALESCE($4, occupation),
              employer = COALESCE($5, employer), expected_until = $6, expected_from = COALESCE(expected_from, $7)
        WHERE id = $1`,
      [id, facts.addressCipher, facts.industry, facts.occupation, facts.employer, facts.expectedUntil, facts.today],
    );
  }

  /** What a notice about a flow needs to say: who, and the two branches; read inside the transition's transaction. */
  async findNoticeFacts(manager: EntityManager, id: string): Promise<FlowNoticeFacts> {
    const rows: FlowNoticeFacts[] = await manager.query(
      `SELECT f.member_id AS "memberId", m.name_cipher AS "memberNameCipher",
              f.sending_branch_id AS "sendingBranchId", s.name AS "sendingBranchName",
              f.receiving_branch_id AS "receivingBranchId", r.name AS "receivingBranchName"
         FROM flows f
         JOIN members m ON m.id = f.member_id
         JOIN orgs s ON s.id = f.sending_branch_id
         LEFT JOIN orgs r ON r.id = f.receiving_branch_id
        WHERE f.id = $1`,
      [id],
    );
    return rows[0];
  }

  async insertTransition(manager: EntityManager, values: NewFlowTransition): Promise<void> {
    await manager.getRepository(FlowTransition).insert(values);
  }

  /** The history of one flow, oldest first, with who acted. */
  async findTransitions(flowId: string): Promise<FlowTransitionRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT t.id, t.flow_id, t.from_status, t.to_status, t.action, t.actor_account_id, t.reason, t.at,
              a.display_name AS "actorName"
         FROM flow_transitions t
         LEFT JOIN accounts a ON a.id = t.actor_account_id
        WHERE t.flow_id = $1
        ORDER BY t.at, t.id`,
      [flowId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      flowId: r.flow_id as string,
      fromStatus: (r.from_status as FlowStatus | null) ?? null,
      toStatus: r.to_status as FlowStatus,
      action: r.action as FlowAction,
      actorAccountId: (r.actor_account_id as string | null) ?? null,
      reason: (r.reason as string | null) ?? null,
      at: r.at as Date,
      actorName: (r.actorName as string | null) ?? null,
    }));
  }

  /** Flows the caller may list, newest first, keyset-paged on (created_at, id). */
  async list(f: FlowListFilter): Promise<FlowRow[]> {
    const params = new SqlParams();
    const p = (v: unknown) => params.add(v);
    const reach = [
      ...withinSubtrees('f.sending_path', f.sendingPaths, params),
      ...withinSubtrees('f.receiving_path', f.receivingPaths, params).map(
        (c) => `(f.status = ANY(${p(RECEIVING_VISIBLE_STATUSES)}) AND ${c})`,
      ),
    ];
    if (f.ownMemberId) reach.push(`f.member_id = ${p(f.ownMemberId)}`);
    if (reach.length === 0) return [];
    const where = [`(${reach.join(' OR ')})`];
    if (f.status) where.push(`f.status = ${p(f.status)}`);
    if (f.after) where.push(`(f.created_at, f.id) < (${p(f.after.sortAt)}::timestamptz, ${p(f.after.id)}::uuid)`);
    const rows: Record<string, unknown>[] = await this.db.query(
      `${SELECT_ROW} WHERE ${where.join(' AND ')} ORDER BY f.created_at DESC, f.id DESC LIMIT ${p(f.limit)}`,
      params.values,
    );
    return rows.map((r) => this.toRow(r));
  }

  async findMember(memberId: string): Promise<FlowMember | null> {
    const rows: FlowMember[] = await this.db.query(
      `SELECT id, branch_id AS "branchId", branch_path AS "branchPath" FROM members WHERE id = $1`,
      [memberId],
    );
    return rows[0] ?? null;
  }

  /** A member by exact name and ID number, both through their blind indexes. */
  async findMemberByIdentity(nameIndex: string, idNumberIndex: string): Promise<FlowMember | null> {
    const rows: FlowMember[] = await this.db.query(
      `SELECT id, branch_id AS "branchId", branch_path AS "branchPath"
         FROM members WHERE id_number_index = $1 AND name_index = $2`,
      [idNumberIndex, nameIndex],
    );
    return rows[0] ?? null;
  }

  /** A new version of the outflow report: round 1 on the first report, one more on each resubmission. */
  async insertReportVersion(
    manager: EntityManager,
    flowId: string,
    facts: ReportVersionFacts,
    submittedBy: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO flow_report_versions
         (flow_id, round, destination_region_code, destination_address_cipher, industry, occupation, employer,
          expected_from, expected_until, contact_phone_cipher, contact_note_cipher, submitted_by, submitted_at)
       SELECT $1, COALESCE(max(round), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
         FROM flow_report_versions WHERE flow_id = $1`,
      [
        flowId,
        facts.destinationRegionCode,
        facts.destinationAddressCipher,
        facts.industry,
        facts.occupation,
        facts.employer,
        facts.expectedFrom,
        facts.expectedUntil,
        facts.contactPhoneCipher,
        facts.contactNoteCipher,
        submittedBy,
        at,
      ],
    );
  }

  /** The branch's answer to the latest version still waiting for one. */
  async reviewLatestVersion(
    manager: EntityManager,
    flowId: string,
    review: { action: ReportReviewAction; comment: string | null; by: string; at: Date },
  ): Promise<void> {
    await manager.query(
      `UPDATE flow_report_versions SET review_action = $2, review_comment = $3, reviewed_by = $4, reviewed_at = $5
        WHERE flow_id = $1 AND review_action IS NULL
          AND round = (SELECT max(round) FROM flow_report_versions WHERE flow_id = $1)`,
      [flowId, review.action, review.comment, review.by, review.at],
    );
  }

  /** Every version of a flow's outflow report, first first, with who submitted and who answered. */
  async findReportVersions(flowId: string): Promise<ReportVersionRow[]> {
    return this.db.query(
      `SELECT v.round, v.destination_region_code AS "destinationRegionCode",
              v.destination_address_cipher AS "destinationAddressCipher", v.industry, v.occupation, v.employer,
              to_char(v.expected_from, 'YYYY-MM-DD') AS "expectedFrom",
              to_char(v.expected_until, 'YYYY-MM-DD') AS "expectedUntil",
              v.contact_phone_cipher AS "contactPhoneCipher", v.contact_note_cipher AS "contactNoteCipher",
              s.display_name AS "submittedByName", v.submitted_at AS "submittedAt",
              v.review_action AS "reviewAction", v.review_comment AS "reviewComment",
              r.display_name AS "reviewedByName", v.reviewed_at AS "reviewedAt"
         FROM flow_report_versions v
         LEFT JOIN accounts s ON s.id = v.submitted_by
         LEFT JOIN accounts r ON r.id = v.reviewed_by
        WHERE v.flow_id = $1
        ORDER BY v.round`,
      [flowId],
    );
  }

  /** What the branch asked to change on the latest version, if it asked. */
  async findChangesRequested(flowId: string): Promise<{ comment: string | null; at: Date } | null> {
    const rows: { comment: string | null; at: Date }[] = await this.db.query(
      `SELECT review_comment AS comment, reviewed_at AS at FROM flow_report_versions
        WHERE flow_id = $1 AND review_action = 'request_changes'
        ORDER BY round DESC LIMIT 1`,
      [flowId],
    );
    return rows[0] ?? null;
  }

  /** The report's facts replaced by a resubmission. */
  async applyReportFacts(manager: EntityManager, id: string, facts: ReportVersionFacts): Promise<void> {
    await manager.query(
      `UPDATE flows SET destination_region_code = $2, destination_address_cipher = $3, industry = $4, occupation = $5,
              employer = $6, expected_from = $7, expected_until = $8, contact_phone_cipher = $9
        WHERE id = $1`,
      [
        id,
        facts.destinationRegionCode,
        facts.destinationAddressCipher,
        facts.industry,
        facts.occupation,
        facts.employer,
        facts.expectedFrom,
        facts.expectedUntil,
        facts.contactPhoneCipher,
      ],
    );
  }

  /** Issues a certificate number on the first approval; a flow that has one keeps it. */
  async issueCertificate(manager: EntityManager, id: string, year: number): Promise<void> {
    await manager.query(
      `UPDATE flows
          SET certificate_no = 'LD-' || $2::text || '-' ||
              (SELECT lpad(n::text, greatest(7, length(n::text)), '0') FROM nextval('flow_certificate_serial') AS n)
        WHERE id = $1 AND certificate_no IS NULL`,
      [id, String(year)],
    );
  }

  /** The orgs above a branch from the root down, for the certificate's trail. */
  async findTrailNames(path: string): Promise<string[]> {
    const ids = path.split('/').filter(Boolean);
    const rows: { name: string }[] = await this.db.query(
      `SELECT o.name FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n) JOIN orgs o ON o.id = p.id ORDER BY p.n`,
      [ids],
    );
    return rows.map((r) => r.name);
  }

  private toRow(raw: Record<string, unknown>): FlowRow {
    const columns = this.db.getMetadata(Flow).columns;
    const entity = this.db
      .getRepository(Flow)
      .create(
        columns.reduce<Record<string, unknown>>((acc, c) => ({ ...acc, [c.propertyName]: raw[c.databaseName] }), {}),
      );
    return {
      ...entity,
      memberNameCipher: raw.memberNameCipher as string,
      memberPhoneCipher: (raw.memberPhoneCipher as string | null) ?? null,
      sendingBranchName: raw.sendingBranchName as string,
      receivingBranchName: (raw.receivingBranchName as string | null) ?? null,
      partyGroupName: (raw.partyGroupName as string | null) ?? null,
      sortAt: raw.sortAt as string,
    };
  }
}
