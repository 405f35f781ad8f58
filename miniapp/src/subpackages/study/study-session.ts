import { HEARTBEAT_SECONDS, type MyStudyItem, type OpenStudyItemResponse } from '@pioneer/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLoader, type Loaded } from '../../components/use-loader';
import { ApiError } from '../../services/http';
import { fetchMyItem, finishSession, openItem, sendHeartbeat } from '../../services/study';

export interface StudyProgress {
  effectiveSeconds: number;
  finished: boolean;
}

export interface StudySession {
  opened: Loaded<OpenStudyItemResponse>;
  reopen: () => void;
  /** Where the member stands on this item: known once the server has said so. */
  progress: StudyProgress | null;
  /** My progress as it was on opening (the last quiz score among it), when the server gave it. */
  before: MyStudyItem | null;
  /** The latest beat did not get through: time may be under-counted. */
  unstable: boolean;
}

/** The server's interval, kept within reason. */
function beatSeconds(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 5 && value <= 300 ? value : HEARTBEAT_SECONDS;
}

/** The server no longer knows the session (expired, or the server restarted): worth opening a new one. */
function sessionGone(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 409 || error.status === 410);
}

/**
 * One reading session of an item: opened when the page loads, carried by a heartbeat every
 * `heartbeatSeconds` while `visible`, finished when the page goes away.
 *
 * - seq goes 1, 2, 3 … per session; nothing is sent while the page is hidden.
 * - The first beat after the page was hidden says `visible: false`, and goes out as soon as the page shows
 *   again: it earns nothing, and the server's clock starts afresh from there.
 * - A beat that fails is not sent again (a late beat earns nothing); a beat still on its way when the next
 *   is due makes that one skipped. Either way the reader carries on and says time may be under-counted.
 */
export function useStudySession(itemId: string, visible: boolean): StudySession {
  const opened = useLoader(() => openItem(itemId), itemId, { auto: itemId !== '' });
  const [progress, setProgress] = useState<StudyProgress | null>(null);
  const [before, setBefore] = useState<MyStudyItem | null>(null);
  const [unstable, setUnstable] = useState(false);

  const session = opened.state.status === 'ready' ? opened.state.data : null;
  const sessionId = session?.sessionId ?? null;
  const interval = beatSeconds(session?.heartbeatSeconds);

  const counter = useRef({ sessionId: '', seq: 0, applied: 0, inFlight: false });
  const missedView = useRef(false);
  const shownSession = useRef<string | null>(null);
  const reopenedFrom = useRef<string | null>(null);
  const { setData } = opened;

  useEffect(() => {
    if (!itemId) return undefined;
    let live = true;
    fetchMyItem(itemId)
      .then((mine) => {
        if (!live || typeof mine?.effectiveSeconds !== 'number') return;
        setBefore(mine);
        setProgress((known) => known ?? { effectiveSeconds: mine.effectiveSeconds, finished: mine.finished === true });
      })
      // Without it the progress shows from the first beat on.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [itemId]);

  const beat = useCallback(
    (id: string) => {
      if (counter.current.sessionId !== id) counter.current = { sessionId: id, seq: 0, applied: 0, inFlight: false };
      const state = counter.current;
      if (state.inFlight) {
        setUnstable(true);
        return;
      }
      state.seq += 1;
      const seq = state.seq;
      const visibleSinceLast = !missedView.current;
      missedView.current = false;
      state.inFlight = true;
      sendHeartbeat(id, { seq, visible: visibleSinceLast })
        .then((answer) => {
          setUnstable(false);
          if (seq <= state.applied) return;
          state.applied = seq;
          setProgress((known) => ({
            effectiveSeconds: answer.effectiveSeconds,
            finished: answer.finished || known?.finished === true,
          }));
        })
        .catch((error: unknown) => {
          setUnstable(true);
          if (sessionGone(error) && reopenedFrom.current !== id) {
            reopenedFrom.current = id;
            // Quietly: the page keeps showing the item while a new session starts.
            openItem(itemId)
              .then(setData)
              .catch(() => undefined);
          }
        })
        .finally(() => {
          state.inFlight = false;
        });
    },
    [itemId, setData],
  );

  useEffect(() => {
    if (!sessionId || !visible) return undefined;
    if (shownSession.current !== sessionId) {
      // A new session: the server's clock starts at its opening.
      shownSession.current = sessionId;
      missedView.current = false;
    } else if (missedView.current) {
      // Back on screen after being hidden: say so at once, so the next beat's time counts again.
      beat(sessionId);
    }
    const timer = setInterval(() => beat(sessionId), interval * 1000);
    return () => {
      clearInterval(timer);
      missedView.current = true;
    };
  }, [sessionId, visible, interval, beat]);

  useEffect(() => {
    if (!sessionId) return undefined;
    return () => {
      // The page is gone (or a new session replaced this one); a lost finish costs nothing.
      finishSession(sessionId).catch(() => undefined);
    };
  }, [sessionId]);

  return { opened: opened.state, reopen: opened.reload, progress, before, unstable };
}
