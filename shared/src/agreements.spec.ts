import {
  agreementInForce,
  chinaDate,
  compareAgreementsForFlow,
  duplicateResponsibilityIndex,
  firstResponsibilityDueOn,
  markResponsibilityDone,
  responsibilityEscalationLevel,
  responsibilityPeriodEnd,
  responsibilityStatus,
  type AgreementRank,
  type AgreementReach,
  type FlowReach,
} from './agreements.js';

const agreement: AgreementReach = {
  sendingOrgPath: '/p/c/a/',
  receivingOrgPath: '/p2/d/',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  status: 'active',
};
const flow: FlowReach = { sendingPath: '/p/c/a/t/v/b/', receivingPath: '/p2/d/s/m/' };

describe('agreementInForce', () => {
  it.each<[string, Partial<AgreementReach>, Partial<FlowReach>, string, boolean]>([
    ['inside both subtrees, mid-term', {}, {}, '2026-06-01', true],
    ['on the first day', {}, {}, '2026-01-01', true],
    ['on the last day', {}, {}, '2026-12-31', true],
    ['the day before it starts', {}, {}, '2025-12-31', false],
    ['the day after it ends', {}, {}, '2027-01-01', false],
    ['open-ended, years later', { endsOn: null }, {}, '2035-01-01', true],
    ['ended early', { status: 'ended' }, {}, '2026-06-01', false],
    ['sent from elsewhere', {}, { sendingPath: '/p/c/b/t/' }, '2026-06-01', false],
    ['received elsewhere', {}, { receivingPath: '/p2/x/s/' }, '2026-06-01', false],
    ['not yet received', {}, { receivingPath: null }, '2026-06-01', false],
    ['sides swapped', {}, { sendingPath: '/p2/d/s/m/', receivingPath: '/p/c/a/t/' }, '2026-06-01', false],
    ['the parties themselves', {}, { sendingPath: '/p/c/a/', receivingPath: '/p2/d/' }, '2026-06-01', true],
  ])('%s', (_name, a, f, today, expected) => {
    expect(agreementInForce({ ...agreement, ...a }, { ...flow, ...f }, today)).toBe(expected);
  });
});

describe('chinaDate', () => {
  it.each([
    ['2026-03-01T15:59:59Z', '2026-03-01'],
    ['2026-03-01T16:00:00Z', '2026-03-02'],
  ])('%s is %s in China', (at, day) => {
    expect(chinaDate(new Date(at))).toBe(day);
  });
});

describe('compareAgreementsForFlow', () => {
  const base: AgreementRank = { id: 'b', sendingOrgPath: '/p/c/', receivingOrgPath: '/p2/d/', startsOn: '2026-01-01' };
  it.each<[string, Partial<AgreementRank>, Partial<AgreementRank>]>([
    ['a narrower sending party', { sendingOrgPath: '/p/c/a/' }, { receivingOrgPath: '/p2/d/s/' }],
    ['a narrower receiving party when the sending parties tie', { receivingOrgPath: '/p2/d/s/' }, {}],
    ['the later start when the parties tie', { startsOn: '2026-03-01' }, {}],
    ['the smaller id when everything else ties', { id: 'a' }, {}],
  ])('puts first %s', (_name, first, second) => {
    const a = { ...base, ...first };
    const b = { ...base, ...second };
    expect([b, a].sort(compareAgreementsForFlow)).toEqual([a, b]);
    expect([a, b].sort(compareAgreementsForFlow)).toEqual([a, b]);
  });
});

describe('duplicateResponsibilityIndex', () => {
  it.each<[string, { side: 'sending' | 'receiving' | 'member'; title: string }[], number]>([
    ['no items', [], -1],
    [
      'distinct titles',
      [
        { side: 'sending', title: '联系' },
        { side: 'sending', title: '评议' },
      ],
      -1,
    ],
    [
      'the same title on two sides',
      [
        { side: 'sending', title: '联系' },
        { side: 'member', title: '联系' },
      ],
      -1,
    ],
    [
      'a repeat on one side',
      [
        { side: 'sending', title: '联系' },
        { side: 'member', title: 'x' },
        { side: 'sending', title: '联系' },
      ],
      2,
    ],
    [
      'a repeat that differs only in spaces',
      [
        { side: 'member', title: '思想 汇报' },
        { side: 'member', title: '思想汇报' },
      ],
      1,
    ],
  ])('finds %s', (_name, items, expected) => {
    expect(duplicateResponsibilityIndex(items)).toBe(expected);
  });
});

describe('responsibilityPeriodEnd', () => {
  it.each([
    ['once', '2026-02-10', null],
    ['monthly', '2026-02-10', '2026-02-28'],
    ['monthly', '2028-02-01', '2028-02-29'],
    ['monthly', '2026-12-31', '2026-12-31'],
    ['quarterly', '2026-01-01', '2026-03-31'],
    ['quarterly', '2026-05-15', '2026-06-30'],
    ['quarterly', '2026-11-21', '2026-12-31'],
    ['half_yearly', '2026-06-30', '2026-06-30'],
    ['half_yearly', '2026-07-01', '2026-12-31'],
    ['yearly', '2026-03-03', '2026-12-31'],
  ] as const)('%s containing %s ends %s', (cadence, day, end) => {
    expect(responsibilityPeriodEnd(cadence, day)).toBe(end);
  });
});

describe('firstResponsibilityDueOn', () => {
  it.each([
    ['once', '2026-11-21', '2026-12-21'],
    ['once', '2026-12-15', '2027-01-14'],
    ['monthly', '2026-11-21', '2026-11-30'],
    ['quarterly', '2026-11-21', '2026-12-31'],
    ['half_yearly', '2026-03-01', '2026-06-30'],
    ['yearly', '2026-03-01', '2026-12-31'],
  ] as const)('%s made on %s is due %s', (cadence, day, due) => {
    expect(firstResponsibilityDueOn(cadence, day)).toBe(due);
  });
});

describe('markResponsibilityDone', () => {
  it.each([
    // cadence, due, today, outcome
    ['once', '2026-12-21', '2026-11-25', { ok: true, nextDueOn: null }],
    ['once', '2026-12-21', '2027-02-01', { ok: true, nextDueOn: null }],
    // early in the period: the next period's end
    ['monthly', '2026-11-30', '2026-11-21', { ok: true, nextDueOn: '2026-12-31' }],
    // on the due day itself
    ['monthly', '2026-11-30', '2026-11-30', { ok: true, nextDueOn: '2026-12-31' }],
    // late: counts for the period it was done in
    ['monthly', '2026-09-30', '2026-11-21', { ok: true, nextDueOn: '2026-12-31' }],
    ['monthly', '2026-10-31', '2026-11-30', { ok: true, nextDueOn: '2026-12-31' }],
    // already done for this period
    ['monthly', '2026-12-31', '2026-11-25', { ok: false }],
    ['quarterly', '2026-12-31', '2026-11-21', { ok: true, nextDueOn: '2027-03-31' }],
    ['quarterly', '2027-03-31', '2026-12-01', { ok: false }],
    ['half_yearly', '2026-06-30', '2026-11-21', { ok: true, nextDueOn: '2027-06-30' }],
    ['yearly', '2026-12-31', '2026-01-05', { ok: true, nextDueOn: '2027-12-31' }],
  ] as const)('%s due %s, done on %s', (cadence, dueOn, today, outcome) => {
    expect(markResponsibilityDone(cadence, dueOn, today)).toEqual(outcome);
  });
});

describe('responsibilityStatus', () => {
  it.each([
    [{ cadence: 'once', done: true, dueOn: '2026-01-01' }, '2026-11-21', 'done'],
    [{ cadence: 'once', done: false, dueOn: '2026-12-21' }, '2026-11-21', 'open'],
    [{ cadence: 'once', done: false, dueOn: '2026-11-20' }, '2026-11-21', 'overdue'],
    [{ cadence: 'once', done: false, dueOn: '2026-11-21' }, '2026-11-21', 'open'],
    [{ cadence: 'monthly', done: false, dueOn: '2026-11-30' }, '2026-11-21', 'open'],
    [{ cadence: 'monthly', done: false, dueOn: '2026-12-31' }, '2026-11-21', 'done'],
    [{ cadence: 'monthly', done: false, dueOn: '2026-10-31' }, '2026-11-21', 'overdue'],
    [{ cadence: 'quarterly', done: false, dueOn: null }, '2026-11-21', 'open'],
  ] as const)('%o on %s is %s', (item, today, status) => {
    expect(responsibilityStatus(item, today)).toBe(status);
  });
});

describe('responsibilityEscalationLevel', () => {
  it.each([
    [-3, 0],
    [0, 0],
    [1, 1],
    [14, 1],
    [15, 2],
    [200, 2],
  ] as const)('%i days late reaches level %i', (days, level) => {
    expect(responsibilityEscalationLevel(days)).toBe(level);
  });
});
