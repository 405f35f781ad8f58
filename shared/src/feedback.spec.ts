import {
  dueFeedbackPeriod,
  feedbackPeriodAt,
  isFeedbackDue,
  isFeedbackPeriodWritable,
  parseFeedbackPeriod,
  previousFeedbackPeriod,
  type FeedbackPeriodMonths,
} from './feedback.js';

// Pinned so the rules are seen to follow Beijing's calendar, not the machine's.
process.env.TZ = 'Asia/Shanghai';

describe(feedbackPeriodAt.name, () => {
  it.each<[string, string, FeedbackPeriodMonths, string, string, string, string]>([
    ['mid-quarter', '2026-05-20T01:00:00Z', 3, '2026-Q2', '2026年第二季度', '2026-04-01', '2026-07-01'],
    [
      'the last UTC evening of March is already April in Beijing',
      '2026-03-31T17:00:00Z',
      3,
      '2026-Q2',
      '2026年第二季度',
      '2026-04-01',
      '2026-07-01',
    ],
    [
      'just before midnight in Beijing on 31 March',
      '2026-03-31T15:59:59Z',
      3,
      '2026-Q1',
      '2026年第一季度',
      '2026-01-01',
      '2026-04-01',
    ],
    [
      'the last quarter ends at the new year',
      '2026-12-15T00:00:00Z',
      3,
      '2026-Q4',
      '2026年第四季度',
      '2026-10-01',
      '2027-01-01',
    ],
    ['monthly', '2026-02-10T00:00:00Z', 1, '2026-02', '2026年2月', '2026-02-01', '2026-03-01'],
    ['december monthly', '2026-12-10T00:00:00Z', 1, '2026-12', '2026年12月', '2026-12-01', '2027-01-01'],
    ['half-yearly, first half', '2026-06-30T10:00:00Z', 6, '2026-H1', '2026年上半年', '2026-01-01', '2026-07-01'],
    ['half-yearly, second half', '2026-07-01T00:00:00Z', 6, '2026-H2', '2026年下半年', '2026-07-01', '2027-01-01'],
    ['yearly', '2026-07-01T00:00:00Z', 12, '2026', '2026年', '2026-01-01', '2027-01-01'],
  ])('%s', (_case, at, months, key, label, start, end) => {
    expect(feedbackPeriodAt(new Date(at), months)).toEqual({ key, months, label, start, end });
  });
});

describe(dueFeedbackPeriod.name, () => {
  it.each<[string, string, FeedbackPeriodMonths, string]>([
    ['on 1 April the first quarter falls due', '2026-04-01T00:30:00Z', 3, '2026-Q1'],
    ['in January the last quarter of the year before', '2026-01-05T00:00:00Z', 3, '2025-Q4'],
    ['monthly in January: December', '2026-01-01T01:00:00Z', 1, '2025-12'],
    ['half-yearly in August: the first half', '2026-08-01T00:00:00Z', 6, '2026-H1'],
    ['half-yearly in February: the second half of last year', '2026-02-01T00:00:00Z', 6, '2025-H2'],
    ['yearly: last year', '2026-03-01T00:00:00Z', 12, '2025'],
  ])('%s', (_case, at, months, key) => {
    expect(dueFeedbackPeriod(new Date(at), months).key).toBe(key);
  });

  it('steps back through several periods without skipping one', () => {
    let p = feedbackPeriodAt(new Date('2026-05-01T00:00:00Z'), 3);
    const keys: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      p = previousFeedbackPeriod(p);
      keys.push(p.key);
    }
    expect(keys).toEqual(['2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1', '2024-Q4']);
  });
});

describe(parseFeedbackPeriod.name, () => {
  it.each<[string, string | null, string | null]>([
    ['2026-Q1', '2026-01-01', '2026-04-01'],
    ['2026-Q4', '2026-10-01', '2027-01-01'],
    ['2026-H2', '2026-07-01', '2027-01-01'],
    ['2026-03', '2026-03-01', '2026-04-01'],
    ['2026', '2026-01-01', '2027-01-01'],
    ['2026-Q5', null, null],
    ['2026-13', null, null],
    ['2026-00', null, null],
    ['26-Q1', null, null],
    ['2026-q1', null, null],
    ['1999', null, null],
    ['', null, null],
  ])('reads %s', (key, start, end) => {
    const p = parseFeedbackPeriod(key);
    expect(p ? [p.start, p.end] : [null, null]).toEqual([start, end]);
    if (p) expect(p.key).toBe(key);
  });
});

describe(isFeedbackDue.name, () => {
  const q1 = parseFeedbackPeriod('2026-Q1')!;
  const april = new Date('2026-04-02T01:00:00Z');
  it.each<[string, string, string | null, Date, boolean]>([
    ['active all quarter', 'active', '2025-11-01T02:00:00Z', april, true],
    ['arrived, not yet confirmed', 'arrived', '2026-02-01T02:00:00Z', april, true],
    ['arrived on the last day of the quarter (Beijing)', 'active', '2026-03-31T15:00:00Z', april, true],
    ['arrived the first day after it (Beijing, still 31 March in UTC)', 'active', '2026-03-31T17:00:00Z', april, false],
    ['the quarter has not ended yet', 'active', '2025-11-01T02:00:00Z', new Date('2026-03-20T00:00:00Z'), false],
    ['returned home', 'returned', '2025-11-01T02:00:00Z', april, false],
    ['approved but never arrived', 'approved', null, april, false],
    ['lost contact', 'lost_contact', '2025-11-01T02:00:00Z', april, false],
    ['found, not confirmed by the sending side', 'found', null, april, false],
  ])('%s', (_case, status, arrivedAt, at, due) => {
    expect(isFeedbackDue({ status, arrivedAt }, q1, at)).toBe(due);
  });
});

describe(isFeedbackPeriodWritable.name, () => {
  const flow = { status: 'active', arrivedAt: '2026-02-10T02:00:00Z' };
  it.each<[string, string, string, boolean]>([
    ['the current quarter may be written early', '2026-Q1', '2026-03-01T00:00:00Z', true],
    ['a past quarter after arrival', '2026-Q1', '2026-08-01T00:00:00Z', true],
    ['a future quarter may not', '2026-Q2', '2026-03-01T00:00:00Z', false],
    ['a quarter that ended before the member arrived may not', '2025-Q4', '2026-03-01T00:00:00Z', false],
  ])('%s', (_case, key, at, writable) => {
    expect(isFeedbackPeriodWritable(flow, parseFeedbackPeriod(key)!, new Date(at))).toBe(writable);
  });
});
