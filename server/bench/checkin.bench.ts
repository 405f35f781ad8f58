import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { CheckinRoutes } from '@pioneer/shared';
import {
  appEnvironment,
  createOpenActivity,
  fetchVenueCode,
  newClientId,
  machineCpuMs,
  say,
  seedCheckinWorld,
  sleep,
  staffLogin,
  startAppProcess,
  startBenchDatabase,
  startStandIn,
  treeCpuMs,
} from './checkin-support.js';

/**
 * pnpm bench:checkin — how many check-ins a second the real API records, and
 * how that compares with what PostgreSQL itself can insert on the same server.
 *
 * Members each hold a real session; autocannon posts `POST /api/checkins` with
 * a fresh (member, activity) pair and a fresh clientId on every request, plus
 * a deliberate repeat of an answered scan every REPEAT_EVERY requests, using
 * the venue codes the screens show (refreshed every 5 s). The API runs in its
 * own process (or a cluster of them), never in the load generator's. Then
 * pgbench inserts single rows into a plain table with as many connections as
 * the API's pool, and the database is checked: one row per answered pair.
 */

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 5_000);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const WORKERS = Number(process.env.BENCH_APP_WORKERS ?? 1);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 10);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const REPEAT_EVERY = 50;
const CODE_REFRESH_MS = 5_000;

/** pgbench from PATH, else Debian's versioned folders (newest first); null when there is none. */
function findPgbench(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'pgbench');
    if (dir && existsSync(candidate)) return candidate;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const candidate = path.join(root, v, 'bin', 'pgbench');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

interface PgbenchResult {
  tps: number;
  latencyMs: number;
  transactions: number;
  output: string;
}

/** Single-row inserts into a table shaped like `checkins` (uuid key, two uuids, a text, a time), one commit each. */
async function runPgbench(bin: string, databaseUrl: string, clients: number, seconds: number, dir: string) {
  const script = path.join(dir, 'insert.sql');
  await fs.writeFile(
    script,
    `\\set n random(1, 1000000000)\nINSERT INTO bench_insert (activity_id, member_id, client_id, checked_in_at) VALUES (gen_random_uuid(), gen_random_uuid(), 'c-' || :n, now());\n`,
  );
  const url = new URL(databaseUrl);
  const args = [
    '-n',
    '-M',
    'prepared',
    '-c',
    String(clients),
    '-j',
    String(Math.min(clients, os.cpus().length)),
    '-T',
    String(seconds),
    '-f',
    script,
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username),
    decodeURIComponent(url.pathname.slice(1)),
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(bin, args, {
      env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password), PGSSLMODE: 'disable' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.stderr.on('data', (c: Buffer) => (text += c.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`pgbench exited with ${code}:\n${text}`)),
    );
  });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
  const latency = /latency average = ([\d.]+) ms/.exec(output);
  const transactions = /number of transactions actually processed: (\d+)/.exec(output);
  if (!tps) throw new Error(`could not read tps from pgbench:\n${output}`);
  return {
    tps: Number(tps[1]),
    latencyMs: latency ? Number(latency[1]) : NaN,
    transactions: transactions ? Number(transactions[1]) : NaN,
    output,
  } satisfies PgbenchResult;
}

type JobKind = 'new' | 'repeat' | 'rescan';

/** One request: which member scans which activity's code, with which clientId. */
interface Job {
  member: number;
  activity: number;
  clientId: string;
  /** new: first scan of the pair; repeat: an answered scan sent again (same clientId); rescan: the pair again with a new clientId. */
  kind: JobKind;
}

const pairKey = (job: Job) => job.activity * MEMBERS + job.member;

async function main(): Promise<void> {
  const pgbench = findPgbench();
  if (!pgbench) {
    process.stderr.write(
      [
        'pgbench was not found on PATH nor under /usr/lib/postgresql/*/bin.',
        'Install it (it comes with the PostgreSQL client tools), then run again:',
        '  Debian/Ubuntu: sudo apt-get install -y postgresql-contrib   (or postgresql-client-15 on Debian 12)',
        '  macOS:         brew install libpq && brew link --force libpq',
        '',
      ].join('\n'),
    );
    process.exit(2);
  }

  const load = os.loadavg();
  say(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${load.map((l) => l.toFixed(2)).join(' ')}`,
  );
  if (load[0] > os.cpus().length * 0.5)
    say(`WARNING: the machine is already busy (1-minute load ${load[0].toFixed(1)}); figures will be low and noisy`);

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pioneer-checkin-bench-'));
  const db = await startBenchDatabase('checkin_bench');
  const standIn = await startStandIn();
  const env = appEnvironment(db.databaseUrl, standIn.url, {
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    LOG_LEVEL,
  });
  let app: Awaited<ReturnType<typeof startAppProcess>> | null = null;
  let exitCode = 0;
  let finalLine = '';
  try {
    const settings = new pg.Client({ connectionString: db.databaseUrl });
    await settings.connect();
    const show = async (name: string) =>
      ((await settings.query(`SHOW ${name}`)).rows[0] as Record<string, string>)[name];
    const pgSettings = {
      server_version: await show('server_version'),
      fsync: await show('fsync'),
      synchronous_commit: await show('synchronous_commit'),
      shared_buffers: await show('shared_buffers'),
      max_connections: await show('max_connections'),
    };
    await settings.end();
    say(
      `postgres: ${db.embedded ? 'embedded' : 'DATABASE_URL'} ${Object.entries(pgSettings)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );

    const t = Date.now();
    const world = await seedCheckinWorld(env, MEMBERS);
    say(`seeded ${MEMBERS} members with sessions in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    app = await startAppProcess(env, WORKERS, tmp);
    say(
      `api: ${WORKERS === 1 ? 'one process' : `cluster of ${WORKERS} workers`} (node dist/main.js), pool ${POOL_SIZE} per process, LOG_LEVEL=${LOG_LEVEL} to a file`,
    );
    const base = app.url;
    const secretary = await staffLogin(base, world.secretary.username, world.secretary.password);
    const activityIds: string[] = [];
    for (let i = 0; i < ACTIVITIES; i++)
      activityIds.push(await createOpenActivity(base, secretary, world.branch.id, `主题党日 ${i + 1}`));

    // The venue screens: each polls its current code, as the real screen does.
    const codes: string[] = [];
    for (const id of activityIds) codes.push(await fetchVenueCode(base, secretary, id));
    let codeRefreshFailures = 0;
    let refreshing = false;
    const refresher = setInterval(() => {
      if (refreshing) return;
      refreshing = true;
      void (async () => {
        for (const [i, id] of activityIds.entries()) {
          try {
            codes[i] = await fetchVenueCode(base, secretary, id);
          } catch {
            codeRefreshFailures += 1;
          }
        }
        refreshing = false;
      })();
    }, CODE_REFRESH_MS);

    // ── the load ──────────────────────────────────────────────────────────
    const pairs = MEMBERS * ACTIVITIES;
    let nextPair = 0;
    let seq = 0;
    const recent: Job[] = [];
    const created = new Map<number, string>();
    const answeredPairs = new Set<number>();
    const inflight = new Set<Job>();
    const statuses = new Map<number, number>();
    const samples: string[] = [];
    const tally = { sent: 0, answered: 0, ok: 0, repeatsSent: 0, repeatsConfirmed: 0, wrongRepeated: 0 };

    const nextJob = (): Job => {
      seq += 1;
      if (seq % REPEAT_EVERY === 0 && recent.length > 0) {
        const earlier = recent[seq % recent.length];
        return { ...earlier, kind: 'repeat' };
      }
      const k = nextPair++;
      return {
        member: k % MEMBERS,
        activity: Math.floor(k / MEMBERS) % ACTIVITIES,
        clientId: newClientId(),
        kind: k < pairs ? 'new' : 'rescan',
      };
    };

    const request: autocannon.Request = {
      method: 'POST',
      path: CheckinRoutes.checkin,
      setupRequest: (req, context) => {
        const job = nextJob();
        (context as { job?: Job }).job = job;
        inflight.add(job);
        tally.sent += 1;
        if (job.kind !== 'new') tally.repeatsSent += 1;
        const member = world.members[job.member];
        return {
          ...req,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${member.token}` },
          body: JSON.stringify({ code: codes[job.activity], clientId: job.clientId, deviceId: member.deviceId }),
        };
      },
      onResponse: (status, body, context) => {
        const job = (context as { job?: Job }).job;
        if (!job) return;
        inflight.delete(job);
        tally.answered += 1;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status < 200 || status >= 300) {
          if (samples.length < 5) samples.push(`${status} ${body.slice(0, 200)}`);
          return;
        }
        tally.ok += 1;
        answeredPairs.add(pairKey(job));
        const repeated = body.includes('"repeated":true');
        if (job.kind === 'new') {
          if (repeated) tally.wrongRepeated += 1;
          else {
            created.set(pairKey(job), job.clientId);
            if (recent.length < 1_000) recent.push(job);
            else recent[seq % 1_000] = job;
          }
        } else if (repeated) tally.repeatsConfirmed += 1;
        else tally.wrongRepeated += 1;
      },
    };
    const fire = (seconds: number) =>
      autocannon({ url: base, connections: CONNECTIONS, duration: seconds, timeout: 10, requests: [request] });

    const warm = await fire(WARMUP_S);
    say(`warm-up: ${WARMUP_S} s, ${warm['2xx']} check-ins, non-2xx ${warm.non2xx}, errors ${warm.errors}`);
    const before = { ...tally };
    const pgPid = db.postmasterPid();
    const cpu = () => ({
      api: treeCpuMs(app!.pid),
      pg: pgPid ? treeCpuMs(pgPid) : 0,
      load: process.cpuUsage(),
      machine: machineCpuMs(),
    });
    const cpu0 = cpu();
    const result = await fire(DURATION_S);
    const cpu1 = cpu();
    clearInterval(refresher);
    // Requests cut off when the load stopped may still finish on the server: let them.
    await sleep(1_000);

    const ok = result['2xx'];
    const rps = ok / result.duration;
    const p99 = result.latency.p99;
    say('');
    say(
      `autocannon: ${CONNECTIONS} connections, ${result.duration} s: ${result.requests.total} requests, ${ok} 2xx, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    say(
      `  latency ms: p50 ${result.latency.p50} p90 ${result.latency.p90} p97.5 ${result.latency.p97_5} p99 ${p99} max ${result.latency.max}; ${rps.toFixed(0)} check-ins/s`,
    );
    say(
      `  deliberate repeats: ${tally.repeatsSent - before.repeatsSent} sent in this run, ${tally.repeatsSent} in all, ${tally.repeatsConfirmed} answered "repeated"`,
    );
    if (codeRefreshFailures > 0) say(`  venue code refresh failures: ${codeRefreshFailures}`);
    // Where the CPU went: the whole box is shared by the API, PostgreSQL and the load generator.
    const n = result.requests.total;
    const loadMs = (cpu1.load.user - cpu0.load.user + cpu1.load.system - cpu0.load.system) / 1000;
    const per = { api: (cpu1.api - cpu0.api) / n, pg: (cpu1.pg - cpu0.pg) / n, load: loadMs / n };
    const busyMs = cpu1.machine.busy - cpu0.machine.busy;
    const totalMs = cpu1.machine.total - cpu0.machine.total;
    const others = (busyMs - (cpu1.api - cpu0.api) - (cpu1.pg - cpu0.pg) - loadMs) / n;
    const ours = per.api + per.pg + per.load;
    say(
      `  cpu per check-in: api ${per.api.toFixed(2)} ms, postgres ${db.embedded ? `${per.pg.toFixed(2)} ms` : 'not measured'}, load generator ${per.load.toFixed(2)} ms, other processes ${Math.max(0, others).toFixed(2)} ms; machine ${totalMs ? ((100 * busyMs) / totalMs).toFixed(0) : '?'}% busy`,
    );
    say(
      `  at that cost ${os.cpus().length} cores would carry at most ${((os.cpus().length * 1000) / ours).toFixed(0)} check-ins/s with this load generator on the same machine, ${((os.cpus().length * 1000) / (per.api + per.pg)).toFixed(0)} without it`,
    );
    const statusLine = [...statuses.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    say(`  statuses (warm-up included): ${statusLine}`);

    // ── PostgreSQL's own ceiling on the same server ───────────────────────
    const ceiling = new pg.Client({ connectionString: db.databaseUrl });
    await ceiling.connect();
    await ceiling.query(`CREATE TABLE bench_insert (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      activity_id uuid NOT NULL,
      member_id uuid NOT NULL,
      client_id text NOT NULL,
      checked_in_at timestamptz NOT NULL)`);
    await ceiling.end();
    const pgClients = POOL_SIZE * WORKERS;
    const bench = await runPgbench(pgbench, db.databaseUrl, pgClients, DURATION_S, tmp);
    say(
      `pgbench (${pgbench}): single-row INSERT, -c ${pgClients} -M prepared -T ${DURATION_S}: ${bench.tps.toFixed(0)} tps, latency avg ${bench.latencyMs} ms, ${bench.transactions} rows`,
    );

    // ── what the database holds ───────────────────────────────────────────
    const check = new pg.Client({ connectionString: db.databaseUrl });
    await check.connect();
    const rows = (
      await check.query<{ activity_id: string; member_id: string; client_id: string }>(
        `SELECT activity_id, member_id, client_id FROM checkins WHERE activity_id = ANY($1::uuid[])`,
        [activityIds],
      )
    ).rows;
    await check.end();
    const activityIndex = new Map(activityIds.map((id, i) => [id, i]));
    const memberIndex = new Map(world.members.map((m, i) => [m.memberId, i]));
    const inDb = new Map<number, string>();
    let duplicates = 0;
    for (const r of rows) {
      const key = activityIndex.get(r.activity_id)! * MEMBERS + memberIndex.get(r.member_id)!;
      if (inDb.has(key)) duplicates += 1;
      inDb.set(key, r.client_id);
    }
    const unanswered = new Set([...inflight].map(pairKey));
    let lost = 0;
    let wrongClient = 0;
    for (const [key, clientId] of created) if (inDb.has(key) && inDb.get(key) !== clientId) wrongClient += 1;
    for (const key of answeredPairs) if (!inDb.has(key)) lost += 1;
    let fromCutOff = 0;
    let unexplained = 0;
    for (const key of inDb.keys()) {
      if (answeredPairs.has(key)) continue;
      if (unanswered.has(key)) fromCutOff += 1;
      else unexplained += 1;
    }
    const answeredRows = rows.length - fromCutOff;
    say(
      `database: ${rows.length} check-in rows; ${answeredPairs.size} distinct (member, activity) pairs answered 2xx, ${answeredRows} rows for them` +
        `${fromCutOff ? ` (+${fromCutOff} recorded from requests cut off when the load stopped)` : ''}; duplicates ${duplicates}, lost ${lost}, unexplained ${unexplained}, wrong clientId ${wrongClient}`,
    );

    const problems: string[] = [];
    if (result.non2xx + warm.non2xx > 0)
      problems.push(`${result.non2xx + warm.non2xx} non-2xx answers: ${samples.join(' | ')}`);
    if (result.errors + warm.errors > 0) problems.push(`${result.errors + warm.errors} connection errors`);
    if (result.timeouts + warm.timeouts > 0) problems.push(`${result.timeouts + warm.timeouts} timeouts`);
    if (answeredRows !== answeredPairs.size)
      problems.push(`rows ${answeredRows} ≠ distinct successful check-ins ${answeredPairs.size}`);
    if (duplicates || lost || unexplained || wrongClient) problems.push('the database does not match the answers');
    if (tally.wrongRepeated > 0) problems.push(`${tally.wrongRepeated} answers said the wrong thing about "repeated"`);
    if (tally.repeatsConfirmed !== tally.repeatsSent - [...inflight].filter((j) => j.kind !== 'new').length)
      problems.push('not every deliberate repeat was answered as a repeat');
    if (problems.length > 0) {
      exitCode = 1;
      say('');
      for (const p of problems) say(`!!! INVALID RUN: ${p}`);
    }

    const ratio = rps / bench.tps;
    const targets = ratio >= 0.5 && p99 <= 50;
    say('');
    say(
      `targets ratio >= 0.5 and p99 <= 50 ms: ${targets ? 'met' : 'NOT met'}; api ${WORKERS === 1 ? '1 process' : `${WORKERS} workers`}, ${CONNECTIONS} connections, pool ${POOL_SIZE}, ${MEMBERS} members × ${ACTIVITIES} activities, LOG_LEVEL=${LOG_LEVEL}`,
    );
    finalLine = `checkin_rps=${Math.round(rps)} p99_ms=${Math.round(p99)} pg_insert_tps=${Math.round(bench.tps)} ratio=${ratio.toFixed(2)}`;
  } finally {
    await app?.stop();
    await standIn.close();
    await db.close();
    if (exitCode === 0) await fs.rm(tmp, { recursive: true, force: true });
    else say(`the API's log is kept in ${tmp}`);
  }
  say(finalLine);
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
