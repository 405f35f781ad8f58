import type { ContactMethod } from '@pioneer/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One entry of the contact log. The note may say where the member is: encrypted, sending side only. */
@Entity({ name: 'pairing_contacts' })
export class PairingContact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  /** The live pairing when it was logged; null when the secretary logged it for an unpaired member. */
  @Column({ name: 'pairing_id', type: 'uuid', nullable: true })
  pairingId: string | null;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ type: 'text' })
  method: ContactMethod;

  @Column({ type: 'boolean', default: true })
  reached: boolean;

  @Column({ name: 'contacted_at', type: 'timestamptz' })
  contactedAt: Date;

  @Column({ name: 'note_cipher', type: 'text', nullable: true })
  noteCipher: string | null;

  @Column({ name: 'next_contact_on', type: 'date', nullable: true })
  nextContactOn: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
