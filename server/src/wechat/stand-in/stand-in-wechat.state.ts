import { createHash, randomBytes } from 'node:crypto';
import { BoundedMap } from './bounded-map.js';

/**
 * What WeChat says for each errcode the stand-in produces. The real errmsg
 * ends with `, rid: <request id>`; the stand-in adds a random one the same way
 * so clients that parse it are exercised.
 */
export const STAND_IN_ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40169: 'invalid length for scene, or the data is not json string',
  40226: 'high risk user, login blocked',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  41030: 'invalid page',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
};

/** The WeChat API paths the stand-in serves. */
export const STAND_IN_WECHAT_PATHS = [
  '/cgi-bin/token',
  '/sns/jscode2session',
  '/wxa/business/getuserphonenumber',
  '/wxa/getwxacodeunlimit',
  '/cgi-bin/message/subscribe/send',
] as const;
export type StandInWechatPath = (typeof STAND_IN_WECHAT_PATHS)[number];

/** Caps on everything the stand-in remembers, so a long development run stays small. */
export const STAND_IN_LIMITS = {
  tokens: 1_000,
  loginCodes: 10_000,
  usedLoginCodes: 10_000,
  phoneCodes: 10_000,
  subscriptions: 10_000,
  creditsPerSubscription: 1_000,
  messages: 1_000,
  sessionKeys: 1_000,
  failuresPerPath: 100,
} as const;

/** WeChat keeps the previous access_token alive for five minutes after a new one is issued. */
const TOKEN_ROTATION_GRACE_MS = 5 * 60 * 1000;

/** What WeChat DevTools and real phones send as login codes; anything else is refused with 40029. */
const LOGIN_CODE_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const PAGE_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9_./-]{0,127}$/;
const MINIPROGRAM_STATES = new Set(['developer', 'trial', 'formal']);
const ENV_VERSIONS = new Set(['release', 'trial', 'develop']);

export interface WechatErrorReply {
  errcode: number;
  errmsg: string;
}

/** A planned failure for the next call to one path, queued by `POST /__standin/fail-next`. */
export interface StandInFailure {
  /** Answer this errcode (HTTP 200 unless `status` is set). */
  errcode?: number;
  /** Answer this HTTP status; without `errcode` the body is an HTML error page, not JSON. */
  status?: number;
  /** Wait this long first; alone, the call then proceeds normally (for client timeouts). */
  delayMs?: number;
}

export interface SentMessage {
  msgId: string;
  toOpenid: string;
  templateId: string;
  page: string | null;
  data: Record<string, unknown>;
  miniprogramState: string;
  lang: string;
  /** ISO 8601 */
  sentAt: string;
}

export interface StandInPhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

/** A validated getwxacodeunlimit request: what the image should encode. */
export interface UnlimitedCodeSpec {
  text: string;
}

interface IssuedToken {
  expiresAt: number;
  /** Set when a newer token replaced this one; after it WeChat answers 40001, not 42001. */
  revokeAt: number | null;
}

export function wechatError(errcode: number, detail?: string): WechatErrorReply {
  const base = STAND_IN_ERRMSG[errcode] ?? 'unknown error';
  const rid = [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-');
  return { errcode, errmsg: `${detail ? `${base} ${detail}` : base}, rid: ${rid}` };
}

export function isWechatError(value: unknown): value is WechatErrorReply {
  return typeof value === 'object' && value !== null && 'errcode' in value;
}

function derivedId(...parts: string[]): string {
  // Real openids are 28 characters starting with "o"; these look the same and are stable per input.
  return `o${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27)}`;
}

/**
 * Everything the stand-in WeChat server knows, and the WeChat rules it
 * enforces. The HTTP layer only parses requests and writes replies; tests may
 * read this state directly (request counts, sent messages, issued session keys).
 */
export class StandInWechatState {
  private readonly tokens = new BoundedMap<string, IssuedToken>(STAND_IN_LIMITS.tokens);
  private readonly loginCodes = new BoundedMap<string, string>(STAND_IN_LIMITS.loginCodes);
  private readonly usedLoginCodes = new BoundedMap<string, true>(STAND_IN_LIMITS.usedLoginCodes);
  private readonly phoneCodes = new BoundedMap<string, StandInPhoneInfo>(STAND_IN_LIMITS.phoneCodes);
  private readonly credits: BoundedMap<string, number>;
  private readonly messages: SentMessage[] = [];
  private readonly sessionKeys: string[] = [];
  private readonly failures = new Map<string, StandInFailure[]>();
  private readonly counts = new Map<string, number>();
  private messageSeq = 0n;

  constructor(
    readonly appId: string,
    private readonly appSecret: string,
    readonly tokenTtlSeconds: number,
    private readonly now: () => number = Date.now,
    /** (openid, template) pairs remembered; a benchmark that grants a million people a credit raises it. */
    subscriptionsCap: number = STAND_IN_LIMITS.subscriptions,
  ) {
    this.credits = new BoundedMap<string, number>(subscriptionsCap);
  }

  /** How many requests reached a WeChat API path, planned failures included. */
  requestCount(path: StandInWechatPath): number {
    return this.counts.get(path) ?? 0;
  }

  get tokenRequests(): number {
    return this.requestCount('/cgi-bin/token');
  }

  get sentMessages(): readonly SentMessage[] {
    return this.messages;
  }

  /** Every session_key handed out (the latest ones), so tests can prove none leaks. */
  get issuedSessionKeys(): readonly string[] {
    return this.sessionKeys;
  }

  /** The access tokens still remembered, so tests can prove none leaks. */
  get issuedAccessTokens(): readonly string[] {
    return [...this.tokens.keys()];
  }

  subscriptionCredits(openid: string, templateId: string): number {
    return this.credits.get(creditKey(openid, templateId)) ?? 0;
  }

  countRequest(path: string): void {
    this.counts.set(path, (this.counts.get(path) ?? 0) + 1);
  }

  mintLoginCode(openid: string): string {
    const code = randomBytes(24).toString('base64url');
    this.loginCodes.set(code, openid);
    return code;
  }

  mintPhoneCode(purePhoneNumber: string, countryCode = '86'): string {
    const code = randomBytes(32).toString('hex');
    const phoneNumber = countryCode === '86' ? purePhoneNumber : `+${countryCode}${purePhoneNumber}`;
    this.phoneCodes.set(code, { phoneNumber, purePhoneNumber, countryCode });
    return code;
  }

  /** Adds one-time subscriptions (what the user grants by tapping "allow"); returns the new balance. */
  grantSubscription(openid: string, templateId: string, count: number): number {
    const key = creditKey(openid, templateId);
    const balance = Math.min((this.credits.get(key) ?? 0) + count, STAND_IN_LIMITS.creditsPerSubscription);
    this.credits.set(key, balance);
    return balance;
  }

  /** Expires every issued token now; the next call with one answers 42001. Returns how many. */
  expireAllTokens(): number {
    const at = this.now();
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, at);
    return this.tokens.size;
  }

  /** Queues a failure for the next call to `path`; returns how many are queued there. */
  failNext(path: StandInWechatPath, failure: StandInFailure): number {
    const queue = this.failures.get(path) ?? [];
    if (queue.length >= STAND_IN_LIMITS.failuresPerPath) queue.shift();
    queue.push(failure);
    this.failures.set(path, queue);
    return queue.length;
  }

  takeFailure(path: string): StandInFailure | undefined {
    return this.failures.get(path)?.shift();
  }

  issueToken(query: URLSearchParams): WechatErrorReply | { access_token: string; expires_in: number } {
    const denied = this.checkAppCredentials(query, 'client_credential');
    if (denied) return denied;
    const at = this.now();
    for (const previous of this.tokens.values()) {
      if (previous.revokeAt === null) previous.revokeAt = at + TOKEN_ROTATION_GRACE_MS;
    }
    const accessToken = randomBytes(60).toString('base64url');
    this.tokens.set(accessToken, { expiresAt: at + this.tokenTtlSeconds * 1000, revokeAt: null });
    return { access_token: accessToken, expires_in: this.tokenTtlSeconds };
  }

  /** null when the token is good, otherwise the error WeChat answers for it. */
  checkToken(token: string | null): WechatErrorReply | null {
    if (!token) return wechatError(41001);
    const issued = this.tokens.get(token);
    const at = this.now();
    if (!issued || (issued.revokeAt !== null && at >= issued.revokeAt)) return wechatError(40001);
    if (at >= issued.expiresAt) return wechatError(42001);
    return null;
  }

  exchangeLoginCode(
    query: URLSearchParams,
  ): WechatErrorReply | { openid: string; session_key: string; unionid: string } {
    const denied = this.checkAppCredentials(query, 'authorization_code');
    if (denied) return denied;
    const code = query.get('js_code');
    if (!code) return wechatError(41008);
    if (this.usedLoginCodes.has(code)) return wechatError(40163);
    const minted = this.loginCodes.get(code);
    if (minted === undefined && !LOGIN_CODE_PATTERN.test(code)) return wechatError(40029);
    this.loginCodes.delete(code);
    this.usedLoginCodes.set(code, true);
    // Codes not minted here (e.g. from WeChat DevTools) map to an openid derived from the code.
    const openid = minted ?? derivedId(this.appId, code);
    const sessionKey = randomBytes(16).toString('base64');
    this.sessionKeys.push(sessionKey);
    if (this.sessionKeys.length > STAND_IN_LIMITS.sessionKeys) this.sessionKeys.shift();
    return { session_key: sessionKey, openid, unionid: derivedId('unionid', openid) };
  }

  exchangePhoneCode(
    body: Record<string, unknown>,
  ): WechatErrorReply | { errcode: 0; errmsg: 'ok'; phone_info: StandInPhoneInfo & { watermark: object } } {
    const code = body.code;
    if (typeof code !== 'string' || code.length === 0) return wechatError(41008);
    const info = this.phoneCodes.get(code);
    // A used code is forgotten, so it answers like an unknown one: 40029, as WeChat does.
    if (!info) return wechatError(40029);
    this.phoneCodes.delete(code);
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: { ...info, watermark: { timestamp: Math.floor(this.now() / 1000), appid: this.appId } },
    };
  }

  checkUnlimitedCode(body: Record<string, unknown>): WechatErrorReply | UnlimitedCodeSpec {
    const { scene, page, width, check_path: checkPath, env_version: envVersion } = body;
    if (typeof scene !== 'string' || !SCENE_PATTERN.test(scene)) return wechatError(40169);
    if (page !== undefined && (typeof page !== 'string' || !PAGE_PATTERN.test(page))) return wechatError(41030);
    if (width !== undefined && typeof width !== 'number') return wechatError(40097);
    if (checkPath !== undefined && typeof checkPath !== 'boolean') return wechatError(40097);
    if (envVersion !== undefined && (typeof envVersion !== 'string' || !ENV_VERSIONS.has(envVersion))) {
      return wechatError(40097);
    }
    return { text: `${page ?? 'pages/index/index'}?scene=${encodeURIComponent(scene)}` };
  }

  sendSubscribeMessage(body: Record<string, unknown>): WechatErrorReply | { msgId: string } {
    const { touser, template_id: templateId, page, data, miniprogram_state: state, lang } = body;
    if (typeof touser !== 'string' || touser.length === 0) return wechatError(40003);
    if (typeof templateId !== 'string' || templateId.length === 0) return wechatError(40037);
    if (page !== undefined && typeof page !== 'string') return wechatError(41030);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return wechatError(47003, 'data invalid');
    }
    for (const [key, field] of Object.entries(data as Record<string, unknown>)) {
      const value = (field as { value?: unknown } | null)?.value;
      if (typeof value !== 'string') return wechatError(47003, `data.${key}.value invalid`);
    }
    if (state !== undefined && (typeof state !== 'string' || !MINIPROGRAM_STATES.has(state))) {
      return wechatError(47003, 'miniprogram_state invalid');
    }
    const key = creditKey(touser, templateId);
    const balance = this.credits.get(key) ?? 0;
    if (balance <= 0) return wechatError(43101);
    if (balance === 1) this.credits.delete(key);
    else this.credits.set(key, balance - 1);
    // Real msgids are 64-bit and overflow a JS number; these do too, to keep clients honest.
    this.messageSeq += 1n;
    const msgId = (3_000_000_000_000_000_000n + this.messageSeq).toString();
    this.messages.push({
      msgId,
      toOpenid: touser,
      templateId,
      page: typeof page === 'string' ? page : null,
      data: data as Record<string, unknown>,
      miniprogramState: typeof state === 'string' ? state : 'formal',
      lang: typeof lang === 'string' ? lang : 'zh_CN',
      sentAt: new Date(this.now()).toISOString(),
    });
    if (this.messages.length > STAND_IN_LIMITS.messages) this.messages.shift();
    return { msgId };
  }

  private checkAppCredentials(query: URLSearchParams, grantType: string): WechatErrorReply | null {
    const appid = query.get('appid');
    const secret = query.get('secret');
    if (!appid) return wechatError(41002);
    if (!secret) return wechatError(41004);
    if (query.get('grant_type') !== grantType) return wechatError(40002);
    if (appid !== this.appId) return wechatError(40013);
    if (secret !== this.appSecret) return wechatError(40125);
    return null;
  }
}

function creditKey(openid: string, templateId: string): string {
  return `${openid}\u0000${templateId}`;
}
