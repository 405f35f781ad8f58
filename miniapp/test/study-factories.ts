import type {
  MyStudyItem,
  MyStudyPack,
  MyStudyPlan,
  OpenStudyItemResponse,
  StudyCompletionRow,
  StudyDeliveryView,
  StudyItemView,
  StudyPackView,
  StudyPlanRule,
} from '@pioneer/shared';

let sequence = 0;

export function makeMyStudyItem(overrides: Partial<MyStudyItem> = {}): MyStudyItem {
  sequence += 1;
  return {
    id: `item-${sequence}`,
    kind: 'article',
    title: '学习贯彻党的二十届三中全会精神',
    minSeconds: 300,
    effectiveSeconds: 0,
    finished: false,
    hasQuiz: false,
    quizScore: null,
    ...overrides,
  };
}

export function makeMyStudyPack(overrides: Partial<MyStudyPack> = {}): MyStudyPack {
  sequence += 1;
  return {
    id: `pack-${sequence}`,
    title: '3月学习礼包',
    summary: '本月学习《中国共产党章程》总纲和流动党员管理规定。',
    month: '2025-03',
    publishedAt: '2025-03-01T01:00:00.000Z',
    items: [],
    finishedItems: 0,
    ...overrides,
  };
}

export function makeStudyItemView(overrides: Partial<StudyItemView> = {}): StudyItemView {
  sequence += 1;
  return {
    id: `item-${sequence}`,
    position: 0,
    kind: 'article',
    title: '学习贯彻党的二十届三中全会精神',
    body: '<p>全会审议通过了《决定》。</p>',
    url: null,
    minSeconds: 120,
    capSeconds: 1800,
    quiz: null,
    ...overrides,
  };
}

export function makeOpenedItem(overrides: Partial<OpenStudyItemResponse> = {}): OpenStudyItemResponse {
  sequence += 1;
  return { sessionId: `session-${sequence}`, heartbeatSeconds: 15, item: makeStudyItemView(), ...overrides };
}

export function makePlanRule(overrides: Partial<StudyPlanRule> = {}): StudyPlanRule {
  sequence += 1;
  return {
    id: `rule-${sequence}`,
    orgId: 'org-1',
    orgName: '武川县委组织部',
    year: 2025,
    requiredHours: 32,
    requiredActivities: 4,
    electives: 2,
    ...overrides,
  };
}

export function makeMyPlan(overrides: Partial<MyStudyPlan> = {}): MyStudyPlan {
  return {
    year: 2025,
    rule: makePlanRule(),
    hours: 6.5,
    activities: 1,
    electivesChosen: [],
    expectedHoursByNow: 8,
    behind: true,
    ...overrides,
  };
}

export function makeStudyPackView(overrides: Partial<StudyPackView> = {}): StudyPackView {
  sequence += 1;
  return {
    id: `pack-${sequence}`,
    kind: 'monthly',
    title: '3月学习礼包',
    summary: '本月学习党章总纲。',
    month: '2025-03',
    ownerOrgId: 'org-1',
    ownerOrgName: '武川县委组织部',
    audience: { orgId: 'org-1', scope: 'members_away' },
    status: 'draft',
    publishAt: null,
    publishedAt: null,
    items: [],
    createdAt: '2025-02-25T01:00:00.000Z',
    ...overrides,
  };
}

export function makeDelivery(overrides: Partial<StudyDeliveryView> = {}): StudyDeliveryView {
  return {
    packId: 'pack-1',
    status: 'publishing',
    audience: 1200,
    inboxDelivered: 300,
    wechatSent: 120,
    wechatSkipped: 150,
    wechatFailed: 3,
    redParcels: 42,
    ...overrides,
  };
}

export function makeCompletionRow(overrides: Partial<StudyCompletionRow> = {}): StudyCompletionRow {
  sequence += 1;
  return {
    orgId: `org-${sequence}`,
    orgName: '东王庄村党支部',
    members: 40,
    onTrack: 30,
    behind: 10,
    rate: 0.75,
    ...overrides,
  };
}
