import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One batch of a pack's fan-out: the members with ids in [from, to), delivered once (`done_at`). */
@Entity({ name: 'study_fanout_batches' })
export class StudyFanoutBatch {
  @PrimaryColumn({ name: 'pack_id', type: 'uuid' })
  packId: string;

  @PrimaryColumn({ name: 'batch_no', type: 'integer' })
  batchNo: number;

  @Column({ name: 'from_member_id', type: 'uuid' })
  fromMemberId: string;

  /** Exclusive; null for the last batch. */
  @Column({ name: 'to_member_id', type: 'uuid', nullable: true })
  toMemberId: string | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  delivered: number;

  @Column({ name: 'red_parcels', type: 'integer', default: 0 })
  redParcels: number;
}
