import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EvaluationRoundStatus } from '@pioneer/shared';

/** A branch's democratic evaluation (民主评议) for one year: open, then closed (results published). */
@Entity({ name: 'evaluation_rounds' })
export class EvaluationRound {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ name: 'branch_path', type: 'text' })
  branchPath: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'text' })
  status: EvaluationRoundStatus;

  @Column({ name: 'opened_by', type: 'uuid' })
  openedBy: string;

  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'now()' })
  openedAt: Date;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
