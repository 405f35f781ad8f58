import type { RequestStatus } from '@pioneer/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A resident's or community's request to a card; the member accepts or declines it. */
@Entity({ name: 'volunteer_requests' })
export class VolunteerRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'card_id', type: 'uuid' })
  cardId: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'requester_account_id', type: 'uuid' })
  requesterAccountId: string;

  @Column({ name: 'requester_org_id', type: 'uuid', nullable: true })
  requesterOrgId: string | null;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'text' })
  place: string;

  @Column({ name: 'preferred_time', type: 'text', nullable: true })
  preferredTime: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: RequestStatus;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
