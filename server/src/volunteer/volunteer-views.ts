import { Injectable } from '@nestjs/common';
import {
  DAY_SLOTS,
  maskName,
  type Availability,
  type BoardCardView,
  type DaySlot,
  type MyCardView,
  type NeedStatus,
  type NeedView,
  type ServiceView,
  type SkillRef,
  type VolunteerRequestView,
} from '@pioneer/shared';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import {
  VolunteerRepository,
  type CardRow,
  type NeedRow,
  type RequestRow,
  type ServiceRow,
} from './volunteer.repository.js';

/**
 * Rows to views. The member's name leaves masked (刘*) in every view a
 * requester, a resident or staff can read; only the member sees it whole.
 * No view carries a phone, an ID number or a member id.
 */
@Injectable()
export class VolunteerViews {
  private skillLabels = new Map<string, string>();
  private loadedAt = 0;

  constructor(
    private readonly pii: PiiCrypto,
    private readonly repo: VolunteerRepository,
  ) {}

  /** Skill labels, cached for a minute: the taxonomy changes rarely, and a stale label is harmless. */
  async skillsReady(): Promise<void> {
    if (Date.now() - this.loadedAt < 60_000) return;
    const rows = await this.repo.listSkills(true);
    this.skillLabels = new Map(rows.map((r) => [r.code, r.label]));
    this.loadedAt = Date.now();
  }

  /** After the taxonomy changed in this process. */
  forgetSkills(): void {
    this.loadedAt = 0;
  }

  skillRefs(codes: string[]): SkillRef[] {
    return codes.map((code) => ({ code, label: this.skillLabels.get(code) ?? code }));
  }

  memberName(cipher: string, masked: boolean): string {
    const name = this.pii.decrypt(cipher);
    return masked ? maskName(name) : name;
  }

  availability(r: Pick<CardRow, 'availableDays' | 'availableSlots' | 'availabilityNote'>): Availability {
    return {
      days: [...r.availableDays].map(Number).sort(),
      slots: DAY_SLOTS.filter((s): s is DaySlot => r.availableSlots.includes(s)),
      note: r.availabilityNote,
    };
  }

  boardCard(r: CardRow, masked = true): BoardCardView {
    return {
      id: r.id,
      memberName: this.memberName(r.memberNameCipher, masked),
      skills: this.skillRefs(r.skillCodes),
      extraSkills: r.extraSkills,
      description: r.description,
      areaId: r.areaOrgId,
      areaName: r.areaName,
      regionText: r.regionText,
      availability: this.availability(r),
      hasPhoto: r.hasPhoto,
      servicesConfirmed: r.servicesConfirmed,
      ratingAverage: r.ratingAverage,
    };
  }

  myCard(r: CardRow): MyCardView {
    return {
      ...this.boardCard(r, false),
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  request(r: RequestRow, role: 'requester' | 'member'): VolunteerRequestView {
    return {
      id: r.id,
      status: r.status,
      card: {
        id: r.cardId,
        memberName: this.memberName(r.memberNameCipher, role === 'requester'),
        skills: this.skillRefs(r.cardSkillCodes),
      },
      message: r.message,
      place: r.place,
      preferredTime: r.preferredTime,
      requesterLabel: r.requesterOrgName ?? r.requesterDisplayName,
      role,
      declineReason: r.declineReason,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      serviceId: r.serviceId,
    };
  }

  needStatus(r: NeedRow, now: Date): NeedStatus {
    if (r.cancelledAt) return 'cancelled';
    if (r.endsAt.getTime() <= now.getTime()) return 'closed';
    if (r.signedUp >= r.headcount) return 'full';
    return 'open';
  }

  need(r: NeedRow, now: Date, myServiceId: string | null, canManage: boolean): NeedView {
    return {
      id: r.id,
      orgId: r.orgId,
      orgName: r.orgName,
      skill: { code: r.skillCode, label: r.skillLabel },
      title: r.title,
      place: r.place,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      headcount: r.headcount,
      signedUp: r.signedUp,
      description: r.description,
      status: this.needStatus(r, now),
      myServiceId,
      canManage,
      createdAt: r.createdAt.toISOString(),
    };
  }

  service(r: ServiceRow, role: 'member' | 'recipient'): ServiceView {
    return {
      id: r.id,
      origin: r.origin,
      status: r.status,
      title: r.title,
      place: r.place,
      skill: { code: r.skillCode, label: r.skillLabel },
      memberName: this.memberName(r.memberNameCipher, role !== 'member'),
      recipientLabel: r.recipientLabel,
      role,
      needId: r.needId,
      requestId: r.requestId,
      startsAt: r.startsAt ? r.startsAt.toISOString() : null,
      checkedInAt: r.checkedInAt ? r.checkedInAt.toISOString() : null,
      checkedOutAt: r.checkedOutAt ? r.checkedOutAt.toISOString() : null,
      minutes: r.minutes,
      rating: r.rating,
      ratingComment: r.ratingComment,
      confirmedAt: r.confirmedAt ? r.confirmedAt.toISOString() : null,
      createdAt: r.createdAt.toISOString(),
    };
  }
}
