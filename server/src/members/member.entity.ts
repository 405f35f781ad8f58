import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Gender, MembershipStatus } from '@pioneer/shared';

/** A Party member on the roster. Name, ID number, phone and residence are stored only encrypted. */
@Entity({ name: 'members' })
export class Member {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ name: 'branch_path', type: 'text' })
  branchPath: string;

  @Column({ name: 'name_cipher', type: 'text' })
  nameCipher: string;

  @Column({ name: 'name_index', type: 'text' })
  nameIndex: string;

  @Column({ type: 'text', nullable: true })
  gender: Gender | null;

  @Column({ type: 'text', nullable: true })
  ethnicity: string | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ name: 'id_number_cipher', type: 'text' })
  idNumberCipher: string;

  @Column({ name: 'id_number_index', type: 'text' })
  idNumberIndex: string;

  @Column({ name: 'name_id6_index', type: 'text' })
  nameId6Index: string;

  @Column({ name: 'phone_cipher', type: 'text', nullable: true })
  phoneCipher: string | null;

  @Column({ name: 'phone_index', type: 'text', nullable: true })
  phoneIndex: string | null;

  @Column({ type: 'text', nullable: true })
  education: string | null;

  @Column({ name: 'joined_at', type: 'date', nullable: true })
  joinedAt: string | null;

  @Column({ name: 'membership_status', type: 'text', default: 'full' })
  membershipStatus: MembershipStatus;

  /** Set by the branch: study materials go by post (红色邮包) instead of to a phone. */
  @Column({ name: 'no_smartphone', type: 'boolean', default: false })
  noSmartphone: boolean;

  @Column({ name: 'residence_cipher', type: 'text', nullable: true })
  residenceCipher: string | null;

  @Column({ type: 'text', nullable: true })
  occupation: string | null;

  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Column({ type: 'text', nullable: true })
  employer: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
