import {
  beijingYear,
  groupRedemptionCode,
  normaliseRedemptionCode,
  pointsFor,
  pointsToExpire,
  POINTS_RULES_V1,
  type ExpiryLedgerEntry,
  type PointsRuleInput,
} from './points.js';

describe('pointsFor (rules v1)', () => {
  it.each<[string, PointsRuleInput, number]>([
    ['a check-in', { source: 'checkin' }, 2],
    ['a check-in ignores any quantity', { source: 'checkin', quantity: 500 }, 2],
    ['a completed study pack', { source: 'study' }, 5],
    ['service: 0 minutes', { source: 'service_hours', quantity: 0 }, 0],
    ['service: 29 minutes (no whole half hour)', { source: 'service_hours', quantity: 29 }, 0],
    ['service: 30 minutes', { source: 'service_hours', quantity: 30 }, 5],
    ['service: 59 minutes rounds down', { source: 'service_hours', quantity: 59 }, 5],
    ['service: 60 minutes', { source: 'service_hours', quantity: 60 }, 10],
    ['service: 95 minutes', { source: 'service_hours', quantity: 95 }, 15],
    ['service: 8 hours', { source: 'service_hours', quantity: 480 }, 80],
    ['service: negative minutes', { source: 'service_hours', quantity: -60 }, 0],
    ['service: no quantity', { source: 'service_hours' }, 0],
    ['service: not a number', { source: 'service_hours', quantity: Number.NaN }, 0],
    ['rating: 5 stars', { source: 'service_rating', quantity: 5 }, 5],
    ['rating: 4 stars', { source: 'service_rating', quantity: 4 }, 3],
    ['rating: 3 stars', { source: 'service_rating', quantity: 3 }, 0],
    ['rating: 1 star', { source: 'service_rating', quantity: 1 }, 0],
    ['rating: 6 stars is not a rating', { source: 'service_rating', quantity: 6 }, 0],
    ['rating: 4.5 stars is not a rating', { source: 'service_rating', quantity: 4.5 }, 0],
    ['manual: as given', { source: 'manual', amount: 12 }, 12],
    ['manual: a deduction', { source: 'manual', amount: -7 }, -7],
    ['manual: fractions give nothing', { source: 'manual', amount: 1.5 }, 0],
    ['manual: beyond the maximum gives nothing', { source: 'manual', amount: 1001 }, 0],
    ['manual: no amount', { source: 'manual' }, 0],
  ])('%s', (_label, input, expected) => {
    expect(pointsFor(input)).toBe(expected);
  });

  it('takes the amounts from the rule set given', () => {
    const rules = { ...POINTS_RULES_V1, version: 'v2', checkin: 3, servicePerHour: 12 };
    expect(pointsFor({ source: 'checkin' }, rules)).toBe(3);
    expect(pointsFor({ source: 'service_hours', quantity: 90 }, rules)).toBe(18);
  });
});

describe('pointsToExpire (oldest points first)', () => {
  let serial = 0;
  const e = (
    amount: number,
    year: number,
    source: ExpiryLedgerEntry['source'] = amount > 0 ? 'checkin' : 'redemption',
    reversesEntryId: string | null = null,
  ): ExpiryLedgerEntry => ({ id: `e${(serial += 1)}`, amount, year, source, reversesEntryId });

  it.each<[string, () => ExpiryLedgerEntry[], number, number]>([
    ['nothing earned', () => [], 2024, 0],
    ['all earned in the expiring year', () => [e(10, 2024), e(5, 2024)], 2024, 15],
    ['earned in earlier years too', () => [e(3, 2022), e(10, 2024)], 2024, 13],
    ['only newer earnings', () => [e(10, 2025)], 2024, 0],
    ['spending takes the oldest first', () => [e(10, 2024), e(10, 2025), e(-4, 2025)], 2024, 6],
    [
      'spending more than the old earnings leaves none to expire',
      () => [e(10, 2024), e(10, 2025), e(-12, 2025)],
      2024,
      0,
    ],
    ['a deduction counts as spending', () => [e(10, 2024), e(-3, 2024, 'manual')], 2024, 7],
    [
      'a cancelled redemption gives its points back to spend',
      () => [e(10, 2024), e(-8, 2024), e(8, 2025, 'redemption_cancel')],
      2024,
      10,
    ],
    ['an earlier expiry counts as spent', () => [e(10, 2023), e(-10, 2024, 'expiry'), e(6, 2024)], 2024, 6],
    [
      'a reversal takes back its own entry, not the oldest',
      () => {
        const old = e(10, 2024);
        const recent = e(6, 2025);
        return [old, recent, e(-6, 2025, 'reversal', recent.id)];
      },
      2024,
      10,
    ],
    [
      'a reversed old earning does not expire',
      () => {
        const old = e(10, 2024);
        return [old, e(-10, 2024, 'reversal', old.id), e(4, 2025)];
      },
      2024,
      0,
    ],
    [
      'reversing a deduction gives the points back',
      () => {
        const deduction = e(-5, 2024, 'manual');
        return [e(10, 2024), deduction, e(5, 2025, 'reversal', deduction.id)];
      },
      2024,
      10,
    ],
  ])('%s', (_label, entries, lastExpiredYear, expected) => {
    expect(pointsToExpire(entries(), lastExpiredYear)).toBe(expected);
  });

  it('never expires more than the balance', () => {
    const entries = [e(10, 2023), e(10, 2024), e(-15, 2025), e(-5, 2025, 'expiry')];
    expect(pointsToExpire(entries, 2024)).toBe(0);
  });
});

describe('beijingYear', () => {
  it.each([
    ['2026-12-31T15:59:59Z', 2026],
    ['2026-12-31T16:00:00Z', 2027],
    ['2027-01-01T00:00:00+08:00', 2027],
  ])('%s is in %i in Beijing', (iso, year) => {
    expect(beijingYear(new Date(iso))).toBe(year);
  });
});

describe('redemption codes', () => {
  it.each([
    ['ABCD-EFGH-JKMN', 'ABCDEFGHJKMN'],
    [' abcd efgh jkmn ', 'ABCDEFGHJKMN'],
    ['23456789ABCD', '23456789ABCD'],
    ['ABCD-EFGH-JKM', null],
    ['ABCD-EFGH-JKM0', null],
    ['ABCD-EFGH-JKMI', null],
    ['', null],
  ])('normalises %j to %j', (input, expected) => {
    expect(normaliseRedemptionCode(input)).toBe(expected);
  });

  it('groups a code in fours', () => {
    expect(groupRedemptionCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
  });
});
