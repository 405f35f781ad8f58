import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportKind, ReportStatus } from '@pioneer/shared';

/**
 * One member's report for one period (思想汇报 or 组织生活月报告). The text and
 * the reply are encrypted; a submitted report keeps the branch it was sent to.
 */
@Entity({ name: 'member_reports' })
export class MemberReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ type: 'text' })
  kind: ReportKind;

  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'text' })
  status: ReportStatus;

  @Column({ name: 'body_cipher', type: 'text', nullable: true })
  bodyCipher: string | null;

  @Column({ name: 'client_key', type: 'text', nullable: true })
  clientKey: string | null;

  @Column({ name: 'branch_id', type: 'uuid', nullable: true })
  branchId: string | null;

  @Column({ name: 'branch_path', type: 'text', nullable: true })
  branchPath: string | null;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'read_by', type: 'uuid', nullable: true })
  readBy: string | null;

  @Column({ name: 'reply_cipher', type: 'text', nullable: true })
  replyCipher: string | null;

  @Column({ name: 'replied_at', type: 'timestamptz', nullable: true })
  repliedAt: Date | null;

  @Column({ name: 'replied_by', type: 'uuid', nullable: true })
  repliedBy: string | null;
}
