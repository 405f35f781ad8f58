import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A need a community or branch posts; members sign up up to the headcount. */
@Entity({ name: 'volunteer_needs' })
export class VolunteerNeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @Column({ name: 'org_path', type: 'text' })
  orgPath: string;

  @Column({ name: 'posted_by', type: 'uuid' })
  postedBy: string;

  @Column({ name: 'skill_code', type: 'text' })
  skillCode: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  place: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'integer' })
  headcount: number;

  @Column({ name: 'signed_up', type: 'integer', default: 0 })
  signedUp: number;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
