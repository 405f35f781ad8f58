import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The monthly reminder to a member behind plan: at most one per member and month. */
@Entity({ name: 'study_reminders' })
export class StudyReminder {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  /** YYYY-MM, Beijing time. */
  @PrimaryColumn({ type: 'char', length: 7 })
  month: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}
