import { secondsBetween, studyDay, studyMonth, studyYear, yearBounds, yearShare } from './study-time.js';

describe('study time in Beijing', () => {
  it.each([
    ['the last UTC evening of a month is already the 1st in Beijing', '2025-02-28T16:00:00Z', '2025-03-01', '2025-03'],
    ['one second earlier is still February', '2025-02-28T15:59:59Z', '2025-02-28', '2025-02'],
    ['New Year in Beijing comes 8 hours before UTC', '2024-12-31T16:30:00Z', '2025-01-01', '2025-01'],
    ['a leap day', '2024-02-29T04:00:00Z', '2024-02-29', '2024-02'],
    ['midday', '2025-07-15T04:00:00Z', '2025-07-15', '2025-07'],
  ])('%s', (_what, at, day, month) => {
    expect(studyDay(new Date(at))).toBe(day);
    expect(studyMonth(new Date(at))).toBe(month);
  });

  it('gives the plan year of Beijing', () => {
    expect(studyYear(new Date('2024-12-31T16:00:00Z'))).toBe(2025);
    expect(studyYear(new Date('2024-12-31T15:59:59Z'))).toBe(2024);
  });

  it('bounds a Beijing year in UTC instants', () => {
    expect(yearBounds(2025)).toEqual({
      from: new Date('2024-12-31T16:00:00Z'),
      to: new Date('2025-12-31T16:00:00Z'),
    });
  });

  it.each([
    ['before the year', '2024-06-01T00:00:00Z', 0],
    ['its start', '2025-01-01T00:00:00Z', 0],
    ['half-way through (by days)', '2025-07-02T12:00:00Z', 0.5],
    ['after it', '2026-03-01T00:00:00Z', 1],
  ])('measures the share of the year gone %s', (_what, at, share) => {
    expect(yearShare(2025, new Date(at))).toBeCloseTo(share, 5);
  });

  it('counts whole seconds and never backwards', () => {
    expect(secondsBetween(new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T00:00:14.9Z'))).toBe(14);
    expect(secondsBetween(new Date('2025-01-01T00:00:10Z'), new Date('2025-01-01T00:00:00Z'))).toBe(0);
  });
});
