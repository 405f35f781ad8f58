import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@pioneer/shared';

/** A role held by an account, optionally limited to an org subtree; revoked grants stay for the record. */
@Entity({ name: 'role_grants' })
export class RoleGrant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'org_id', type: 'uuid', nullable: true })
  orgId: string | null;

  @Column({ name: 'granted_at', type: 'timestamptz', default: () => 'now()' })
  grantedAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
