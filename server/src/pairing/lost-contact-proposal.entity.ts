import type { LostProposalStatus } from '@pioneer/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 失联 proposed by the daily scan, for the sending secretary to confirm (mark_lost) or dismiss. */
@Entity({ name: 'lost_contact_proposals' })
export class LostContactProposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'flow_id', type: 'uuid' })
  flowId: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ name: 'branch_path', type: 'text' })
  branchPath: string;

  @Column({ type: 'text', default: 'open' })
  status: LostProposalStatus;

  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;

  @Column({ name: 'silent_days', type: 'integer' })
  silentDays: number;

  @Column({ name: 'proposed_at', type: 'timestamptz' })
  proposedAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  /** Why it was dismissed or confirmed; may say where the member is. */
  @Column({ name: 'reason_cipher', type: 'text', nullable: true })
  reasonCipher: string | null;

  @Column({ name: 'quiet_until', type: 'timestamptz', nullable: true })
  quietUntil: Date | null;
}
