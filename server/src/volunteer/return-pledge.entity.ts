import type { ReturnRole } from '@pioneer/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 雁归: a member's word that they would come home and serve; withdrawn, it leaves the reserve list. */
@Entity({ name: 'return_pledges' })
export class ReturnPledge {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'preferred_role', type: 'text' })
  preferredRole: ReturnRole;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  since: Date;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
