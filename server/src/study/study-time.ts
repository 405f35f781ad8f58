import { HEARTBEAT_SECONDS, HEARTBEAT_SLACK_SECONDS } from '@pioneer/shared';

/** China has one time zone and no daylight saving: Beijing time is UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** A session with no beat for longer than this is no longer live (it no longer blocks other items). */
export const SESSION_LIVE_SECONDS = HEARTBEAT_SECONDS + HEARTBEAT_SLACK_SECONDS;

function beijing(at: Date): Date {
  return new Date(at.getTime() + BEIJING_OFFSET_MS);
}

/** The calendar day in Beijing, YYYY-MM-DD: the unit of the daily cap. */
export function studyDay(at: Date): string {
  return beijing(at).toISOString().slice(0, 10);
}

/** The month in Beijing, YYYY-MM: the key of the monthly reminder (one per member and month). */
export function studyMonth(at: Date): string {
  return beijing(at).toISOString().slice(0, 7);
}

/** The plan year in Beijing. */
export function studyYear(at: Date): number {
  return beijing(at).getUTCFullYear();
}

/** The instants a Beijing calendar year starts and ends (exclusive), for filtering timestamps. */
export function yearBounds(year: number): { from: Date; to: Date } {
  return {
    from: new Date(Date.UTC(year, 0, 1) - BEIJING_OFFSET_MS),
    to: new Date(Date.UTC(year + 1, 0, 1) - BEIJING_OFFSET_MS),
  };
}

/**
 * The share of `year` gone by at `at`, 0..1: the same pro-rata clock as the
 * shared `expectedByNow`, so the behind-plan SQL and the member's own plan
 * view agree.
 */
export function yearShare(year: number, at: Date): number {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  return Math.min(1, Math.max(0, (at.getTime() - start) / (end - start)));
}

/** Whole seconds between two instants, never negative. */
export function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
}
