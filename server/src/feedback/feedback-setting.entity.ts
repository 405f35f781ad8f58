import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FeedbackPeriodMonths } from '@pioneer/shared';

/** How often a sending org asks its members' receiving branches for feedback; the nearest setting above a branch wins. */
@Entity({ name: 'feedback_settings' })
export class FeedbackSetting {
  @PrimaryColumn({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @Column({ name: 'org_path', type: 'text' })
  orgPath: string;

  @Column({ name: 'period_months', type: 'integer' })
  periodMonths: FeedbackPeriodMonths;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
