import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A pack a member chose to study for the year (自主选学). */
@Entity({ name: 'study_electives' })
export class StudyElective {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @PrimaryColumn({ name: 'pack_id', type: 'uuid' })
  packId: string;

  @Column({ name: 'chosen_at', type: 'timestamptz', default: () => 'now()' })
  chosenAt: Date;
}
