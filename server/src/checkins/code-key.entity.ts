import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CodeKeyPurpose } from '@pioneer/shared';

/** One version of a key that signs codes; valid until revoked. The secret is encrypted at rest. */
@Entity({ name: 'code_keys' })
export class CodeKey {
  @PrimaryColumn({ type: 'text' })
  purpose: CodeKeyPurpose;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ name: 'secret_cipher', type: 'text' })
  secretCipher: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy: string | null;
}
