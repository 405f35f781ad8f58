export type AppEnv = 'development' | 'production';

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
  /**
   * Branch codes: WeChat mini-program codes for `pages/scan/index`, made once per
   * branch and key version and cached (`miniProgram`), or plain QR codes of the H5 link.
   */
  readonly codes: { miniProgram: boolean };

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
    this.codes = values.codes;
  }

  get isProduction(): boolean {
    return this.env === 'production';
  }
}
