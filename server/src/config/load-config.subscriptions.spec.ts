import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, type Env } from './load-config.js';

const key = () => randomBytes(32).toString('base64');
const validEnv = (): Env => ({
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pioneer',
  WECHAT_APP_ID: 'wx123',
  WECHAT_APP_SECRET: 'secret',
  PII_KEYS: `k1:${key()}`,
  PII_INDEX_KEY: key(),
});

function problemsOf(env: Env): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('loadConfig: WeChat subscribe messages', () => {
  it('is off with no template set, and drains the outbox with sensible defaults', () => {
    expect(loadConfig(validEnv()).subscribeMessages).toEqual({
      templates: { flow_todo: null, flow_notice: null, study_pack: null },
      miniprogramState: 'formal',
      dispatch: {
        batchSize: 20,
        pollMs: 2000,
        maxAttempts: 5,
        backoffMs: 30_000,
        ratePerSecond: 200,
        concurrency: 50,
      },
    });
  });

  it('takes a template id per purpose and the dispatcher settings', () => {
    const c = loadConfig({
      ...validEnv(),
      WECHAT_TEMPLATE_FLOW_TODO: 'TGkb7C2bTHQM0BpzTvz9cQ3Df_xtrLeMbK9KmFKVfdI',
      WECHAT_TEMPLATE_FLOW_NOTICE: 'notice-template-1',
      WECHAT_TEMPLATE_STUDY_PACK: 'study-template-1',
      WECHAT_MESSAGE_STATE: 'trial',
      WECHAT_OUTBOX_BATCH_SIZE: '50',
      WECHAT_OUTBOX_POLL_MS: '500',
      WECHAT_OUTBOX_MAX_ATTEMPTS: '3',
      WECHAT_OUTBOX_BACKOFF_MS: '1000',
      WECHAT_SEND_RATE_PER_SECOND: '20',
      WECHAT_SEND_CONCURRENCY: '8',
    });
    expect(c.subscribeMessages).toEqual({
      templates: {
        flow_todo: 'TGkb7C2bTHQM0BpzTvz9cQ3Df_xtrLeMbK9KmFKVfdI',
        flow_notice: 'notice-template-1',
        study_pack: 'study-template-1',
      },
      miniprogramState: 'trial',
      dispatch: { batchSize: 50, pollMs: 500, maxAttempts: 3, backoffMs: 1000, ratePerSecond: 20, concurrency: 8 },
    });
  });

  it.each([
    ['WECHAT_TEMPLATE_FLOW_TODO', { WECHAT_TEMPLATE_FLOW_TODO: 'has spaces in it' }],
    ['WECHAT_TEMPLATE_FLOW_NOTICE', { WECHAT_TEMPLATE_FLOW_NOTICE: 'x'.repeat(129) }],
    ['WECHAT_TEMPLATE_FLOW_NOTICE', { WECHAT_TEMPLATE_FLOW_TODO: 'same-id', WECHAT_TEMPLATE_FLOW_NOTICE: 'same-id' }],
    ['WECHAT_TEMPLATE_STUDY_PACK', { WECHAT_TEMPLATE_FLOW_NOTICE: 'same-id', WECHAT_TEMPLATE_STUDY_PACK: 'same-id' }],
    ['WECHAT_MESSAGE_STATE', { WECHAT_MESSAGE_STATE: 'beta' }],
    ['WECHAT_OUTBOX_BATCH_SIZE', { WECHAT_OUTBOX_BATCH_SIZE: '0' }],
    ['WECHAT_OUTBOX_POLL_MS', { WECHAT_OUTBOX_POLL_MS: 'often' }],
    ['WECHAT_OUTBOX_MAX_ATTEMPTS', { WECHAT_OUTBOX_MAX_ATTEMPTS: '21' }],
    ['WECHAT_OUTBOX_BACKOFF_MS', { WECHAT_OUTBOX_BACKOFF_MS: '5' }],
    ['WECHAT_SEND_RATE_PER_SECOND', { WECHAT_SEND_RATE_PER_SECOND: '0' }],
    ['WECHAT_SEND_RATE_PER_SECOND', { WECHAT_SEND_RATE_PER_SECOND: '2.5' }],
    ['WECHAT_SEND_CONCURRENCY', { WECHAT_SEND_CONCURRENCY: '1001' }],
  ])('names %s when it is bad', (name, change) => {
    const problems = problemsOf({ ...validEnv(), ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });
});
