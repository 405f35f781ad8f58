import type {
  BoardCardView,
  MyCardView,
  NeedMatchView,
  NeedView,
  Paginated,
  ReserveEntryView,
  ServiceView,
  SkillView,
  VolunteerRequestView,
} from '@pioneer/shared';

/** Test data for the volunteering screens (kept beside them; only specs import it). */
export const SKILLS: SkillView[] = [
  { code: 'plumbing_electrical', label: '水电维修', position: 1, disabled: false },
  { code: 'appliance_repair', label: '家电维修', position: 2, disabled: false },
  { code: 'legal_advice', label: '法律咨询', position: 4, disabled: false },
];

export function page<T>(items: T[], nextCursor?: string): Paginated<T> {
  return nextCursor ? { items, nextCursor } : { items };
}

export function makeBoardCard(overrides: Partial<BoardCardView> = {}): BoardCardView {
  return {
    id: 'card-1',
    memberName: '刘*国',
    skills: [{ code: 'plumbing_electrical', label: '水电维修' }],
    extraSkills: null,
    description: '二十年水电安装经验，能修水管、换开关',
    areaId: 'area-1',
    areaName: '七宝社区',
    regionText: null,
    availability: { days: [6, 7], slots: ['morning', 'afternoon'] },
    hasPhoto: false,
    servicesConfirmed: 0,
    ratingAverage: null,
    ...overrides,
  };
}

export function makeMyCard(overrides: Partial<MyCardView> = {}): MyCardView {
  return {
    ...makeBoardCard({ memberName: '刘建国' }),
    status: 'active',
    createdAt: '2026-11-01T02:00:00.000Z',
    updatedAt: '2026-11-01T02:00:00.000Z',
    ...overrides,
  };
}

export function makeRequest(overrides: Partial<VolunteerRequestView> = {}): VolunteerRequestView {
  return {
    id: 'req-1',
    status: 'pending',
    card: { id: 'card-1', memberName: '刘*国', skills: [{ code: 'plumbing_electrical', label: '水电维修' }] },
    message: '厨房水管漏水，想请师傅帮忙看看',
    place: '七宝社区 5 号楼 302',
    preferredTime: '周六上午',
    requesterLabel: '居民 王阿姨',
    role: 'member',
    declineReason: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    decidedAt: null,
    serviceId: null,
    ...overrides,
  };
}

export function makeService(overrides: Partial<ServiceView> = {}): ServiceView {
  return {
    id: 'svc-1',
    origin: 'request',
    status: 'scheduled',
    title: '厨房水管漏水，想请师傅帮忙看看',
    place: '七宝社区 5 号楼 302',
    skill: { code: 'plumbing_electrical', label: '水电维修' },
    memberName: '刘*国',
    recipientLabel: '居民 王阿姨',
    role: 'recipient',
    needId: null,
    requestId: 'req-1',
    startsAt: null,
    checkedInAt: null,
    checkedOutAt: null,
    minutes: null,
    rating: null,
    ratingComment: null,
    confirmedAt: null,
    createdAt: '2026-11-20T03:00:00.000Z',
    ...overrides,
  };
}

export function makeNeed(overrides: Partial<NeedView> = {}): NeedView {
  return {
    id: 'need-1',
    orgId: 'org-1',
    orgName: '七宝社区',
    skill: { code: 'plumbing_electrical', label: '水电维修' },
    title: '老旧小区水管检修',
    place: '七宝社区 3 号楼',
    startsAt: '2030-06-08T01:00:00.000Z',
    endsAt: '2030-06-08T03:00:00.000Z',
    headcount: 2,
    signedUp: 0,
    description: null,
    status: 'open',
    myServiceId: null,
    canManage: false,
    createdAt: '2026-11-20T02:00:00.000Z',
    ...overrides,
  };
}

export function makeMatch(overrides: Partial<NeedMatchView> = {}): NeedMatchView {
  return {
    cardId: 'card-1',
    memberName: '刘*国',
    skills: [{ code: 'plumbing_electrical', label: '水电维修' }],
    areaName: '七宝社区',
    availability: { days: [6], slots: ['morning'] },
    score: 90,
    reasons: [
      { code: 'skill', label: '擅长水电维修', points: 40 },
      { code: 'same_area', label: '服务区域就在需求所在社区', points: 30 },
      { code: 'day_free', label: '周六有空', points: 10 },
      { code: 'slot_free', label: '上午有空', points: 10 },
    ],
    signedUp: false,
    ...overrides,
  };
}

export function makeReserveEntry(overrides: Partial<ReserveEntryView> = {}): ReserveEntryView {
  return {
    memberId: 'm-1',
    name: '刘建国',
    branchName: '东风村党支部',
    preferredRole: 'reserve_cadre',
    note: '愿意回村带领大家搞水电维修合作社',
    since: '2026-10-01T02:00:00.000Z',
    skills: [{ code: 'plumbing_electrical', label: '水电维修' }],
    extraSkills: ['管道疏通'],
    servicesConfirmed: 3,
    minutesServed: 270,
    ratingAverage: 4.7,
    ...overrides,
  };
}
