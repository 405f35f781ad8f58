import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AgreementStatus } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParams, withinSubtrees } from '../common/scope/scope-sql.js';
import { Agreement } from './agreement.entity.js';

export type NewAgreement = Pick<
  Agreement,
  'sendingOrgId' | 'receivingOrgId' | 'title' | 'startsOn' | 'endsOn' | 'scopeNote' | 'createdBy'
>;

/** An agreement with its parties' names and subtree paths. */
export interface AgreementRow {
  id: string;
  sendingOrgId: string;
  sendingOrgName: string;
  sendingOrgPath: string;
  receivingOrgId: string;
  receivingOrgName: string;
  receivingOrgPath: string;
  title: string;
  startsOn: string;
  endsOn: string | null;
  scopeNote: string | null;
  status: AgreementStatus;
  createdAt: Date;
}

const SELECT_ROW = `
  SELECT a.id, a.title, a.starts_on::text AS "startsOn", a.ends_on::text AS "endsOn", a.scope_note AS "scopeNote",
         a.status, a.created_at AS "createdAt",
         s.id AS "sendingOrgId", s.name AS "sendingOrgName", s.path AS "sendingOrgPath",
         r.id AS "receivingOrgId", r.name AS "receivingOrgName", r.path AS "receivingOrgPath"
    FROM co_management_agreements a
    JOIN orgs s ON s.id = a.sending_org_id
    JOIN orgs r ON r.id = a.receiving_org_id`;

/** Every ancestor path of a subtree path, itself included: `/a/b/` → `/a/`, `/a/b/`. */
export function ancestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** Co-management agreements: the only code that reads or writes co_management_agreements. */
@Injectable()
export class AgreementsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One unit of work, READ COMMITTED (the audit chain requires it). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  async insert(manager: EntityManager, values: NewAgreement): Promise<string> {
    const repo = manager.getRepository(Agreement);
    const saved = await repo.save(repo.create(values));
    return saved.id;
  }

  async findRowById(id: string): Promise<AgreementRow | null> {
    const rows: AgreementRow[] = await this.db.query(`${SELECT_ROW} WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * Agreements where either party's subtree meets one of `paths`: the party is
   * within a path (range scan), or is one of its ancestors (exact path match).
   * `null` paths: every agreement (system admin).
   */
  async list(paths: string[] | null): Promise<AgreementRow[]> {
    const params = new SqlParams();
    let where = 'TRUE';
    if (paths !== null) {
      if (paths.length === 0) return [];
      const reach: string[] = [];
      for (const org of ['s', 'r']) {
        reach.push(...withinSubtrees(`${org}.path`, paths, params));
        reach.push(`${org}.path = ANY(${params.add(paths.flatMap(ancestorPaths))})`);
      }
      where = reach.join(' OR ');
    }
    return this.db.query(`${SELECT_ROW} WHERE ${where} ORDER BY a.created_at DESC, a.id DESC`, params.values);
  }

  /** Agreements whose sending party is an ancestor of `sendingPath` and receiving party one of `receivingPath`. */
  findCovering(sendingPath: string, receivingPath: string): Promise<AgreementRow[]> {
    return this.db.query(`${SELECT_ROW} WHERE s.path = ANY($1) AND r.path = ANY($2) ORDER BY a.starts_on, a.id`, [
      ancestorPaths(sendingPath),
      ancestorPaths(receivingPath),
    ]);
  }

  /** Ends an active agreement; false when it was already ended (or is gone). */
  async end(manager: EntityManager, id: string, accountId: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Agreement)
      .set({ status: 'ended', endedBy: accountId, endedAt: () => 'now()' })
      .where(`id = :id AND status = 'active'`, { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
