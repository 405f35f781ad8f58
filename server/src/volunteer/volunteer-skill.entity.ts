import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One skill of the taxonomy (水电维修, 法律咨询 …); disabled skills stay on old cards but are not offered. */
@Entity({ name: 'volunteer_skills' })
export class VolunteerSkill {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
