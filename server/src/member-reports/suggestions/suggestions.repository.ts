import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SuggestionCategory, SuggestionImageType, SuggestionStatus } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParams, withinSubtrees } from '../../common/scope/scope-sql.js';

export interface SuggestionRow {
  id: string;
  memberId: string;
  branchId: string;
  branchPath: string;
  branchName: string;
  memberNameCipher: string;
  category: SuggestionCategory;
  title: string;
  textCipher: string;
  status: SuggestionStatus;
  clientKey: string;
  replyCipher: string | null;
  repliedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  imageIds: string[];
  sortAt: string;
}

export interface SuggestionFilter {
  paths?: string[];
  memberId?: string;
  status?: SuggestionStatus;
  category?: SuggestionCategory;
  after?: { at: string; id: string };
  limit: number;
}

const SELECT_ROW = `
  SELECT s.id, s.member_id AS "memberId", s.branch_id AS "branchId", s.branch_path AS "branchPath",
         o.name AS "branchName", m.name_cipher AS "memberNameCipher", s.category, s.title,
         s.text_cipher AS "textCipher", s.status, s.client_key AS "clientKey", s.reply_cipher AS "replyCipher",
         s.replied_at AS "repliedAt", s.created_at AS "createdAt", s.updated_at AS "updatedAt",
         ARRAY(SELECT i.id FROM suggestion_images i WHERE i.suggestion_id = s.id ORDER BY i.position) AS "imageIds",
         to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt"
    FROM suggestions s
    JOIN members m ON m.id = s.member_id
    JOIN orgs o ON o.id = s.branch_id`;

/** suggestions and suggestion_images. */
@Injectable()
export class SuggestionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  async insertImage(memberId: string, contentType: SuggestionImageType, bytes: Buffer): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO suggestion_images (member_id, content_type, bytes) VALUES ($1, $2, $3) RETURNING id`,
      [memberId, contentType, bytes],
    );
    return rows[0].id;
  }

  /** Pictures a member uploaded but has not sent yet, in the last day (a cap on what one phone may park here). */
  async countRecentUnattached(memberId: string, since: Date): Promise<number> {
    const rows: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM suggestion_images WHERE member_id = $1 AND suggestion_id IS NULL AND created_at >= $2`,
      [memberId, since],
    );
    return rows[0].n;
  }

  /** Deletes up to `limit` pictures uploaded before `before` and never attached; answers how many. */
  async deleteUnattachedBefore(before: Date, limit: number): Promise<number> {
    const [, n]: [unknown, number] = await this.db.query(
      `DELETE FROM suggestion_images WHERE id IN (
         SELECT id FROM suggestion_images WHERE suggestion_id IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2)`,
      [before, limit],
    );
    return n;
  }

  /** Answers the new id, or null when this member already sent a suggestion with this client key. */
  async insert(
    m: EntityManager,
    v: {
      memberId: string;
      branchId: string;
      branchPath: string;
      category: SuggestionCategory;
      title: string;
      textCipher: string;
      clientKey: string;
    },
    at: Date,
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO suggestions (member_id, branch_id, branch_path, category, title, text_cipher, client_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (member_id, client_key) DO NOTHING RETURNING id`,
      [v.memberId, v.branchId, v.branchPath, v.category, v.title, v.textCipher, v.clientKey, at],
    );
    return rows[0]?.id ?? null;
  }

  async findIdByClientKey(memberId: string, clientKey: string, m?: EntityManager): Promise<string | null> {
    const rows: { id: string }[] = await (m ?? this.db).query(
      `SELECT id FROM suggestions WHERE member_id = $1 AND client_key = $2`,
      [memberId, clientKey],
    );
    return rows[0]?.id ?? null;
  }

  /** Attaches the member's own unsent pictures in the given order; answers how many were attached. */
  async attachImages(m: EntityManager, suggestionId: string, memberId: string, imageIds: string[]): Promise<number> {
    if (imageIds.length === 0) return 0;
    const [, n]: [unknown, number] = await m.query(
      `UPDATE suggestion_images i SET suggestion_id = $1, position = u.ord
         FROM unnest($3::uuid[]) WITH ORDINALITY AS u(id, ord)
        WHERE i.id = u.id AND i.member_id = $2 AND i.suggestion_id IS NULL`,
      [suggestionId, memberId, imageIds],
    );
    return n;
  }

  async findById(id: string, m?: EntityManager): Promise<SuggestionRow | null> {
    const rows: SuggestionRow[] = await (m ?? this.db).query(`${SELECT_ROW} WHERE s.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** A member's own (by memberId) or those sent to branches within subtrees (by paths), newest first. */
  async list(f: SuggestionFilter): Promise<SuggestionRow[]> {
    const params = new SqlParams();
    const where: string[] = [];
    if (f.memberId) where.push(`s.member_id = ${params.add(f.memberId)}`);
    if (f.paths) {
      const inScope = withinSubtrees('s.branch_path', f.paths, params);
      if (inScope.length === 0) return [];
      where.push(`(${inScope.join(' OR ')})`);
    }
    if (f.status) where.push(`s.status = ${params.add(f.status)}`);
    if (f.category) where.push(`s.category = ${params.add(f.category)}`);
    if (f.after) {
      where.push(`(s.created_at, s.id) < (${params.add(f.after.at)}::timestamptz, ${params.add(f.after.id)}::uuid)`);
    }
    if (where.length === 0) return [];
    return this.db.query(
      `${SELECT_ROW} WHERE ${where.join(' AND ')} ORDER BY s.created_at DESC, s.id DESC LIMIT ${params.add(f.limit)}`,
      params.values,
    );
  }

  /** Moves the status, only from the one the caller saw (a concurrent change answers false). */
  async move(
    m: EntityManager,
    id: string,
    from: SuggestionStatus,
    to: SuggestionStatus,
    reply: { cipher: string; accountId: string } | null,
    at: Date,
  ): Promise<boolean> {
    const [, n]: [unknown, number] = await m.query(
      `UPDATE suggestions
          SET status = $3, updated_at = $4,
              reply_cipher = COALESCE($5, reply_cipher),
              replied_at = CASE WHEN $5::text IS NULL THEN replied_at ELSE $4 END,
              replied_by = COALESCE($6, replied_by)
        WHERE id = $1 AND status = $2`,
      [id, from, to, at, reply?.cipher ?? null, reply?.accountId ?? null],
    );
    return n > 0;
  }

  async findImage(
    suggestionId: string,
    imageId: string,
  ): Promise<{ contentType: SuggestionImageType; bytes: Buffer } | null> {
    const rows: { contentType: SuggestionImageType; bytes: Buffer }[] = await this.db.query(
      `SELECT content_type AS "contentType", bytes FROM suggestion_images WHERE id = $1 AND suggestion_id = $2`,
      [imageId, suggestionId],
    );
    return rows[0] ?? null;
  }
}
