import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import {
  STAND_IN_LIMITS,
  STAND_IN_WECHAT_PATHS,
  StandInWechatState,
  isWechatError,
  wechatError,
  type StandInFailure,
  type StandInWechatPath,
} from './stand-in-wechat.state.js';

export interface StandInWechatOptions {
  /** 0 picks a free port (tests). */
  port?: number;
  /** Loopback by default: the control endpoints hand out login codes for any openid. */
  host?: string;
  appId: string;
  appSecret: string;
  tokenTtlSeconds?: number;
  /** Milliseconds since the epoch; injectable so tests can age tokens without waiting. */
  now?: () => number;
  /** One line per request (method, path, status, errcode); query strings are left out because they carry secrets. */
  log?: (line: string) => void;
  /** (openid, template) subscriptions remembered, 10,000 by default; raised by benchmarks. */
  maxSubscriptions?: number;
}

export interface StandInWechat {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:3901 */
  url: string;
  close(): Promise<void>;
  state: StandInWechatState;
}

/** The development-only control endpoints, for the dev start script, the H5 demo login and tests. */
export const StandInRoutes = {
  jsCode: '/__standin/js-code',
  phoneCode: '/__standin/phone-code',
  subscriptions: '/__standin/subscriptions',
  messages: '/__standin/messages',
  /** Read-only: how many calls reached each WeChat path, planned failures included. */
  requests: '/__standin/requests',
  expireTokens: '/__standin/expire-tokens',
  failNext: '/__standin/fail-next',
  health: '/__standin/health',
} as const;

const MAX_BODY_BYTES = 64 * 1024;
const MAX_DELAY_MS = 60_000;
const JSON_TYPE = 'application/json; charset=UTF-8';

const WECHAT_METHODS: Record<StandInWechatPath, 'GET' | 'POST'> = {
  '/cgi-bin/token': 'GET',
  '/sns/jscode2session': 'GET',
  '/wxa/business/getuserphonenumber': 'POST',
  '/wxa/getwxacodeunlimit': 'POST',
  '/cgi-bin/message/subscribe/send': 'POST',
};

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};

/** A control request that cannot be served; rendered as a JSON 4xx. */
class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

interface Reply {
  status: number;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
  /** For the request log only. */
  errcode?: number;
}

/**
 * Starts a stand-in for WeChat's server API on loopback: the same paths, the
 * same reply shapes and errcodes, deterministic, with control endpoints under
 * `/__standin/` to mint codes, grant subscriptions and plan failures. WeChat
 * cannot be reached from development machines or CI, and its login codes only
 * come from real phones, so this is how the login, phone, wxacode and message
 * flows run end to end.
 */
export async function startStandInWechat(options: StandInWechatOptions): Promise<StandInWechat> {
  const state = new StandInWechatState(
    options.appId,
    options.appSecret,
    options.tokenTtlSeconds ?? 7200,
    options.now ?? Date.now,
    options.maxSubscriptions,
  );
  const timers = new Set<NodeJS.Timeout>();
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer((req, res) => {
    handle(req, state, delay)
      .catch((): Reply => json(500, { error: 'internal_error', message: 'the stand-in failed' }))
      .then((reply) => {
        const path = (req.url ?? '/').split('?')[0];
        options.log?.(`${req.method} ${path} -> ${reply.status}${reply.errcode ? ` errcode=${reply.errcode}` : ''}`);
        write(res, reply);
      })
      .catch(() => res.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets (fetch pools them) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

async function handle(
  req: IncomingMessage,
  state: StandInWechatState,
  delay: (ms: number) => Promise<void>,
): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const method = req.method ?? 'GET';
  const control = url.pathname.startsWith('/__standin/');
  try {
    if (control) return withCors(await handleControl(method, url.pathname, req, state));
    if ((STAND_IN_WECHAT_PATHS as readonly string[]).includes(url.pathname)) {
      return await handleWechat(method, url.pathname as StandInWechatPath, url.searchParams, req, state, delay);
    }
    await drain(req);
    return json(404, { error: 'not_found', message: `no such endpoint: ${method} ${url.pathname}` });
  } catch (error) {
    if (!(error instanceof ControlError)) throw error;
    const reply = json(error.status, { error: error.error, message: error.message });
    return control ? withCors(reply) : reply;
  }
}

async function handleWechat(
  method: string,
  path: StandInWechatPath,
  query: URLSearchParams,
  req: IncomingMessage,
  state: StandInWechatState,
  delay: (ms: number) => Promise<void>,
): Promise<Reply> {
  state.countRequest(path);
  const raw = await readBody(req);
  const failure = state.takeFailure(path);
  if (failure) {
    if (failure.delayMs) await delay(failure.delayMs);
    if (failure.errcode !== undefined) return wechatJson(wechatError(failure.errcode), failure.status ?? 200);
    if (failure.status !== undefined) {
      return { status: failure.status, contentType: 'text/html', body: `<html><body>${failure.status}</body></html>` };
    }
  }
  const expected = WECHAT_METHODS[path];
  if (method !== expected) return wechatJson(wechatError(expected === 'POST' ? 43002 : 43001));
  if (path === '/cgi-bin/token') return wechatJson(state.issueToken(query));
  if (path === '/sns/jscode2session') {
    // The real jscode2session labels its JSON text/plain; clients must not rely on content-type.
    return { ...wechatJson(state.exchangeLoginCode(query)), contentType: 'text/plain' };
  }

  const tokenProblem = state.checkToken(query.get('access_token'));
  if (tokenProblem) return wechatJson(tokenProblem);
  let body: unknown;
  try {
    body = raw === null ? undefined : JSON.parse(raw.toString('utf8'));
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return wechatJson(wechatError(47001));
  const fields = body as Record<string, unknown>;

  if (path === '/wxa/business/getuserphonenumber') return wechatJson(state.exchangePhoneCode(fields));
  if (path === '/wxa/getwxacodeunlimit') {
    const spec = state.checkUnlimitedCode(fields);
    if (isWechatError(spec)) return wechatJson(spec);
    // Drawn small rather than at spec.width: nothing reads the pixels, and pngjs draws a
    // 430 px image in seconds under jest's VM, which would slow every test that makes a code.
    const png = await QRCode.toBuffer(spec.text, { type: 'png', scale: 2, margin: 1 });
    return { status: 200, contentType: 'image/png', body: png };
  }
  const sent = state.sendSubscribeMessage(fields);
  if (isWechatError(sent)) return wechatJson(sent);
  // Written by hand: the 64-bit msgid must reach the client as the exact digits.
  return { status: 200, contentType: JSON_TYPE, body: `{"errcode":0,"errmsg":"ok","msgid":${sent.msgId}}` };
}

async function handleControl(
  method: string,
  path: string,
  req: IncomingMessage,
  state: StandInWechatState,
): Promise<Reply> {
  if (method === 'OPTIONS') {
    await drain(req);
    return { status: 204, contentType: 'text/plain', body: '' };
  }
  const route = Object.values(StandInRoutes).find((p) => p === path);
  if (!route) {
    await drain(req);
    throw new ControlError(404, 'not_found', `no such control endpoint: ${path}`);
  }
  const reads: string[] = [StandInRoutes.messages, StandInRoutes.requests, StandInRoutes.health];
  const expected = reads.includes(route) ? 'GET' : 'POST';
  if (method !== expected) {
    await drain(req);
    throw new ControlError(405, 'method_not_allowed', `${path} takes ${expected}`);
  }

  switch (route) {
    case StandInRoutes.health:
      return json(200, { status: 'ok', appId: state.appId });
    case StandInRoutes.messages:
      return json(200, { messages: state.sentMessages });
    case StandInRoutes.requests:
      return json(200, {
        counts: Object.fromEntries(STAND_IN_WECHAT_PATHS.map((path) => [path, state.requestCount(path)])),
      });
    case StandInRoutes.expireTokens:
      await readBody(req);
      return json(200, { expired: state.expireAllTokens() });
    case StandInRoutes.jsCode: {
      const body = await readJsonObject(req);
      const openid = requireString(body, 'openid', /^[\x21-\x7e]{1,128}$/, '1 to 128 visible ASCII characters');
      return json(200, { code: state.mintLoginCode(openid) });
    }
    case StandInRoutes.phoneCode: {
      const body = await readJsonObject(req);
      const phone = requireString(body, 'phone', /^\d{5,15}$/, '5 to 15 digits without a country prefix');
      const countryCode =
        body.countryCode === undefined
          ? '86'
          : requireString(body, 'countryCode', /^\d{1,4}$/, '1 to 4 digits, e.g. "86"');
      return json(200, { code: state.mintPhoneCode(phone, countryCode) });
    }
    case StandInRoutes.subscriptions: {
      const body = await readJsonObject(req);
      const openid = requireString(body, 'openid', /^[\x21-\x7e]{1,128}$/, '1 to 128 visible ASCII characters');
      const templateId = requireString(body, 'templateId', /^[\x21-\x7e]{1,128}$/, '1 to 128 visible ASCII characters');
      const count = body.count === undefined ? 1 : body.count;
      if (
        typeof count !== 'number' ||
        !Number.isInteger(count) ||
        count < 1 ||
        count > STAND_IN_LIMITS.creditsPerSubscription
      ) {
        throw new ControlError(
          400,
          'bad_request',
          `count must be a whole number from 1 to ${STAND_IN_LIMITS.creditsPerSubscription}`,
        );
      }
      return json(200, { openid, templateId, credits: state.grantSubscription(openid, templateId, count) });
    }
    case StandInRoutes.failNext: {
      const body = await readJsonObject(req);
      const path = body.path;
      if (typeof path !== 'string' || !(STAND_IN_WECHAT_PATHS as readonly string[]).includes(path)) {
        throw new ControlError(400, 'bad_request', `path must be one of ${STAND_IN_WECHAT_PATHS.join(', ')}`);
      }
      const failure: StandInFailure = {};
      if (body.errcode !== undefined) {
        if (typeof body.errcode !== 'number' || !Number.isInteger(body.errcode)) {
          throw new ControlError(400, 'bad_request', 'errcode must be a whole number');
        }
        failure.errcode = body.errcode;
      }
      if (body.status !== undefined) {
        if (
          typeof body.status !== 'number' ||
          !Number.isInteger(body.status) ||
          body.status < 200 ||
          body.status > 599
        ) {
          throw new ControlError(400, 'bad_request', 'status must be an HTTP status from 200 to 599');
        }
        failure.status = body.status;
      }
      if (body.delayMs !== undefined) {
        if (
          typeof body.delayMs !== 'number' ||
          !Number.isInteger(body.delayMs) ||
          body.delayMs < 0 ||
          body.delayMs > MAX_DELAY_MS
        ) {
          throw new ControlError(400, 'bad_request', `delayMs must be a whole number from 0 to ${MAX_DELAY_MS}`);
        }
        failure.delayMs = body.delayMs;
      }
      // With nothing said, fail the way WeChat most often does: -1, system busy.
      if (failure.errcode === undefined && failure.status === undefined && failure.delayMs === undefined) {
        failure.errcode = -1;
      }
      return json(200, { path, queued: state.failNext(path as StandInWechatPath, failure) });
    }
  }
  throw new ControlError(404, 'not_found', `no such control endpoint: ${path}`);
}

function requireString(body: Record<string, unknown>, field: string, pattern: RegExp, rule: string): string {
  const value = body[field];
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ControlError(400, 'bad_request', `${field} must be ${rule}`);
  }
  return value;
}

async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req);
  let body: unknown;
  try {
    body = JSON.parse(raw?.toString('utf8') ?? '');
  } catch {
    throw new ControlError(400, 'bad_request', 'body must be JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ControlError(400, 'bad_request', 'body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** The request body, null when empty. Over the cap is refused with 413 rather than buffered. */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new ControlError(413, 'payload_too_large', `body over ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return size === 0 ? null : Buffer.concat(chunks);
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const chunk of req) void chunk;
}

function json(status: number, body: unknown): Reply {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body) };
}

function wechatJson(body: object, status = 200): Reply {
  const errcode = (body as { errcode?: unknown }).errcode;
  return { ...json(status, body), ...(typeof errcode === 'number' && errcode !== 0 ? { errcode } : {}) };
}

function withCors(reply: Reply): Reply {
  return { ...reply, headers: { ...reply.headers, ...CORS_HEADERS } };
}

function write(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  res.writeHead(reply.status, {
    'content-type': reply.contentType,
    'content-length': String(body.length),
    ...reply.headers,
  });
  res.end(body);
}
