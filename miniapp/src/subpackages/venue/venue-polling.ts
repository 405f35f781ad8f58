import { ErrorCode, type ActivityView, type VenueCodeView } from '@pioneer/shared';
import { useEffect, useRef, useState } from 'react';
import { fetchActivity, fetchVenueCode } from '../../services/activities';
import { ApiError, errorMessage } from '../../services/http';

/** Ask for the next code this long before the current one stops being current. */
export const VENUE_CODE_LEAD_MS = 3000;
/** After a failed call, try again this soon; the last code stays on screen meanwhile. */
export const VENUE_RETRY_MS = 3000;
/** The count on screen is at most this old. */
export const VENUE_COUNT_POLL_MS = 10_000;

/**
 * When to fetch the next code: shortly before `rotatesAt`, but never sooner than a second and never
 * later than one step, so a laptop whose clock is off still follows the codes.
 */
export function nextCodeDelay(view: VenueCodeView, now: number): number {
  const until = Date.parse(view.rotatesAt) - now - VENUE_CODE_LEAD_MS;
  const step = Math.max(1, view.stepSeconds) * 1000;
  if (Number.isNaN(until)) return step;
  return Math.min(step, Math.max(1000, until));
}

/** Answers after which asking again is pointless: the activity is gone, cancelled or not the caller's. */
const FINAL_CODES: ReadonlySet<string> = new Set([
  ErrorCode.ACTIVITY_CANCELLED,
  ErrorCode.NOT_FOUND,
  ErrorCode.FORBIDDEN,
]);

const isFinal = (error: unknown) => error instanceof ApiError && FINAL_CODES.has(error.code);

export interface Polled<T> {
  /** The latest answer; kept when a later call fails. */
  data: T | null;
  /** The latest call failed; the next attempt is scheduled. */
  failing: boolean;
  /** Polling stopped for good, with the reason to show. */
  stopped: string | null;
}

const START: Polled<never> = { data: null, failing: false, stopped: null };

/**
 * Calls `load` now and again after `delayAfter(answer)` (or `retryMs` after a failure) until the
 * component goes or `enabled` turns off.
 */
function usePolling<T>(
  load: () => Promise<T>,
  key: string,
  enabled: boolean,
  delayAfter: (data: T) => number,
): Polled<T> {
  const [state, setState] = useState<Polled<T>>(START);
  const latest = useRef({ load, delayAfter });

  useEffect(() => {
    latest.current = { load, delayAfter };
  });

  useEffect(() => {
    if (!enabled) return undefined;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      latest.current.load().then(
        (data) => {
          if (!alive) return;
          setState({ data, failing: false, stopped: null });
          timer = setTimeout(run, latest.current.delayAfter(data));
        },
        (error: unknown) => {
          if (!alive) return;
          if (isFinal(error)) {
            setState((before) => ({ ...before, failing: false, stopped: errorMessage(error) }));
            return;
          }
          setState((before) => ({ ...before, failing: true }));
          timer = setTimeout(run, VENUE_RETRY_MS);
        },
      );
    };
    run();
    return () => {
      alive = false;
      if (timer !== undefined) clearTimeout(timer);
    };
    // A new `load` each render must not restart the loop: only a new `key` does.
  }, [key, enabled]);

  return state;
}

/** The rotating code for the venue screen, fetched again shortly before each rotation. */
export function useVenueCode(activityId: string, enabled: boolean): Polled<VenueCodeView> {
  return usePolling(
    () => fetchVenueCode(activityId),
    activityId,
    enabled,
    (view) => nextCodeDelay(view, Date.now()),
  );
}

/** The activity (title, place, status, count), every ten seconds. */
export function useLiveActivity(activityId: string): Polled<ActivityView> {
  return usePolling(
    () => fetchActivity(activityId),
    activityId,
    true,
    () => VENUE_COUNT_POLL_MS,
  );
}
