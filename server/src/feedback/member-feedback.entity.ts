import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FeedbackFacts, FeedbackRating, FeedbackStatus } from '@pioneer/shared';

/** One period's feedback on one flow: due (to-do written), sent by the receiving branch, acknowledged by the sending one. */
@Entity({ name: 'member_feedback' })
export class MemberFeedback {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'flow_id', type: 'uuid' })
  flowId: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'sending_path', type: 'text' })
  sendingPath: string;

  @Column({ name: 'receiving_branch_id', type: 'uuid' })
  receivingBranchId: string;

  @Column({ name: 'receiving_path', type: 'text' })
  receivingPath: string;

  @Column({ type: 'text' })
  period: string;

  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Column({ type: 'text' })
  status: FeedbackStatus;

  @Column({ type: 'jsonb', nullable: true })
  facts: FeedbackFacts | null;

  @Column({ type: 'text', nullable: true })
  rating: FeedbackRating | null;

  @Column({ name: 'assessment_cipher', type: 'text', nullable: true })
  assessmentCipher: string | null;

  @Column({ name: 'author_account_id', type: 'uuid', nullable: true })
  authorAccountId: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledge_comment_cipher', type: 'text', nullable: true })
  acknowledgeCommentCipher: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
