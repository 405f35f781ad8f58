import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A member's reading of one item on one day (Beijing time): the live
 * session's id and sequence number, and the seconds credited that day
 * (never above the item's daily cap). Opening the item again the same day
 * starts a new session on the same row.
 */
@Entity({ name: 'study_reading' })
export class StudyReading {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq: number;

  @Column({ name: 'last_beat_at', type: 'timestamptz' })
  lastBeatAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  seconds: number;
}
