import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SuggestionCategory, SuggestionStatus } from '@pioneer/shared';

/** A member's suggestion to their home town (建言献策); text and reply encrypted. */
@Entity({ name: 'suggestions' })
export class Suggestion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ name: 'branch_path', type: 'text' })
  branchPath: string;

  @Column({ type: 'text' })
  category: SuggestionCategory;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'text_cipher', type: 'text' })
  textCipher: string;

  @Column({ type: 'text' })
  status: SuggestionStatus;

  @Column({ name: 'client_key', type: 'text' })
  clientKey: string;

  @Column({ name: 'reply_cipher', type: 'text', nullable: true })
  replyCipher: string | null;

  @Column({ name: 'replied_at', type: 'timestamptz', nullable: true })
  repliedAt: Date | null;

  @Column({ name: 'replied_by', type: 'uuid', nullable: true })
  repliedBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
