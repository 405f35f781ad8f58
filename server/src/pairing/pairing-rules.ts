import { DEFAULT_PAIRING_RULES, chinaDate, contactDueOn, rulesFor, type PairingRules } from '@pioneer/shared';

/** Ancestor paths of an org path, itself included, root first: `/a/b/` → `/a/`, `/a/b/`. */
export function pathsUpTo(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/** The rules in force at `path` among the rows given (an org's own rules and its ancestors'), else the defaults. */
export function effectiveRules(path: string, own: readonly (PairingRules & { orgPath: string })[]): PairingRules {
  const r = rulesFor(path, own);
  return r
    ? {
        contactMonths: r.contactMonths,
        abroadContactMonths: r.abroadContactMonths,
        lostAfterDays: r.lostAfterDays,
        dismissQuietDays: r.dismissQuietDays,
      }
    : DEFAULT_PAIRING_RULES;
}

/** A pairing's due day from its stored inputs (the shared rule, with instants turned into Beijing days). */
export function dueDayOf(
  p: { since: Date; lastContactAt: Date | null; plannedNextOn: string | null; abroad: boolean },
  rules: PairingRules,
): string {
  return contactDueOn({
    pairedOn: chinaDate(p.since),
    lastContactOn: p.lastContactAt ? chinaDate(p.lastContactAt) : null,
    plannedNextOn: p.plannedNextOn,
    abroad: p.abroad,
    rules,
  });
}

/** The instant `days` whole days after `at`. */
export function daysAfter(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 86_400_000);
}
