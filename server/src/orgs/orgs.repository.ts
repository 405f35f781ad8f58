import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { subtreeRange } from '../common/scope/scope.js';
import { Org } from './org.entity.js';

export type NewOrg = Omit<Org, 'id' | 'path' | 'depth' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class OrgsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById(id: string): Promise<Org | null> {
    return this.db.getRepository(Org).findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<Org[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.getRepository(Org).createQueryBuilder('o').where('o.id = ANY(:ids)', { ids }).getMany();
  }

  /** The org and every ancestor, root first: the ids are in its path. */
  async findTrail(org: Org): Promise<Org[]> {
    const ids = org.path.split('/').filter(Boolean);
    const rows = await this.findByIds(ids);
    return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is Org => r !== undefined);
  }

  findChildren(parentId: string, limit: number, afterName?: string): Promise<Org[]> {
    const qb = this.db
      .getRepository(Org)
      .createQueryBuilder('o')
      .where('o.parent_id = :parentId', { parentId })
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit);
    if (afterName) qb.andWhere('o.name > :afterName', { afterName });
    return qb.getMany();
  }

  countSubtree(path: string): Promise<number> {
    const { from, to } = subtreeRange(path);
    return this.db
      .getRepository(Org)
      .createQueryBuilder('o')
      .where('o.path >= :from AND o.path < :to', { from, to })
      .getCount();
  }

  /** Inserts an org below its parent (or as a root), computing its path from its own new id. */
  async insert(values: NewOrg, parent: Org | null, manager?: EntityManager): Promise<Org> {
    const repo = (manager ?? this.db.manager).getRepository(Org);
    const rows: { id: string }[] = await repo.query('SELECT gen_random_uuid() AS id');
    const id = rows[0].id;
    const org = repo.create({
      ...values,
      id,
      path: `${parent ? parent.path : '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
    });
    return repo.save(org);
  }
}
