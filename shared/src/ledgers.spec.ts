import {
  FOUR_FACTS,
  factsFreshSince,
  fourFactsStatus,
  isUnclear,
  type FactConfirmation,
  type FactState,
  type FourFact,
} from './ledgers.js';

// Pinned so "days ago" means the same wherever the suite runs.
process.env.TZ = 'Asia/Shanghai';

/** 09:00 in Beijing is 01:00 UTC: both sides of midnight in the two zones are covered below. */
const NOW = new Date('2026-05-20T01:00:00Z');

function all(confirmedAt: string | null): FactConfirmation[] {
  return FOUR_FACTS.map((fact) => ({ fact, confirmedAt }));
}

describe('fourFactsStatus', () => {
  it.each([
    ['confirmed today', '2026-05-20T00:30:00Z', 'clear'],
    ['confirmed 90 UTC days ago, at the start of that day', '2026-02-19T00:00:00Z', 'clear'],
    ['confirmed 90 UTC days ago, late in that day', '2026-02-19T23:59:59Z', 'clear'],
    ['confirmed 91 UTC days ago, late in that day', '2026-02-18T23:59:59Z', 'stale'],
    ['confirmed 91 UTC days ago but 90 Beijing days ago', '2026-02-18T20:00:00Z', 'stale'],
    ['confirmed a year ago', '2025-05-20T01:00:00Z', 'stale'],
    ['never confirmed', null, 'missing'],
  ] as const)('calls a fact %s %s', (_when, confirmedAt, expected: FactState) => {
    expect(fourFactsStatus(all(confirmedAt), NOW).map((s) => s.state)).toEqual(Array(4).fill(expected));
  });

  it('answers every fact in order, and a fact not given is missing', () => {
    const facts: FactConfirmation[] = [
      { fact: 'work', confirmedAt: '2026-05-01T00:00:00Z' },
      { fact: 'identity', confirmedAt: '2025-01-01T00:00:00Z' },
    ];
    expect(fourFactsStatus(facts, NOW)).toEqual([
      { fact: 'identity', state: 'stale' },
      { fact: 'time', state: 'missing' },
      { fact: 'whereabouts', state: 'missing' },
      { fact: 'work', state: 'clear' },
    ]);
  });

  it('accepts Date objects as well as ISO strings', () => {
    const facts = FOUR_FACTS.map((fact) => ({ fact, confirmedAt: new Date('2026-05-19T12:00:00Z') }));
    expect(isUnclear(facts, NOW)).toBe(false);
  });

  it('treats an unreadable date as missing rather than clear', () => {
    expect(fourFactsStatus([{ fact: 'identity', confirmedAt: 'not a date' }], NOW)[0].state).toBe('missing');
  });
});

describe('isUnclear', () => {
  const fresh = '2026-05-10T00:00:00Z';
  const old = '2025-12-01T00:00:00Z';
  it.each([
    ['all four are fresh', false, { identity: fresh, time: fresh, whereabouts: fresh, work: fresh }],
    ['one is stale', true, { identity: fresh, time: old, whereabouts: fresh, work: fresh }],
    ['one is missing', true, { identity: fresh, time: fresh, whereabouts: fresh }],
    ['none was ever confirmed', true, {}],
  ] as const)('when %s, answers %s', (_name, expected, byFact: Partial<Record<FourFact, string>>) => {
    const facts = Object.entries(byFact).map(([fact, confirmedAt]) => ({ fact: fact as FourFact, confirmedAt }));
    expect(isUnclear(facts, NOW)).toBe(expected);
  });
});

describe('factsFreshSince', () => {
  it.each([
    ['early morning in Beijing (still the previous UTC day)', '2026-05-19T17:00:00Z', '2026-02-18T00:00:00.000Z'],
    ['late evening UTC', '2026-05-20T23:59:59Z', '2026-02-19T00:00:00.000Z'],
    ['across a leap day', '2028-03-01T06:00:00Z', '2027-12-02T00:00:00.000Z'],
  ])('starts 90 UTC days before the UTC day of %s', (_when, now, expected) => {
    expect(factsFreshSince(new Date(now)).toISOString()).toBe(expected);
  });
});
