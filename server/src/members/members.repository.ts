import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParams, withinSubtrees } from '../common/scope/scope-sql.js';
import { Member } from './member.entity.js';

export type NewMember = Omit<Member, 'id' | 'createdAt' | 'updatedAt'>;

/** A member with where they stand: their branch and, if away, the receiving branch of their open flow. */
export interface MemberRow extends Member {
  branchName: string;
  flowId: string | null;
  flowStatus: string | null;
  receivingPath: string | null;
  receivingBranchName: string | null;
}

export interface MemberListFilter {
  /** Subtrees where the caller is the sending side. */
  sendingPaths: string[];
  /** Subtrees where the caller is the receiving side. */
  receivingPaths: string[];
  nameIndex?: string;
  phoneIndex?: string;
  idNumberIndex?: string;
  afterId?: string;
  limit: number;
}

const OPEN = `('found', 'reported', 'approved', 'arrived', 'active', 'changes_requested')`;

const SELECT_ROW = `
  SELECT m.*, o.name AS "branchName", f.id AS "flowId", f.status AS "flowStatus",
         CASE WHEN f.status IN ('found', 'arrived', 'active') THEN f.receiving_path END AS "receivingPath",
         r.name AS "receivingBranchName"
    FROM members m
    JOIN orgs o ON o.id = m.branch_id
    LEFT JOIN flows f ON f.member_id = m.id AND f.status IN ${OPEN}
    LEFT JOIN orgs r ON r.id = f.receiving_branch_id`;

function toRow(raw: Record<string, unknown>, db: DataSource): MemberRow {
  const entity = db
    .getRepository(Member)
    .create(
      db
        .getMetadata(Member)
        .columns.reduce<Record<string, unknown>>((acc, c) => ({ ...acc, [c.propertyName]: raw[c.databaseName] }), {}),
    );
  return {
    ...entity,
    branchName: raw.branchName as string,
    flowId: (raw.flowId as string | null) ?? null,
    flowStatus: (raw.flowStatus as string | null) ?? null,
    receivingPath: (raw.receivingPath as string | null) ?? null,
    receivingBranchName: (raw.receivingBranchName as string | null) ?? null,
  };
}

@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(values: NewMember, manager?: EntityManager): Promise<Member> {
    const repo = (manager ?? this.db.manager).getRepository(Member);
    return repo.save(repo.create(values));
  }

  async findRowById(id: string): Promise<MemberRow | null> {
    const rows: Record<string, unknown>[] = await this.db.query(`${SELECT_ROW} WHERE m.id = $1`, [id]);
    return rows[0] ? toRow(rows[0], this.db) : null;
  }

  /**
   * Moves a member's membership (组织关系) to another branch inside the
   * caller's transaction; answers where it was held before, or null when the
   * member does not exist. The row stays locked until the transaction ends.
   */
  async moveToBranch(
    manager: EntityManager,
    id: string,
    to: { branchId: string; branchPath: string },
  ): Promise<{ branchId: string; branchPath: string } | null> {
    const before: { branchId: string; branchPath: string }[] = await manager.query(
      `SELECT branch_id AS "branchId", branch_path AS "branchPath" FROM members WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!before[0]) return null;
    await manager.query(`UPDATE members SET branch_id = $2, branch_path = $3, updated_at = now() WHERE id = $1`, [
      id,
      to.branchId,
      to.branchPath,
    ]);
    return before[0];
  }

  /** Marks whether the member has a smartphone (study packs go by mail to those without); answers the value stored. */
  async setNoSmartphone(id: string, noSmartphone: boolean): Promise<boolean> {
    const [rows]: [{ noSmartphone: boolean }[], number] = await this.db.query(
      `UPDATE members SET no_smartphone = $2, updated_at = now() WHERE id = $1 RETURNING no_smartphone AS "noSmartphone"`,
      [id, noSmartphone],
    );
    return rows[0].noSmartphone;
  }

  findById(id: string): Promise<Member | null> {
    return this.db.getRepository(Member).findOneBy({ id });
  }

  findByIdNumberIndex(idNumberIndex: string): Promise<Member | null> {
    return this.db.getRepository(Member).findOneBy({ idNumberIndex });
  }

  /** Candidates for WeChat binding: exact name (blind index) and phone or name+ID-last-6 (blind index). */
  findForBinding(nameIndex: string, match: { phoneIndex?: string; nameId6Index?: string }): Promise<Member[]> {
    const qb = this.db.getRepository(Member).createQueryBuilder('m').where('m.name_index = :nameIndex', { nameIndex });
    if (match.phoneIndex) qb.andWhere('m.phone_index = :phoneIndex', { phoneIndex: match.phoneIndex });
    else qb.andWhere('m.name_id6_index = :nameId6Index', { nameId6Index: match.nameId6Index });
    return qb.limit(2).getMany();
  }

  /**
   * Members the caller may list: membership in a sending subtree, or an open
   * flow received in a receiving subtree. Keyset pagination by id.
   */
  async list(f: MemberListFilter): Promise<MemberRow[]> {
    const params = new SqlParams();
    const p = (v: unknown) => params.add(v);
    const reach = [
      ...withinSubtrees('m.branch_path', f.sendingPaths, params),
      ...withinSubtrees('f.receiving_path', f.receivingPaths, params).map(
        (c) => `(f.status IN ('found', 'arrived', 'active') AND ${c})`,
      ),
    ];
    if (reach.length === 0) return [];
    const where = [`(${reach.join(' OR ')})`];
    if (f.nameIndex) where.push(`m.name_index = ${p(f.nameIndex)}`);
    if (f.phoneIndex) where.push(`m.phone_index = ${p(f.phoneIndex)}`);
    if (f.idNumberIndex) where.push(`m.id_number_index = ${p(f.idNumberIndex)}`);
    if (f.afterId) where.push(`m.id > ${p(f.afterId)}`);
    const rows: Record<string, unknown>[] = await this.db.query(
      `${SELECT_ROW} WHERE ${where.join(' AND ')} ORDER BY m.id LIMIT ${p(f.limit)}`,
      params.values,
    );
    return rows.map((r) => toRow(r, this.db));
  }
}
