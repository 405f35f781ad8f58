import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const mainJs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [mainJs], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

const good = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:1/none',
  WECHAT_APP_ID: 'wx1',
  WECHAT_APP_SECRET: 's',
  PII_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  PII_INDEX_KEY: randomBytes(32).toString('base64'),
};

describe('starting the built API (dist/main.js)', () => {
  it('exits non-zero naming a missing variable', async () => {
    const { WECHAT_APP_ID: _omitted, ...env } = good;
    const r = await start(env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('WECHAT_APP_ID');
  });

  it('exits non-zero naming a bad variable', async () => {
    const r = await start({ ...good, PORT: 'http' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('PORT');
  });

  it('refuses a production configuration pointing at the stand-in WeChat server', async () => {
    const r = await start({ ...good, APP_ENV: 'production', WECHAT_API_BASE: 'http://127.0.0.1:3901' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('WECHAT_API_BASE');
    expect(r.stderr).toContain('stand-in');
  });
});
