import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  FlowStatus,
  ResponsibilityListSource,
  ResponsibilitySide,
  ResponsibilityTemplateItem,
  ResponsibilityTemplateView,
} from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { FlowResponsibility } from './flow-responsibility.entity.js';
import { ResponsibilityTemplate } from './responsibility-template.entity.js';

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
  ): Promise<{ created: number; source: ResponsibilityListSource }> {
    const rows: { created: number; agreementId: string | null; ownerOrgId: string | null }[] = await this.db.query(
      `WITH ${FLOW_SOURCE},
       inserted AS (
         INSERT INTO flow_responsibilities (flow_id, template_id, side, title, cadence, position)
         SELECT $3, s.id, s.side, s.title, s.cadence, s.position FROM source s
         ON CONFLICT ON CONSTRAINT flow_responsibilities_once DO NOTHING
         RETURNING id)
       SELECT (SELECT count(*)::int FROM inserted) AS created,
              (SELECT s."agreementId" FROM source s LIMIT 1) AS "agreementId",
              (SELECT s."ownerOrgId" FROM source s LIMIT 1) AS "ownerOrgId"`,
      [pathIds(sendingPath), agreementIds, flowId],
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
}
