import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrgKind, OrgLevel } from '@pioneer/shared';

/** One node of the organisation tree, from province down to party group. */
@Entity({ name: 'orgs' })
export class Org {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  /** `/<root id>/…/<own id>/`: the subtree of this org is every path that starts with it. */
  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'smallint' })
  depth: number;

  @Column({ type: 'text' })
  level: OrgLevel;

  @Column({ type: 'text', default: 'regular' })
  kind: OrgKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'region_code', type: 'char', length: 6, nullable: true })
  regionCode: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true })
  latitude: string | null;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true })
  longitude: string | null;

  @Column({ name: 'secretary_name', type: 'text', nullable: true })
  secretaryName: string | null;

  @Column({ name: 'activity_day', type: 'smallint', nullable: true })
  activityDay: number | null;

  @Column({ name: 'founding_org_id', type: 'uuid', nullable: true })
  foundingOrgId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
