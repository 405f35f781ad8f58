import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An org's own pairing rules; its subtree follows them unless an org below sets its own. */
@Entity({ name: 'pairing_rules' })
export class PairingRule {
  @PrimaryColumn({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @Column({ name: 'org_path', type: 'text' })
  orgPath: string;

  @Column({ name: 'contact_months', type: 'integer' })
  contactMonths: number;

  @Column({ name: 'abroad_contact_months', type: 'integer' })
  abroadContactMonths: number;

  @Column({ name: 'lost_after_days', type: 'integer' })
  lostAfterDays: number;

  @Column({ name: 'dismiss_quiet_days', type: 'integer' })
  dismissQuietDays: number;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
