import {
  agreementInForce,
  chinaDate,
  compareAgreementsForFlow,
  duplicateResponsibilityIndex,
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
