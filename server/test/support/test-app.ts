import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app.factory.js';
import { createLogger } from '../../src/common/logging/logger.js';
import { loadConfig, type Env } from '../../src/config/load-config.js';
import { startStandInWechat } from '../../src/wechat/stand-in/stand-in-wechat.server.js';
import { createTestDatabase } from './database.js';

export const TEST_APP_ID = 'wxpioneertest0001';
const TEST_APP_SECRET = 'test-app-secret-0123456789abcdef';

export interface TestApp {
  /** Base URL of the API, e.g. http://127.0.0.1:41234 */
  url: string;
  databaseUrl: string;
  standInUrl: string;
  app: INestApplication;
  close(): Promise<void>;
  /** Stops the app and its stand-in but keeps the database, for another app to start on (a restart). */
  stop(): Promise<void>;
}

/**
 * The real app, configured through the same validated environment as
 * production, on its own fresh database, talking to a real stand-in WeChat
 * server over loopback.
 */
export interface TestAppOptions {
  /** Serve this H5 build at `/` (browser tests). */
  h5DistDir?: string;
  /** Offer demo sign-in through the stand-in, as the dev runner does. */
  devLogin?: boolean;
  /**
   * Run on this existing database instead of a fresh one (a second app, as
   * after a restart). Its keys must be the first app's (`PII_KEYS`,
   * `PII_INDEX_KEY` in `env`); closing this app leaves the database alone.
   */
  databaseUrl?: string;
}

export async function startTestApp(env: Env = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.databaseUrl
    ? { url: options.databaseUrl, drop: () => Promise.resolve() }
    : await createTestDatabase();
  const standIn = await startStandInWechat({ port: 0, appId: TEST_APP_ID, appSecret: TEST_APP_SECRET });
  const config = loadConfig({
    DATABASE_URL: db.url,
    WECHAT_API_BASE: standIn.url,
    WECHAT_APP_ID: TEST_APP_ID,
    WECHAT_APP_SECRET: TEST_APP_SECRET,
    PII_KEYS: `t1:${randomBytes(32).toString('base64')}`,
    PII_INDEX_KEY: randomBytes(32).toString('base64'),
    DATABASE_POOL_SIZE: '4',
    // Tests sign in far more often than a person; the limit itself is tested on its own app.
    THROTTLE_AUTH_LIMIT: '10000',
    PORT: '0',
    ...(options.h5DistDir ? { H5_DIST_DIR: options.h5DistDir } : {}),
    ...(options.devLogin ? { DEV_LOGIN_STANDIN_URL: standIn.url } : {}),
    ...env,
  });
  const { app } = await createApp(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    databaseUrl: db.url,
    standInUrl: standIn.url,
    app,
    close: async () => {
      await app.close();
      await standIn.close();
      await db.drop();
    },
    stop: async () => {
      await app.close();
      await standIn.close();
    },
  };
}

/** Asks the stand-in WeChat server for a one-time login code, as wx.login would give a phone. */
export async function loginCodeFor(standInUrl: string, openid: string): Promise<string> {
  const res = await fetch(`${standInUrl}/__standin/js-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  const body = (await res.json()) as { code: string };
  return body.code;
}

export async function phoneCodeFor(standInUrl: string, phone: string): Promise<string> {
  const res = await fetch(`${standInUrl}/__standin/phone-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone }),
  });
  const body = (await res.json()) as { code: string };
  return body.code;
}
