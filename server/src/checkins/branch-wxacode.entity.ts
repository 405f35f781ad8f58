import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A branch's WeChat mini-program code under one key version, as WeChat drew it. */
@Entity({ name: 'branch_wxacodes' })
export class BranchWxacode {
  @PrimaryColumn({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @PrimaryColumn({ name: 'key_version', type: 'integer' })
  keyVersion: number;

  /** The signed scene the code carries (`B…`). */
  @Column({ type: 'text' })
  scene: string;

  @Column({ type: 'bytea' })
  image: Buffer;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
