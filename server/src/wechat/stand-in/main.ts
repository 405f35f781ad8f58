import { startStandInWechat } from './stand-in-wechat.server.js';

/**
 * Runs the stand-in WeChat server for development:
 *   STANDIN_PORT (default 3901), STANDIN_HOST (default 127.0.0.1),
 *   WECHAT_APP_ID and WECHAT_APP_SECRET (the same values the API uses).
 */
function fail(message: string): never {
  process.stderr.write(`stand-in WeChat: ${message}\n`);
  process.exit(1);
}

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 3901;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port > 65535)
    fail(`STANDIN_PORT must be a port number from 0 to 65535, got "${raw}"`);
  return port;
}

function readRequired(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) fail(`${name} is required but not set`);
  return value;
}

const port = readPort(process.env.STANDIN_PORT);
const host = process.env.STANDIN_HOST?.trim() || '127.0.0.1';
const appId = readRequired('WECHAT_APP_ID');
const appSecret = readRequired('WECHAT_APP_SECRET');

const standIn = await startStandInWechat({
  port,
  host,
  appId,
  appSecret,
  log: (line) => process.stdout.write(`stand-in WeChat: ${line}\n`),
}).catch((error: unknown) => fail(`cannot listen on ${host}:${port}: ${(error as Error).message}`));

process.stdout.write(`stand-in WeChat listening on ${standIn.url} (appid ${appId})\n`);
if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
  // The control endpoints mint login codes for any openid: anyone who can reach them can log in as anyone.
  process.stdout.write(
    'stand-in WeChat: warning: listening beyond loopback; its control endpoints let anyone log in as anyone\n',
  );
}

let closing = false;
const shutdown = (signal: string) => {
  if (closing) return;
  closing = true;
  process.stdout.write(`stand-in WeChat: ${signal}, closing\n`);
  standIn.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
