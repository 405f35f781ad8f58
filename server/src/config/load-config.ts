import { AppConfig, type AppEnv, type PiiKey, type SubscribeMessagesConfig } from './app-config.js';

export type Env = Record<string, string | undefined>;

/** Thrown at boot when the environment is unusable; every message names its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith('127.') || hostname.endsWith('.localhost');
}

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  string(name: string, fallback?: string): string {
    const v = this.raw(name) ?? fallback;
    if (v === undefined) {
      this.problems.push(`${name} is required but not set`);
      return '';
    }
    return v;
  }

  optional(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}, got "${v}"`);
      return fallback;
    }
    return Number(v);
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (['true', '1', 'yes'].includes(v.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(v.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false, got "${v}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${v}"`);
      return fallback;
    }
    return v as T;
  }

  url(name: string, fallback?: string): URL | null {
    const v = this.raw(name) ?? fallback;
    if (v === undefined) {
      this.problems.push(`${name} is required but not set`);
      return null;
    }
    try {
      return new URL(v);
    } catch {
      this.problems.push(`${name} must be a URL, got "${v}"`);
      return null;
    }
  }

  /** A 32-byte key in base64. */
  key(name: string, value: string): Buffer {
    const buf = Buffer.from(value, 'base64');
    if (buf.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
      this.problems.push(`${name} must hold 32-byte keys in base64 (generate one with: openssl rand -base64 32)`);
    }
    return buf;
  }
}

function parsePiiKeys(r: Reader): PiiKey[] {
  const raw = r.string('PII_KEYS');
  if (!raw) return [];
  const keys: PiiKey[] = [];
  for (const part of raw.split(',')) {
    const [id, value] = part.split(':', 2).map((s) => s?.trim() ?? '');
    if (!id || !value || !/^[A-Za-z0-9_-]{1,16}$/.test(id)) {
      r.problems.push('PII_KEYS must be a comma-separated list of <id>:<base64 32-byte key>, newest first');
      return [];
    }
    keys.push({ id, key: r.key('PII_KEYS', value) });
  }
  if (new Set(keys.map((k) => k.id)).size !== keys.length) r.problems.push('PII_KEYS has a repeated key id');
  return keys;
}

/** WeChat allots template ids like `TGkb7C2bTHQM0BpzTvz9cQ3Df_xtrLeMbK9KmFKVfdI`. */
const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

function readSubscribeMessages(r: Reader): SubscribeMessagesConfig {
  const template = (name: string): string | null => {
    const v = r.optional(name);
    if (v === undefined) return null;
    if (!TEMPLATE_ID_PATTERN.test(v)) {
      r.problems.push(`${name} must be a WeChat template id (1 to 128 of A-Z a-z 0-9 _ -), got "${v}"`);
    }
    return v;
  };
  const templates = {
    flow_todo: template('WECHAT_TEMPLATE_FLOW_TODO'),
    flow_notice: template('WECHAT_TEMPLATE_FLOW_NOTICE'),
    study_pack: template('WECHAT_TEMPLATE_STUDY_PACK'),
  };
  if (templates.flow_todo !== null && templates.flow_todo === templates.flow_notice) {
    r.problems.push('WECHAT_TEMPLATE_FLOW_TODO and WECHAT_TEMPLATE_FLOW_NOTICE must be different templates');
  }
  // Each allow is a credit for one template: a study template shared with a flow template would spend one for the other.
  if (
    templates.study_pack !== null &&
    (templates.study_pack === templates.flow_todo || templates.study_pack === templates.flow_notice)
  ) {
    r.problems.push('WECHAT_TEMPLATE_STUDY_PACK must differ from the flow templates');
  }
  return {
    templates,
    miniprogramState: r.oneOf('WECHAT_MESSAGE_STATE', ['formal', 'trial', 'developer'], 'formal'),
    dispatch: {
      batchSize: r.int('WECHAT_OUTBOX_BATCH_SIZE', 20, 1, 500),
      pollMs: r.int('WECHAT_OUTBOX_POLL_MS', 2000, 20, 600_000),
      maxAttempts: r.int('WECHAT_OUTBOX_MAX_ATTEMPTS', 5, 1, 20),
      backoffMs: r.int('WECHAT_OUTBOX_BACKOFF_MS', 30_000, 10, 3_600_000),
      ratePerSecond: r.int('WECHAT_SEND_RATE_PER_SECOND', 200, 1, 100_000),
      concurrency: r.int('WECHAT_SEND_CONCURRENCY', 50, 1, 1_000),
    },
  };
}

/** Validates the whole environment at once and reports every problem, not just the first. */
export function loadConfig(env: Env): AppConfig {
  const r = new Reader(env);
  const appEnv = r.oneOf<AppEnv>('APP_ENV', ['development', 'production'], 'development');
  const production = appEnv === 'production';

  const databaseUrl = r.url('DATABASE_URL');
  if (databaseUrl && !['postgres:', 'postgresql:'].includes(databaseUrl.protocol)) {
    r.problems.push(`DATABASE_URL must be a postgres:// URL, got protocol "${databaseUrl.protocol}"`);
  }

  const wechatBase = r.url('WECHAT_API_BASE', 'https://api.weixin.qq.com');
  if (production && wechatBase && (isLoopbackHost(wechatBase.hostname) || wechatBase.protocol !== 'https:')) {
    r.problems.push(
      `WECHAT_API_BASE points at ${wechatBase.origin}, which looks like the stand-in WeChat server; production must use the real WeChat API over https`,
    );
  }

  const standIn = r.optional('DEV_LOGIN_STANDIN_URL');
  if (standIn && production) r.problems.push('DEV_LOGIN_STANDIN_URL must not be set when APP_ENV=production');
  if (standIn) {
    try {
      new URL(standIn);
    } catch {
      r.problems.push(`DEV_LOGIN_STANDIN_URL must be a URL, got "${standIn}"`);
    }
  }

  const port = r.int('PORT', 3000, 0, 65535);
  // Printed codes must point somewhere people can reach: production names it; development serves H5 itself.
  const publicBase = production ? r.url('PUBLIC_BASE_URL') : r.url('PUBLIC_BASE_URL', `http://localhost:${port}`);
  if (publicBase && !['http:', 'https:'].includes(publicBase.protocol)) {
    r.problems.push(`PUBLIC_BASE_URL must be an http(s) URL, got "${publicBase.toString()}"`);
  }
  if (production && publicBase && publicBase.protocol !== 'https:') {
    r.problems.push('PUBLIC_BASE_URL must use https when APP_ENV=production');
  }

  const piiKeys = parsePiiKeys(r);
  const indexKeyRaw = r.string('PII_INDEX_KEY');
  const indexKey = indexKeyRaw ? r.key('PII_INDEX_KEY', indexKeyRaw) : Buffer.alloc(0);

  const config = new AppConfig({
    env: appEnv,
    http: {
      host: r.string('HOST', '127.0.0.1'),
      port,
      trustProxy: r.bool('TRUST_PROXY', false),
      corsOrigins: (r.optional('CORS_ORIGINS') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      bodyLimit: r.string('HTTP_BODY_LIMIT', '1mb'),
    },
    database: {
      url: databaseUrl?.toString() ?? '',
      poolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 200),
    },
    wechat: {
      apiBaseUrl: (wechatBase?.toString() ?? '').replace(/\/$/, ''),
      appId: r.string('WECHAT_APP_ID'),
      appSecret: r.string('WECHAT_APP_SECRET'),
      timeoutMs: r.int('WECHAT_TIMEOUT_MS', 5000, 100, 60000),
    },
    auth: {
      accessTokenTtlSeconds: r.int('ACCESS_TOKEN_TTL_SECONDS', 2 * 60 * 60, 60, 24 * 60 * 60),
      refreshTokenTtlSeconds: r.int('REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 60 * 60, 600, 180 * 24 * 60 * 60),
    },
    pii: { keys: piiKeys, indexKey },
    throttle: {
      ttlMs: r.int('THROTTLE_TTL_MS', 60_000, 1000, 3_600_000),
      limit: r.int('THROTTLE_LIMIT', 300, 1, 1_000_000),
      authLimit: r.int('THROTTLE_AUTH_LIMIT', 20, 1, 1_000_000),
      checkinMemberLimit: r.int('THROTTLE_CHECKIN_MEMBER_LIMIT', 30, 1, 1_000_000),
      checkinDeviceLimit: r.int('THROTTLE_CHECKIN_DEVICE_LIMIT', 60, 1, 1_000_000),
    },
    log: { level: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info') },
    h5DistDir: r.optional('H5_DIST_DIR') ?? null,
    devLogin: standIn ? { standInUrl: standIn.replace(/\/$/, '') } : null,
    publicBaseUrl: (publicBase?.toString() ?? '').replace(/\/+$/, ''),
    subscribeMessages: readSubscribeMessages(r),
    // Only with real WeChat credentials for a published mini-program: the codes open its scan page.
    codes: { miniProgram: r.bool('WECHAT_MINIPROGRAM_CODES', false) },
    points: { validYears: r.int('POINTS_VALID_YEARS', 2, 1, 10) },
  });

  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/** What `pii:rekey` needs, validated as the API validates the same variables. */
export interface RekeyConfig {
  databaseUrl: string;
  piiKeys: PiiKey[];
  /** Rows re-encrypted per transaction. */
  batchSize: number;
}

/** The environment of the `pii:rekey` command: DATABASE_URL, PII_KEYS and PII_REKEY_BATCH_SIZE (1–10000, default 1000). */
export function loadRekeyConfig(env: Env): RekeyConfig {
  const r = new Reader(env);
  const databaseUrl = r.url('DATABASE_URL');
  if (databaseUrl && !['postgres:', 'postgresql:'].includes(databaseUrl.protocol)) {
    r.problems.push(`DATABASE_URL must be a postgres:// URL, got protocol "${databaseUrl.protocol}"`);
  }
  const piiKeys = parsePiiKeys(r);
  const batchSize = r.int('PII_REKEY_BATCH_SIZE', 1000, 1, 10000);
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return { databaseUrl: databaseUrl!.toString(), piiKeys, batchSize };
}
