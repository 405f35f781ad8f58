import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { InboxKind } from '@pioneer/shared';
import type { TemplateData } from './wechat-message.js';

/**
 * pending → sending (claimed, leased until `nextAttemptAt`) → sent | skipped | failed,
 * or back to pending with a later `nextAttemptAt` after a failure worth retrying.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

/** One WeChat subscribe message to send, written in the transaction of the change it tells about. */
@Entity({ name: 'wechat_outbox' })
export class WechatOutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'template_id', type: 'text' })
  templateId: string;

  @Column({ type: 'text', nullable: true })
  page: string | null;

  @Column({ type: 'jsonb' })
  data: TemplateData;

  @Column({ name: 'inbox_kind', type: 'text' })
  inboxKind: InboxKind;

  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** A consent credit was spent on this message (once, however many attempts it takes). */
  @Column({ name: 'credit_taken', type: 'boolean', default: false })
  creditTaken: boolean;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'msg_id', type: 'text', nullable: true })
  msgId: string | null;

  @Column({ name: 'last_errcode', type: 'integer', nullable: true })
  lastErrcode: number | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
