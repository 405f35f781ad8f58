import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FlowAction, FlowStatus } from '@pioneer/shared';

/** Who moved a flow from one state to another, when and why. Append-only. */
@Entity({ name: 'flow_transitions' })
export class FlowTransition {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'flow_id', type: 'uuid' })
  flowId: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: FlowStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: FlowStatus;

  @Column({ type: 'text' })
  action: FlowAction;

  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
