import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { InboxCategory, InboxKind } from '@pioneer/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParams } from '../common/scope/scope-sql.js';
import { InboxItem } from './inbox-item.entity.js';

export type NewInboxItem = Pick<
  InboxItem,
  | 'recipientOrgId'
  | 'recipientMemberId'
  | 'recipientAccountId'
  | 'category'
  | 'kind'
  | 'title'
  | 'bodyCipher'
  | 'subjectType'
  | 'subjectId'
>;

export interface InboxRow extends InboxItem {
  orgName: string | null;
}

export interface InboxFilter {
  orgIds: string[];
  memberId: string | null;
  accountId: string;
  category?: InboxCategory;
  pending?: boolean;
  after?: { createdAt: string; id: string };
  limit: number;
}

/** Who may open an item: staff of its branch, the member or the account it is addressed to. */
function recipients(filter: Pick<InboxFilter, 'orgIds' | 'memberId' | 'accountId'>, params: SqlParams): string {
  const or: string[] = [`i.recipient_account_id = ${params.add(filter.accountId)}`];
  if (filter.orgIds.length > 0) or.push(`i.recipient_org_id = ANY(${params.add(filter.orgIds)}::uuid[])`);
  if (filter.memberId) or.push(`i.recipient_member_id = ${params.add(filter.memberId)}`);
  return or.length > 0 ? `(${or.join(' OR ')})` : 'false';
}

const PENDING = `((i.category = 'notice' AND i.read_at IS NULL) OR (i.category = 'todo' AND i.done_at IS NULL))`;

@Injectable()
export class InboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insertMany(m: EntityManager, items: NewInboxItem[]): Promise<void> {
    if (items.length > 0) await m.getRepository(InboxItem).insert(items);
  }

  /**
   * Like insertMany, but an item that a partial unique index allows only
   * once (one open to-do of a kind per subject) is skipped when one is
   * already there. Answers how many were written.
   */
  async insertManyOnce(m: EntityManager, items: NewInboxItem[]): Promise<number> {
    if (items.length === 0) return 0;
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(InboxItem)
      .values(items)
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length;
  }

  /**
   * The same item to each of many members in one statement. A member who
   * already holds an item that a partial unique index allows only once (a
   * study pack's notice) is skipped. Answers how many items were written.
   */
  async insertForMembers(
    m: EntityManager,
    memberIds: string[],
    item: Omit<NewInboxItem, 'recipientOrgId' | 'recipientMemberId' | 'recipientAccountId'>,
  ): Promise<number> {
    if (memberIds.length === 0) return 0;
    const rows: { n: number }[] = await m.query(
      `WITH written AS (
         INSERT INTO inbox_items (recipient_member_id, category, kind, title, body_cipher, subject_type, subject_id)
         SELECT member_id, $2, $3, $4, $5, $6, $7 FROM unnest($1::uuid[]) AS member_id
         ON CONFLICT DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM written`,
      [memberIds, item.category, item.kind, item.title, item.bodyCipher, item.subjectType, item.subjectId],
    );
    return rows[0].n;
  }

  /** Marks open to-dos about a subject done, e.g. once an arrival is confirmed. */
  async completeTodos(m: EntityManager, subjectId: string, kinds: InboxKind[], at: Date): Promise<void> {
    await this.completeTodosOf(m, [subjectId], kinds, at);
  }

  /** The same for many subjects in one statement. */
  async completeTodosOf(m: EntityManager, subjectIds: string[], kinds: InboxKind[], at: Date): Promise<void> {
    if (subjectIds.length === 0) return;
    await m.query(
      `UPDATE inbox_items SET done_at = $3, read_at = COALESCE(read_at, $3)
        WHERE subject_id = ANY($1::uuid[]) AND kind = ANY($2::text[]) AND category = 'todo' AND done_at IS NULL`,
      [subjectIds, kinds, at],
    );
  }

  async list(filter: InboxFilter): Promise<InboxRow[]> {
    const params = new SqlParams();
    const where = [recipients(filter, params)];
    if (filter.category) where.push(`i.category = ${params.add(filter.category)}`);
    if (filter.pending) where.push(PENDING);
    if (filter.after) {
      where.push(
        `(i.created_at, i.id) < (${params.add(filter.after.createdAt)}::timestamptz, ${params.add(filter.after.id)}::uuid)`,
      );
    }
    const raw: Record<string, unknown>[] = await this.db.query(
      `SELECT i.*, o.name AS "orgName", to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt"
         FROM inbox_items i
         LEFT JOIN orgs o ON o.id = i.recipient_org_id
        WHERE ${where.join(' AND ')}
        ORDER BY i.created_at DESC, i.id DESC
        LIMIT ${params.add(filter.limit)}`,
      params.values,
    );
    return raw.map((r) => this.toRow(r));
  }

  async summary(
    filter: Pick<InboxFilter, 'orgIds' | 'memberId' | 'accountId'>,
  ): Promise<{ unreadNotices: number; openTodos: number }> {
    const params = new SqlParams();
    const [row]: { notices: string; todos: string }[] = await this.db.query(
      `SELECT count(*) FILTER (WHERE i.category = 'notice' AND i.read_at IS NULL) AS notices,
              count(*) FILTER (WHERE i.category = 'todo' AND i.done_at IS NULL) AS todos
         FROM inbox_items i
        WHERE ${recipients(filter, params)} AND ${PENDING}`,
      params.values,
    );
    return { unreadNotices: Number(row.notices), openTodos: Number(row.todos) };
  }

  /** Marks one item read, if the caller may open it; null when they may not (or it does not exist). */
  async markRead(
    id: string,
    filter: Pick<InboxFilter, 'orgIds' | 'memberId' | 'accountId'>,
    at: Date,
  ): Promise<InboxRow | null> {
    const params = new SqlParams();
    const idParam = params.add(id);
    const atParam = params.add(at);
    const [updated]: [Record<string, unknown>[], number] = await this.db.query(
      `UPDATE inbox_items i SET read_at = COALESCE(i.read_at, ${atParam})
        WHERE i.id = ${idParam} AND ${recipients(filter, params)}
        RETURNING i.id`,
      params.values,
    );
    if (updated.length === 0) return null;
    const raw: Record<string, unknown>[] = await this.db.query(
      `SELECT i.*, o.name AS "orgName" FROM inbox_items i LEFT JOIN orgs o ON o.id = i.recipient_org_id WHERE i.id = $1`,
      [id],
    );
    return this.toRow(raw[0]);
  }

  private toRow(raw: Record<string, unknown>): InboxRow & { sortAt?: string } {
    return {
      id: raw.id as string,
      recipientOrgId: (raw.recipient_org_id as string | null) ?? null,
      recipientMemberId: (raw.recipient_member_id as string | null) ?? null,
      recipientAccountId: (raw.recipient_account_id as string | null) ?? null,
      category: raw.category as InboxCategory,
      kind: raw.kind as InboxKind,
      title: raw.title as string,
      bodyCipher: raw.body_cipher as string,
      subjectType: raw.subject_type as InboxItem['subjectType'],
      subjectId: raw.subject_id as string,
      createdAt: raw.created_at as Date,
      readAt: (raw.read_at as Date | null) ?? null,
      doneAt: (raw.done_at as Date | null) ?? null,
      orgName: (raw.orgName as string | null) ?? null,
      sortAt: raw.sortAt as string | undefined,
    };
  }
}
