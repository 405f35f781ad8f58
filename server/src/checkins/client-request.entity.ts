import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A client-made request id, recorded once with what it produced, so a repeat gets the first answer. */
@Entity({ name: 'client_requests' })
export class ClientRequest {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
