import type { CatalogueBenefit, PointsEntryView, RedemptionView, ReviewQueueEntry } from '@pioneer/shared';

let sequence = 0;

export function makeEntry(overrides: Partial<PointsEntryView> = {}): PointsEntryView {
  sequence += 1;
  return {
    id: `entry-${sequence}`,
    memberId: 'm-1',
    amount: 2,
    status: 'posted',
    source: 'checkin',
    reason: '参加活动“主题党日”签到',
    ruleVersion: 'v1',
    createdAt: '2026-03-05T02:00:00.000Z',
    postedAt: '2026-03-05T02:00:00.000Z',
    reversesEntryId: null,
    reversedByEntryId: null,
    ...overrides,
  };
}

export function makeQueueEntry(overrides: Partial<ReviewQueueEntry> = {}): ReviewQueueEntry {
  return { ...makeEntry({ status: 'pending', postedAt: null }), memberName: '张*国', ...overrides };
}

export function makeBenefit(overrides: Partial<CatalogueBenefit> = {}): CatalogueBenefit {
  sequence += 1;
  return {
    id: `benefit-${sequence}`,
    orgId: 'org-1',
    orgName: '东风村',
    title: '免费手机充电',
    description: '在党群服务站充电一次',
    cost: 10,
    stock: 5,
    perMemberLimit: 1,
    provider: '东风村党群服务站',
    active: true,
    createdAt: '2026-03-01T00:00:00.000Z',
    redeemedByMe: 0,
    ...overrides,
  };
}

export function makeRedemption(overrides: Partial<RedemptionView> = {}): RedemptionView {
  sequence += 1;
  return {
    id: `redemption-${sequence}`,
    benefitId: 'benefit-1',
    benefitTitle: '免费手机充电',
    provider: '东风村党群服务站',
    cost: 10,
    code: 'ABCDEFGHJKMN',
    status: 'issued',
    createdAt: '2026-03-06T02:00:00.000Z',
    fulfilledAt: null,
    cancelledAt: null,
    ...overrides,
  };
}
