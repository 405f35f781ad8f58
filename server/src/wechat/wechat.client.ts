import { ErrorCode, type ErrorDetail } from '@pioneer/shared';
import { Logger } from '@nestjs/common';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { AppException } from '../common/errors/app-exception.js';
import {
  ERRCODE_MESSAGES,
  TOKEN_REJECTED_ERRCODES,
  TRANSIENT_ERRCODES,
  WechatErrcode,
  errorCodeForErrcode,
  type WechatApi,
} from './wechat-errcodes.js';

export interface WechatClientOptions {
  /** https://api.weixin.qq.com in production; the stand-in's URL in development and tests. */
  apiBaseUrl: string;
  appId: string;
  appSecret: string;
  /** Per HTTP request; a call that fetches, is refused and refetches its token makes up to four requests. */
  timeoutMs: number;
  /** Milliseconds since the epoch; injectable so tests can move the token's clock. */
  now?: () => number;
  /** Where failures are reported; defaults to a Nest Logger. Never receives secrets. */
  logger?: WechatLogger;
}

export interface WechatLogger {
  warn(message: string): void;
}

/** What a login code is worth to us. `session_key` is deliberately absent: see `code2Session`. */
export interface WechatSession {
  openid: string;
  /** Present only when the mini-program is bound to a WeChat Open Platform account. */
  unionid?: string;
}

export interface WechatPhoneNumber {
  /** With the country prefix for numbers outside mainland China. */
  phoneNumber: string;
  /** Without the country prefix. */
  purePhoneNumber: string;
  countryCode: string;
}

export type WechatEnvVersion = 'release' | 'trial' | 'develop';

export interface UnlimitedCodeRequest {
  /** At most 32 visible characters from `0-9A-Za-z!#$&'()*+,/:;=?@-._~`; the page gets it URL-encoded. */
  scene: string;
  /** A page of the published mini-program, without a leading `/` or query; WeChat defaults to the home page. */
  page?: string;
  /** Pixels, 280 to 1280; WeChat defaults to 430. */
  width?: number;
  /** WeChat checks that `page` exists in the published version unless this is false (needed for trial/develop). */
  checkPath?: boolean;
  envVersion?: WechatEnvVersion;
}

export type MiniprogramState = 'developer' | 'trial' | 'formal';

export interface SubscribeMessageRequest {
  toOpenid: string;
  templateId: string;
  /** The page the message opens, may carry a query (`pages/x/index?id=1`). */
  page?: string;
  /** Template fields by key (`thing1`, `time2` …); each value is wrapped as `{ value }` for WeChat. */
  data: Record<string, string>;
  /** Which version of the mini-program the message opens; WeChat defaults to `formal`. */
  miniprogramState?: MiniprogramState;
}

export interface SubscribeMessageResult {
  /** WeChat's message id, as a string because it does not fit in a JS number. */
  msgId: string | null;
}

/** Validates a wxacode scene the way WeChat does, so a bad one fails here and costs no quota. */
export const WXACODE_SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;
const LOGIN_CODE_MAX_LENGTH = 256;

interface CachedToken {
  value: string;
  /** When we stop using it: a margin before WeChat's expiry so in-flight calls never carry a dying token. */
  refreshAt: number;
}

type Reply = { kind: 'json'; body: Record<string, unknown>; text: string } | { kind: 'image'; bytes: Buffer };

interface RawResponse {
  status: number;
  contentType: string;
  raw: Buffer;
}

/** A request that did not complete within `timeoutMs`. */
class RequestTimeout extends Error {
  constructor() {
    super('WeChat request timed out');
    this.name = 'TimeoutError';
  }
}

interface RequestSpec {
  api: WechatApi;
  method: 'GET' | 'POST';
  path: string;
  query: Record<string, string>;
  body?: unknown;
  acceptImage?: boolean;
}

/**
 * The one way this app talks to WeChat's server API. It owns the access_token
 * (cached, refreshed early, one refresh at a time) and turns every WeChat
 * failure into an AppException carrying a shared error code. Secrets (the app
 * secret, access tokens, session keys) never appear in what it throws or logs:
 * the URLs that carry them are never put into messages.
 */
export class WechatClient {
  private readonly baseUrl: string;
  private readonly now: () => number;
  private readonly logger: WechatLogger;
  private token: CachedToken | null = null;
  private tokenRefresh: Promise<CachedToken> | null = null;
  /** Connections kept alive between calls; closed idle before the server's keep-alive timeout. */
  private readonly agent: HttpAgent;

  constructor(private readonly options: WechatClientOptions) {
    this.baseUrl = options.apiBaseUrl.replace(/\/+$/, '');
    this.agent = this.baseUrl.startsWith('https:')
      ? new HttpsAgent({ keepAlive: true, timeout: 4_000 })
      : new HttpAgent({ keepAlive: true, timeout: 4_000 });
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? new Logger(WechatClient.name);
  }

  /**
   * Exchanges a `wx.login` code for the user's openid.
   *
   * WeChat also answers a `session_key`: the key that decrypts the user's
   * encrypted data and verifies signatures for this session. Anyone holding it
   * can forge or read that data, and this app needs neither (phone numbers come
   * through the code-based getuserphonenumber API), so it is dropped here and
   * never returned, stored or logged.
   */
  async code2Session(code: string): Promise<WechatSession> {
    if (typeof code !== 'string' || code.length === 0 || code.length > LOGIN_CODE_MAX_LENGTH) {
      throw new AppException(ErrorCode.WECHAT_CODE_INVALID, undefined, { api: 'jscode2session' });
    }
    const reply = await this.request({
      api: 'jscode2session',
      method: 'GET',
      path: '/sns/jscode2session',
      query: {
        appid: this.options.appId,
        secret: this.options.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      },
    });
    const body = this.expectSuccess('jscode2session', reply);
    if (typeof body.openid !== 'string' || body.openid.length === 0) {
      throw this.unavailable('jscode2session', { reason: 'bad_response' });
    }
    const session: WechatSession = { openid: body.openid };
    if (typeof body.unionid === 'string' && body.unionid.length > 0) session.unionid = body.unionid;
    return session;
  }

  /** Exchanges the one-time code from a `getPhoneNumber` button for the user's phone number. */
  async getPhoneNumber(code: string): Promise<WechatPhoneNumber> {
    if (typeof code !== 'string' || code.length === 0 || code.length > LOGIN_CODE_MAX_LENGTH) {
      throw new AppException(ErrorCode.WECHAT_PHONE_CODE_INVALID, undefined, { api: 'getuserphonenumber' });
    }
    const reply = await this.requestWithToken({
      api: 'getuserphonenumber',
      method: 'POST',
      path: '/wxa/business/getuserphonenumber',
      query: {},
      body: { code },
    });
    const body = this.expectSuccess('getuserphonenumber', reply);
    const info = body.phone_info as Record<string, unknown> | undefined;
    if (
      !info ||
      typeof info.phoneNumber !== 'string' ||
      typeof info.purePhoneNumber !== 'string' ||
      (typeof info.countryCode !== 'string' && typeof info.countryCode !== 'number')
    ) {
      throw this.unavailable('getuserphonenumber', { reason: 'bad_response' });
    }
    // WeChat's documentation shows countryCode both as a string and as a number.
    return {
      phoneNumber: info.phoneNumber,
      purePhoneNumber: info.purePhoneNumber,
      countryCode: String(info.countryCode),
    };
  }

  /**
   * Makes an unlimited mini-program code. Resolves to the image bytes (PNG from
   * the stand-in; the real WeChat labels its answer image/jpeg).
   */
  async getUnlimitedCode(request: UnlimitedCodeRequest): Promise<Buffer> {
    const problems = checkUnlimitedCodeRequest(request);
    if (problems.length > 0) throw new AppException(ErrorCode.VALIDATION_FAILED, undefined, problems);
    const body: Record<string, unknown> = { scene: request.scene };
    if (request.page !== undefined) body.page = request.page;
    if (request.width !== undefined) body.width = request.width;
    if (request.checkPath !== undefined) body.check_path = request.checkPath;
    if (request.envVersion !== undefined) body.env_version = request.envVersion;
    const reply = await this.requestWithToken({
      api: 'getwxacodeunlimit',
      method: 'POST',
      path: '/wxa/getwxacodeunlimit',
      query: {},
      body,
      acceptImage: true,
    });
    if (reply.kind === 'image') return reply.bytes;
    this.expectSuccess('getwxacodeunlimit', reply);
    // errcode 0 without an image is not something WeChat does.
    throw this.unavailable('getwxacodeunlimit', { reason: 'bad_response' });
  }

  /** Sends one subscribe message; each consumes one of the user's one-time subscriptions. */
  async sendSubscribeMessage(request: SubscribeMessageRequest): Promise<SubscribeMessageResult> {
    const problems: ErrorDetail[] = [];
    if (typeof request.toOpenid !== 'string' || request.toOpenid.length === 0) {
      problems.push({ path: 'toOpenid', problem: 'required' });
    }
    if (typeof request.templateId !== 'string' || request.templateId.length === 0) {
      problems.push({ path: 'templateId', problem: 'required' });
    }
    if (problems.length > 0) throw new AppException(ErrorCode.VALIDATION_FAILED, undefined, problems);
    const data: Record<string, { value: string }> = {};
    for (const [key, value] of Object.entries(request.data)) data[key] = { value };
    const body: Record<string, unknown> = { touser: request.toOpenid, template_id: request.templateId, data };
    if (request.page !== undefined) body.page = request.page;
    if (request.miniprogramState !== undefined) body.miniprogram_state = request.miniprogramState;
    const reply = await this.requestWithToken({
      api: 'subscribe.send',
      method: 'POST',
      path: '/cgi-bin/message/subscribe/send',
      query: {},
      body,
    });
    this.expectSuccess('subscribe.send', reply);
    // msgid is a 64-bit integer: JSON.parse would round it, so read the digits from the text.
    const msgId = reply.kind === 'json' ? (/"msgid"\s*:\s*"?(\d+)/.exec(reply.text)?.[1] ?? null) : null;
    return { msgId };
  }

  /** A valid access_token, fetching one if needed; concurrent callers share one fetch. */
  async getAccessToken(): Promise<string> {
    if (this.token && this.now() < this.token.refreshAt) return this.token.value;
    if (!this.tokenRefresh) {
      this.tokenRefresh = this.fetchAccessToken().finally(() => {
        this.tokenRefresh = null;
      });
    }
    return (await this.tokenRefresh).value;
  }

  private async fetchAccessToken(): Promise<CachedToken> {
    const reply = await this.request({
      api: 'token',
      method: 'GET',
      path: '/cgi-bin/token',
      query: { grant_type: 'client_credential', appid: this.options.appId, secret: this.options.appSecret },
    });
    const body = this.expectSuccess('token', reply);
    const value = body.access_token;
    const expiresIn = body.expires_in;
    if (typeof value !== 'string' || value.length === 0 || typeof expiresIn !== 'number' || expiresIn <= 0) {
      throw this.unavailable('token', { reason: 'bad_response' });
    }
    // Five minutes early, but never more than half the lifetime, so a short-lived token is still used.
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, (expiresIn * 1000) / 2);
    this.token = { value, refreshAt: this.now() + expiresIn * 1000 - margin };
    return this.token;
  }

  /** Forgets the token only if it is still the one that failed, so a fresh one fetched meanwhile survives. */
  private invalidateToken(value: string): void {
    if (this.token?.value === value) this.token = null;
  }

  /**
   * Calls an API that needs the access_token. If WeChat rejects the token
   * (another server refreshed it, it expired early, WeChat rotated it) the call
   * is retried exactly once with a fresh one; a second rejection is an outage.
   */
  private async requestWithToken(spec: RequestSpec): Promise<Reply> {
    const token = await this.getAccessToken();
    const reply = await this.request({ ...spec, query: { ...spec.query, access_token: token } });
    if (reply.kind !== 'json' || !TOKEN_REJECTED_ERRCODES.has(errcodeOf(reply.body) ?? WechatErrcode.OK)) return reply;
    this.invalidateToken(token);
    const fresh = await this.getAccessToken();
    return this.request({ ...spec, query: { ...spec.query, access_token: fresh } });
  }

  private async request(spec: RequestSpec): Promise<Reply> {
    const url = `${this.baseUrl}${spec.path}?${new URLSearchParams(spec.query).toString()}`;
    let response: RawResponse;
    try {
      response = await this.exchange(url, spec.method, spec.body === undefined ? undefined : JSON.stringify(spec.body));
    } catch (error) {
      // The error's text may quote the URL, which carries the secret or token: report only its kind.
      const timedOut = error instanceof RequestTimeout;
      throw this.unavailable(spec.api, { reason: timedOut ? 'timeout' : 'network', retryable: true });
    }
    const { status, raw } = response;
    if (status < 200 || status > 299) {
      throw this.unavailable(spec.api, {
        reason: 'http_status',
        httpStatus: status,
        retryable: status >= 500 || status === 429,
      });
    }
    const contentType = response.contentType;
    if (spec.acceptImage && (contentType.startsWith('image/') || looksLikeImage(raw))) {
      return { kind: 'image', bytes: raw };
    }
    // Not trusting content-type: jscode2session answers JSON labelled text/plain.
    const text = raw.toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw this.unavailable(spec.api, { reason: 'bad_response', retryable: true });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw this.unavailable(spec.api, { reason: 'bad_response', retryable: true });
    }
    return { kind: 'json', body: body as Record<string, unknown>, text };
  }

  /**
   * One HTTP exchange over a kept-alive connection, the whole of it (connect,
   * send, read) within `timeoutMs`. node:http rather than fetch: a push of a
   * study pack makes thousands of these a second, and fetch's streams,
   * abort signals and header objects cost several times as much CPU each.
   * Redirects are not followed (WeChat never redirects an API call).
   */
  private exchange(url: string, method: 'GET' | 'POST', body: string | undefined): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      const headers: Record<string, string | number> = {};
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(target, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            raw: Buffer.concat(chunks),
          });
        });
      });
      const timer = setTimeout(() => req.destroy(new RequestTimeout()), this.options.timeoutMs);
      function fail(error: Error): void {
        clearTimeout(timer);
        reject(error);
      }
      req.on('error', fail);
      req.end(body);
    });
  }

  /** The JSON body of a successful reply, or the AppException its errcode means. */
  private expectSuccess(api: WechatApi, reply: Reply): Record<string, unknown> {
    if (reply.kind !== 'json') throw this.unavailable(api, { reason: 'bad_response' });
    const errcode = errcodeOf(reply.body);
    if (errcode === null) throw this.unavailable(api, { reason: 'bad_response' });
    if (errcode === WechatErrcode.OK) return reply.body;
    const code = errorCodeForErrcode(api, errcode);
    const rid = ridOf(reply.body.errmsg);
    if (code === ErrorCode.WECHAT_UNAVAILABLE) {
      throw this.unavailable(api, {
        reason: 'errcode',
        errcode,
        retryable: TRANSIENT_ERRCODES.has(errcode),
        ...(rid ? { rid } : {}),
        errmsg: typeof reply.body.errmsg === 'string' ? reply.body.errmsg : undefined,
      });
    }
    throw new AppException(code, ERRCODE_MESSAGES[errcode], { api, errcode, ...(rid ? { rid } : {}) });
  }

  /**
   * WECHAT_UNAVAILABLE, logged for operators. `errmsg` goes to the log only
   * (scrubbed), because details reach the user's screen; `rid` is what WeChat
   * support asks for.
   */
  private unavailable(
    api: WechatApi,
    info: {
      reason: 'errcode' | 'timeout' | 'network' | 'http_status' | 'bad_response';
      errcode?: number;
      httpStatus?: number;
      retryable?: boolean;
      rid?: string;
      errmsg?: string | undefined;
    },
  ): AppException {
    const { errmsg, ...rest } = info;
    const details: Record<string, unknown> = { api, ...rest, retryable: info.retryable ?? false };
    const parts = Object.entries(details).map(([k, v]) => `${k}=${String(v)}`);
    if (errmsg) parts.push(`errmsg=${JSON.stringify(this.scrub(errmsg))}`);
    this.logger.warn(`WeChat call failed: ${parts.join(' ')}`);
    return new AppException(ErrorCode.WECHAT_UNAVAILABLE, undefined, details);
  }

  /** Belt and braces: WeChat does not echo secrets in errmsg, but a log line must never hold one if it did. */
  private scrub(text: string): string {
    let out = text;
    for (const secret of [this.options.appSecret, this.token?.value]) {
      if (secret) out = out.split(secret).join('[redacted]');
    }
    return out.slice(0, 300);
  }
}

/** The reply's errcode, 0 when absent, null when it is not a number (a reply we do not understand). */
function errcodeOf(body: Record<string, unknown>): number | null {
  // Successful jscode2session and token replies carry no errcode at all.
  if (body.errcode === undefined) return WechatErrcode.OK;
  const n = typeof body.errcode === 'number' ? body.errcode : Number(body.errcode);
  return Number.isInteger(n) ? n : null;
}

/** WeChat ends errmsg with `rid: <id>`: the request id its support uses. */
function ridOf(errmsg: unknown): string | undefined {
  if (typeof errmsg !== 'string') return undefined;
  return /rid:\s*([0-9a-zA-Z-]{1,64})/.exec(errmsg)?.[1];
}

function looksLikeImage(bytes: Buffer): boolean {
  const png =
    bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return png || jpeg;
}

/** The local rules for getwxacodeunlimit: failing here is free, failing at WeChat spends quota. */
export function checkUnlimitedCodeRequest(request: UnlimitedCodeRequest): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (typeof request.scene !== 'string' || !WXACODE_SCENE_PATTERN.test(request.scene)) {
    problems.push({
      path: 'scene',
      problem: "must be 1 to 32 characters from 0-9A-Za-z!#$&'()*+,/:;=?@-._~",
    });
  }
  if (request.page !== undefined && !/^[A-Za-z0-9_-][A-Za-z0-9_./-]{0,127}$/.test(request.page)) {
    problems.push({ path: 'page', problem: 'must be a page path without a leading / or a query' });
  }
  if (
    request.width !== undefined &&
    (!Number.isInteger(request.width) || request.width < 280 || request.width > 1280)
  ) {
    problems.push({ path: 'width', problem: 'must be a whole number of pixels from 280 to 1280' });
  }
  if (request.envVersion !== undefined && !['release', 'trial', 'develop'].includes(request.envVersion)) {
    problems.push({ path: 'envVersion', problem: 'must be release, trial or develop' });
  }
  return problems;
}
