import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GreetingStatus } from '@pioneer/shared';

/** A holiday greeting from an org to its mobile members; `afterMemberId` is the fan-out's keyset position. */
@Entity({ name: 'greetings' })
export class Greeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @Column({ name: 'org_path', type: 'text' })
  orgPath: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'client_key', type: 'text' })
  clientKey: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ type: 'text' })
  status: GreetingStatus;

  @Column({ type: 'integer', default: 0 })
  recipients: number;

  @Column({ name: 'after_member_id', type: 'uuid', nullable: true })
  afterMemberId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
