import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, loadRekeyConfig, type Env } from './load-config.js';

const key = () => randomBytes(32).toString('base64');

function validEnv(): Env {
  return {
    DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pioneer',
    WECHAT_APP_ID: 'wx123',
    WECHAT_APP_SECRET: 'secret',
    PII_KEYS: `k1:${key()}`,
    PII_INDEX_KEY: key(),
  };
}

function problemsOf(env: Env): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe(loadConfig.name, () => {
  it('accepts a complete environment with sensible defaults', () => {
    const c = loadConfig(validEnv());
    expect(c.env).toBe('development');
    expect(c.http).toMatchObject({ host: '127.0.0.1', port: 3000 });
    expect(c.wechat.apiBaseUrl).toBe('https://api.weixin.qq.com');
    expect(c.pii.keys.map((k) => k.id)).toEqual(['k1']);
    expect(c.devLogin).toBeNull();
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: undefined }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x@y/z' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['WECHAT_APP_ID', { WECHAT_APP_ID: '' }],
    ['WECHAT_APP_SECRET', { WECHAT_APP_SECRET: undefined }],
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['APP_ENV', { APP_ENV: 'staging' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'maybe' }],
    ['PII_KEYS', { PII_KEYS: 'nokey' }],
    ['PII_KEYS', { PII_KEYS: 'k1:dG9vc2hvcnQ=' }],
    ['PII_KEYS', { PII_KEYS: `k1:${key()},k1:${key()}` }],
    ['PII_INDEX_KEY', { PII_INDEX_KEY: 'short' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['DEV_LOGIN_STANDIN_URL', { DEV_LOGIN_STANDIN_URL: '::nope' }],
  ])('names %s when it is missing or bad', (name, change) => {
    const problems = problemsOf({ ...validEnv(), ...change });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(name);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({});
    expect(problems.join('\n')).toEqual(expect.stringContaining('DATABASE_URL'));
    expect(problems.join('\n')).toEqual(expect.stringContaining('WECHAT_APP_ID'));
    expect(problems.join('\n')).toEqual(expect.stringContaining('PII_KEYS'));
  });

  it.each([
    ['the loopback stand-in', 'http://127.0.0.1:3901'],
    ['localhost over https', 'https://localhost:3901'],
    ['plain http', 'http://api.weixin.qq.com'],
  ])('refuses a production WECHAT_API_BASE pointing at %s', (_label, url) => {
    const problems = problemsOf({ ...validEnv(), APP_ENV: 'production', WECHAT_API_BASE: url });
    expect(problems.join('\n')).toContain('WECHAT_API_BASE');
  });

  it('refuses demo login in production', () => {
    const problems = problemsOf({
      ...validEnv(),
      APP_ENV: 'production',
      DEV_LOGIN_STANDIN_URL: 'http://127.0.0.1:3901',
    });
    expect(problems.join('\n')).toContain('DEV_LOGIN_STANDIN_URL');
  });

  it('allows the stand-in in development', () => {
    const c = loadConfig({
      ...validEnv(),
      WECHAT_API_BASE: 'http://127.0.0.1:3901',
      DEV_LOGIN_STANDIN_URL: 'http://127.0.0.1:3901/',
    });
    expect(c.wechat.apiBaseUrl).toBe('http://127.0.0.1:3901');
    expect(c.devLogin).toEqual({ standInUrl: 'http://127.0.0.1:3901' });
  });

  it('links printed codes to localhost in development, and demands an https PUBLIC_BASE_URL in production', () => {
    expect(loadConfig({ ...validEnv(), PORT: '4100' }).publicBaseUrl).toBe('http://localhost:4100');
    expect(loadConfig({ ...validEnv(), PUBLIC_BASE_URL: 'https://xw.example.cn/' }).publicBaseUrl).toBe(
      'https://xw.example.cn',
    );
    const production = { ...validEnv(), APP_ENV: 'production' };
    expect(problemsOf(production).join('\n')).toContain('PUBLIC_BASE_URL');
    expect(problemsOf({ ...production, PUBLIC_BASE_URL: 'http://xw.example.cn' }).join('\n')).toContain(
      'PUBLIC_BASE_URL must use https',
    );
    expect(problemsOf({ ...production, PUBLIC_BASE_URL: 'https://xw.example.cn' })).toEqual([]);
  });

  it('makes plain QR branch codes unless WECHAT_MINIPROGRAM_CODES turns mini-program codes on', () => {
    expect(loadConfig(validEnv()).codes).toEqual({ miniProgram: false });
    for (const on of ['true', 'TRUE', '1', 'yes']) {
      expect(loadConfig({ ...validEnv(), WECHAT_MINIPROGRAM_CODES: on }).codes.miniProgram).toBe(true);
    }
    for (const off of ['false', '0', 'no', '']) {
      expect(loadConfig({ ...validEnv(), WECHAT_MINIPROGRAM_CODES: off }).codes.miniProgram).toBe(false);
    }
    expect(problemsOf({ ...validEnv(), WECHAT_MINIPROGRAM_CODES: 'sometimes' })).toEqual([
      'WECHAT_MINIPROGRAM_CODES must be true or false, got "sometimes"',
    ]);
  });

  it('keeps rotated keys in order, newest first', () => {
    const c = loadConfig({ ...validEnv(), PII_KEYS: `k2:${key()}, k1:${key()}` });
    expect(c.pii.keys.map((k) => k.id)).toEqual(['k2', 'k1']);
  });
});

describe(loadRekeyConfig.name, () => {
  const rekeyEnv = (): Env => ({
    DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pioneer',
    PII_KEYS: `k2:${key()},k1:${key()}`,
  });

  it('needs only the database and the key ring, newest key first', () => {
    const c = loadRekeyConfig(rekeyEnv());
    expect(c.piiKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(c.batchSize).toBe(1000);
    expect(loadRekeyConfig({ ...rekeyEnv(), PII_REKEY_BATCH_SIZE: '50' }).batchSize).toBe(50);
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: undefined }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x@y/z' }],
    ['PII_KEYS', { PII_KEYS: undefined }],
    ['PII_KEYS', { PII_KEYS: 'k1:short' }],
    ['PII_REKEY_BATCH_SIZE', { PII_REKEY_BATCH_SIZE: '0' }],
    ['PII_REKEY_BATCH_SIZE', { PII_REKEY_BATCH_SIZE: 'lots' }],
  ])('names %s when it is wrong', (name, override) => {
    expect(() => loadRekeyConfig({ ...rekeyEnv(), ...override })).toThrow(
      expect.objectContaining({ problems: expect.arrayContaining([expect.stringContaining(name)]) }),
    );
  });
});
