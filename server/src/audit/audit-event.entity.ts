import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditActorKind, AuditAction, AuditResult } from '@pioneer/shared';

/** One audited action. Rows are only ever inserted (AuditRepository.insertEvent); the database refuses changes. */
@Entity({ name: 'audit_events' })
export class AuditEvent {
  /** bigint: node-postgres hands it over as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId: string | null;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind: AuditActorKind;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ name: 'target_type', type: 'text', nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  @Column({ name: 'org_path', type: 'text', nullable: true })
  orgPath: string | null;

  @Column({ type: 'text' })
  result: AuditResult;

  @Column({ name: 'client_ip', type: 'text', nullable: true })
  clientIp: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}
