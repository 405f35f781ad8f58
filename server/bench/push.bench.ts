import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { AuthRoutes, StudyRoutes } from '@pioneer/shared';
import { createApp } from '../src/app.factory.js';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { PasswordHasher } from '../src/auth/password-hasher.js';
import { createLogger } from '../src/common/logging/logger.js';
import { loadConfig } from '../src/config/load-config.js';
import { runMigrations } from '../src/database/migrate.js';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../src/dev/embedded-postgres.js';
import { FANOUT_BATCH_SIZE } from '../src/study/study-delivery.service.js';
import type { PushStandInMessage, PushStandInStats } from './push-stand-in.js';

/**
 * pnpm bench:push — a study pack published to a county of 1,000,000 members,
 * every one with a WeChat account that allowed the study template once.
 * Through the real API and the real app (pg-boss fan-out, outbox, dispatcher)
 * against the stand-in WeChat server in a process of its own, in two phases:
 *
 * 1. Enqueue, with the app as production runs it (the send throttle at its
 *    default, so sending takes the share of the machine it would take under
 *    WeChat's quota): from sending `POST /api/study/packs/:id/publish` until
 *    the pack is `published`, i.e. every fan-out batch has committed its
 *    deliveries, inbox entries and outbox rows.
 * 2. Send: the app restarted with the quota throttle set high
 *    (BENCH_SEND_RATE, 100,000/s), so the figure is what the pipeline
 *    (outbox, dispatcher, HTTP, stand-in) can do, not the quota: messages
 *    accepted by the stand-in divided by the time from the first to the last.
 *
 * Then it checks that everyone in the audience has one inbox entry, and that
 * nobody got a second message (in the outbox, the send log, or at WeChat).
 * The embedded PostgreSQL gets BENCH_PG_SETTINGS (shared_buffers=2GB,
 * max_wal_size=4GB by default, as a production server would be sized; set it
 * empty for the launcher's development defaults).
 */

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
/** Members of a neighbouring county: not in the audience, so the audience is really a subtree. */
const OUTSIDE = Number(process.env.BENCH_OUTSIDE ?? 10_000);
const PER_BRANCH = 100;
const SEND_RATE = process.env.BENCH_SEND_RATE ?? '100000';
const PG_SETTINGS = Object.fromEntries(
  (process.env.BENCH_PG_SETTINGS ?? 'shared_buffers=2GB,max_wal_size=4GB')
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => pair.split('=', 2).map((part) => part.trim())),
) as Record<string, string>;
const SEND_CONCURRENCY = process.env.BENCH_SEND_CONCURRENCY ?? '128';
const OUTBOX_BATCH = process.env.BENCH_OUTBOX_BATCH ?? '500';
const POOL_SIZE = process.env.BENCH_POOL_SIZE ?? '10';
/** Stop waiting for the outbox to drain after this long. */
const DRAIN_LIMIT_S = Number(process.env.BENCH_DRAIN_LIMIT_S ?? 1_800);

const APP_ID = 'wxbenchpush';
const APP_SECRET = 'bench-push-secret';
const TEMPLATE = 'benchStudyPackTemplate-0001';
const OPENID_PREFIX = 'obench-';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => process.stdout.write(`${line}\n`);

/** The stand-in in its own process, and a way to ask it what it saw. */
async function startStandIn(
  count: number,
): Promise<{ url: string; stats(): Promise<PushStandInStats>; mark(): Promise<PushStandInStats>; close(): void }> {
  const script = fileURLToPath(new URL('./push-stand-in.js', import.meta.url));
  const child: ChildProcess = fork(script, [APP_ID, APP_SECRET, TEMPLATE, OPENID_PREFIX, String(count)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: ((stats: PushStandInStats) => void)[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
    child.on('message', (message: PushStandInMessage) => {
      if (message.type === 'ready') resolve(message.url);
      if (message.type === 'stats') waiting.shift()?.(message.stats);
    });
  });
  child.removeAllListeners('exit');
  const ask = (type: 'stats' | 'mark') =>
    new Promise<PushStandInStats>((resolve) => {
      waiting.push(resolve);
      child.send({ type });
    });
  return {
    url,
    stats: () => ask('stats'),
    mark: () => ask('mark'),
    close: () => {
      child.send({ type: 'close' });
      child.disconnect();
    },
  };
}

/** Orgs of one level under their parents, ids made here so paths need no read back. */
async function insertOrgs(
  client: pg.Client,
  level: string,
  depth: number,
  parents: { id: string; path: string }[],
  count: number,
): Promise<{ id: string; path: string }[]> {
  const rows = Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    const parent = parents.length > 0 ? parents[Math.floor((i * parents.length) / count)] : null;
    return { id, parentId: parent?.id ?? null, path: `${parent ? parent.path : '/'}${id}/`, name: `${level}-${i}` };
  });
  await client.query(
    `INSERT INTO orgs (id, parent_id, path, depth, level, name)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::smallint[], $5::text[], $6::text[])`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.parentId),
      rows.map((r) => r.path),
      rows.map(() => depth),
      rows.map(() => level),
      rows.map((r) => r.name),
    ],
  );
  return rows;
}

/**
 * Members of these branches, `PER_BRANCH` each, set-based. The fan-out reads
 * ids, paths and the smartphone flag only; the encrypted columns hold filler
 * of a ciphertext's length and distinct blind-index-sized values.
 */
async function insertMembers(client: pg.Client, branches: { id: string; path: string }[], firstSerial: number) {
  await client.query(
    `INSERT INTO members (branch_id, branch_path, name_cipher, name_index, id_number_cipher, id_number_index,
                          name_id6_index, phone_cipher, phone_index)
     SELECT b.id, b.path, repeat('n', 64), encode(sha256(('n' || g)::bytea), 'base64'),
            repeat('i', 80), encode(sha256(('i' || g)::bytea), 'base64'),
            encode(sha256(('s' || g)::bytea), 'base64'),
            repeat('p', 64), encode(sha256(('p' || g)::bytea), 'base64')
       FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS b(id, path, ord)
      CROSS JOIN LATERAL generate_series($3::bigint + (b.ord - 1) * $4, $3::bigint + b.ord * $4 - 1) AS g`,
    [branches.map((b) => b.id), branches.map((b) => b.path), firstSerial, PER_BRANCH],
  );
}

async function main(): Promise<void> {
  const t0 = now();
  let stopDb: () => Promise<void> = () => Promise.resolve();
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pioneer-bench-pg-'));
    const db = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'data'),
      port: await freePort(),
      password: randomBytes(8).toString('hex'),
      settings: PG_SETTINGS,
    });
    serverUrl = db.url('postgres');
    stopDb = async () => {
      await db.stop();
      await fs.rm(db.dataDir, { recursive: true, force: true });
      await fs.rm(dir, { recursive: true, force: true });
    };
  }
  const dbName = `pioneer_bench_push_${Date.now()}`;
  await ensureDatabase(serverUrl, dbName);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  await runMigrations(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();

  // The tree: a province, a city, the county pushed to (and a neighbour), townships, villages, branches.
  const tSeed = now();
  const [province] = await insertOrgs(client, 'province', 0, [], 1);
  const [city] = await insertOrgs(client, 'city', 1, [province], 1);
  const [county, neighbour] = await insertOrgs(client, 'county', 2, [city], 2);
  const branchCount = Math.ceil(MEMBERS / PER_BRANCH);
  const townships = await insertOrgs(client, 'township', 3, [county], Math.max(1, Math.ceil(branchCount / 1_000)));
  const villages = await insertOrgs(client, 'village', 4, townships, Math.max(1, Math.ceil(branchCount / 100)));
  const branches: { id: string; path: string }[] = [];
  for (let i = 0; i < branchCount; i += 10_000) {
    branches.push(...(await insertOrgs(client, 'branch', 5, villages, Math.min(10_000, branchCount - i))));
  }
  const outside = await insertOrgs(client, 'branch', 3, [neighbour], Math.ceil(OUTSIDE / PER_BRANCH));
  const chunk = 1_000;
  for (let i = 0; i < branches.length; i += chunk) {
    await insertMembers(client, branches.slice(i, i + chunk), i * PER_BRANCH + 1);
    if ((i / chunk) % 2 === 1)
      log(`  seeded ${(i + chunk) * PER_BRANCH} members (${((now() - tSeed) / 1000).toFixed(0)} s)`);
  }
  await insertMembers(client, outside, branches.length * PER_BRANCH + 1);
  const audience = branches.length * PER_BRANCH;
  const everyone = audience + outside.length * PER_BRANCH;

  // Everyone signs in with WeChat and allowed the study template once; WeChat (the stand-in) holds the same allows.
  await client.query(
    `INSERT INTO accounts (kind, display_name, member_id) SELECT 'member', '微信用户', id FROM members`,
  );
  await client.query(
    `INSERT INTO wechat_identities (app_id, openid, account_id, last_login_at)
     SELECT $1, $2 || row_number() OVER (ORDER BY id), id, now() FROM accounts WHERE member_id IS NOT NULL`,
    [APP_ID, OPENID_PREFIX],
  );
  await client.query(
    `INSERT INTO wechat_subscriptions (account_id, template_id, credits)
     SELECT id, $1, 1 FROM accounts WHERE member_id IS NOT NULL`,
    [TEMPLATE],
  );
  await client.query('VACUUM ANALYZE');
  const seedSeconds = (now() - tSeed) / 1000;
  log(`  seeded ${everyone} members with WeChat accounts and credits in ${seedSeconds.toFixed(0)} s`);

  const standIn = await startStandIn(everyone);
  const keys = {
    PII_KEYS: `b1:${randomBytes(32).toString('base64')}`,
    PII_INDEX_KEY: randomBytes(32).toString('base64'),
  };
  /** The real app on this database and the stand-in, with these dispatcher settings (unset: the defaults). */
  const startApp = async (dispatch: Record<string, string>) => {
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: POOL_SIZE,
      WECHAT_API_BASE: standIn.url,
      WECHAT_APP_ID: APP_ID,
      WECHAT_APP_SECRET: APP_SECRET,
      WECHAT_TEMPLATE_STUDY_PACK: TEMPLATE,
      ...dispatch,
      ...keys,
      THROTTLE_LIMIT: '1000000',
      LOG_LEVEL: 'silent',
    });
    const { app } = await createApp(config, createLogger('silent'));
    await app.listen(0, '127.0.0.1');
    const server = app.getHttpServer() as import('node:http').Server;
    return { app, config, base: `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}` };
  };
  const first = await startApp({});
  const { app, base } = first;
  const productionDispatch = first.config.subscribeMessages.dispatch;

  // The county's org admin, signed in through the real endpoint, writes a pack with one item.
  const accounts = app.get(AccountsService);
  const adminId = await accounts.createStaff(
    'bench_push_admin',
    '压测组织部',
    await app.get(PasswordHasher).hash('Bench-Push-2026'),
    [],
  );
  await accounts.grantRole(adminId, 'org_admin', county.id);
  const api = async (method: string, route: string, body?: object, token?: string): Promise<unknown> => {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${route}: HTTP ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const { accessToken } = (await api('POST', AuthRoutes.staffLogin, {
    username: 'bench_push_admin',
    password: 'Bench-Push-2026',
  })) as { accessToken: string };
  const pack = (await api(
    'POST',
    StudyRoutes.packs,
    { kind: 'monthly', month: '2026-12', title: '12 月学习礼包', audience: { orgId: county.id, scope: 'members' } },
    accessToken,
  )) as { id: string };
  await api(
    'POST',
    StudyRoutes.packItems.replace(':id', pack.id),
    { kind: 'article', title: '学习党章', body: '<p>坚持全心全意为人民服务。</p>' },
    accessToken,
  );

  // Enqueue: from the publish call until the last batch has committed (the pack is then `published`).
  const tPublish = now();
  await api('POST', StudyRoutes.publish.replace(':id', pack.id), {}, accessToken);
  const publishCallMs = now() - tPublish;
  let lastReport = now();
  for (;;) {
    const { rows } = await client.query<{ status: string; done: number; total: number | null }>(
      `SELECT p.status, p.batches_total AS total,
              (SELECT count(*)::int FROM study_fanout_batches b WHERE b.pack_id = p.id AND b.done_at IS NOT NULL) AS done
         FROM study_packs p WHERE p.id = $1`,
      [pack.id],
    );
    if (rows[0].status === 'published') break;
    if (now() - lastReport > 5_000) {
      lastReport = now();
      log(`  enqueue: ${rows[0].done}/${rows[0].total ?? '?'} batches (${((now() - tPublish) / 1000).toFixed(0)} s)`);
    }
    await sleep(50);
  }
  const enqueueSeconds = (now() - tPublish) / 1000;
  const atEnqueue = await standIn.stats();
  const { rows: queued } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM wechat_outbox WHERE inbox_kind = 'study.pack' AND subject_id = $1`,
    [pack.id],
  );
  log(
    `  enqueued ${queued[0].n} messages in ${enqueueSeconds.toFixed(1)} s; ${atEnqueue.accepted} already sent meanwhile`,
  );

  // Send: the app restarted with the throttle high; until the stand-in has accepted every queued message.
  await app.close();
  await standIn.mark();
  const second = await startApp({
    WECHAT_SEND_RATE_PER_SECOND: SEND_RATE,
    WECHAT_SEND_CONCURRENCY: SEND_CONCURRENCY,
    WECHAT_OUTBOX_BATCH_SIZE: OUTBOX_BATCH,
  });
  let stats = await standIn.stats();
  lastReport = now();
  let lastAccepted = stats.accepted;
  for (;;) {
    stats = await standIn.stats();
    if (stats.accepted + stats.duplicates >= queued[0].n) break;
    if ((now() - tPublish) / 1000 > DRAIN_LIMIT_S) {
      log(`  gave up waiting after ${DRAIN_LIMIT_S} s`);
      break;
    }
    if (now() - lastReport > 10_000) {
      const rate = ((stats.accepted - lastAccepted) * 1000) / (now() - lastReport);
      lastReport = now();
      lastAccepted = stats.accepted;
      log(`  sent ${stats.accepted}/${queued[0].n} (${rate.toFixed(0)}/s over the last 10 s)`);
    }
    await sleep(200);
  }
  for (let waited = 0; waited < 30_000; waited += 200) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM wechat_outbox WHERE status IN ('pending', 'sending')`,
    );
    if (rows[0].n === 0) break;
    await sleep(200);
  }
  stats = await standIn.stats();
  const { window } = stats;
  const sendSpan = window.firstAt !== null && window.lastAt !== null ? (window.lastAt - window.firstAt) / 1000 : 0;
  const sendRate = sendSpan > 0 ? window.accepted / sendSpan : 0;

  // Verify: one inbox entry per audience member, at most one message per member, nothing sent twice.
  const one = async (text: string): Promise<number> => (await client.query<{ n: number }>(text, [pack.id])).rows[0].n;
  const inbox = await one(`SELECT count(*)::int AS n FROM inbox_items WHERE kind = 'study.pack' AND subject_id = $1`);
  const inboxMembers = await one(
    `SELECT count(DISTINCT recipient_member_id)::int AS n FROM inbox_items WHERE kind = 'study.pack' AND subject_id = $1`,
  );
  const messages = await one(
    `SELECT count(*)::int AS n FROM wechat_outbox WHERE inbox_kind = 'study.pack' AND subject_id = $1 AND status = 'sent'`,
  );
  const outboxByStatus = (
    await client.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM wechat_outbox WHERE inbox_kind = 'study.pack' AND subject_id = $1
        GROUP BY status ORDER BY status`,
      [pack.id],
    )
  ).rows;
  const membersMessagedTwice = await one(
    `SELECT count(*)::int AS n FROM (
       SELECT a.member_id FROM wechat_outbox o JOIN accounts a ON a.id = o.account_id
        WHERE o.inbox_kind = 'study.pack' AND o.subject_id = $1 AND o.status = 'sent'
        GROUP BY a.member_id HAVING count(*) > 1) x`,
  );
  const sentTwiceInLog = await one(
    `SELECT (count(*) - count(DISTINCT l.outbox_id))::int AS n
       FROM wechat_send_log l JOIN wechat_outbox o ON o.id = l.outbox_id
      WHERE o.inbox_kind = 'study.pack' AND o.subject_id = $1 AND l.outcome = 'sent'`,
  );
  const duplicates = membersMessagedTwice + sentTwiceInLog + stats.duplicates;

  await client.end();
  await second.app.close();
  standIn.close();
  await stopDb();

  const problems: string[] = [];
  if (inbox !== audience || inboxMembers !== audience) {
    problems.push(`inbox entries ${inbox} for ${inboxMembers} members, audience ${audience}`);
  }
  if (messages > audience) problems.push(`${messages} messages for an audience of ${audience}`);
  if (messages !== stats.accepted) problems.push(`outbox says ${messages} sent, WeChat accepted ${stats.accepted}`);
  if (messages !== queued[0].n) problems.push(`${queued[0].n} queued, ${messages} sent`);
  if (duplicates > 0) problems.push(`${duplicates} duplicates`);

  const settings = (d: { ratePerSecond: number; concurrency: number; batchSize: number }) =>
    `WECHAT_SEND_RATE_PER_SECOND=${d.ratePerSecond} WECHAT_SEND_CONCURRENCY=${d.concurrency} WECHAT_OUTBOX_BATCH_SIZE=${d.batchSize}`;
  const pgSettings = process.env.DATABASE_URL
    ? 'PostgreSQL at DATABASE_URL'
    : `embedded PostgreSQL ${
        Object.entries(PG_SETTINGS)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ') || 'with the launcher defaults'
      }`;
  log(
    [
      '',
      `members=${everyone} audience=${audience} (one county; ${everyone - audience} in a neighbouring county) seed_s=${seedSeconds.toFixed(0)}`,
      `settings: ${pgSettings}; DATABASE_POOL_SIZE=${POOL_SIZE}; fan-out batches of ${FANOUT_BATCH_SIZE} members, 4 batch workers; stand-in WeChat in its own process on loopback`,
      `enqueue_s=${enqueueSeconds.toFixed(1)} (from the publish call, ${publishCallMs.toFixed(0)} ms, until every batch committed its deliveries, inbox entries and outbox rows; dispatcher at the defaults, ${settings(productionDispatch)}, sent ${atEnqueue.accepted} meanwhile; target <= 60)`,
      `send_rate=${sendRate.toFixed(0)}/s (${window.accepted} messages from the first to the last accepted by WeChat, ${sendSpan.toFixed(1)} s, app restarted with the quota throttle set high: ${settings(second.config.subscribeMessages.dispatch)}; target >= 2000)`,
      `outbox=${JSON.stringify(Object.fromEntries(outboxByStatus.map((r) => [r.status, r.n])))} wechat_requests=${stats.requests} wechat_errors=${JSON.stringify(stats.errors)}`,
      `duplicates: members_sent_twice=${membersMessagedTwice} sent_twice_in_log=${sentTwiceInLog} second_calls_at_wechat=${stats.duplicates}`,
      `total_s=${((now() - t0) / 1000).toFixed(0)}`,
      ...problems.map((p) => `FAILED: ${p}`),
      `push_members=${audience} enqueue_s=${enqueueSeconds.toFixed(1)} send_rate=${sendRate.toFixed(0)}/s inbox=${inbox} messages=${messages} duplicates=${duplicates}`,
      '',
    ].join('\n'),
  );
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
