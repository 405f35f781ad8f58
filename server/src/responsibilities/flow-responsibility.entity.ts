import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FlowResponsibilityStatus, ResponsibilityCadence, ResponsibilitySide } from '@pioneer/shared';

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

  @Column({ type: 'text', default: 'open' })
  status: FlowResponsibilityStatus;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
