import type { PairingEndReason } from '@pioneer/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 结对联系: a committee member keeps in touch with a member of the branch. A
 * row per pairing, ended rather than deleted; at most one live per member.
 * A live row carries its due day and the due day its overdue to-do was
 * written for.
 */
@Entity({ name: 'pairings' })
export class Pairing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_account_id', type: 'uuid' })
  committeeAccountId: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  since: Date;

  @Column({ name: 'paired_by', type: 'uuid', nullable: true })
  pairedBy: string | null;

  @Column({ type: 'boolean', default: false })
  abroad: boolean;

  @Column({ name: 'last_contact_at', type: 'timestamptz', nullable: true })
  lastContactAt: Date | null;

  @Column({ name: 'planned_next_on', type: 'date', nullable: true })
  plannedNextOn: string | null;

  @Column({ name: 'next_due_on', type: 'date', nullable: true })
  nextDueOn: string | null;

  @Column({ name: 'reminded_due_on', type: 'date', nullable: true })
  remindedDueOn: string | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'ended_by', type: 'uuid', nullable: true })
  endedBy: string | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: PairingEndReason | null;
}
