import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RedemptionStatus } from '@pioneer/shared';

/** A benefit members can exchange points for, offered by an org (a community, a branch, a county). */
@Entity({ name: 'points_benefits' })
export class Benefit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @Column({ name: 'org_path', type: 'text' })
  orgPath: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'integer' })
  cost: number;

  @Column({ type: 'integer' })
  stock: number;

  @Column({ name: 'per_member_limit', type: 'integer', nullable: true })
  perMemberLimit: number | null;

  @Column({ type: 'text' })
  provider: string;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One redemption: the points paid, the code the provider scans, and whether it was fulfilled or cancelled. */
@Entity({ name: 'points_redemptions' })
export class Redemption {
  @Column({ type: 'uuid', primary: true })
  id: string;

  @Column({ name: 'benefit_id', type: 'uuid' })
  benefitId: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ type: 'integer' })
  cost: number;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  status: RedemptionStatus;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'fulfilled_at', type: 'timestamptz', nullable: true })
  fulfilledAt: Date | null;

  @Column({ name: 'fulfilled_by', type: 'uuid', nullable: true })
  fulfilledBy: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancelled_by', type: 'uuid', nullable: true })
  cancelledBy: string | null;
}
