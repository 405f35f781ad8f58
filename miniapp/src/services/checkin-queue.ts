import { ErrorCode, type ArrivalRequest, type CheckinRequest } from '@pioneer/shared';
import { useEffect, useSyncExternalStore } from 'react';
import { onAppForeground, onNetworkRestored, storage } from '../platform';
import { sessionStore } from '../stores/session';
import { arrive, checkIn } from './checkins';
import { ApiError, ClientErrorCode } from './http';

/**
 * Check-ins and arrivals that could not reach the server wait here, on the phone, until they can:
 * never lost (an item leaves only when the server has answered it) and never doubled (each keeps the
 * clientId of its first attempt, which the server answers once).
 */

interface QueuedBase {
  /** The request's clientId: the item's identity here and the server's duplicate check. */
  clientId: string;
  /** Whose submission it is: only that account's session sends it. */
  accountId: string;
  /** What to call it in a list: the branch or "活动签到". */
  label: string;
  /** ISO 8601: when the person scanned. */
  scannedAt: string;
  queuedAt: string;
}

export type QueuedSubmission =
  | (QueuedBase & { kind: 'checkin'; request: CheckinRequest })
  | (QueuedBase & { kind: 'arrival'; request: ArrivalRequest });

export type SubmissionKind = QueuedSubmission['kind'];

/** A queued item the server refused: kept a while so the person learns why. */
export interface FailedSubmission {
  clientId: string;
  accountId: string;
  kind: SubmissionKind;
  label: string;
  scannedAt: string;
  code: string;
  message: string;
  failedAt: string;
}

export type NewSubmission =
  | { kind: 'checkin'; request: CheckinRequest; label: string; scannedAt: string }
  | { kind: 'arrival'; request: ArrivalRequest; label: string; scannedAt: string };

export interface FlushReport {
  delivered: number;
  refused: number;
  /** Still waiting for the current account. */
  remaining: number;
}

export interface CheckinQueueOptions {
  /** Sends one item; rejects with an ApiError as services do. */
  send: (item: QueuedSubmission) => Promise<unknown>;
  /** The logged-in account, or null. */
  currentAccountId: () => string | null;
  now?: () => Date;
  /** Storage keys, so tests can keep several queues apart. */
  storageKey?: string;
}

/** How many refusals are kept to show. */
const FAILED_KEEP = 20;

/** No answer, or an answer that says nothing about the submission itself: worth sending again later. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.code === ClientErrorCode.NETWORK_ERROR || error.status === 0 || error.status >= 500;
}

/**
 * What a failed submission means for it: `later` (send the same again later), `delivered` (it is
 * recorded after all) or `refused` (the server turned down its content; sending it again cannot help).
 */
export type SubmissionVerdict = 'later' | 'delivered' | 'refused';

export function submissionVerdict(error: unknown): SubmissionVerdict {
  // Anything unexpected keeps the item: better late than lost.
  if (!(error instanceof ApiError) || isUnreachable(error)) return 'later';
  // A lost session, a busy server or an attempt still being processed: nothing wrong with the item.
  if (error.status === 401 || error.code === ErrorCode.RATE_LIMITED) return 'later';
  if (error.code === ErrorCode.IDEMPOTENCY_IN_PROGRESS) return 'later';
  // The clientId was already used with the first attempt's body (sent before going offline, without
  // scannedAt): that attempt reached the server, so this submission is recorded.
  if (error.code === ErrorCode.CLIENT_ID_REUSED) return 'delivered';
  return 'refused';
}

function sendQueued(item: QueuedSubmission): Promise<unknown> {
  return item.kind === 'checkin' ? checkIn(item.request) : arrive(item.request);
}

export function createCheckinQueue(options: CheckinQueueOptions) {
  const now = options.now ?? (() => new Date());
  const pendingKey = options.storageKey ?? 'pioneer.checkin-queue';
  const failedKey = `${pendingKey}.failed`;
  const listeners = new Set<() => void>();
  let version = 0;
  let running: Promise<FlushReport> | null = null;

  const readPending = () => storage.get<QueuedSubmission[]>(pendingKey) ?? [];
  const readFailed = () => storage.get<FailedSubmission[]>(failedKey) ?? [];

  function changed(): void {
    version += 1;
    for (const listener of [...listeners]) listener();
  }

  function writePending(items: QueuedSubmission[]): void {
    storage.set(pendingKey, items);
    changed();
  }

  function remove(clientId: string): void {
    writePending(readPending().filter((item) => item.clientId !== clientId));
  }

  function refuse(item: QueuedSubmission, error: ApiError): void {
    const failed: FailedSubmission = {
      clientId: item.clientId,
      accountId: item.accountId,
      kind: item.kind,
      label: item.label,
      scannedAt: item.scannedAt,
      code: error.code,
      message: error.message,
      failedAt: now().toISOString(),
    };
    storage.set(failedKey, [...readFailed(), failed].slice(-FAILED_KEEP));
    remove(item.clientId);
  }

  const mine = <T extends { accountId: string }>(items: T[]): T[] => {
    const accountId = options.currentAccountId();
    return accountId ? items.filter((item) => item.accountId === accountId) : [];
  };

  /** Keeps a submission that could not be sent; false when there is nobody logged in to send it for. */
  function enqueue(submission: NewSubmission): boolean {
    const accountId = options.currentAccountId();
    if (!accountId) return false;
    const clientId = submission.request.clientId;
    const items = readPending();
    if (items.some((item) => item.clientId === clientId)) return true;
    const base = { clientId, accountId, label: submission.label, scannedAt: submission.scannedAt };
    const queuedAt = now().toISOString();
    const item: QueuedSubmission =
      submission.kind === 'checkin'
        ? {
            ...base,
            queuedAt,
            kind: 'checkin',
            request: { ...submission.request, scannedAt: submission.scannedAt, offline: true },
          }
        : { ...base, queuedAt, kind: 'arrival', request: submission.request };
    writePending([...items, item]);
    return true;
  }

  async function drain(): Promise<FlushReport> {
    const report: FlushReport = { delivered: 0, refused: 0, remaining: 0 };
    // Each item at most once per flush, oldest first; items queued meanwhile are picked up too.
    const tried = new Set<string>();
    for (;;) {
      const item = mine(readPending()).find((candidate) => !tried.has(candidate.clientId));
      if (!item) break;
      tried.add(item.clientId);
      try {
        await options.send(item);
        remove(item.clientId);
        report.delivered += 1;
      } catch (error) {
        const verdict = submissionVerdict(error);
        if (verdict === 'later') break; // The network is down again: the rest would fail too.
        if (verdict === 'delivered') {
          remove(item.clientId);
          report.delivered += 1;
        } else {
          refuse(item, error as ApiError);
          report.refused += 1;
        }
      }
    }
    report.remaining = mine(readPending()).length;
    return report;
  }

  /** Sends what waits, one at a time; a call while a flush runs shares that flush. */
  function flush(): Promise<FlushReport> {
    running ??= drain().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    enqueue,
    flush,
    /** The current account's waiting items, oldest first. */
    pending: (): QueuedSubmission[] => mine(readPending()),
    /** The current account's refused items, oldest first. */
    failed: (): FailedSubmission[] => mine(readFailed()),
    /** The person has read the refusals. */
    dismissFailed: (): void => {
      const accountId = options.currentAccountId();
      storage.set(
        failedKey,
        readFailed().filter((item) => item.accountId !== accountId),
      );
      changed();
    },
    subscribe: (listener: () => void): (() => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    version: () => version,
  };
}

export type CheckinQueue = ReturnType<typeof createCheckinQueue>;

/** The queue the app uses. */
export const checkinQueue = createCheckinQueue({
  send: sendQueued,
  currentAccountId: () => sessionStore.get()?.account.id ?? null,
});

let watching = false;

/** Flushes whenever the network comes back or the app returns to the foreground; installs once. */
export function watchCheckinQueue(queue: CheckinQueue = checkinQueue): void {
  if (watching) return;
  watching = true;
  const flush = () => {
    if (queue.pending().length > 0) void queue.flush();
  };
  onNetworkRestored(flush);
  onAppForeground(flush);
}

/** What waits and what was refused, for the current account; re-renders when either changes. */
export function useCheckinQueue(queue: CheckinQueue = checkinQueue) {
  useSyncExternalStore(queue.subscribe, queue.version, queue.version);
  useEffect(() => watchCheckinQueue(queue), [queue]);
  return { pending: queue.pending(), failed: queue.failed() };
}
