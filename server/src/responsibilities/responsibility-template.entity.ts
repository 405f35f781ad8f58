import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ResponsibilityCadence, ResponsibilitySide } from '@pioneer/shared';

/** One item of a responsibility list (三张责任清单): built-in (org NULL), or a county's own. */
@Entity({ name: 'responsibility_templates' })
export class ResponsibilityTemplate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'org_id', type: 'uuid', nullable: true })
  orgId: string | null;

  @Column({ name: 'agreement_id', type: 'uuid', nullable: true })
  agreementId: string | null;

  @Column({ type: 'text' })
  side: ResponsibilitySide;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  cadence: ResponsibilityCadence;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
