import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PointsEntryStatus, PointsSource } from '@pioneer/shared';

/** One line of a member's points ledger. Never changed once written, except a pending entry's review. */
@Entity({ name: 'points_entries' })
export class PointsEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  /** The member's sending branch when the entry was written: who reviews it. */
  @Column({ name: 'branch_path', type: 'text' })
  branchPath: string;

  @Column({ type: 'text' })
  source: PointsSource;

  /** What produced it (a check-in id, pack/member, redemption id …); unique per source. */
  @Column({ name: 'source_ref', type: 'text' })
  sourceRef: string;

  @Column({ type: 'integer' })
  amount: number;

  @Column({ type: 'integer', nullable: true })
  quantity: number | null;

  @Column({ name: 'rule_version', type: 'text' })
  ruleVersion: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  status: PointsEntryStatus;

  @Column({ name: 'reverses_entry_id', type: 'uuid', nullable: true })
  reversesEntryId: string | null;

  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'posted_at', type: 'timestamptz', nullable: true })
  postedAt: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;
}

/** The sum of a member's posted entries, kept with each posting; never below zero. */
@Entity({ name: 'points_balances' })
export class PointsBalance {
  @Column({ name: 'member_id', type: 'uuid', primary: true })
  memberId: string;

  @Column({ type: 'integer' })
  balance: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Whether a branch reviews rule-based entries before they post. */
@Entity({ name: 'points_branch_settings' })
export class PointsBranchSetting {
  @Column({ name: 'org_id', type: 'uuid', primary: true })
  orgId: string;

  @Column({ name: 'review_required', type: 'boolean' })
  reviewRequired: boolean;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** How far a sweep (check-ins → points) has read. */
@Entity({ name: 'points_sweeps' })
export class PointsSweep {
  @Column({ type: 'text', primary: true })
  name: string;

  @Column({ type: 'timestamptz' })
  upto: Date;
}
