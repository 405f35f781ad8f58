const pad = (n: number) => String(n).padStart(2, '0');

/** 2025-03-01T08:05:00Z → 2025-03-01 16:05 on a phone in China: the phone's own time zone. */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A YYYY-MM-DD range for people: 2025-03-01 至 2025-12-31, or one end only. */
export function formatDateRange(from: string | null, until: string | null): string | null {
  if (from && until) return `${from} 至 ${until}`;
  if (from) return `${from} 起`;
  if (until) return `至 ${until}`;
  return null;
}

/** Today as YYYY-MM-DD on this phone. */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
