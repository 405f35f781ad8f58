import type { ServiceOrigin, ServiceStatus } from '@pioneer/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One member's service: from an accepted request or a sign-up to a need, checked in and out, then rated. */
@Entity({ name: 'volunteer_services' })
export class VolunteerService {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  origin: ServiceOrigin;

  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId: string | null;

  @Column({ name: 'need_id', type: 'uuid', nullable: true })
  needId: string | null;

  @Column({ name: 'card_id', type: 'uuid', nullable: true })
  cardId: string | null;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'skill_code', type: 'text' })
  skillCode: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  place: string;

  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ name: 'recipient_account_id', type: 'uuid', nullable: true })
  recipientAccountId: string | null;

  @Column({ name: 'recipient_org_id', type: 'uuid', nullable: true })
  recipientOrgId: string | null;

  @Column({ name: 'recipient_org_path', type: 'text', nullable: true })
  recipientOrgPath: string | null;

  @Column({ type: 'text', default: 'scheduled' })
  status: ServiceStatus;

  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ name: 'checked_in_by', type: 'uuid', nullable: true })
  checkedInBy: string | null;

  @Column({ name: 'checked_out_at', type: 'timestamptz', nullable: true })
  checkedOutAt: Date | null;

  @Column({ name: 'checked_out_by', type: 'uuid', nullable: true })
  checkedOutBy: string | null;

  @Column({ type: 'integer', nullable: true })
  minutes: number | null;

  @Column({ type: 'smallint', nullable: true })
  rating: number | null;

  @Column({ name: 'rating_comment', type: 'text', nullable: true })
  ratingComment: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
