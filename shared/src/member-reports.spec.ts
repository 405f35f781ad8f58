import {
  isReportReminderDue,
  isValidReportPeriod,
  previousReportPeriod,
  reportDueDate,
  reportPeriodLabel,
  reportPeriodOf,
  reportRemindFrom,
  submittableReportPeriods,
  type ReportKind,
} from './member-reports.js';
import { canMoveSuggestion, suggestionNeedsReply, type SuggestionStatus } from './suggestions.js';

describe('reportPeriodOf', () => {
  it.each([
    ['thought', '2026-01-01T00:00:00+08:00', '2026-H1'],
    ['thought', '2026-06-30T23:59:59+08:00', '2026-H1'],
    // 16:00 UTC on 30 June is already 1 July in Beijing.
    ['thought', '2026-06-30T16:00:00Z', '2026-H2'],
    ['thought', '2026-12-31T15:59:59Z', '2026-H2'],
    ['thought', '2026-12-31T16:00:00Z', '2027-H1'],
    ['monthly', '2026-03-15T12:00:00+08:00', '2026-03'],
    ['monthly', '2026-02-28T16:30:00Z', '2026-03'],
    ['monthly', '2026-12-31T16:00:00Z', '2027-01'],
  ] as [ReportKind, string, string][])('%s report at %s is for %s', (kind, at, period) => {
    expect(reportPeriodOf(kind, new Date(at))).toBe(period);
  });
});

describe('previousReportPeriod', () => {
  it.each([
    ['thought', '2026-H2', '2026-H1'],
    ['thought', '2026-H1', '2025-H2'],
    ['monthly', '2026-03', '2026-02'],
    ['monthly', '2026-01', '2025-12'],
    ['monthly', '2026-11', '2026-10'],
  ] as [ReportKind, string, string][])('%s before %s is %s', (kind, period, previous) => {
    expect(previousReportPeriod(kind, period)).toBe(previous);
  });
});

describe('due dates and reminders', () => {
  it.each([
    ['thought', '2026-H1', '2026-06-30', '2026-06-01'],
    ['thought', '2026-H2', '2026-12-31', '2026-12-01'],
    ['monthly', '2026-02', '2026-02-28', '2026-02-25'],
    ['monthly', '2028-02', '2028-02-29', '2028-02-25'],
    ['monthly', '2026-04', '2026-04-30', '2026-04-25'],
  ] as [ReportKind, string, string, string][])('%s %s is due %s, reminded from %s', (kind, period, due, from) => {
    expect(reportDueDate(kind, period)).toBe(due);
    expect(reportRemindFrom(kind, period)).toBe(from);
  });

  it.each([
    ['monthly', '2026-11', '2026-11-24T15:59:59Z', false],
    ['monthly', '2026-11', '2026-11-24T16:00:00Z', true],
    ['monthly', '2026-11', '2026-11-30T15:59:59Z', true],
    ['monthly', '2026-11', '2026-11-30T16:00:00Z', false],
    ['thought', '2026-H2', '2026-11-30T12:00:00Z', false],
    ['thought', '2026-H2', '2026-12-01T01:00:00+08:00', true],
  ] as [ReportKind, string, string, boolean][])('%s %s at %s: reminder due %s', (kind, period, at, due) => {
    expect(isReportReminderDue(kind, period, new Date(at))).toBe(due);
  });
});

describe('periods a member may submit', () => {
  it.each([
    ['thought', '2026-03-01T12:00:00+08:00', ['2026-H1', '2025-H2']],
    ['monthly', '2026-01-05T12:00:00+08:00', ['2026-01', '2025-12']],
  ] as [ReportKind, string, string[]][])('%s at %s: %j', (kind, at, periods) => {
    expect(submittableReportPeriods(kind, new Date(at))).toEqual(periods);
  });

  it.each([
    ['thought', '2026-H1', true],
    ['thought', '2026-H3', false],
    ['thought', '2026-03', false],
    ['monthly', '2026-03', true],
    ['monthly', '2026-13', false],
    ['monthly', '2026-H1', false],
  ] as [ReportKind, string, boolean][])('%s period %s valid: %s', (kind, period, valid) => {
    expect(isValidReportPeriod(kind, period)).toBe(valid);
  });
});

describe('canMoveSuggestion', () => {
  it.each([
    ['received', 'processing', true],
    ['received', 'adopted', true],
    ['received', 'answered', true],
    ['received', 'declined', true],
    ['received', 'received', false],
    ['processing', 'adopted', true],
    ['processing', 'processing', false],
    ['processing', 'received', false],
    ['adopted', 'answered', false],
    ['answered', 'processing', false],
    ['declined', 'adopted', false],
  ] as [SuggestionStatus, SuggestionStatus, boolean][])('%s → %s: %s', (from, to, ok) => {
    expect(canMoveSuggestion(from, to)).toBe(ok);
  });

  it('asks for a reply only with a final answer', () => {
    expect(suggestionNeedsReply('processing')).toBe(false);
    expect(suggestionNeedsReply('declined')).toBe(true);
  });
});

describe('reportPeriodLabel', () => {
  it.each([
    ['thought', '2026-H1', '2026年上半年'],
    ['thought', '2026-H2', '2026年下半年'],
    ['monthly', '2026-03', '2026年3月'],
    ['monthly', '2026-11', '2026年11月'],
  ] as [ReportKind, string, string][])('%s %s reads %s', (kind, period, label) => {
    expect(reportPeriodLabel(kind, period)).toBe(label);
  });
});
