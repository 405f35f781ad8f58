import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FlowOrigin, FlowStatus } from '@pioneer/shared';

/** One episode of a member living away from home, owned by a sending and (once known) a receiving branch. */
@Entity({ name: 'flows' })
export class Flow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'sending_branch_id', type: 'uuid' })
  sendingBranchId: string;

  @Column({ name: 'sending_path', type: 'text' })
  sendingPath: string;

  @Column({ name: 'receiving_branch_id', type: 'uuid', nullable: true })
  receivingBranchId: string | null;

  @Column({ name: 'receiving_path', type: 'text', nullable: true })
  receivingPath: string | null;

  @Column({ type: 'text' })
  status: FlowStatus;

  @Column({ type: 'text' })
  origin: FlowOrigin;

  @Column({ name: 'destination_region_code', type: 'char', length: 6, nullable: true })
  destinationRegionCode: string | null;

  @Column({ name: 'destination_address_cipher', type: 'text', nullable: true })
  destinationAddressCipher: string | null;

  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Column({ type: 'text', nullable: true })
  occupation: string | null;

  @Column({ type: 'text', nullable: true })
  employer: string | null;

  @Column({ name: 'expected_from', type: 'date', nullable: true })
  expectedFrom: string | null;

  @Column({ name: 'expected_until', type: 'date', nullable: true })
  expectedUntil: string | null;

  @Column({ name: 'party_group_id', type: 'uuid', nullable: true })
  partyGroupId: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt: Date | null;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** The phone given in the outflow report (外出期间联系电话). */
  @Column({ name: 'contact_phone_cipher', type: 'text', nullable: true })
  contactPhoneCipher: string | null;

  /** 流动党员活动证 number, issued on the first approval and kept after. */
  @Column({ name: 'certificate_no', type: 'text', nullable: true })
  certificateNo: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
