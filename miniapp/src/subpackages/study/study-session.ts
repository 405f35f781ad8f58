import { HEARTBEAT_SECONDS, type MyStudyItem, type OpenStudyItemResponse } from '@pioneer/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLoader, type Loaded } from '../../components/use-loader';
import { ApiError, errorMessage } from '../../services/http';
import { fetchMyPack, finishSession, openItem, sendHeartbeat } from '../../services/study';

export interface StudyProgress {
  effectiveSeconds: number;
  finished: boolean;
}

export interface StudySession {
  opened: Loaded<OpenStudyItemResponse>;
  reopen: () => void;
  /** Where the member stands on this item: known once the pack or a beat has said so. */
  progress: StudyProgress | null;
  /** My standing on the item as the pack gave it on opening (its best quiz score among it). */
  before: MyStudyItem | null;
  /** A small note for the reader: beats not getting through, or the session ended elsewhere. */
  note: string | null;
}

export const UNSTABLE_NOTE = '网络不稳定，学习时长可能少计';

/** Quiet re-opens per page: enough for a restarted server, not a tug-of-war with a second phone. */
const MAX_REOPENS = 2;

/** The server's interval, kept within reason. */
function beatSeconds(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 5 && value <= 300 ? value : HEARTBEAT_SECONDS;
}

/** The server no longer knows the session (opened again elsewhere, or ended): a new one has to be opened. */
function sessionGone(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 409 || error.status === 410);
}

/**
 * One reading session of an item: opened when the page loads, carried by a heartbeat every
 * `heartbeatSeconds` while `visible`, and finished (a last beat) when the page goes away.
 *
 * - seq goes 1, 2, 3 … per session; nothing is sent while the page is hidden.
 * - The first beat after the page was hidden says `visible: false`, and goes out as soon as the page shows
 *   again: it earns nothing, and the server's clock starts afresh from there.
 * - A beat that fails is not sent again (a late beat earns nothing); a beat still on its way when the next
 *   is due makes that one skipped. Either way the reader carries on and says time may be under-counted.
 * - `packId`, when known, gives the progress so far at once (opening an item does not answer it).
 */
export function useStudySession(itemId: string, packId: string, visible: boolean): StudySession {
  const opened = useLoader(() => openItem(itemId), itemId, { auto: itemId !== '' });
  const [progress, setProgress] = useState<StudyProgress | null>(null);
  const [before, setBefore] = useState<MyStudyItem | null>(null);
  const [unstable, setUnstable] = useState(false);
  const [ended, setEnded] = useState<string | null>(null);

  const session = opened.state.status === 'ready' ? opened.state.data : null;
  const sessionId = session?.sessionId ?? null;
  const interval = beatSeconds(session?.heartbeatSeconds);

  const counter = useRef({ sessionId: '', seq: 0, applied: 0, inFlight: false });
  const missedView = useRef(false);
  const shownSession = useRef<string | null>(null);
  const visibleNow = useRef(visible);
  const reopens = useRef(0);
  const { setData } = opened;

  useEffect(() => {
    visibleNow.current = visible;
    if (!visible) missedView.current = true;
  }, [visible]);

  useEffect(() => {
    if (!itemId || !packId) return undefined;
    let live = true;
    fetchMyPack(packId)
      .then((pack) => {
        const mine = pack.items.find((item) => item.id === itemId);
        if (!live || !mine) return;
        setBefore(mine);
        setProgress((known) => known ?? { effectiveSeconds: mine.effectiveSeconds, finished: mine.finished });
      })
      // Without it the progress shows from the first beat on.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [itemId, packId]);

  /** The next beat's number and whether the page stayed in view since the last one. */
  const nextBeat = useCallback((id: string) => {
    if (counter.current.sessionId !== id) counter.current = { sessionId: id, seq: 0, applied: 0, inFlight: false };
    counter.current.seq += 1;
    const visibleSinceLast = !missedView.current;
    missedView.current = false;
    return { state: counter.current, request: { seq: counter.current.seq, visible: visibleSinceLast } };
  }, []);

  const beat = useCallback(
    (id: string) => {
      if (counter.current.sessionId === id && counter.current.inFlight) {
        setUnstable(true);
        return;
      }
      const { state, request } = nextBeat(id);
      state.inFlight = true;
      sendHeartbeat(id, request)
        .then((answer) => {
          setUnstable(false);
          if (request.seq <= state.applied) return;
          state.applied = request.seq;
          setProgress((known) => ({
            effectiveSeconds: answer.effectiveSeconds,
            finished: answer.finished || known?.finished === true,
          }));
        })
        .catch((error: unknown) => {
          if (!sessionGone(error)) {
            setUnstable(true);
            return;
          }
          if (reopens.current >= MAX_REOPENS) {
            setEnded(errorMessage(error));
            return;
          }
          reopens.current += 1;
          // Quietly: the page keeps showing the item while a new session starts.
          openItem(itemId)
            .then(setData)
            .catch(() => setUnstable(true));
        })
        .finally(() => {
          state.inFlight = false;
        });
    },
    [itemId, nextBeat, setData],
  );

  useEffect(() => {
    if (!sessionId || !visible || ended) return undefined;
    if (shownSession.current !== sessionId) {
      // A new session: the server's clock starts at its opening.
      shownSession.current = sessionId;
      missedView.current = false;
    } else if (missedView.current) {
      // Back on screen after being hidden: say so at once, so the next beat's time counts again.
      beat(sessionId);
    }
    const timer = setInterval(() => beat(sessionId), interval * 1000);
    return () => clearInterval(timer);
  }, [sessionId, visible, ended, interval, beat]);

  useEffect(() => {
    if (!sessionId) return undefined;
    return () => {
      // The page is gone (or a new session replaced this one): a last beat ends the session; losing it costs
      // at most the seconds since the previous beat.
      const { request } = nextBeat(sessionId);
      finishSession(sessionId, { seq: request.seq, visible: request.visible && visibleNow.current }).catch(
        () => undefined,
      );
    };
  }, [sessionId, nextBeat]);

  return {
    opened: opened.state,
    reopen: opened.reload,
    progress,
    before,
    note: ended ?? (unstable ? UNSTABLE_NOTE : null),
  };
}
