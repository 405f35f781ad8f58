import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityKind } from '@pioneer/shared';

/** A branch activity members check in to (三会一课, 主题党日, volunteer service, a holiday gathering). */
@Entity({ name: 'activities' })
export class Activity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Names the activity inside its rotating code. */
  @Column({ name: 'public_code', type: 'char', length: 8 })
  publicCode: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ name: 'branch_path', type: 'text' })
  branchPath: string;

  @Column({ type: 'text' })
  kind: ActivityKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  place: string;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true })
  latitude: string | null;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true })
  longitude: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'checkout_enabled', type: 'boolean', default: false })
  checkoutEnabled: boolean;

  /** The rotating code's HMAC key, encrypted at rest. */
  @Column({ name: 'secret_cipher', type: 'text' })
  secretCipher: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancelled_by', type: 'uuid', nullable: true })
  cancelledBy: string | null;
}
