import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StudyAudienceScope, StudyPackKind, StudyPackStatus } from '@pioneer/shared';

/** A study pack (学习礼包): owned by the org whose members (or received members) are its audience. */
@Entity({ name: 'study_packs' })
export class StudyPack {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_org_id', type: 'uuid' })
  ownerOrgId: string;

  @Column({ name: 'owner_path', type: 'text' })
  ownerPath: string;

  @Column({ type: 'text' })
  kind: StudyPackKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'char', length: 7, nullable: true })
  month: string | null;

  @Column({ name: 'audience_scope', type: 'text' })
  audienceScope: StudyAudienceScope;

  @Column({ type: 'text', default: 'draft' })
  status: StudyPackStatus;

  @Column({ name: 'publish_at', type: 'timestamptz', nullable: true })
  publishAt: Date | null;

  /** When delivery began. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** When the last batch of the fan-out was done. */
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'audience_count', type: 'integer', nullable: true })
  audienceCount: number | null;

  @Column({ name: 'batches_total', type: 'integer', nullable: true })
  batchesTotal: number | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
