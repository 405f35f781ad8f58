import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ResponsibilityCadence, ResponsibilitySide } from '@pioneer/shared';

/** One duty of one flow, copied from a template when the flow's list is instantiated. */
@Entity({ name: 'flow_responsibilities' })
export class FlowResponsibility {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'flow_id', type: 'uuid' })
  flowId: string;

  @Column({ name: 'template_id', type: 'uuid' })
  templateId: string;

  @Column({ type: 'text' })
  side: ResponsibilitySide;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  cadence: ResponsibilityCadence;

  @Column({ type: 'integer' })
  position: number;

  /** `done` only for a one-off item done for good; a recurring item stays `open` and moves its due day on. */
  @Column({ type: 'text', default: 'open' })
  status: 'open' | 'done';

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneBy: string | null;

  /** 0: not escalated; 1: a to-do went to the responsible side; 2: and to the org above it. Reset when done. */
  @Column({ name: 'escalation_level', type: 'smallint', default: 0 })
  escalationLevel: number;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
