import type { CardStatus } from '@pioneer/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 志愿者技能卡: what a member offers, where and when; shown on the board of its area. */
@Entity({ name: 'volunteer_cards' })
export class VolunteerCard {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'skill_codes', type: 'text', array: true })
  skillCodes: string[];

  @Column({ name: 'extra_skills', type: 'text', nullable: true })
  extraSkills: string | null;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'area_org_id', type: 'uuid' })
  areaOrgId: string;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Column({ name: 'region_text', type: 'text', nullable: true })
  regionText: string | null;

  @Column({ name: 'available_days', type: 'smallint', array: true, default: () => "'{}'" })
  availableDays: number[];

  @Column({ name: 'available_slots', type: 'text', array: true, default: () => "'{}'" })
  availableSlots: string[];

  @Column({ name: 'availability_note', type: 'text', nullable: true })
  availabilityNote: string | null;

  @Column({ type: 'text', default: 'active' })
  status: CardStatus;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
