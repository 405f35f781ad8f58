import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SendOutcome = 'sent' | 'skipped' | 'failed';

/**
 * Why a message was skipped or failed: no consent credit left, no WeChat
 * identity to send to, the person refused (WeChat's 43101), a WeChat errcode,
 * or the call never got an answer.
 */
export type SendReason = 'no_credit' | 'no_wechat_identity' | 'refused' | 'errcode' | 'unavailable';

/** One attempt to send an outbox message and what came of it. */
@Entity({ name: 'wechat_send_log' })
export class WechatSendLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'outbox_id', type: 'uuid' })
  outboxId: string;

  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'text' })
  outcome: SendOutcome;

  @Column({ type: 'text', nullable: true })
  reason: SendReason | null;

  @Column({ type: 'integer', nullable: true })
  errcode: number | null;

  @Column({ name: 'msg_id', type: 'text', nullable: true })
  msgId: string | null;

  /** Set when the message will be tried again. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
