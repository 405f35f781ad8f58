import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A pack delivered to a member: written once by the fan-out, with an inbox entry in the same transaction. */
@Entity({ name: 'study_deliveries' })
export class StudyDelivery {
  @PrimaryColumn({ name: 'pack_id', type: 'uuid' })
  packId: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  /** The member has no smartphone: a mailed red parcel instead of a WeChat message. */
  @Column({ name: 'red_parcel', type: 'boolean', default: false })
  redParcel: boolean;

  @Column({ name: 'delivered_at', type: 'timestamptz' })
  deliveredAt: Date;
}
