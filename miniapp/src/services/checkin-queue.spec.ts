import { CheckinRoutes, ERROR_HTTP_STATUS, ERROR_MESSAGES, ErrorCode, type CheckinRequest } from '@pioneer/shared';
import { act } from '@testing-library/react';
import { callsTo, fakeApi } from '../../test/api';
import { makeAccount, makeSession } from '../../test/factories';
import { failure, networkDown, ok } from '../../test/responses';
import { taroMock } from '../../test/taro-mock';
import { sessionStore } from '../stores/session';
import { checkinQueue, createCheckinQueue, watchCheckinQueue, type QueuedSubmission } from './checkin-queue';
import { ApiError, ClientErrorCode, NETWORK_ERROR_MESSAGE } from './http';

const SCANNED_AT = '2025-03-01T08:00:05.000Z';

let sequence = 0;
function checkinRequest(overrides: Partial<CheckinRequest> = {}): CheckinRequest {
  sequence += 1;
  return { code: 'AK7Q2M9XD.2kz3a9.x5F0aQm3Lk', clientId: `client-${sequence}-0123456789ab`, ...overrides };
}

const networkError = () => new ApiError(ClientErrorCode.NETWORK_ERROR, 0, NETWORK_ERROR_MESSAGE);
const refusal = (code: ErrorCode) => new ApiError(code, ERROR_HTTP_STATUS[code], ERROR_MESSAGES[code]);

/** A server the queue talks to: it records what arrived (each clientId once, as the real one does). */
function fakeServer() {
  let online = false;
  const received: QueuedSubmission[] = [];
  const refuse = new Map<string, ApiError>();
  const send = jest.fn(async (item: QueuedSubmission) => {
    await Promise.resolve();
    if (!online) throw networkError();
    const refusal = refuse.get(item.clientId);
    if (refusal) throw refusal;
    received.push(item);
    return { repeated: false };
  });
  return {
    send,
    received,
    refuse,
    setOnline(value: boolean) {
      online = value;
    },
  };
}

function makeQueue(server: ReturnType<typeof fakeServer>, account: { id: string | null } = { id: 'acc-1' }) {
  return createCheckinQueue({
    send: server.send,
    currentAccountId: () => account.id,
    now: () => new Date('2025-03-01T08:00:30.000Z'),
    storageKey: 'test.queue',
  });
}

describe(createCheckinQueue.name, () => {
  it('sends every item queued offline exactly once when the network returns, oldest first', async () => {
    const server = fakeServer();
    const queue = makeQueue(server);
    const first = checkinRequest();
    const second = checkinRequest({ direction: 'out' });
    queue.enqueue({ kind: 'checkin', request: first, label: '活动签到', scannedAt: SCANNED_AT });
    queue.enqueue({ kind: 'checkin', request: second, label: '活动签到', scannedAt: '2025-03-01T10:00:00.000Z' });
    // Queuing the same attempt again (a double tap) does not add a second item.
    queue.enqueue({ kind: 'checkin', request: first, label: '活动签到', scannedAt: SCANNED_AT });

    await expect(queue.flush()).resolves.toEqual({ delivered: 0, refused: 0, remaining: 2 });
    expect(server.send).toHaveBeenCalledTimes(1); // gave up at the first network error
    expect(queue.pending()).toHaveLength(2);

    server.setOnline(true);
    await expect(queue.flush()).resolves.toEqual({ delivered: 2, refused: 0, remaining: 0 });

    expect(server.received.map((item) => item.request)).toEqual([
      { ...first, scannedAt: SCANNED_AT, offline: true },
      { ...second, scannedAt: '2025-03-01T10:00:00.000Z', offline: true },
    ]);
    expect(queue.pending()).toEqual([]);
  });

  it('keeps items across a restart of the app', async () => {
    const server = fakeServer();
    makeQueue(server).enqueue({ kind: 'checkin', request: checkinRequest(), label: '活动签到', scannedAt: SCANNED_AT });

    const afterRestart = makeQueue(server);
    server.setOnline(true);
    await afterRestart.flush();

    expect(server.received).toHaveLength(1);
    expect(server.received[0].scannedAt).toBe(SCANNED_AT);
  });

  it('runs one flush at a time, so two triggers at once do not send anything twice', async () => {
    const server = fakeServer();
    const queue = makeQueue(server);
    for (let i = 0; i < 3; i += 1) {
      queue.enqueue({ kind: 'checkin', request: checkinRequest(), label: '活动签到', scannedAt: SCANNED_AT });
    }
    server.setOnline(true);

    const [a, b] = await Promise.all([queue.flush(), queue.flush()]);
    await queue.flush();

    expect(a).toBe(b);
    expect(server.send).toHaveBeenCalledTimes(3);
    expect(new Set(server.received.map((item) => item.clientId)).size).toBe(3);
  });

  it('drops an item the server refuses and keeps the reason for the member to read', async () => {
    const server = fakeServer();
    const queue = makeQueue(server);
    const refused = checkinRequest();
    const fine = checkinRequest();
    queue.enqueue({ kind: 'checkin', request: refused, label: '主题党日', scannedAt: SCANNED_AT });
    queue.enqueue({ kind: 'checkin', request: fine, label: '党课', scannedAt: SCANNED_AT });
    server.refuse.set(refused.clientId, refusal(ErrorCode.ACTIVITY_CANCELLED));
    server.setOnline(true);

    await expect(queue.flush()).resolves.toEqual({ delivered: 1, refused: 1, remaining: 0 });

    expect(queue.pending()).toEqual([]);
    expect(queue.failed()).toEqual([
      expect.objectContaining({
        clientId: refused.clientId,
        label: '主题党日',
        scannedAt: SCANNED_AT,
        code: ErrorCode.ACTIVITY_CANCELLED,
        message: '活动已取消',
      }),
    ]);
    await queue.flush();
    expect(server.send).toHaveBeenCalledTimes(2);

    queue.dismissFailed();
    expect(queue.failed()).toEqual([]);
  });

  it('keeps an item while the server is down or busy', async () => {
    const server = fakeServer();
    const queue = makeQueue(server);
    const request = checkinRequest();
    queue.enqueue({ kind: 'checkin', request, label: '活动签到', scannedAt: SCANNED_AT });
    server.setOnline(true);

    for (const code of [ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.RATE_LIMITED, ErrorCode.TOKEN_EXPIRED]) {
      server.refuse.set(request.clientId, refusal(code));
      await queue.flush();
      expect(queue.pending()).toHaveLength(1);
    }
    expect(queue.failed()).toEqual([]);
  });

  it('counts CLIENT_ID_REUSED as delivered: the first attempt with that id reached the server', async () => {
    const server = fakeServer();
    const queue = makeQueue(server);
    const request = checkinRequest();
    queue.enqueue({ kind: 'checkin', request, label: '活动签到', scannedAt: SCANNED_AT });
    server.refuse.set(request.clientId, refusal(ErrorCode.CLIENT_ID_REUSED));
    server.setOnline(true);

    await expect(queue.flush()).resolves.toEqual({ delivered: 1, refused: 0, remaining: 0 });
    expect(queue.failed()).toEqual([]);
  });

  it('sends only the logged-in account’s items', async () => {
    const server = fakeServer();
    const account = { id: 'acc-1' as string | null };
    const queue = makeQueue(server, account);
    queue.enqueue({ kind: 'checkin', request: checkinRequest(), label: '活动签到', scannedAt: SCANNED_AT });
    account.id = 'acc-2';
    server.setOnline(true);

    await queue.flush();
    expect(server.send).not.toHaveBeenCalled();
    expect(queue.pending()).toEqual([]);

    account.id = null;
    expect(queue.enqueue({ kind: 'checkin', request: checkinRequest(), label: '', scannedAt: SCANNED_AT })).toBe(false);

    account.id = 'acc-1';
    await queue.flush();
    expect(server.received).toHaveLength(1);
  });

  it('tells subscribers when what waits changes', async () => {
    const server = fakeServer();
    const queue = makeQueue(server);
    const listener = jest.fn();
    const stop = queue.subscribe(listener);

    queue.enqueue({ kind: 'checkin', request: checkinRequest(), label: '活动签到', scannedAt: SCANNED_AT });
    server.setOnline(true);
    await queue.flush();
    stop();

    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('checkinQueue over the real HTTP client', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    sessionStore.clear();
    act(() => sessionStore.set(makeSession({ account: makeAccount({ id: 'acc-7', memberId: 'm-7' }) })));
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('posts a queued check-in and a queued arrival once each, with their clientIds and scan time', async () => {
    const checkin = checkinRequest();
    const arrival = {
      code: 'BK7Q2M9XD.1.x5F0aQm3Lk_2',
      clientId: 'arrival-0123456789abcdef',
      facts: { residence: '太仓市璜泾镇', stay: 'over_1_year' as const },
    };
    checkinQueue.enqueue({ kind: 'checkin', request: checkin, label: '活动签到', scannedAt: SCANNED_AT });
    checkinQueue.enqueue({ kind: 'arrival', request: arrival, label: '璜泾镇党委', scannedAt: SCANNED_AT });

    let up = false;
    fakeApi((call) => {
      if (!up) throw networkDown();
      if (call.path === CheckinRoutes.checkin) return ok({ repeated: false });
      if (call.path === CheckinRoutes.arrive) return failure(ErrorCode.CODE_REVOKED);
      return undefined;
    });
    const offline = checkinQueue.flush();
    await jest.runAllTimersAsync();
    await expect(offline).resolves.toEqual({ delivered: 0, refused: 0, remaining: 2 });

    // What the server received: only what was sent once it could be reached.
    taroMock.request.mockClear();
    up = true;
    await expect(checkinQueue.flush()).resolves.toEqual({ delivered: 1, refused: 1, remaining: 0 });

    expect(callsTo('POST', CheckinRoutes.checkin).map((call) => call.data)).toEqual([
      { ...checkin, scannedAt: SCANNED_AT, offline: true },
    ]);
    expect(callsTo('POST', CheckinRoutes.arrive).map((call) => call.data)).toEqual([arrival]);
    expect(checkinQueue.failed()).toEqual([
      expect.objectContaining({ label: '璜泾镇党委', message: ERROR_MESSAGES.CODE_REVOKED }),
    ]);
  });

  it('flushes by itself when the browser comes back online or to the foreground, once per item', async () => {
    watchCheckinQueue();
    const request = checkinRequest();
    checkinQueue.enqueue({ kind: 'checkin', request, label: '活动签到', scannedAt: SCANNED_AT });
    fakeApi((call) => (call.path === CheckinRoutes.checkin ? ok({ repeated: false }) : undefined));

    act(() => {
      window.dispatchEvent(new Event('online'));
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('online'));
    });
    await jest.runAllTimersAsync();

    expect(callsTo('POST', CheckinRoutes.checkin).map((call) => call.data)).toEqual([
      { ...request, scannedAt: SCANNED_AT, offline: true },
    ]);
    expect(checkinQueue.pending()).toEqual([]);
  });
});
