import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An org's yearly study requirement; a member follows the rule of their nearest ancestor that has one. */
@Entity({ name: 'study_plans' })
export class StudyPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @Column({ name: 'org_path', type: 'text' })
  orgPath: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ name: 'required_hours', type: 'numeric', precision: 6, scale: 1 })
  requiredHours: string;

  @Column({ name: 'required_activities', type: 'integer' })
  requiredActivities: number;

  @Column({ type: 'integer' })
  electives: number;

  @Column({ name: 'set_by', type: 'uuid' })
  setBy: string;

  @Column({ name: 'set_at', type: 'timestamptz', default: () => 'now()' })
  setAt: Date;
}
