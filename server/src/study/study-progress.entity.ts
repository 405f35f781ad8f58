import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A member's standing on one item over all days: first opened, finished (once), quiz scores. */
@Entity({ name: 'study_progress' })
export class StudyProgress {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @Column({ name: 'pack_id', type: 'uuid' })
  packId: string;

  @Column({ name: 'first_opened_at', type: 'timestamptz', nullable: true })
  firstOpenedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** The score that counts: the best of all attempts. */
  @Column({ name: 'quiz_best_score', type: 'integer', nullable: true })
  quizBestScore: number | null;

  @Column({ name: 'quiz_last_score', type: 'integer', nullable: true })
  quizLastScore: number | null;

  @Column({ name: 'quiz_attempts', type: 'integer', default: 0 })
  quizAttempts: number;

  @Column({ name: 'quiz_answered_at', type: 'timestamptz', nullable: true })
  quizAnsweredAt: Date | null;
}
