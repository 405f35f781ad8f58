import {
  DEFAULT_PAIRING_RULES,
  addMonthsToDay,
  contactDueOn,
  contactOverdue,
  daysBetweenDays,
  decideSilence,
  rulesFor,
  type ContactDueInput,
  type SilenceInput,
} from './pairing.js';

describe('addMonthsToDay', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-07-10', 6, '2027-01-10'],
    ['2026-05-01', 0, '2026-05-01'],
  ])('%s plus %i months is %s', (day, months, expected) => {
    expect(addMonthsToDay(day, months)).toBe(expected);
  });
});

describe('contactDueOn', () => {
  const base: ContactDueInput = {
    pairedOn: '2026-01-10',
    lastContactOn: null,
    plannedNextOn: null,
    abroad: false,
    rules: DEFAULT_PAIRING_RULES,
  };
  it.each<[string, Partial<ContactDueInput>, string]>([
    ['a month after pairing, before any contact', {}, '2026-02-10'],
    ['six months after pairing for a member abroad', { abroad: true }, '2026-07-10'],
    ['a month after the last contact', { lastContactOn: '2026-03-05' }, '2026-04-05'],
    ['six months after the last contact abroad', { lastContactOn: '2026-03-05', abroad: true }, '2026-09-05'],
    ['on an earlier planned day', { lastContactOn: '2026-03-05', plannedNextOn: '2026-03-20' }, '2026-03-20'],
    [
      'on the cadence when the plan is later',
      { lastContactOn: '2026-03-05', plannedNextOn: '2026-05-01' },
      '2026-04-05',
    ],
    [
      'abroad, a plan inside six months',
      { lastContactOn: '2026-03-05', plannedNextOn: '2026-06-01', abroad: true },
      '2026-06-01',
    ],
    [
      'on a configured two-month cadence',
      { lastContactOn: '2026-03-31', rules: { contactMonths: 2, abroadContactMonths: 6 } },
      '2026-05-31',
    ],
    ['clamped to the end of a short month', { lastContactOn: '2026-01-31' }, '2026-02-28'],
  ])('is due %s', (_name, input, expected) => {
    expect(contactDueOn({ ...base, ...input })).toBe(expected);
  });
});

describe('contactOverdue', () => {
  it.each([
    ['2026-02-10', '2026-02-09', false],
    ['2026-02-10', '2026-02-10', false],
    ['2026-02-10', '2026-02-11', true],
  ])('due %s, today %s: overdue %s', (due, today, expected) => {
    expect(contactOverdue(due, today)).toBe(expected);
  });
});

describe('daysBetweenDays', () => {
  it.each([
    ['2026-02-10', '2026-02-10', 0],
    ['2026-02-10', '2026-03-01', 19],
    ['2026-03-01', '2026-02-10', -19],
  ])('%s to %s is %i days', (from, to, expected) => {
    expect(daysBetweenDays(from, to)).toBe(expected);
  });
});

describe('decideSilence', () => {
  const now = new Date('2026-06-30T02:00:00Z');
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const base: SilenceInput = {
    now,
    awaySince: daysAgo(400),
    lastReachedContactAt: null,
    lastCheckinAt: null,
    lastStudyAt: null,
    quietUntil: null,
    lostAfterDays: 90,
  };
  it.each<[string, Partial<SilenceInput>, boolean, string, number]>([
    ['nothing at all since leaving long ago', {}, true, 'silent', 400],
    ['left recently, nothing yet', { awaySince: daysAgo(30) }, false, 'recently_seen', 30],
    ['left exactly the threshold ago', { awaySince: daysAgo(90) }, true, 'silent', 90],
    ['a day short of the threshold', { awaySince: daysAgo(89) }, false, 'recently_seen', 89],
    ['reached by phone last month', { lastReachedContactAt: daysAgo(30) }, false, 'recently_seen', 30],
    ['checked in recently, no contact', { lastCheckinAt: daysAgo(10) }, false, 'recently_seen', 10],
    ['studied recently, no contact', { lastStudyAt: daysAgo(5) }, false, 'recently_seen', 5],
    [
      'every sign old',
      { lastReachedContactAt: daysAgo(200), lastCheckinAt: daysAgo(150), lastStudyAt: daysAgo(120) },
      true,
      'silent',
      120,
    ],
    ['dismissed and still quiet', { quietUntil: daysAgo(-5) }, false, 'quiet', 400],
    ['dismissed, quiet period over', { quietUntil: daysAgo(1) }, true, 'silent', 400],
    ['a longer configured threshold', { lastStudyAt: daysAgo(120), lostAfterDays: 180 }, false, 'recently_seen', 120],
    [
      'signs from before leaving do not count',
      { lastCheckinAt: daysAgo(500), awaySince: daysAgo(95) },
      true,
      'silent',
      95,
    ],
  ])('%s', (_name, input, propose, why, silentDays) => {
    const d = decideSilence({ ...base, ...input });
    expect({ propose: d.propose, why: d.why, silentDays: d.silentDays }).toEqual({ propose, why, silentDays });
  });

  it('answers the latest sign of life', () => {
    const d = decideSilence({ ...base, lastCheckinAt: daysAgo(150), lastStudyAt: daysAgo(120) });
    expect(d.lastSeenAt).toEqual(daysAgo(120));
    expect(decideSilence(base).lastSeenAt).toBeNull();
  });
});

describe('rulesFor', () => {
  const own = [
    { orgPath: '/p/c/', id: 'city' },
    { orgPath: '/p/c/county/', id: 'county' },
    { orgPath: '/p/c/county-2/', id: 'county-2' },
  ];
  it.each([
    ['/p/c/county/town/branch/', 'county'],
    ['/p/c/county/', 'county'],
    ['/p/c/other/branch/', 'city'],
    ['/p/c/county-2/b/', 'county-2'],
    ['/q/branch/', null],
  ])('%s follows %s', (path, expected) => {
    expect(rulesFor(path, own)?.id ?? null).toBe(expected);
  });
});
