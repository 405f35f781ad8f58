import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  FlowStatus,
  ResponsibilityCadence,
  ResponsibilityListSource,
  ResponsibilityProgressRow,
  ResponsibilitySide,
  ResponsibilityTemplateItem,
  ResponsibilityTemplateView,
} from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { FlowResponsibility } from './flow-responsibility.entity.js';
import { ResponsibilityTemplate } from './responsibility-template.entity.js';

/** An item with the flow it belongs to, locked for marking. */
export interface ItemForMark {
  id: string;
  flowId: string;
  side: ResponsibilitySide;
  cadence: ResponsibilityCadence;
  status: 'open' | 'done';
  dueOn: string | null;
  title: string;
  memberId: string;
  sendingPath: string;
  receivingPath: string | null;
  flowStatus: FlowStatus;
}

export interface RecordRow {
  responsibilityId: string;
  dueOn: string | null;
  evidenceCipher: string;
  doneAt: Date;
  doneByName: string | null;
}

/** An overdue item the sweep is about to escalate, with whom to tell. */
export interface OverdueItem {
  id: string;
  flowId: string;
  side: ResponsibilitySide;
  title: string;
  dueOn: string;
  memberId: string;
  memberNameCipher: string;
  sendingBranchId: string;
  receivingBranchId: string | null;
  /** The org above the responsible branch (for the member's own items: the sending branch). */
  supervisorOrgId: string | null;
}

export interface EffectiveList {
  ownerOrgId: string | null;
  ownerOrgName: string | null;
  items: ResponsibilityTemplateView[];
}

/** What the responsibilities need of a flow: who it belongs to and where it is sent from and received. */
export interface FlowPlacement {
  id: string;
  memberId: string;
  sendingPath: string;
  receivingPath: string | null;
  status: FlowStatus;
}

/** The ids of an org and all its ancestors: they are the segments of its path. */
function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * The effective list for the org whose path is $1's ids: the items of the
 * deepest ancestor (or the org itself) that owns an active list, or else the
 * built-in defaults (org_id NULL). One query over the path's ids, no loop.
 */
const EFFECTIVE = `
  WITH owner AS (
    SELECT o.id, o.name FROM orgs o
     WHERE o.id = ANY($1::uuid[])
       AND EXISTS (SELECT 1 FROM responsibility_templates x
                    WHERE x.org_id = o.id AND x.active AND x.agreement_id IS NULL)
     ORDER BY o.depth DESC
     LIMIT 1)
  SELECT t.id, t.side, t.title, t.cadence, t.position, owner.id AS "ownerOrgId", owner.name AS "ownerOrgName"
    FROM responsibility_templates t
    LEFT JOIN owner ON TRUE
   WHERE t.active AND t.agreement_id IS NULL
     AND (t.org_id = owner.id OR (owner.id IS NULL AND t.org_id IS NULL))`;

/**
 * The list a flow gets, as rows to copy: the items of the first agreement in
 * $2 (ids, governing one first) that has a list of its own, or else the
 * effective list of the sending branch ($1, as in EFFECTIVE).
 */
const FLOW_SOURCE = `
  chosen AS (
    SELECT g.id FROM unnest($2::uuid[]) WITH ORDINALITY AS g (id, n)
     WHERE EXISTS (SELECT 1 FROM responsibility_templates x WHERE x.agreement_id = g.id AND x.active)
     ORDER BY g.n
     LIMIT 1),
  effective AS (${EFFECTIVE}),
  source AS (
    SELECT t.id, t.side, t.title, t.cadence, t.position, t.agreement_id AS "agreementId", NULL::uuid AS "ownerOrgId"
      FROM responsibility_templates t JOIN chosen c ON t.agreement_id = c.id
     WHERE t.active
    UNION ALL
    SELECT e.id, e.side, e.title, e.cadence, e.position, NULL::uuid, e."ownerOrgId"
      FROM effective e
     WHERE NOT EXISTS (SELECT 1 FROM chosen))`;

/** Responsibility templates and their per-flow instances: the only code that reads or writes those tables. */
@Injectable()
export class ResponsibilitiesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One unit of work, READ COMMITTED (the audit chain requires it). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  async findEffective(orgPath: string): Promise<EffectiveList> {
    const rows: (ResponsibilityTemplateView & { ownerOrgId: string | null; ownerOrgName: string | null })[] =
      await this.db.query(`${EFFECTIVE} ORDER BY t.position, t.id`, [pathIds(orgPath)]);
    return {
      ownerOrgId: rows[0]?.ownerOrgId ?? null,
      ownerOrgName: rows[0]?.ownerOrgName ?? null,
      items: rows.map((r) => ({ id: r.id, side: r.side, title: r.title, cadence: r.cadence, position: r.position })),
    };
  }

  /** Retires an org's own list and puts `items` in its place, in order. Retired items stay for flows that copied them. */
  async replace(orgId: string, items: ResponsibilityTemplateItem[]): Promise<void> {
    await this.db.transaction(async (m) => {
      await m
        .createQueryBuilder()
        .update(ResponsibilityTemplate)
        .set({ active: false })
        .where('org_id = :orgId AND agreement_id IS NULL AND active', { orgId })
        .execute();
      await m.getRepository(ResponsibilityTemplate).insert(
        items.map((item, i) => ({
          orgId,
          agreementId: null,
          side: item.side,
          title: item.title,
          cadence: item.cadence,
          position: i + 1,
          active: true,
        })),
      );
    });
  }

  /** An agreement's own active items, in order; empty when it has no list of its own. */
  findAgreementItems(agreementId: string): Promise<ResponsibilityTemplateView[]> {
    return this.db.query(
      `SELECT id, side, title, cadence, position FROM responsibility_templates
        WHERE agreement_id = $1 AND active
        ORDER BY position, id`,
      [agreementId],
    );
  }

  /**
   * Retires an agreement's own list and puts `items` in its place, in the
   * caller's transaction; answers how many items were retired. Retired items
   * stay for flows that copied them.
   */
  async replaceForAgreement(
    manager: EntityManager,
    agreementId: string,
    items: ResponsibilityTemplateItem[],
  ): Promise<number> {
    const retired = await manager
      .createQueryBuilder()
      .update(ResponsibilityTemplate)
      .set({ active: false })
      .where('agreement_id = :agreementId AND active', { agreementId })
      .execute();
    if (items.length > 0) {
      await manager.getRepository(ResponsibilityTemplate).insert(
        items.map((item, i) => ({
          orgId: null,
          agreementId,
          side: item.side,
          title: item.title,
          cadence: item.cadence,
          position: i + 1,
          active: true,
        })),
      );
    }
    return retired.affected ?? 0;
  }

  async findFlow(flowId: string): Promise<FlowPlacement | null> {
    const rows: FlowPlacement[] = await this.db.query(
      `SELECT id, member_id AS "memberId", sending_path AS "sendingPath", receiving_path AS "receivingPath", status
         FROM flows WHERE id = $1`,
      [flowId],
    );
    return rows[0] ?? null;
  }

  /**
   * Copies every item of the flow's list onto it, skipping those it already
   * has, in one statement: the list of the first of `agreementIds` (governing
   * first) that has one, else the list in effect for `sendingPath`.
   */
  async instantiate(
    flowId: string,
    sendingPath: string,
    agreementIds: string[],
    dueOnByCadence: Record<ResponsibilityCadence, string>,
    manager: EntityManager | DataSource = this.db,
  ): Promise<{ created: number; source: ResponsibilityListSource }> {
    const rows: { created: number; agreementId: string | null; ownerOrgId: string | null }[] = await manager.query(
      `WITH ${FLOW_SOURCE},
       inserted AS (
         INSERT INTO flow_responsibilities (flow_id, template_id, side, title, cadence, position, due_on)
         SELECT $3, s.id, s.side, s.title, s.cadence, s.position, ($4::jsonb ->> s.cadence)::date FROM source s
         ON CONFLICT ON CONSTRAINT flow_responsibilities_once DO NOTHING
         RETURNING id)
       SELECT (SELECT count(*)::int FROM inserted) AS created,
              (SELECT s."agreementId" FROM source s LIMIT 1) AS "agreementId",
              (SELECT s."ownerOrgId" FROM source s LIMIT 1) AS "ownerOrgId"`,
      [pathIds(sendingPath), agreementIds, flowId, JSON.stringify(dueOnByCadence)],
    );
    const row = rows[0];
    return { created: row.created, source: { agreementId: row.agreementId, ownerOrgId: row.ownerOrgId } };
  }

  findForFlow(flowId: string, sides: readonly ResponsibilitySide[]): Promise<FlowResponsibility[]> {
    return this.db
      .getRepository(FlowResponsibility)
      .createQueryBuilder('r')
      .where('r.flow_id = :flowId AND r.side IN (:...sides)', { flowId, sides })
      .orderBy('r.position', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }

  /** The flow's items in list order, for the view. */
  findItemsForFlow(flowId: string, sides: readonly ResponsibilitySide[]): Promise<FlowResponsibility[]> {
    return this.findForFlow(flowId, sides);
  }

  /** The flow an item belongs to, for reading a list from one of its items (an inbox to-do names the item). */
  async findFlowOfItem(itemId: string): Promise<string | null> {
    const rows: { flowId: string }[] = await this.db.query(
      `SELECT flow_id AS "flowId" FROM flow_responsibilities WHERE id = $1`,
      [itemId],
    );
    return rows[0]?.flowId ?? null;
  }

  /** One item and its flow, the item's row locked until the caller's transaction ends. */
  async lockItem(m: EntityManager, itemId: string): Promise<ItemForMark | null> {
    const rows: ItemForMark[] = await m.query(
      `SELECT r.id, r.flow_id AS "flowId", r.side, r.cadence, r.status, to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn",
              r.title, f.member_id AS "memberId", f.sending_path AS "sendingPath",
              f.receiving_path AS "receivingPath", f.status AS "flowStatus"
         FROM flow_responsibilities r JOIN flows f ON f.id = r.flow_id
        WHERE r.id = $1
        FOR UPDATE OF r`,
      [itemId],
    );
    return rows[0] ?? null;
  }

  /** Records one completion and moves the item on: done for good (one-off) or due again on `nextDueOn`. */
  async recordDone(
    m: EntityManager,
    item: ItemForMark,
    done: { evidenceCipher: string; by: string; at: Date; nextDueOn: string | null },
  ): Promise<void> {
    await m.query(
      `INSERT INTO flow_responsibility_records (responsibility_id, due_on, evidence_cipher, done_by, done_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [item.id, item.dueOn, done.evidenceCipher, done.by, done.at],
    );
    await m.query(
      `UPDATE flow_responsibilities
          SET status = $2, due_on = COALESCE($3::date, due_on), done_at = $4, done_by = $5,
              escalation_level = 0, escalated_at = NULL
        WHERE id = $1`,
      [item.id, done.nextDueOn === null ? 'done' : 'open', done.nextDueOn, done.at, done.by],
    );
  }

  /** The newest `perItem` records of each item, newest first. */
  async findRecords(itemIds: string[], perItem: number): Promise<RecordRow[]> {
    if (itemIds.length === 0) return [];
    return this.db.query(
      `SELECT x."responsibilityId", x."dueOn", x."evidenceCipher", x."doneAt", x."doneByName"
         FROM unnest($1::uuid[]) AS i (id)
         CROSS JOIN LATERAL (
           SELECT rec.responsibility_id AS "responsibilityId", to_char(rec.due_on, 'YYYY-MM-DD') AS "dueOn",
                  rec.evidence_cipher AS "evidenceCipher", rec.done_at AS "doneAt", a.display_name AS "doneByName"
             FROM flow_responsibility_records rec
             LEFT JOIN accounts a ON a.id = rec.done_by
            WHERE rec.responsibility_id = i.id
            ORDER BY rec.done_at DESC
            LIMIT $2) x
        ORDER BY x."doneAt" DESC`,
      [itemIds, perItem],
    );
  }

  /**
   * Active flows that have no list yet, after `afterId` in id order: the
   * sweep makes theirs, so every flow under dual management runs one.
   */
  findActiveFlowsWithoutList(afterId: string | null, limit: number): Promise<FlowPlacement[]> {
    return this.db.query(
      `SELECT f.id, f.member_id AS "memberId", f.sending_path AS "sendingPath",
              f.receiving_path AS "receivingPath", f.status
         FROM flows f
        WHERE f.status = 'active' AND ($1::uuid IS NULL OR f.id > $1)
          AND NOT EXISTS (SELECT 1 FROM flow_responsibilities r WHERE r.flow_id = f.id)
        ORDER BY f.id
        LIMIT $2`,
      [afterId, limit],
    );
  }

  /**
   * Claims up to `limit` open items of active flows that are due before
   * `dueBefore` and sit below `level`, raising them to `level` in the
   * caller's transaction (SKIP LOCKED: two sweeps never claim the same item),
   * and answers them with the people to tell.
   */
  async escalate(m: EntityManager, level: 1 | 2, dueBefore: string, at: Date, limit: number): Promise<OverdueItem[]> {
    return m.query(
      `WITH claimed AS (
         SELECT r.id FROM flow_responsibilities r
          WHERE r.status = 'open' AND r.escalation_level < $1 AND r.due_on < $2::date
            AND EXISTS (SELECT 1 FROM flows f WHERE f.id = r.flow_id AND f.status = 'active')
          ORDER BY r.due_on, r.id
          LIMIT $4
          FOR UPDATE OF r SKIP LOCKED),
       raised AS (
         UPDATE flow_responsibilities r SET escalation_level = $1, escalated_at = $3
           FROM claimed WHERE r.id = claimed.id
         RETURNING r.id, r.flow_id, r.side, r.title, r.due_on)
       SELECT raised.id, raised.flow_id AS "flowId", raised.side, raised.title,
              to_char(raised.due_on, 'YYYY-MM-DD') AS "dueOn", f.member_id AS "memberId",
              mem.name_cipher AS "memberNameCipher", f.sending_branch_id AS "sendingBranchId",
              f.receiving_branch_id AS "receivingBranchId",
              CASE raised.side WHEN 'member' THEN f.sending_branch_id
                               WHEN 'sending' THEN sb.parent_id
                               ELSE rb.parent_id END AS "supervisorOrgId"
         FROM raised
         JOIN flows f ON f.id = raised.flow_id
         JOIN members mem ON mem.id = f.member_id
         JOIN orgs sb ON sb.id = f.sending_branch_id
         LEFT JOIN orgs rb ON rb.id = f.receiving_branch_id
        ORDER BY raised.id`,
      [level, dueBefore, at, limit],
    );
  }

  /**
   * Per branch and list, the items of the flows sent from (sending and
   * member lists) or received in (receiving list) the subtree at `path`:
   * how many, how many done for their current period, how many overdue.
   * `periodEnds` is each cadence's current period end ('once': today).
   */
  progress(
    path: string,
    today: string,
    periodEnds: Record<ResponsibilityCadence, string>,
  ): Promise<ResponsibilityProgressRow[]> {
    const to = `${path}~`;
    return this.db.query(
      `WITH items AS (
         -- Two halves, each a range scan on its own path index (an OR of both would scan every active flow).
         SELECT f.sending_branch_id AS branch_id, r.side, r.flow_id, r.status, r.cadence, r.due_on
           FROM flows f JOIN flow_responsibilities r ON r.flow_id = f.id AND r.side <> 'receiving'
          WHERE f.status = 'active' AND f.sending_path >= $1 AND f.sending_path < $2
         UNION ALL
         SELECT f.receiving_branch_id, r.side, r.flow_id, r.status, r.cadence, r.due_on
           FROM flows f JOIN flow_responsibilities r ON r.flow_id = f.id AND r.side = 'receiving'
          WHERE f.status = 'active' AND f.receiving_path >= $1 AND f.receiving_path < $2)
       SELECT i.branch_id AS "branchId", o.name AS "branchName", i.side AS list,
              count(DISTINCT i.flow_id)::int AS flows, count(*)::int AS items,
              count(*) FILTER (WHERE i.status = 'done'
                                  OR (i.cadence <> 'once' AND i.due_on > ($4::jsonb ->> i.cadence)::date))::int AS done,
              count(*) FILTER (WHERE i.status = 'open' AND i.due_on < $3::date)::int AS overdue
         FROM items i JOIN orgs o ON o.id = i.branch_id
        GROUP BY i.branch_id, o.name, i.side
        ORDER BY o.name, i.branch_id, i.side`,
      [path, to, today, JSON.stringify(periodEnds)],
    );
  }
}
