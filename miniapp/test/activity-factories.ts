import type {
  ActivitySummary,
  ActivityView,
  AttendanceView,
  BranchCodeView,
  CheckinView,
  CodeKeyView,
  InboxItem,
  OrgView,
  VenueCodeView,
} from '@pioneer/shared';

let sequence = 0;

export function makeActivitySummary(overrides: Partial<ActivitySummary> = {}): ActivitySummary {
  sequence += 1;
  return {
    id: `act-${sequence}`,
    branchId: 'branch-1',
    branchName: '东王庄村党支部',
    kind: 'theme_day',
    title: '3月主题党日：学雷锋志愿服务',
    place: '村党群服务中心二楼会议室',
    startsAt: '2025-03-05T01:00:00.000Z',
    endsAt: '2025-03-05T03:00:00.000Z',
    checkoutEnabled: false,
    status: 'upcoming',
    ...overrides,
  };
}

export function makeActivityView(overrides: Partial<ActivityView> = {}): ActivityView {
  return {
    ...makeActivitySummary(),
    location: null,
    checkedIn: 0,
    expected: 12,
    createdAt: '2025-03-01T01:00:00.000Z',
    ...overrides,
  };
}

export function makeCheckinView(overrides: Partial<CheckinView> = {}): CheckinView {
  sequence += 1;
  return {
    id: `checkin-${sequence}`,
    activityId: 'act-1',
    activityTitle: '3月主题党日：学雷锋志愿服务',
    memberId: `member-${sequence}`,
    memberName: '王师傅',
    method: 'venue_code',
    checkedInAt: '2025-03-05T01:02:00.000Z',
    checkedOutAt: null,
    minutes: null,
    offline: false,
    anomalies: [],
    ...overrides,
  };
}

export function makeAttendance(overrides: Partial<AttendanceView> = {}): AttendanceView {
  return { activity: makeActivityView(), present: [], absent: [], ...overrides };
}

export function makeVenueCode(overrides: Partial<VenueCodeView> = {}): VenueCodeView {
  sequence += 1;
  const scene = `AK7Q2M9XD.${sequence.toString(36)}.x5F0aQm3Lk`;
  return {
    activityId: 'act-1',
    scene,
    link: `https://pioneer.test/pages/scan/index?scene=${encodeURIComponent(scene)}`,
    rotatesAt: new Date(Date.now() + 20_000).toISOString(),
    stepSeconds: 20,
    ...overrides,
  };
}

export function makeBranchCode(overrides: Partial<BranchCodeView> = {}): BranchCodeView {
  return {
    branchId: 'branch-1',
    branchName: '东王庄村党支部',
    scene: 'BK7Q2M9XD.1.x5F0aQm3Lk_2',
    fallbackCode: 'K7Q2M9XD3F8A',
    fallbackCodeGrouped: 'K7Q2-M9XD-3F8A',
    link: 'https://pioneer.test/pages/scan/index?scene=BK7Q2M9XD.1.x5F0aQm3Lk_2',
    codeType: 'qr',
    keyVersion: 1,
    ...overrides,
  };
}

export function makeCodeKey(overrides: Partial<CodeKeyView> = {}): CodeKeyView {
  return {
    purpose: 'branch',
    version: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    revokedAt: null,
    current: true,
    ...overrides,
  };
}

export function makeInboxItem(overrides: Partial<InboxItem> = {}): InboxItem {
  sequence += 1;
  return {
    id: `inbox-${sequence}`,
    category: 'notice',
    kind: 'flow.activated',
    title: '王师傅已到流入地报到',
    body: '东王庄村党支部的王师傅已在太仓市璜泾镇报到。',
    subjectType: 'flow',
    subjectId: `flow-${sequence}`,
    orgName: '东王庄村党支部',
    createdAt: '2025-03-05T01:00:00.000Z',
    readAt: null,
    doneAt: null,
    ...overrides,
  };
}

export function makeOrg(id: string, name: string, level: OrgView['level'] = 'branch'): OrgView {
  return {
    id,
    parentId: null,
    level,
    kind: 'regular',
    name,
    regionCode: null,
    address: null,
    location: null,
    secretaryName: null,
    activityDay: null,
    foundingOrgId: null,
    trail: [name],
  };
}
