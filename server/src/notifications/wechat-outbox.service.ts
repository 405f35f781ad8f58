import { Injectable } from '@nestjs/common';
import type { InboxKind, SubscriptionPurpose } from '@pioneer/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock.js';
import { AppConfig } from '../config/app-config.js';
import type { InboxMessage } from './inbox.service.js';
import { INBOX_PAGE, flowMessageData, purposeOf } from './wechat-message.js';
import { WechatOutboxRepository, type NewOutboxMessage } from './wechat-outbox.repository.js';

/**
 * Queues the WeChat subscribe messages that go with inbox items, in the
 * transaction that writes the items: a rolled-back change sends nothing,
 * and a committed one is sent even if this process stops right after. The
 * dispatcher sends them later, outside any transaction.
 */
@Injectable()
export class WechatOutboxService {
  constructor(
    private readonly outbox: WechatOutboxRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * One row per item and recipient: for an item to a branch, each account
   * holding a live role there that signs in with WeChat (the branch's inbox
   * is shared, decisions (q), but a WeChat message reaches one person); for
   * an item to a member, the account(s) bound to them. Items whose purpose
   * has no template configured are not queued.
   */
  async enqueue(m: EntityManager, messages: InboxMessage[]): Promise<void> {
    const templates = this.config.subscribeMessages.templates;
    // A to-do for one staff account (a committee member's overdue contact) stays in the app for now.
    const wanted = messages.flatMap((msg) => {
      const templateId = templates[purposeOf(msg.category)];
      return templateId && !('accountId' in msg.to) ? [{ msg, templateId }] : [];
    });
    if (wanted.length === 0) return;
    const orgIds = new Set<string>();
    const memberIds = new Set<string>();
    for (const { msg } of wanted) {
      if ('orgId' in msg.to) orgIds.add(msg.to.orgId);
      else if ('memberId' in msg.to) memberIds.add(msg.to.memberId);
    }
    const recipients = await this.outbox.findRecipients(m, [...orgIds], [...memberIds], this.config.wechat.appId);
    if (recipients.length === 0) return;
    const at = this.clock.now();
    const rows: NewOutboxMessage[] = [];
    for (const { msg, templateId } of wanted) {
      const to = recipients.filter((r) =>
        'orgId' in msg.to ? r.orgId === msg.to.orgId : 'memberId' in msg.to && r.memberId === msg.to.memberId,
      );
      for (const recipient of to) {
        rows.push({
          accountId: recipient.accountId,
          templateId,
          page: INBOX_PAGE,
          data: flowMessageData({ category: msg.category, title: msg.title, orgName: recipient.orgName, at }),
          inboxKind: msg.kind,
          subjectId: msg.subject.id,
          nextAttemptAt: at,
        });
      }
    }
    await this.outbox.insertMany(m, rows);
  }

  /**
   * The message that goes with one inbox item sent to many members (a study
   * pack's batch), in the caller's transaction: one row per member whose
   * account holds a credit for the purpose's template, nothing when the
   * purpose has no template. Answers how many were queued.
   */
  async enqueueForMembers(
    m: EntityManager,
    memberIds: string[],
    message: { purpose: SubscriptionPurpose; kind: InboxKind; title: string; orgName: string; subjectId: string },
  ): Promise<number> {
    const templateId = this.config.subscribeMessages.templates[message.purpose];
    if (!templateId || memberIds.length === 0) return 0;
    const at = this.clock.now();
    return this.outbox.insertForMembers(m, memberIds, {
      templateId,
      page: INBOX_PAGE,
      data: flowMessageData({ category: 'notice', title: message.title, orgName: message.orgName, at }),
      inboxKind: message.kind,
      subjectId: message.subjectId,
      nextAttemptAt: at,
    });
  }

  /** How the messages of one kind about one subject stand (a study pack's delivery view). */
  countBySubject(kind: InboxKind, subjectId: string) {
    return this.outbox.countBySubject(kind, subjectId);
  }
}
