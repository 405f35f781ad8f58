import { ErrorCode } from '@pioneer/shared';
import { AppException } from '../common/errors/app-exception.js';
import { startStandInWechat, StandInRoutes, type StandInWechat } from './stand-in/stand-in-wechat.server.js';
import { WechatClient, type WechatClientOptions } from './wechat.client.js';

const APP_ID = 'wx5f3c2a1b0d9e8f7a';
const APP_SECRET = 'b7e1c0d2a9f84e3c6d5b4a3928170f6e';
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let standIn: StandInWechat;
/** Every error any test saw and every log line written, checked for secrets at the end. */
const seenErrors: AppException[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  standIn = await startStandInWechat({ appId: APP_ID, appSecret: APP_SECRET });
});

afterAll(async () => {
  await standIn.close();
});

function newClient(overrides: Partial<WechatClientOptions> = {}): WechatClient {
  return new WechatClient({
    apiBaseUrl: standIn.url,
    appId: APP_ID,
    appSecret: APP_SECRET,
    timeoutMs: 2000,
    logger: { warn: (line) => logLines.push(line) },
    ...overrides,
  });
}

async function control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${standIn.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function loginCodeFor(openid: string): Promise<string> {
  return (await control<{ code: string }>(StandInRoutes.jsCode, { openid })).code;
}

async function phoneCodeFor(phone: string): Promise<string> {
  return (await control<{ code: string }>(StandInRoutes.phoneCode, { phone })).code;
}

/** The AppException a call rejects with; fails the test if it resolves or throws anything else. */
async function rejection(call: Promise<unknown>): Promise<AppException> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(AppException);
    seenErrors.push(error as AppException);
    return error as AppException;
  }
  throw new Error('expected the call to be rejected');
}

describe(WechatClient.name, () => {
  describe('code2Session', () => {
    it('exchanges a login code for the openid and never returns the session_key', async () => {
      const client = newClient();
      const session = await client.code2Session(await loginCodeFor('o-member-alice'));

      expect(session.openid).toBe('o-member-alice');
      expect(session.unionid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
      expect(Object.keys(session).sort()).toEqual(['openid', 'unionid']);
      const lastSessionKey = standIn.state.issuedSessionKeys.at(-1);
      expect(lastSessionKey).toBeDefined();
      expect(JSON.stringify(session)).not.toContain(lastSessionKey);
    });

    it('accepts a well-formed code the stand-in never minted, as WeChat DevTools sends', async () => {
      const session = await newClient().code2Session('0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P');
      expect(session.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    });

    it('refuses a login code used a second time with WECHAT_CODE_USED', async () => {
      const client = newClient();
      const code = await loginCodeFor('o-member-bob');
      await client.code2Session(code);

      const error = await rejection(client.code2Session(code));
      expect(error.code).toBe(ErrorCode.WECHAT_CODE_USED);
      expect(error.details).toMatchObject({ api: 'jscode2session', errcode: 40163 });
    });

    it('refuses a malformed login code with WECHAT_CODE_INVALID', async () => {
      const error = await rejection(newClient().code2Session('not a code!'));
      expect(error.code).toBe(ErrorCode.WECHAT_CODE_INVALID);
      expect(error.details).toMatchObject({ errcode: 40029 });
    });

    it('refuses an empty login code without calling WeChat', async () => {
      const before = standIn.state.requestCount('/sns/jscode2session');
      const error = await rejection(newClient().code2Session(''));
      expect(error.code).toBe(ErrorCode.WECHAT_CODE_INVALID);
      expect(standIn.state.requestCount('/sns/jscode2session')).toBe(before);
    });

    it('reports a wrong app secret as WECHAT_UNAVAILABLE without revealing it', async () => {
      const wrongSecret = 'ffffffffffffffffffffffffffffffff';
      const error = await rejection(
        newClient({ appSecret: wrongSecret }).code2Session(await loginCodeFor('o-member-carol')),
      );
      expect(error.code).toBe(ErrorCode.WECHAT_UNAVAILABLE);
      expect(error.details).toMatchObject({ api: 'jscode2session', errcode: 40125, retryable: false });
      expect(JSON.stringify([error.message, error.details, logLines])).not.toContain(wrongSecret);
    });
  });

  describe('getPhoneNumber', () => {
    it('exchanges a phone code for the phone number', async () => {
      const phone = await newClient().getPhoneNumber(await phoneCodeFor('13800138000'));
      expect(phone).toEqual({ phoneNumber: '13800138000', purePhoneNumber: '13800138000', countryCode: '86' });
    });

    it('refuses a phone code used a second time with WECHAT_PHONE_CODE_INVALID', async () => {
      const client = newClient();
      const code = await phoneCodeFor('13900139000');
      await client.getPhoneNumber(code);

      const error = await rejection(client.getPhoneNumber(code));
      expect(error.code).toBe(ErrorCode.WECHAT_PHONE_CODE_INVALID);
      expect(error.details).toMatchObject({ api: 'getuserphonenumber', errcode: 40029 });
    });
  });

  describe('access token', () => {
    it('fetches the access token once and reuses it across calls', async () => {
      const client = newClient();
      const before = standIn.state.tokenRequests;

      await client.getPhoneNumber(await phoneCodeFor('13700137001'));
      await client.getPhoneNumber(await phoneCodeFor('13700137002'));
      await client.getUnlimitedCode({ scene: 'b=1' });

      expect(standIn.state.tokenRequests - before).toBe(1);
    });

    it('shares one token refresh between concurrent callers', async () => {
      const client = newClient();
      const codes = await Promise.all(['13600136001', '13600136002', '13600136003', '13600136004'].map(phoneCodeFor));
      const before = standIn.state.tokenRequests;

      const phones = await Promise.all(codes.map((code) => client.getPhoneNumber(code)));

      expect(phones.map((p) => p.purePhoneNumber)).toEqual([
        '13600136001',
        '13600136002',
        '13600136003',
        '13600136004',
      ]);
      expect(standIn.state.tokenRequests - before).toBe(1);
    });

    it('refreshes the token five minutes before WeChat would expire it', async () => {
      let clock = Date.parse('2025-03-01T08:00:00Z');
      const client = newClient({ now: () => clock });
      const before = standIn.state.tokenRequests;

      const first = await client.getAccessToken();
      clock += (7200 - 301) * 1000;
      expect(await client.getAccessToken()).toBe(first);
      clock += 2 * 1000;
      const second = await client.getAccessToken();

      expect(second).not.toBe(first);
      expect(standIn.state.tokenRequests - before).toBe(2);
    });

    it('refreshes an expired token and retries the call once, which then succeeds', async () => {
      const client = newClient();
      await client.getAccessToken();
      await control(StandInRoutes.expireTokens, {});
      const calls = standIn.state.requestCount('/wxa/business/getuserphonenumber');
      const tokens = standIn.state.tokenRequests;

      const phone = await client.getPhoneNumber(await phoneCodeFor('13500135000'));

      expect(phone.purePhoneNumber).toBe('13500135000');
      expect(standIn.state.requestCount('/wxa/business/getuserphonenumber') - calls).toBe(2);
      expect(standIn.state.tokenRequests - tokens).toBe(1);
    });

    it('retries a rejected token only once', async () => {
      const client = newClient();
      await client.getAccessToken();
      await control(StandInRoutes.failNext, { path: '/wxa/business/getuserphonenumber', errcode: 40001 });
      await control(StandInRoutes.failNext, { path: '/wxa/business/getuserphonenumber', errcode: 42001 });
      const calls = standIn.state.requestCount('/wxa/business/getuserphonenumber');
      const tokens = standIn.state.tokenRequests;

      const error = await rejection(client.getPhoneNumber(await phoneCodeFor('13400134000')));

      expect(error.code).toBe(ErrorCode.WECHAT_UNAVAILABLE);
      expect(error.details).toMatchObject({ errcode: 42001 });
      expect(standIn.state.requestCount('/wxa/business/getuserphonenumber') - calls).toBe(2);
      expect(standIn.state.tokenRequests - tokens).toBe(1);
    });
  });

  describe('sendSubscribeMessage', () => {
    it('consumes exactly one credit per message, and without one reports WECHAT_NO_SUBSCRIPTION', async () => {
      const client = newClient();
      const openid = 'o-member-dave';
      const templateId = 'tmpl-checkin-reminder';
      await control(StandInRoutes.subscriptions, { openid, templateId, count: 1 });
      const sentBefore = standIn.state.sentMessages.length;

      const result = await client.sendSubscribeMessage({
        toOpenid: openid,
        templateId,
        page: 'pages/checkins/index?id=7',
        data: { thing1: '三月主题党日', time2: '2025-03-05 09:00' },
        miniprogramState: 'developer',
      });

      expect(standIn.state.subscriptionCredits(openid, templateId)).toBe(0);
      const { messages } = await control<{ messages: Array<Record<string, unknown>> }>(StandInRoutes.messages);
      expect(messages).toHaveLength(sentBefore + 1);
      expect(messages.at(-1)).toMatchObject({
        msgId: result.msgId,
        toOpenid: openid,
        templateId,
        data: { thing1: { value: '三月主题党日' }, time2: { value: '2025-03-05 09:00' } },
        miniprogramState: 'developer',
      });
      // The stand-in's msgids exceed 2^53: the exact digits must survive.
      expect(result.msgId).toMatch(/^\d{19}$/);

      const error = await rejection(
        client.sendSubscribeMessage({ toOpenid: openid, templateId, data: { thing1: 'x' } }),
      );
      expect(error.code).toBe(ErrorCode.WECHAT_NO_SUBSCRIPTION);
      expect(error.details).toMatchObject({ api: 'subscribe.send', errcode: 43101 });
      expect(standIn.state.sentMessages).toHaveLength(sentBefore + 1);
    });
  });

  describe('getUnlimitedCode', () => {
    it('returns PNG bytes', async () => {
      const image = await newClient().getUnlimitedCode({ scene: 'b=8f3k2', page: 'pages/arrive/index', width: 430 });
      expect(image.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    });

    it('refuses a scene over 32 characters without calling WeChat', async () => {
      const client = newClient();
      await client.getAccessToken();
      const before = standIn.state.requestCount('/wxa/getwxacodeunlimit');

      const error = await rejection(client.getUnlimitedCode({ scene: 'b'.repeat(33) }));

      expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(error.details).toEqual([expect.objectContaining({ path: 'scene' })]);
      expect(standIn.state.requestCount('/wxa/getwxacodeunlimit')).toBe(before);
    });

    it('refuses a scene with characters WeChat does not allow', async () => {
      const error = await rejection(newClient().getUnlimitedCode({ scene: '支部=1' }));
      expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    });

    it('reports a WeChat JSON error in place of the image as WECHAT_UNAVAILABLE', async () => {
      await control(StandInRoutes.failNext, { path: '/wxa/getwxacodeunlimit', errcode: 45009 });
      const error = await rejection(newClient().getUnlimitedCode({ scene: 'b=1' }));
      expect(error.code).toBe(ErrorCode.WECHAT_UNAVAILABLE);
      expect(error.details).toMatchObject({ api: 'getwxacodeunlimit', errcode: 45009 });
    });
  });

  describe('when WeChat fails', () => {
    it('reports errcode -1 (system busy) as a retryable WECHAT_UNAVAILABLE', async () => {
      await control(StandInRoutes.failNext, { path: '/sns/jscode2session', errcode: -1 });
      const error = await rejection(newClient().code2Session(await loginCodeFor('o-member-erin')));
      expect(error.code).toBe(ErrorCode.WECHAT_UNAVAILABLE);
      expect(error.details).toMatchObject({ api: 'jscode2session', reason: 'errcode', errcode: -1, retryable: true });
      expect((error.details as Record<string, unknown>).rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    });

    it('reports a 5xx gateway page as WECHAT_UNAVAILABLE', async () => {
      await control(StandInRoutes.failNext, { path: '/cgi-bin/token', status: 502 });
      const error = await rejection(newClient().getAccessToken());
      expect(error.code).toBe(ErrorCode.WECHAT_UNAVAILABLE);
      expect(error.details).toMatchObject({ api: 'token', reason: 'http_status', httpStatus: 502, retryable: true });
    });

    it('reports a reply that is not JSON as WECHAT_UNAVAILABLE', async () => {
      await control(StandInRoutes.failNext, { path: '/cgi-bin/token', status: 200 });
      const error = await rejection(newClient().getAccessToken());
      expect(error.code).toBe(ErrorCode.WECHAT_UNAVAILABLE);
      expect(error.details).toMatchObject({ reason: 'bad_response' });
    });

    it('reports WeChat being unreachable as WECHAT_UNAVAILABLE', async () => {
      const gone = await startStandInWechat({ appId: APP_ID, appSecret: APP_SECRET });
      await gone.close();
      const error = await rejection(newClient({ apiBaseUrl: gone.url }).code2Session('0a1B2c3D4e5F6g7H'));
      expect(error.code).toBe(ErrorCode.WECHAT_UNAVAILABLE);
      expect(error.details).toMatchObject({ reason: 'network', retryable: true });
    });

    it('reports WeChat answering too late as WECHAT_UNAVAILABLE', async () => {
      const client = newClient({ timeoutMs: 200 });
      await client.getAccessToken();
      await control(StandInRoutes.failNext, { path: '/wxa/business/getuserphonenumber', delayMs: 1500 });

      const started = Date.now();
      const error = await rejection(client.getPhoneNumber(await phoneCodeFor('13300133000')));

      expect(error.code).toBe(ErrorCode.WECHAT_UNAVAILABLE);
      expect(error.details).toMatchObject({ api: 'getuserphonenumber', reason: 'timeout' });
      expect(Date.now() - started).toBeLessThan(1400);
    });
  });

  // Declared last so it runs last: it inspects everything the tests above saw.
  describe('secrets', () => {
    it('never puts the app secret, an access token or a session_key into an error or a log line', () => {
      expect(seenErrors.length).toBeGreaterThan(10);
      expect(logLines.length).toBeGreaterThan(0);
      const everything = JSON.stringify([seenErrors.map((e) => [e.message, e.details]), logLines]);
      expect(everything).not.toContain(APP_SECRET);
      for (const sessionKey of standIn.state.issuedSessionKeys) expect(everything).not.toContain(sessionKey);
      for (const token of standIn.state.issuedAccessTokens) expect(everything).not.toContain(token);
      expect(everything).not.toMatch(/access_token=|secret=|session_key/);
    });
  });
});
