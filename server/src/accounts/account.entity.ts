import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AccountKind } from '@pioneer/shared';

export type AccountStatus = 'active' | 'disabled';

/** Anyone who signs in: a member through WeChat, or staff with a password. */
@Entity({ name: 'accounts' })
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: AccountKind;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text', default: 'active' })
  status: AccountStatus;

  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @Column({ name: 'phone_cipher', type: 'text', nullable: true })
  phoneCipher: string | null;

  @Column({ name: 'phone_index', type: 'text', nullable: true })
  phoneIndex: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
