import { agreementInForce, chinaDate, type AgreementReach, type FlowReach } from './agreements.js';

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
