import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SuggestionImageType } from '@pioneer/shared';

/** A picture for a suggestion, kept in PostgreSQL (at most 1 MB); unattached until the suggestion is sent. */
@Entity({ name: 'suggestion_images' })
export class SuggestionImage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'suggestion_id', type: 'uuid', nullable: true })
  suggestionId: string | null;

  @Column({ type: 'smallint', nullable: true })
  position: number | null;

  @Column({ name: 'content_type', type: 'text' })
  contentType: SuggestionImageType;

  @Column({ type: 'bytea' })
  bytes: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
