import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 结对联系: a committee member keeps in touch with a member of the branch. Minimal here; the workflows issue extends it. */
@Entity({ name: 'pairings' })
export class Pairing {
  @PrimaryColumn({ name: 'committee_account_id', type: 'uuid' })
  committeeAccountId: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  since: Date;
}
