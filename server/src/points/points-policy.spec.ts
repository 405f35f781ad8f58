import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, type Env } from '../config/load-config.js';
import { PointsPolicy } from './points-policy.js';

const key = () => randomBytes(32).toString('base64');
const env = (extra: Env = {}): Env => ({
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pioneer',
  WECHAT_APP_ID: 'wx123',
  WECHAT_APP_SECRET: 'secret',
  PII_KEYS: `k1:${key()}`,
  PII_INDEX_KEY: key(),
  ...extra,
});

describe(PointsPolicy.name, () => {
  it('keeps points valid for two years unless POINTS_VALID_YEARS says otherwise, with rules v1', () => {
    expect(new PointsPolicy(loadConfig(env())).validYears).toBe(2);
    const policy = new PointsPolicy(loadConfig(env({ POINTS_VALID_YEARS: '3' })));
    expect(policy.validYears).toBe(3);
    expect(policy.rules.version).toBe('v1');
  });

  it.each(['0', '11', 'two', '1.5'])('refuses POINTS_VALID_YEARS=%s at boot, naming the variable', (value) => {
    const error = (() => {
      try {
        loadConfig(env({ POINTS_VALID_YEARS: value }));
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(/POINTS_VALID_YEARS/);
  });
});
