import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FourFact } from '@pioneer/shared';

/** When one of a member's four facts (四清) was last confirmed, and by whom. */
@Entity({ name: 'member_fact_checks' })
export class MemberFactCheck {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @PrimaryColumn({ type: 'text' })
  fact: FourFact;

  @Column({ name: 'confirmed_at', type: 'timestamptz' })
  confirmedAt: Date;

  @Column({ name: 'confirmed_by', type: 'uuid' })
  confirmedBy: string;
}
