import type { SubscriptionPurpose } from '@pioneer/shared';

export type AppEnv = 'development' | 'production';

export type MiniprogramState = 'formal' | 'trial' | 'developer';

/** WeChat subscribe messages (订阅消息): which template serves each purpose, and how the outbox is drained. */
export interface SubscribeMessagesConfig {
  /** null: the purpose is not offered to people and nothing is sent for it. */
  templates: Record<SubscriptionPurpose, string | null>;
  /** Which version of the mini-program a message opens. */
  miniprogramState: MiniprogramState;
  dispatch: {
    /** Rows claimed per round. */
    batchSize: number;
    /** Pause between rounds when the last one found less than a full batch. */
    pollMs: number;
    /** Sends tried before a message is given up. */
    maxAttempts: number;
    /** The first retry's delay; each further retry waits twice as long (capped at an hour). */
    backoffMs: number;
    /** WeChat calls per second this process makes at most (a token bucket), to stay within the quota. */
    ratePerSecond: number;
    /** WeChat calls this process has in flight at most. */
    concurrency: number;
  };
}

export interface PiiKey {
  id: string;
  key: Buffer;
}

/**
 * The validated configuration, built once at boot by `loadConfig` and injected
 * by type. Code never reads `process.env` directly.
 */
export class AppConfig {
  readonly env: AppEnv;
  readonly http: {
    host: string;
    port: number;
    trustProxy: boolean;
    corsOrigins: string[];
    bodyLimit: string;
  };
  readonly database: { url: string; poolSize: number };
  readonly wechat: { apiBaseUrl: string; appId: string; appSecret: string; timeoutMs: number };
  readonly auth: { accessTokenTtlSeconds: number; refreshTokenTtlSeconds: number };
  /** Keys for personal data at rest: the first is current; older ones still decrypt. */
  readonly pii: { keys: PiiKey[]; indexKey: Buffer };
  /** Requests per window: per address in general and on sign-in; per member and per device on check-in. */
  readonly throttle: {
    ttlMs: number;
    limit: number;
    authLimit: number;
    checkinMemberLimit: number;
    checkinDeviceLimit: number;
  };
  readonly log: { level: string };
  /** Folder of the H5 build to serve at `/`, or null to serve only the API. */
  readonly h5DistDir: string | null;
  /** Development only: lets the H5 app mint login codes at the stand-in WeChat server. */
  readonly devLogin: { standInUrl: string } | null;
  /** Where people reach the H5 app: printed and on-screen QR codes link to `<publicBaseUrl>/pages/scan/index?scene=…`. */
  readonly publicBaseUrl: string;
  readonly subscribeMessages: SubscribeMessagesConfig;
  /**
   * Branch codes: WeChat mini-program codes for `pages/scan/index`, made once per
   * branch and key version and cached (`miniProgram`), or plain QR codes of the H5 link.
   */
  readonly codes: { miniProgram: boolean };
  /** Points (积分): earned points stay valid for the year earned and this many years more minus one. */
  readonly points: { validYears: number };

  constructor(values: Omit<AppConfig, 'isProduction'>) {
    this.env = values.env;
    this.http = values.http;
    this.database = values.database;
    this.wechat = values.wechat;
    this.auth = values.auth;
    this.pii = values.pii;
    this.throttle = values.throttle;
    this.log = values.log;
    this.h5DistDir = values.h5DistDir;
    this.devLogin = values.devLogin;
    this.publicBaseUrl = values.publicBaseUrl;
    this.subscribeMessages = values.subscribeMessages;
    this.codes = values.codes;
    this.points = values.points;
  }

  get isProduction(): boolean {
    return this.env === 'production';
  }
}
