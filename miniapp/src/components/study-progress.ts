/** How study time reads to a member: whole minutes studied, the minimum rounded up, hours to one decimal. */

const pad = (n: number) => String(n).padStart(2, '0');

export function studiedMinutes(seconds: number): number {
  return Math.max(0, Math.floor(seconds / 60));
}

export function requiredMinutes(minSeconds: number): number {
  return Math.max(1, Math.ceil(minSeconds / 60));
}

/** 已学 3 分钟 / 至少 5 分钟 */
export function itemProgressText(effectiveSeconds: number, minSeconds: number): string {
  return `已学 ${studiedMinutes(effectiveSeconds)} 分钟 / 至少 ${requiredMinutes(minSeconds)} 分钟`;
}

/** 0–1 of the way to `target`; a target of 0 counts as reached. */
export function share(done: number, target: number): number {
  if (!(target > 0)) return 1;
  return Math.min(1, Math.max(0, done / target));
}

/** 12 → "12", 3.25 → "3.3". */
export function formatHours(hours: number): string {
  const rounded = Math.round(hours * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** YYYY-MM of `at` on this phone: which month's pack is "this month's". */
export function monthOf(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}`;
}

/** 2025-03 → 2025年3月 */
export function formatMonth(month: string | null): string | null {
  const match = month ? /^(\d{4})-(\d{2})$/.exec(month) : null;
  return match ? `${match[1]}年${Number(match[2])}月` : month;
}

/** A quiz result for people: 80 分（答对 4 / 5 题）. */
export function quizScoreText(score: number, correct?: number, total?: number): string {
  const points = `${Math.round(score)} 分`;
  return correct !== undefined && total !== undefined ? `${points}（答对 ${correct} / ${total} 题）` : points;
}
