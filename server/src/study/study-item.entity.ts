import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { QuizQuestion, StudyItemKind } from '@pioneer/shared';

/** One item of a pack: an article (sanitised rich text), or a link to audio, video or a PDF; optionally a short quiz. */
@Entity({ name: 'study_items' })
export class StudyItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'pack_id', type: 'uuid' })
  packId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  kind: StudyItemKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ name: 'min_seconds', type: 'integer' })
  minSeconds: number;

  @Column({ name: 'cap_seconds', type: 'integer' })
  capSeconds: number;

  @Column({ type: 'jsonb', nullable: true })
  quiz: QuizQuestion[] | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
