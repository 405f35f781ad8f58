import { formatHours, formatMonth, itemProgressText, monthOf, quizScoreText, share } from './study-progress';

describe('study progress wording', () => {
  it.each([
    [0, 120, '已学 0 分钟 / 至少 2 分钟'],
    [59, 120, '已学 0 分钟 / 至少 2 分钟'],
    [185, 300, '已学 3 分钟 / 至少 5 分钟'],
    [400, 90, '已学 6 分钟 / 至少 2 分钟'],
  ])('%i seconds of %i read as "%s"', (effective, min, text) => {
    expect(itemProgressText(effective, min)).toBe(text);
  });

  it.each([
    [12, '12'],
    [3.25, '3.3'],
    [0.04, '0'],
    [7.5, '7.5'],
  ])('%f hours read as %s', (hours, text) => {
    expect(formatHours(hours)).toBe(text);
  });

  it('caps the share at the ends and counts a zero target as reached', () => {
    expect(share(30, 60)).toBe(0.5);
    expect(share(90, 60)).toBe(1);
    expect(share(-1, 60)).toBe(0);
    expect(share(0, 0)).toBe(1);
  });

  it('names months in the phone’s own calendar', () => {
    expect(monthOf(new Date(2025, 0, 31, 23, 59))).toBe('2025-01');
    expect(formatMonth('2025-03')).toBe('2025年3月');
    expect(formatMonth(null)).toBeNull();
  });

  it('gives the quiz score with the count of right answers when known', () => {
    expect(quizScoreText(80, 4, 5)).toBe('80 分（答对 4 / 5 题）');
    expect(quizScoreText(66.7)).toBe('67 分');
  });
});
