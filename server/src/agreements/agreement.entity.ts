import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AgreementStatus } from '@pioneer/shared';

/** 共管协议: a sending and a receiving org agree to co-manage the members flowing between their subtrees. */
@Entity({ name: 'co_management_agreements' })
export class Agreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'sending_org_id', type: 'uuid' })
  sendingOrgId: string;

  @Column({ name: 'receiving_org_id', type: 'uuid' })
  receivingOrgId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ name: 'scope_note', type: 'text', nullable: true })
  scopeNote: string | null;

  @Column({ type: 'text', default: 'active' })
  status: AgreementStatus;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'ended_by', type: 'uuid', nullable: true })
  endedBy: string | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
