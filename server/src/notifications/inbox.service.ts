import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  INBOX_PAGE_DEFAULT,
  type InboxItem as InboxItemView,
  type InboxKind,
  type InboxSummary,
  type Paginated,
} from '@pioneer/shared';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { Clock } from '../common/time/clock.js';
import type { ListInboxQueryDto } from './dto/inbox.dto.js';
import { InboxRepository, type InboxRow, type NewInboxItem } from './inbox.repository.js';

/** What one notice or to-do says, and to whom; the body may name people and is encrypted at rest. */
export interface InboxMessage {
  to: { orgId: string } | { memberId: string } | { accountId: string };
  category: 'notice' | 'todo';
  kind: InboxKind;
  title: string;
  body: string;
  subject: { type: InboxItemView['subjectType']; id: string };
}

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The in-app inbox (站内消息). An item addressed to a branch is shared by the
 * staff who hold a role at that branch (reading it marks it read for all of
 * them: the branch's inbox, not a person's); an item addressed to a member is
 * theirs alone. Items are written inside the transaction of the change they
 * tell about, so a notice never describes something that did not happen.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
  ) {}

  async send(m: EntityManager, messages: InboxMessage[]): Promise<void> {
    await this.inbox.insertMany(
      m,
      messages.map((msg) => this.item(msg)),
    );
  }

  /**
   * Sends to-dos of kinds kept once per subject while open (a partial unique
   * index, e.g. one overdue-contact to-do per member): one already open is
   * left as it is. Answers how many were written.
   */
  sendOnce(m: EntityManager, messages: InboxMessage[]): Promise<number> {
    return this.inbox.insertManyOnce(
      m,
      messages.map((msg) => this.item(msg)),
    );
  }

  private item(msg: InboxMessage): NewInboxItem {
    return {
      recipientOrgId: 'orgId' in msg.to ? msg.to.orgId : null,
      recipientMemberId: 'memberId' in msg.to ? msg.to.memberId : null,
      recipientAccountId: 'accountId' in msg.to ? msg.to.accountId : null,
      category: msg.category,
      kind: msg.kind,
      title: msg.title,
      bodyCipher: this.pii.encrypt(msg.body),
      subjectType: msg.subject.type,
      subjectId: msg.subject.id,
    };
  }

  /**
   * One notice to each of many members, inside the caller's transaction, in
   * one statement (a study pack's fan-out sends thousands at a time). The
   * body is the same for all, so it is encrypted once; it must not name
   * anyone. Answers how many items were written.
   */
  async sendToMembers(m: EntityManager, memberIds: string[], message: Omit<InboxMessage, 'to'>): Promise<number> {
    return this.inbox.insertForMembers(m, memberIds, {
      category: message.category,
      kind: message.kind,
      title: message.title,
      bodyCipher: this.pii.encrypt(message.body),
      subjectType: message.subject.type,
      subjectId: message.subject.id,
    });
  }

  /** The awaited act was taken: the to-dos of these kinds about this subject are done. */
  async complete(m: EntityManager, subjectId: string, kinds: InboxKind[]): Promise<void> {
    await this.inbox.completeTodos(m, subjectId, kinds, this.clock.now());
  }

  /** The same for many subjects at once (e.g. every pairing whose due day a rule change moved). */
  async completeMany(m: EntityManager, subjectIds: string[], kinds: InboxKind[]): Promise<void> {
    await this.inbox.completeTodosOf(m, subjectIds, kinds, this.clock.now());
  }

  async list(principal: Principal, query: ListInboxQueryDto): Promise<Paginated<InboxItemView>> {
    const limit = query.limit ?? INBOX_PAGE_DEFAULT;
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, [CURSOR_AT, UUID]);
      after = { createdAt, id };
    }
    const rows = await this.inbox.list({
      ...this.recipientsOf(principal),
      category: query.category,
      pending: query.pending,
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items = page.map((r) => this.view(r));
    const last = page[page.length - 1] as (InboxRow & { sortAt?: string }) | undefined;
    return rows.length > limit && last?.sortAt
      ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) }
      : { items };
  }

  summary(principal: Principal): Promise<InboxSummary> {
    return this.inbox.summary(this.recipientsOf(principal));
  }

  async markRead(principal: Principal, id: string): Promise<InboxItemView> {
    const row = await this.inbox.markRead(id, this.recipientsOf(principal), this.clock.now());
    if (!row) throw new AppException(ErrorCode.NOT_FOUND, '找不到这条消息');
    return this.view(row);
  }

  /** The branches whose inbox the caller shares (every org they hold a staff role at), their member inbox and their own to-dos. */
  private recipientsOf(principal: Principal): { orgIds: string[]; memberId: string | null; accountId: string } {
    return {
      orgIds: [...new Set(principal.grants.map((g) => g.orgId))],
      memberId: principal.memberId,
      accountId: principal.accountId,
    };
  }

  private view(row: InboxRow): InboxItemView {
    return {
      id: row.id,
      category: row.category,
      kind: row.kind,
      title: row.title,
      body: this.pii.decrypt(row.bodyCipher),
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      orgName: row.orgName,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt ? row.readAt.toISOString() : null,
      doneAt: row.doneAt ? row.doneAt.toISOString() : null,
    };
  }
}
