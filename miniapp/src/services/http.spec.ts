import {
  AuthRoutes,
  ERROR_MESSAGES,
  ErrorCode,
  HttpHeader,
  IDEMPOTENCY_KEY_PATTERN,
  type SessionView,
} from '@pioneer/shared';
import { failure, networkDown, ok, status } from '../../test/responses';
import { makeSession } from '../../test/factories';
import { taroMock } from '../../test/taro-mock';
import { Routes } from '../routes';
import { sessionStore } from '../stores/session';
import { ApiError, ClientErrorCode, NETWORK_ERROR_MESSAGE, createHttpClient } from './http';

const request = taroMock.request;

interface SentRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: unknown;
}

const sent = (): SentRequest[] => request.mock.calls.map(([options]) => options as SentRequest);

function client() {
  const pauses: number[] = [];
  const http = createHttpClient({
    retryDelaysMs: [600, 1800],
    sleep: (ms) => {
      pauses.push(ms);
      return Promise.resolve();
    },
  });
  return { http, pauses };
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeEach(() => {
  sessionStore.clear();
});

describe('http client', () => {
  describe('idempotent writes', () => {
    it('retries a failed write with the same idempotency key', async () => {
      const { http, pauses } = client();
      request
        .mockRejectedValueOnce(networkDown())
        .mockResolvedValueOnce(status(503))
        .mockResolvedValueOnce(ok({ id: 'c1' }, 201));

      const result = await http.post<{ id: string }>('/api/checkins', { code: 'B1' });

      expect(result).toEqual({ id: 'c1' });
      const keys = sent().map((call) => call.header[HttpHeader.IDEMPOTENCY_KEY]);
      expect(keys).toHaveLength(3);
      expect(keys[0]).toMatch(IDEMPOTENCY_KEY_PATTERN);
      expect(new Set(keys).size).toBe(1);
      expect(pauses).toEqual([600, 1800]);
    });

    it('gives every logical write its own idempotency key', async () => {
      const { http } = client();
      request.mockResolvedValue(ok({}));

      await http.post('/api/checkins', { code: 'B1' });
      await http.put('/api/checkins/1', { note: 'x' });

      const [first, second] = sent().map((call) => call.header[HttpHeader.IDEMPOTENCY_KEY]);
      expect(first).not.toEqual(second);
    });

    it('sends no idempotency key with a read', async () => {
      const { http } = client();
      request.mockResolvedValue(ok([]));

      await http.get('/api/flows');

      expect(sent()[0].header[HttpHeader.IDEMPOTENCY_KEY]).toBeUndefined();
    });
  });

  describe('retries', () => {
    it('retries a read on a gateway error and returns the answer that finally arrives', async () => {
      const { http } = client();
      request.mockResolvedValueOnce(status(502)).mockResolvedValueOnce(ok({ status: 'ok' }));

      await expect(http.get('/api/health')).resolves.toEqual({ status: 'ok' });
      expect(request).toHaveBeenCalledTimes(2);
    });

    it('stops after three attempts and reports the network in plain words', async () => {
      const { http } = client();
      request.mockRejectedValue(networkDown());

      const error = await caught(http.post('/api/checkins', { code: 'B1' }));

      expect(request).toHaveBeenCalledTimes(3);
      expect(error.code).toBe(ClientErrorCode.NETWORK_ERROR);
      expect(error.status).toBe(0);
      expect(error.message).toBe(NETWORK_ERROR_MESSAGE);
      expect(error.message).toBe('网络不给力，请检查网络后重试');
    });

    it('asks again with the same key while the server is still working on the first attempt', async () => {
      const { http } = client();
      request
        .mockResolvedValueOnce(failure(ErrorCode.IDEMPOTENCY_IN_PROGRESS))
        .mockResolvedValueOnce(ok({ id: 'c1' }, 201));

      await expect(http.post('/api/checkins', { code: 'B1' })).resolves.toEqual({ id: 'c1' });

      const [first, second] = sent().map((call) => call.header[HttpHeader.IDEMPOTENCY_KEY]);
      expect(second).toBe(first);
    });

    it('does not retry an answer that says the request itself is wrong', async () => {
      const { http } = client();
      request.mockResolvedValue(failure(ErrorCode.VALIDATION_FAILED));

      await caught(http.post('/api/checkins', {}));

      expect(request).toHaveBeenCalledTimes(1);
    });
  });

  describe('error messages', () => {
    it('shows the server message from an error envelope', async () => {
      const { http } = client();
      request.mockResolvedValue(failure(ErrorCode.CONFLICT, '该党员已在本支部报到'));

      const error = await caught(http.post('/api/checkins', { code: 'B1' }));

      expect(error).toMatchObject({ code: ErrorCode.CONFLICT, status: 409, message: '该党员已在本支部报到' });
    });

    it('falls back to the shared Chinese message when the envelope has none a person can read', async () => {
      const { http } = client();
      request.mockResolvedValue(failure(ErrorCode.FORBIDDEN, 'Forbidden resource'));

      const error = await caught(http.get('/api/orgs/1'));

      expect(error.message).toBe(ERROR_MESSAGES.FORBIDDEN);
      expect(error.message).toBe('没有权限进行此操作');
    });

    it('turns a server error without an envelope into a service-unavailable message', async () => {
      const { http } = client();
      request.mockResolvedValue(status(500, '<html>Internal Server Error</html>'));

      const error = await caught(http.get('/api/flows'));

      expect(error).toMatchObject({ code: ClientErrorCode.HTTP_ERROR, status: 500 });
      expect(error.message).toBe(ERROR_MESSAGES.SERVICE_UNAVAILABLE);
    });
  });

  describe('sessions', () => {
    it('sends the access token as a bearer token to a same-origin relative URL', async () => {
      const { http } = client();
      const session = makeSession();
      sessionStore.set(session);
      request.mockResolvedValue(ok({}));

      await http.get(AuthRoutes.me);

      expect(sent()[0].url).toBe(AuthRoutes.me);
      expect(sent()[0].header.Authorization).toBe(`Bearer ${session.accessToken}`);
    });

    it('refreshes once on TOKEN_EXPIRED and replays the call with the new token and the same key', async () => {
      const { http } = client();
      const old = makeSession();
      const renewed: SessionView = { ...makeSession(), account: old.account };
      sessionStore.set(old);
      request
        .mockResolvedValueOnce(failure(ErrorCode.TOKEN_EXPIRED))
        .mockResolvedValueOnce(ok(renewed))
        .mockResolvedValueOnce(ok({ id: 'c1' }, 201));

      await expect(http.post('/api/checkins', { code: 'B1' })).resolves.toEqual({ id: 'c1' });

      const [original, refresh, replay] = sent();
      expect(refresh).toMatchObject({
        url: AuthRoutes.refresh,
        method: 'POST',
        data: { refreshToken: old.refreshToken },
      });
      expect(refresh.header.Authorization).toBeUndefined();
      expect(replay.header.Authorization).toBe(`Bearer ${renewed.accessToken}`);
      expect(replay.header[HttpHeader.IDEMPOTENCY_KEY]).toBe(original.header[HttpHeader.IDEMPOTENCY_KEY]);
      expect(sessionStore.get()?.accessToken).toBe(renewed.accessToken);
    });

    it('shares one refresh between calls whose token expired at the same time', async () => {
      const { http } = client();
      const old = makeSession();
      const renewed = makeSession();
      sessionStore.set(old);
      request.mockImplementation(({ url, header }: SentRequest) => {
        if (url === AuthRoutes.refresh) return Promise.resolve(ok(renewed));
        return Promise.resolve(
          header.Authorization === `Bearer ${renewed.accessToken}` ? ok({ url }) : failure(ErrorCode.TOKEN_EXPIRED),
        );
      });

      await Promise.all([http.get('/api/a'), http.get('/api/b'), http.get('/api/c')]);

      expect(sent().filter((call) => call.url === AuthRoutes.refresh)).toHaveLength(1);
    });

    it('clears the session and goes to login when the refresh token is no longer valid', async () => {
      const { http } = client();
      sessionStore.set(makeSession());
      request
        .mockResolvedValueOnce(failure(ErrorCode.TOKEN_EXPIRED))
        .mockResolvedValueOnce(failure(ErrorCode.REFRESH_TOKEN_INVALID));

      const error = await caught(http.get(AuthRoutes.me));

      expect(error.status).toBe(401);
      expect(request).toHaveBeenCalledTimes(2);
      expect(sessionStore.get()).toBeNull();
      expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: Routes.login });
    });

    it('clears the session and goes to login when the server no longer knows the caller', async () => {
      const { http } = client();
      sessionStore.set(makeSession());
      request.mockResolvedValueOnce(failure(ErrorCode.UNAUTHENTICATED));

      await caught(http.get(AuthRoutes.me));

      expect(sessionStore.get()).toBeNull();
      expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: Routes.login });
    });

    it('leaves the session alone when a login attempt is refused', async () => {
      const { http } = client();
      const session = makeSession();
      sessionStore.set(session);
      request.mockResolvedValueOnce(failure(ErrorCode.INVALID_CREDENTIALS));

      const error = await caught(http.post(AuthRoutes.staffLogin, { username: 'a', password: 'b' }, { auth: false }));

      expect(error.message).toBe('用户名或密码不正确');
      expect(sent()[0].header.Authorization).toBeUndefined();
      expect(sessionStore.get()).toEqual(session);
      expect(taroMock.reLaunch).not.toHaveBeenCalled();
    });
  });

  describe('files', () => {
    const picked = { name: '名册.xlsx', size: 2048, path: 'blob:picked' };
    const uploadCalls = () =>
      taroMock.uploadFile.mock.calls.map(([options]) => options as SentRequest & { filePath: string; name: string });

    it('uploads with the token and one idempotency key across retries, and reads the JSON answer', async () => {
      const { http } = client();
      const session = makeSession();
      sessionStore.set(session);
      taroMock.uploadFile
        .mockRejectedValueOnce({ errMsg: 'uploadFile:fail timeout' })
        .mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify({ totalRows: 2 }) });

      await expect(http.upload('/api/ledgers/import', picked, { query: { orgId: 'o-1' } })).resolves.toEqual({
        totalRows: 2,
      });

      const [first, second] = uploadCalls();
      expect(first).toMatchObject({ url: '/api/ledgers/import?orgId=o-1', filePath: 'blob:picked', name: 'file' });
      expect(first.header.Authorization).toBe(`Bearer ${session.accessToken}`);
      expect(first.header['Content-Type']).toBeUndefined();
      expect(second.header[HttpHeader.IDEMPOTENCY_KEY]).toBe(first.header[HttpHeader.IDEMPOTENCY_KEY]);
    });

    it('turns a refused upload into the server’s message', async () => {
      const { http } = client();
      sessionStore.set(makeSession());
      taroMock.uploadFile.mockResolvedValue({
        statusCode: 413,
        data: JSON.stringify({ code: ErrorCode.PAYLOAD_TOO_LARGE, message: '文件不能超过 5 MB' }),
      });

      const error = await caught(http.upload('/api/ledgers/import', picked));

      expect(error).toMatchObject({ code: ErrorCode.PAYLOAD_TOO_LARGE, message: '文件不能超过 5 MB' });
    });

    it('downloads with the token, refreshing it first when it has expired', async () => {
      const { http } = client();
      const old = makeSession();
      const renewed: SessionView = { ...makeSession(), account: old.account };
      sessionStore.set(old);
      const expired = JSON.stringify({ code: ErrorCode.TOKEN_EXPIRED, message: '登录已过期' });
      global.fetch = jest.fn(() =>
        Promise.resolve({ text: () => Promise.resolve(expired) }),
      ) as unknown as typeof fetch;
      taroMock.downloadFile
        .mockResolvedValueOnce({ statusCode: 401, tempFilePath: 'blob:error' })
        .mockResolvedValueOnce({ statusCode: 200, tempFilePath: 'blob:sheet' });
      request.mockResolvedValueOnce(ok(renewed));

      await expect(http.download('/api/ledgers/export/o-1.xlsx')).resolves.toBe('blob:sheet');

      const calls = taroMock.downloadFile.mock.calls.map(([options]) => options as SentRequest);
      expect(calls[1].header.Authorization).toBe(`Bearer ${renewed.accessToken}`);
      expect(sent()[0].url).toBe(AuthRoutes.refresh);
    });
  });
});
