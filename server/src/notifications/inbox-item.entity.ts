import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { InboxCategory, InboxItem as InboxItemView, InboxKind } from '@pioneer/shared';

/** A notice or a to-do, addressed to a branch (its staff share it), to one member, or to one staff account. The body is encrypted: it names people. */
@Entity({ name: 'inbox_items' })
export class InboxItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'recipient_org_id', type: 'uuid', nullable: true })
  recipientOrgId: string | null;

  @Column({ name: 'recipient_member_id', type: 'uuid', nullable: true })
  recipientMemberId: string | null;

  /** One staff account's own to-do (a committee member's overdue contact), not the branch's. */
  @Column({ name: 'recipient_account_id', type: 'uuid', nullable: true })
  recipientAccountId: string | null;

  @Column({ type: 'text' })
  category: InboxCategory;

  @Column({ type: 'text' })
  kind: InboxKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'body_cipher', type: 'text' })
  bodyCipher: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType: InboxItemView['subjectType'];

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;
}
