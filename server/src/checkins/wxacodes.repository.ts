import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { subtreeRange } from '../common/scope/scope.js';

/**
 * First key of the advisory locks that make one branch's mini-program code
 * ("wxac" in ASCII); the second key is a hash of the branch and key version.
 * No other code may take a two-key advisory lock with this first key.
 */
const WXACODE_LOCK = 0x77786163;

export interface StoredWxacode {
  image: Buffer;
  contentType: string;
  createdAt: Date;
}

export interface NewWxacode {
  branchId: string;
  keyVersion: number;
  scene: string;
  image: Buffer;
  contentType: string;
}

export interface BranchToCode {
  id: string;
  name: string;
  path: string;
  /** Whether its code under the asked key version is already stored. */
  cached: boolean;
}

/** The cache of branches' WeChat mini-program codes (`branch_wxacodes`). */
@Injectable()
export class WxacodesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  /**
   * Holds, until the transaction ends, the right to make this branch's code
   * under this version: every process and request that wants it waits here,
   * and the first one's row is what the others read after.
   */
  async lockCodeMaking(manager: EntityManager, branchId: string, keyVersion: number): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [WXACODE_LOCK, `${branchId}:${keyVersion}`]);
  }

  async findCode(branchId: string, keyVersion: number, manager?: EntityManager): Promise<StoredWxacode | null> {
    const rows: StoredWxacode[] = await (manager ?? this.db).query(
      `SELECT image, content_type AS "contentType", created_at AS "createdAt"
         FROM branch_wxacodes WHERE branch_id = $1 AND key_version = $2`,
      [branchId, keyVersion],
    );
    return rows[0] ?? null;
  }

  /** Stores a code unless one is already there (made meanwhile elsewhere); answers whether this one was stored. */
  async insertCode(manager: EntityManager, code: NewWxacode): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO branch_wxacodes (branch_id, key_version, scene, image, content_type)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (branch_id, key_version) DO NOTHING
       RETURNING 1`,
      [code.branchId, code.keyVersion, code.scene, code.image, code.contentType],
    );
    return rows.length === 1;
  }

  /** How many branches the subtree under `path` (the org itself included) holds. */
  async countBranchesUnder(path: string): Promise<number> {
    const { from, to } = subtreeRange(path);
    const rows: { count: string }[] = await this.db.query(
      `SELECT count(*) AS count FROM orgs WHERE path >= $1 AND path < $2 AND level = 'branch'`,
      [from, to],
    );
    return Number(rows[0].count);
  }

  /**
   * The next branches of the subtree under `path` after `afterPath` (tree
   * order), each saying whether its code under `keyVersion` is stored.
   */
  async findBranchesUnder(
    path: string,
    keyVersion: number,
    afterPath: string | null,
    limit: number,
  ): Promise<BranchToCode[]> {
    const { from, to } = subtreeRange(path);
    return this.db.query(
      `SELECT o.id, o.name, o.path, (c.branch_id IS NOT NULL) AS cached
         FROM orgs o
         LEFT JOIN branch_wxacodes c ON c.branch_id = o.id AND c.key_version = $3
        WHERE o.path >= $1 AND o.path < $2 AND o.level = 'branch' AND o.path > $4
        ORDER BY o.path
        LIMIT $5`,
      [from, to, keyVersion, afterPath ?? '', limit],
    );
  }
}
