import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CheckinAnomaly, CheckinMethod } from '@pioneer/shared';

/** One member at one activity: at most one row (never doubled), each client id recorded once. */
@Entity({ name: 'checkins' })
export class Checkin {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ type: 'text' })
  method: CheckinMethod;

  @Column({ name: 'client_id', type: 'text' })
  clientId: string;

  /** When the code was scanned (the scan time of an offline scan). */
  @Column({ name: 'checked_in_at', type: 'timestamptz' })
  checkedInAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @Column({ name: 'device_id', type: 'text', nullable: true })
  deviceId: string | null;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true })
  latitude: string | null;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true })
  longitude: string | null;

  @Column({ type: 'boolean', default: false })
  offline: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  anomalies: CheckinAnomaly[];

  @Column({ name: 'checkout_client_id', type: 'text', nullable: true })
  checkoutClientId: string | null;

  @Column({ name: 'checked_out_at', type: 'timestamptz', nullable: true })
  checkedOutAt: Date | null;
}
