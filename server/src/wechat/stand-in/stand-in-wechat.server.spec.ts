import { BoundedMap } from './bounded-map.js';
import { startStandInWechat, StandInRoutes, type StandInWechat } from './stand-in-wechat.server.js';

const APP_ID = 'wx1a2b3c4d5e6f7a8b';
const APP_SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

let clock = Date.parse('2025-03-01T08:00:00Z');
let standIn: StandInWechat;

beforeAll(async () => {
  standIn = await startStandInWechat({ appId: APP_ID, appSecret: APP_SECRET, tokenTtlSeconds: 7200, now: () => clock });
});

afterAll(async () => {
  await standIn.close();
});

interface Answer {
  status: number;
  contentType: string;
  headers: Headers;
  body: Record<string, unknown>;
}

async function call(
  path: string,
  init: { method?: string; body?: string | object; query?: Record<string, string> } = {},
): Promise<Answer> {
  const query = init.query ? `?${new URLSearchParams(init.query).toString()}` : '';
  const response = await fetch(`${standIn.url}${path}${query}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    headers: response.headers,
    body,
  };
}

async function token(): Promise<string> {
  const answer = await call('/cgi-bin/token', {
    query: { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET },
  });
  return answer.body.access_token as string;
}

async function phoneCall(accessToken: string, code = 'nope'): Promise<Answer> {
  return call('/wxa/business/getuserphonenumber', { query: { access_token: accessToken }, body: { code } });
}

describe('stand-in WeChat server', () => {
  describe('GET /cgi-bin/token', () => {
    it('issues a token with its lifetime, in WeChat’s shape', async () => {
      const answer = await call('/cgi-bin/token', {
        query: { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET },
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/), expires_in: 7200 });
    });

    it('refuses a wrong secret with 40125 and a wrong appid with 40013', async () => {
      const wrongSecret = await call('/cgi-bin/token', {
        query: { grant_type: 'client_credential', appid: APP_ID, secret: 'x'.repeat(32) },
      });
      const wrongAppid = await call('/cgi-bin/token', {
        query: { grant_type: 'client_credential', appid: 'wx0000000000000000', secret: APP_SECRET },
      });
      expect(wrongSecret.body).toEqual({ errcode: 40125, errmsg: expect.stringMatching(/^invalid appsecret, rid: /) });
      expect(wrongAppid.body).toEqual({ errcode: 40013, errmsg: expect.stringMatching(/^invalid appid, rid: /) });
    });
  });

  describe('access tokens on other endpoints', () => {
    it('answers 40001 for a token it never issued and 41001 for none', async () => {
      expect((await phoneCall('made-up')).body.errcode).toBe(40001);
      const none = await call('/wxa/business/getuserphonenumber', { body: { code: 'x' } });
      expect(none.body.errcode).toBe(41001);
    });

    it('answers 42001 once a token has lived past its lifetime', async () => {
      const accessToken = await token();
      clock += 7200 * 1000;
      const answer = await phoneCall(accessToken);
      expect(answer.body).toEqual({ errcode: 42001, errmsg: expect.stringMatching(/^access_token expired, rid: /) });
    });

    it('keeps a replaced token alive for five minutes, then answers 40001', async () => {
      const old = await token();
      await token();
      clock += 4 * 60 * 1000;
      expect((await phoneCall(old)).body.errcode).toBe(40029);
      clock += 2 * 60 * 1000;
      expect((await phoneCall(old)).body.errcode).toBe(40001);
    });

    it('expires every token on POST /__standin/expire-tokens', async () => {
      const accessToken = await token();
      const answer = await call(StandInRoutes.expireTokens, { method: 'POST' });
      expect(answer.body.expired).toBeGreaterThan(0);
      expect((await phoneCall(accessToken)).body.errcode).toBe(42001);
    });
  });

  describe('GET /sns/jscode2session', () => {
    const query = (code: string) => ({
      appid: APP_ID,
      secret: APP_SECRET,
      js_code: code,
      grant_type: 'authorization_code',
    });

    it('answers openid, session_key and unionid as text/plain, like WeChat', async () => {
      const { body: minted } = await call(StandInRoutes.jsCode, { body: { openid: 'o-demo-1' } });
      const answer = await call('/sns/jscode2session', { query: query(minted.code as string) });
      expect(answer.contentType).toMatch(/^text\/plain/);
      expect(answer.body).toEqual({
        openid: 'o-demo-1',
        session_key: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/),
        unionid: expect.stringMatching(/^o[A-Za-z0-9_-]{27}$/),
      });
    });

    it('maps a code it did not mint to the same openid on every stand-in with the same appid', async () => {
      const other = await startStandInWechat({ appId: APP_ID, appSecret: APP_SECRET });
      try {
        const code = 'devtools-code-0001';
        const here = await call('/sns/jscode2session', { query: query(code) });
        const there = await fetch(`${other.url}/sns/jscode2session?${new URLSearchParams(query(code)).toString()}`);
        expect(((await there.json()) as { openid: string }).openid).toBe(here.body.openid);
      } finally {
        await other.close();
      }
    });

    it('answers 40163 for a code used twice and 40029 for a malformed one', async () => {
      await call('/sns/jscode2session', { query: query('once-only-code-42') });
      const again = await call('/sns/jscode2session', { query: query('once-only-code-42') });
      const malformed = await call('/sns/jscode2session', { query: query('short') });
      expect(again.body).toEqual({ errcode: 40163, errmsg: expect.stringMatching(/^code been used, rid: /) });
      expect(malformed.body).toEqual({ errcode: 40029, errmsg: expect.stringMatching(/^invalid code, rid: /) });
    });
  });

  describe('POST /wxa/business/getuserphonenumber', () => {
    it('answers phone_info with a watermark for a minted code, once', async () => {
      const accessToken = await token();
      const { body: minted } = await call(StandInRoutes.phoneCode, { body: { phone: '13812345678' } });
      const first = await phoneCall(accessToken, minted.code as string);
      const second = await phoneCall(accessToken, minted.code as string);
      expect(first.body).toEqual({
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: '13812345678',
          purePhoneNumber: '13812345678',
          countryCode: '86',
          watermark: { timestamp: Math.floor(clock / 1000), appid: APP_ID },
        },
      });
      expect(second.body.errcode).toBe(40029);
    });

    it('answers 47001 for a body that is not JSON', async () => {
      const accessToken = await token();
      const answer = await call('/wxa/business/getuserphonenumber', {
        query: { access_token: accessToken },
        body: '{nope',
      });
      expect(answer.body.errcode).toBe(47001);
    });
  });

  describe('POST /wxa/getwxacodeunlimit', () => {
    it('answers a PNG for a good request and JSON errors for a bad scene or page', async () => {
      const accessToken = await token();
      const url = `${standIn.url}/wxa/getwxacodeunlimit?access_token=${accessToken}`;
      const post = (body: object) => fetch(url, { method: 'POST', body: JSON.stringify(body) });

      const image = await post({ scene: 'b=1', page: 'pages/arrive/index', check_path: false, env_version: 'develop' });
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(
        Buffer.from(await image.arrayBuffer())
          .subarray(1, 4)
          .toString('latin1'),
      ).toBe('PNG');

      expect(await (await post({ scene: 'x'.repeat(33) })).json()).toMatchObject({ errcode: 40169 });
      expect(await (await post({ scene: 'a b' })).json()).toMatchObject({ errcode: 40169 });
      expect(await (await post({ scene: 'b=1', page: '/pages/arrive/index' })).json()).toMatchObject({
        errcode: 41030,
      });
    });
  });

  describe('POST /cgi-bin/message/subscribe/send', () => {
    it('answers 43101 without a credit and checks the data shape', async () => {
      const accessToken = await token();
      const send = (body: object) =>
        call('/cgi-bin/message/subscribe/send', { query: { access_token: accessToken }, body });
      const message = { touser: 'o-x', template_id: 't-1', data: { thing1: { value: 'hi' } } };

      expect((await send(message)).body).toEqual({
        errcode: 43101,
        errmsg: expect.stringMatching(/^user refuse to accept the msg, rid: /),
      });
      await call(StandInRoutes.subscriptions, { body: { openid: 'o-x', templateId: 't-1', count: 2 } });
      expect((await send({ ...message, data: { thing1: 'bare' } })).body.errcode).toBe(47003);
      expect((await send(message)).body).toMatchObject({ errcode: 0, errmsg: 'ok' });
      expect(standIn.state.subscriptionCredits('o-x', 't-1')).toBe(1);
    });
  });

  describe('POST /__standin/fail-next', () => {
    it('fails the next call to a path once, in the planned way', async () => {
      await call(StandInRoutes.failNext, { body: { path: '/cgi-bin/token' } });
      await call(StandInRoutes.failNext, { body: { path: '/cgi-bin/token', status: 503 } });
      const query = { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET };

      const busy = await call('/cgi-bin/token', { query });
      const gateway = await call('/cgi-bin/token', { query });
      const fine = await call('/cgi-bin/token', { query });

      expect(busy.body).toEqual({ errcode: -1, errmsg: expect.stringMatching(/^system error, rid: /) });
      expect(gateway.status).toBe(503);
      expect(gateway.contentType).toBe('text/html');
      expect(fine.body.access_token).toEqual(expect.any(String));
    });

    it('refuses a path the stand-in does not serve', async () => {
      const answer = await call(StandInRoutes.failNext, { body: { path: '/cgi-bin/nope' } });
      expect(answer.status).toBe(400);
    });
  });

  describe('control endpoints', () => {
    it('answers a CORS preflight so the H5 app can mint login codes from the browser', async () => {
      const response = await fetch(`${standIn.url}${StandInRoutes.jsCode}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:10086', 'access-control-request-method': 'POST' },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-headers')).toContain('content-type');
      const minted = await call(StandInRoutes.jsCode, { body: { openid: 'o-browser' } });
      expect(minted.headers.get('access-control-allow-origin')).toBe('*');
    });

    it('answers 400 with a JSON error for bad JSON or a missing field', async () => {
      const badJson = await call(StandInRoutes.jsCode, { body: '{"openid":' });
      const missing = await call(StandInRoutes.phoneCode, { body: {} });
      const badCount = await call(StandInRoutes.subscriptions, { body: { openid: 'o', templateId: 't', count: 0 } });
      for (const answer of [badJson, missing, badCount]) {
        expect(answer.status).toBe(400);
        expect(answer.body).toEqual({ error: 'bad_request', message: expect.any(String) });
      }
    });

    it('answers 404 JSON for unknown paths and 405 for the wrong method', async () => {
      expect((await call('/nowhere')).status).toBe(404);
      expect((await call('/__standin/nowhere')).body.error).toBe('not_found');
      expect((await call(StandInRoutes.jsCode)).status).toBe(405);
    });

    it('counts the calls that reached each WeChat path, planned failures included', async () => {
      const before = (await call(StandInRoutes.requests)).body.counts as Record<string, number>;
      await call(StandInRoutes.failNext, { body: { path: '/cgi-bin/message/subscribe/send' } });
      const accessToken = await token();
      await call('/cgi-bin/message/subscribe/send', { query: { access_token: accessToken }, body: {} });
      await call('/cgi-bin/message/subscribe/send', { query: { access_token: accessToken }, body: {} });

      const after = (await call(StandInRoutes.requests)).body.counts as Record<string, number>;
      expect(after['/cgi-bin/message/subscribe/send']).toBe(before['/cgi-bin/message/subscribe/send'] + 2);
      expect(after['/cgi-bin/token']).toBe(before['/cgi-bin/token'] + 1);
      expect((await call(StandInRoutes.requests, { body: {} })).status).toBe(405);
    });

    it('reports health without revealing the secret', async () => {
      const answer = await call(StandInRoutes.health);
      expect(answer.body).toEqual({ status: 'ok', appId: APP_ID });
    });
  });
});

describe(BoundedMap.name, () => {
  it('forgets the oldest entries beyond its cap', () => {
    const map = new BoundedMap<string, number>(3);
    for (const [i, key] of ['a', 'b', 'c', 'd', 'e'].entries()) map.set(key, i);
    expect([...map.keys()]).toEqual(['c', 'd', 'e']);
  });

  it('treats a rewritten key as the newest', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    expect([...map.entries()]).toEqual([
      ['a', 3],
      ['c', 4],
    ]);
  });
});
