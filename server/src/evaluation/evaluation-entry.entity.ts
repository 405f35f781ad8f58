import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EvaluationGrade } from '@pioneer/shared';

/** One member in one round: their self-assessment, the grade with reasons, and the inputs the grade was given on. */
@Entity({ name: 'evaluation_entries' })
export class EvaluationEntry {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'self_assessment_cipher', type: 'text', nullable: true })
  selfAssessmentCipher: string | null;

  @Column({ name: 'self_assessed_at', type: 'timestamptz', nullable: true })
  selfAssessedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  grade: EvaluationGrade | null;

  @Column({ name: 'reasons_cipher', type: 'text', nullable: true })
  reasonsCipher: string | null;

  @Column({ type: 'jsonb', nullable: true })
  inputs: Record<string, unknown> | null;

  @Column({ name: 'graded_by', type: 'uuid', nullable: true })
  gradedBy: string | null;

  @Column({ name: 'graded_at', type: 'timestamptz', nullable: true })
  gradedAt: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
