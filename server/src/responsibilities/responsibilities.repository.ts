import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  FlowStatus,
  ResponsibilitySide,
  ResponsibilityTemplateItem,
  ResponsibilityTemplateView,
} from '@pioneer/shared';
import type { DataSource } from 'typeorm';
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

/** Responsibility templates and their per-flow instances: the only code that reads or writes those tables. */
@Injectable()
export class ResponsibilitiesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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

  async findFlow(flowId: string): Promise<FlowPlacement | null> {
    const rows: FlowPlacement[] = await this.db.query(
      `SELECT id, member_id AS "memberId", sending_path AS "sendingPath", receiving_path AS "receivingPath", status
         FROM flows WHERE id = $1`,
      [flowId],
    );
    return rows[0] ?? null;
  }

  /** Copies every item of the list in effect for `sendingPath` onto the flow, skipping those it already has. */
  async instantiate(flowId: string, sendingPath: string): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `WITH effective AS (${EFFECTIVE})
       INSERT INTO flow_responsibilities (flow_id, template_id, side, title, cadence, position)
       SELECT $2, e.id, e.side, e.title, e.cadence, e.position FROM effective e
       ON CONFLICT ON CONSTRAINT flow_responsibilities_once DO NOTHING
       RETURNING id`,
      [pathIds(sendingPath), flowId],
    );
    return rows.length;
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
