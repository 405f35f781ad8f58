import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CheckinRoutes, type ActivityView, type SessionView, type VenueCodeView } from '@pioneer/shared';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { createApp } from '../src/app.factory.js';
import { PasswordHasher } from '../src/auth/password-hasher.js';
import { hashToken, newToken } from '../src/auth/tokens.js';
import { PiiCrypto } from '../src/common/crypto/pii.service.js';
import { createLogger } from '../src/common/logging/logger.js';
import { loadConfig, type Env } from '../src/config/load-config.js';
import { runMigrations } from '../src/database/migrate.js';
import { ensureDatabase, freePort, startEmbeddedPostgres, type RunningPostgres } from '../src/dev/embedded-postgres.js';
import type { Org } from '../src/orgs/org.entity.js';
import { OrgsService } from '../src/orgs/orgs.service.js';
import { startStandInWechat } from '../src/wechat/stand-in/stand-in-wechat.server.js';

/**
 * What the check-in benches share: a database (embedded unless DATABASE_URL
 * is set), a seeded branch with members who each hold a real session, and
 * the real API started as its own process so the load generator never shares
 * its event loop.
 */

export const BENCH_APP_ID = 'wxbench';
const BENCH_APP_SECRET = 'bench-secret';
const SECRETARY_PASSWORD = 'Bench-Secretary-2026';

export const now = (): number => Number(process.hrtime.bigint()) / 1e6;
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

let ticksPerSecond = 0;
function msPerTick(): number {
  if (!ticksPerSecond) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return 1000 / ticksPerSecond;
}

/**
 * CPU time (ms) a process and everything under it has used so far, living
 * children and reaped ones alike (Linux /proc); 0 where /proc is missing.
 */
export function treeCpuMs(rootPid: number): number {
  if (!existsSync('/proc/self/stat')) return 0;
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const raw = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which may itself hold spaces and parentheses.
      const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), {
        ppid: Number(f[1]),
        ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]),
      });
    } catch {
      // gone meanwhile
    }
  }
  let ticks = 0;
  const wanted = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of stats) {
      if (!wanted.has(pid) && wanted.has(s.ppid)) {
        wanted.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of wanted) ticks += stats.get(pid)?.ticks ?? 0;
  return ticks * msPerTick();
}

/** Busy and total CPU time (ms, all cores) of the machine so far, from /proc/stat. */
export function machineCpuMs(): { busy: number; total: number } {
  if (!existsSync('/proc/stat')) return { busy: 0, total: 0 };
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = f[3] + f[4];
  return { busy: (total - idle) * msPerTick(), total: total * msPerTick() };
}

export interface BenchDatabase {
  /** The bench's own database on the server. */
  databaseUrl: string;
  /** The server's maintenance database, for pgbench's connection details. */
  serverUrl: string;
  /** The embedded server when this run started one; null with DATABASE_URL. */
  embedded: RunningPostgres | null;
  /** The embedded server's postmaster, for CPU accounting; null with DATABASE_URL. */
  postmasterPid(): number | null;
  /** Stops the embedded server and starts it again on the same data folder and port. */
  restart(downMs: number): Promise<{ stoppedMs: number; startedMs: number }>;
  close(): Promise<void>;
}

export async function startBenchDatabase(label: string): Promise<BenchDatabase> {
  let embedded: RunningPostgres | null = null;
  let serverUrl = process.env.DATABASE_URL;
  let dir: string | null = null;
  let options: Parameters<typeof startEmbeddedPostgres>[0] | null = null;
  if (!serverUrl) {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), `pioneer-${label}-pg-`));
    options = { dataDir: path.join(dir, 'data'), port: await freePort(), password: randomBytes(8).toString('hex') };
    embedded = await startEmbeddedPostgres(options);
    serverUrl = embedded.url('postgres');
  }
  const dbName = `pioneer_${label.replace(/\W/g, '_')}_${Date.now()}`;
  await ensureDatabase(serverUrl, dbName);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  await runMigrations(databaseUrl);
  const db: BenchDatabase = {
    databaseUrl,
    serverUrl,
    embedded,
    postmasterPid: () => {
      if (!embedded) return null;
      try {
        return Number(readFileSync(path.join(embedded.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
      } catch {
        return null;
      }
    },
    restart: async (downMs) => {
      if (!embedded || !options) throw new Error('a restart needs the embedded server (unset DATABASE_URL)');
      const t0 = now();
      await embedded.stop();
      const stoppedMs = now() - t0;
      await sleep(downMs);
      const t1 = now();
      embedded = await startEmbeddedPostgres(options);
      db.embedded = embedded;
      return { stoppedMs, startedMs: now() - t1 };
    },
    close: async () => {
      if (embedded) {
        await embedded.stop();
        await fs.rm(embedded.dataDir, { recursive: true, force: true });
      }
      if (dir) await fs.rm(dir, { recursive: true, force: true });
    },
  };
  return db;
}

/** The environment the API runs with, as an operator would set it; `extra` overrides. */
export function appEnvironment(databaseUrl: string, wechatBase: string, extra: Env = {}): Env {
  return {
    APP_ENV: 'development',
    DATABASE_URL: databaseUrl,
    WECHAT_API_BASE: wechatBase,
    WECHAT_APP_ID: BENCH_APP_ID,
    WECHAT_APP_SECRET: BENCH_APP_SECRET,
    PII_KEYS: `b1:${randomBytes(32).toString('base64')}`,
    PII_INDEX_KEY: randomBytes(32).toString('base64'),
    HOST: '127.0.0.1',
    ...extra,
  };
}

export interface BenchMember {
  memberId: string;
  accountId: string;
  /** A live access token, as `POST /api/auth/wechat/login` would have handed out. */
  token: string;
  deviceId: string;
}

export interface CheckinWorld {
  branch: Org;
  secretary: { username: string; password: string };
  members: BenchMember[];
}

/** A valid resident ID number for a serial (check digit included); distinct serials give distinct numbers. */
function idNumber(serial: number): string {
  const birth = `19${String(50 + (serial % 50)).padStart(2, '0')}${String(1 + (serial % 12)).padStart(2, '0')}${String(1 + (serial % 28)).padStart(2, '0')}`;
  const body = `${String(110000 + (Math.floor(serial / 1000) % 800000)).padStart(6, '0')}${birth}${String(serial % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

/**
 * One branch (with its chain of parents), its secretary, and `count` members
 * each bound to a WeChat account with a live session. The org tree and the
 * secretary go through the app's services; members, accounts and sessions are
 * inserted in batches with the app's own encryption and token hashing, which
 * leaves the same rows a WeChat sign-in plus binding would, only faster.
 */
export async function seedCheckinWorld(env: Env, count: number): Promise<CheckinWorld> {
  const { app } = await createApp(loadConfig(env), createLogger('silent'));
  try {
    const orgs = app.get(OrgsService);
    const org = (parent: Org | null, level: Org['level'], name: string, kind: Org['kind'] = 'regular') =>
      orgs.insertTrusted(
        {
          parentId: parent?.id ?? null,
          level,
          kind,
          name,
          regionCode: null,
          address: null,
          latitude: null,
          longitude: null,
          secretaryName: null,
          activityDay: null,
          foundingOrgId: null,
        },
        parent,
      );
    const province = await org(null, 'province', '上海市');
    const city = await org(province, 'city', '上海市辖区');
    const district = await org(city, 'county', '闵行区');
    const street = await org(district, 'township', '七宝镇');
    const branch = await org(street, 'branch', '修武县驻上海流动党员党支部', 'mobile_member_branch');

    const username = `bench_secretary_${randomBytes(3).toString('hex')}`;
    const accounts = app.get(AccountsService);
    const secretaryId = await accounts.createStaff(
      username,
      '压测书记',
      await app.get(PasswordHasher).hash(SECRETARY_PASSWORD),
      [],
    );
    await accounts.grantRole(secretaryId, 'branch_secretary', branch.id);

    const pii = app.get(PiiCrypto);
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const members: BenchMember[] = [];
    const accessExpiresAt = new Date(Date.now() + 2 * 3_600_000);
    const refreshExpiresAt = new Date(Date.now() + 30 * 24 * 3_600_000);
    try {
      const batch = 5_000;
      for (let start = 0; start < count; start += batch) {
        const n = Math.min(batch, count - start);
        const m = { id: [] as string[], nameC: [] as string[], nameI: [] as string[], idC: [] as string[] };
        const more = { idI: [] as string[], id6: [] as string[], phoneC: [] as string[], phoneI: [] as string[] };
        const acc = { id: [] as string[], openid: [] as string[], access: [] as string[], refresh: [] as string[] };
        for (let k = 0; k < n; k++) {
          const serial = start + k;
          const name = `党员${serial}`;
          const id = idNumber(serial);
          const phone = `13${String(serial).padStart(9, '0')}`;
          const member: BenchMember = {
            memberId: randomUUID(),
            accountId: randomUUID(),
            token: newToken('pa'),
            deviceId: `bench-device-${String(serial).padStart(8, '0')}`,
          };
          members.push(member);
          m.id.push(member.memberId);
          m.nameC.push(pii.encrypt(name));
          m.nameI.push(pii.index('name', name));
          m.idC.push(pii.encrypt(id));
          more.idI.push(pii.index('id_number', id));
          more.id6.push(pii.index('name_id6', `${name}:${id.slice(-6)}`));
          more.phoneC.push(pii.encrypt(phone));
          more.phoneI.push(pii.index('phone', phone));
          acc.id.push(member.accountId);
          acc.openid.push(`o-bench-${randomBytes(8).toString('hex')}`);
          acc.access.push(hashToken(member.token));
          acc.refresh.push(hashToken(newToken('pr')));
        }
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO members (id, branch_id, branch_path, name_cipher, name_index, id_number_cipher, id_number_index, name_id6_index, phone_cipher, phone_index)
           SELECT i, $2, $3, nc, ni, ic, ii, i6, pc, pi
             FROM unnest($1::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
                  AS t(i, nc, ni, ic, ii, i6, pc, pi)`,
          [m.id, branch.id, branch.path, m.nameC, m.nameI, m.idC, more.idI, more.id6, more.phoneC, more.phoneI],
        );
        await client.query(
          `INSERT INTO accounts (id, kind, display_name, member_id)
           SELECT a, 'member', '微信用户', m FROM unnest($1::uuid[], $2::uuid[]) AS t(a, m)`,
          [acc.id, m.id],
        );
        await client.query(
          `INSERT INTO wechat_identities (app_id, openid, account_id, last_login_at)
           SELECT $1, o, a, now() FROM unnest($2::text[], $3::uuid[]) AS t(o, a)`,
          [BENCH_APP_ID, acc.openid, acc.id],
        );
        await client.query(
          `INSERT INTO role_grants (account_id, role) SELECT a, 'member' FROM unnest($1::uuid[]) AS t(a)`,
          [acc.id],
        );
        await client.query(
          `INSERT INTO sessions (account_id, access_token_hash, refresh_token_hash, access_expires_at, refresh_expires_at, client_ip, user_agent)
           SELECT a, h, r, $4, $5, '127.0.0.1', 'pioneer-bench' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(a, h, r)`,
          [acc.id, acc.access, acc.refresh, accessExpiresAt, refreshExpiresAt],
        );
        await client.query('COMMIT');
      }
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
    return { branch, secretary: { username, password: SECRETARY_PASSWORD }, members };
  } finally {
    await app.close();
  }
}

export interface AppProcess {
  url: string;
  /** The process started (the cluster's primary when there are workers). */
  pid: number;
  workers: number;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the API as production does (`node dist/main.js`, config from the
 * environment) in its own process; with `workers` > 1, under Node's cluster
 * module, the workers sharing one port. Logs go to a file, as they would go
 * to a collector, not through this process.
 */
export async function startAppProcess(
  env: Env,
  workers: number,
  logDir: string,
  nodeArgs: string[] = [],
): Promise<AppProcess> {
  const port = await freePort();
  const mainJs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.js');
  const logFile = path.join(logDir, `app-${port}.log`);
  const fd = openSync(logFile, 'w');
  const childEnv = {
    ...process.env,
    ...env,
    PORT: String(port),
    PIONEER_BENCH_MAIN: mainJs,
    PIONEER_BENCH_WORKERS: String(workers),
    PIONEER_BENCH_NODE_ARGS: JSON.stringify(nodeArgs),
  };
  const primary = `
    import cluster from 'node:cluster';
    cluster.setupPrimary({ exec: process.env.PIONEER_BENCH_MAIN, execArgv: JSON.parse(process.env.PIONEER_BENCH_NODE_ARGS) });
    const n = Number(process.env.PIONEER_BENCH_WORKERS);
    let listening = 0;
    cluster.on('listening', () => { if (++listening === n) process.send('ready'); });
    cluster.on('exit', (w, code, signal) => { if (!stopping) { console.error('worker exited', code, signal); process.exit(1); } });
    let stopping = false;
    process.on('SIGTERM', () => { stopping = true; for (const w of Object.values(cluster.workers)) w.process.kill('SIGTERM'); });
    for (let i = 0; i < n; i++) cluster.fork();`;
  const child: ChildProcess =
    workers > 1
      ? spawn(process.execPath, ['--input-type=module', '-e', primary], {
          env: childEnv,
          stdio: ['ignore', fd, fd, 'ipc'],
        })
      : spawn(process.execPath, [...nodeArgs, mainJs], { env: childEnv, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const ready =
    workers > 1 ? new Promise<void>((resolve) => child.once('message', () => resolve())) : Promise.resolve();
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited during start-up; see ${logFile}`);
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the app did not answer /api/health within 60 s; see ${logFile}`);
    await sleep(100);
  }
  await ready;
  return {
    url,
    pid: child.pid!,
    workers,
    logFile,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function startStandIn(): Promise<{ url: string; close(): Promise<void> }> {
  return startStandInWechat({ port: 0, appId: BENCH_APP_ID, appSecret: BENCH_APP_SECRET });
}

async function call<T>(base: string, method: string, route: string, token: string | null, body?: object): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

export async function staffLogin(base: string, username: string, password: string): Promise<string> {
  return (await call<SessionView>(base, 'POST', '/api/auth/staff/login', null, { username, password })).accessToken;
}

/** An activity of the branch that is open for check-in now, created by its secretary through the API. */
export async function createOpenActivity(
  base: string,
  token: string,
  branchId: string,
  title: string,
): Promise<string> {
  const t = Date.now();
  const view = await call<ActivityView>(base, 'POST', CheckinRoutes.activities, token, {
    branchId,
    kind: 'theme_day',
    title,
    place: '七宝镇党群服务中心',
    location: { lat: 31.1546, lng: 121.3515 },
    startsAt: new Date(t - 10 * 60_000).toISOString(),
    endsAt: new Date(t + 2 * 3_600_000).toISOString(),
    checkoutEnabled: false,
  });
  return view.id;
}

/** What the venue screen shows right now (it rotates every 20 s; the previous one is still accepted). */
export async function fetchVenueCode(base: string, token: string, activityId: string): Promise<string> {
  const view = await call<VenueCodeView>(base, 'GET', CheckinRoutes.venueCode.replace(':id', activityId), token);
  return view.scene;
}

/** A client-made id for one scan, as the phone makes it (16–64 of [A-Za-z0-9_-]). */
export function newClientId(): string {
  return `c-${randomBytes(12).toString('base64url')}`;
}
