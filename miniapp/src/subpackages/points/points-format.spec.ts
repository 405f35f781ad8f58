import type { CatalogueBenefit } from '@pioneer/shared';
import { entryLabel, signedPoints, stockLine, whyNotRedeemable } from './points-format';

const benefit = (overrides: Partial<CatalogueBenefit> = {}): CatalogueBenefit => ({
  id: 'b-1',
  orgId: 'o-1',
  orgName: '东风村',
  title: '免费手机充电',
  description: null,
  cost: 10,
  stock: 3,
  perMemberLimit: 1,
  provider: '党群服务站',
  active: true,
  createdAt: '2026-03-01T00:00:00.000Z',
  redeemedByMe: 0,
  ...overrides,
});

describe('points formatting', () => {
  it.each([
    [5, '+5'],
    [-10, '−10'],
  ])('shows %i as %s', (amount, text) => {
    expect(signedPoints(amount)).toBe(text);
  });

  it.each([
    [{ source: 'checkin', status: 'posted' }, '活动签到'],
    [{ source: 'study', status: 'pending' }, '完成学习 · 待审核'],
    [{ source: 'service_hours', status: 'rejected' }, '志愿服务时长 · 未通过'],
  ] as const)('labels %j as %s', (entry, text) => {
    expect(entryLabel(entry)).toBe(text);
  });

  it.each([
    ['redeemable', benefit(), 10, null],
    ['out of stock', benefit({ stock: 0 }), 50, '已兑完'],
    ['limit reached', benefit({ redeemedByMe: 1 }), 50, '已达兑换次数'],
    ['not enough points', benefit(), 4, '还差 6 分'],
    ['no limit', benefit({ perMemberLimit: null, redeemedByMe: 9 }), 10, null],
  ])('%s', (_label, b, balance, why) => {
    expect(whyNotRedeemable(b, balance)).toBe(why);
  });

  it('describes stock and the per-member limit', () => {
    expect(stockLine(benefit())).toBe('库存 3 · 每人限 1 次');
    expect(stockLine(benefit({ perMemberLimit: null }))).toBe('库存 3');
  });
});
