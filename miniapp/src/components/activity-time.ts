const pad = (n: number) => String(n).padStart(2, '0');

/** 2025-03-05T01:02:00Z → 09:02 on a phone in China. */
export function formatClock(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** An activity's time for people: 2025-03-05 09:00–11:00, or both dates when it spans midnight. */
export function formatActivityTime(startsAt: string, endsAt: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startsAt} – ${endsAt}`;
  const day = (at: Date) => `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const clock = (at: Date) => `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  return day(start) === day(end)
    ? `${day(start)} ${clock(start)}–${clock(end)}`
    : `${day(start)} ${clock(start)} 至 ${day(end)} ${clock(end)}`;
}
