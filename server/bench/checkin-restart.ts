import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CheckinRoutes } from '@pioneer/shared';
import {
  appEnvironment,
  createOpenActivity,
  fetchVenueCode,
  newClientId,
  now,
  say,
  seedCheckinWorld,
  sleep,
  staffLogin,
  startAppProcess,
  startBenchDatabase,
  startStandIn,
  type BenchMember,
} from './checkin-support.js';

/**
 * pnpm bench:checkin-restart — PostgreSQL restarts while members are checking
 * in. Each member sends one check-in through a small retrying client (network
 * errors, 5xx and 429 are retried with backoff, always with the same clientId,
 * as the mini-program's queue does); the database is stopped and started again
 * on the same data folder and port in the middle of the stream. Afterwards
 * every member must have exactly one row: nothing lost, nothing doubled, and
 * the API must have come back by itself.
 */

const MEMBERS = Number(process.env.RESTART_MEMBERS ?? 200);
const SPREAD_MS = Number(process.env.RESTART_SPREAD_MS ?? 4_000);
const RESTART_AT_MS = Number(process.env.RESTART_AT_MS ?? 1_500);
const DOWN_MS = Number(process.env.RESTART_DOWN_MS ?? 1_000);
const MAX_ATTEMPTS = 40;

type Status = number | 'network';

interface Outcome {
  member: BenchMember;
  clientId: string;
  attempts: number;
  ok: boolean;
  repeated: boolean;
  refusal?: string;
}

async function main(): Promise<void> {
  if (process.env.DATABASE_URL) throw new Error('this bench restarts its own embedded PostgreSQL: unset DATABASE_URL');
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pioneer-checkin-restart-'));
  const db = await startBenchDatabase('checkin_restart');
  const standIn = await startStandIn();
  const env = appEnvironment(db.databaseUrl, standIn.url, { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' });
  let app: Awaited<ReturnType<typeof startAppProcess>> | null = null;
  let exitCode = 0;
  try {
    const world = await seedCheckinWorld(env, MEMBERS);
    app = await startAppProcess(env, 1, tmp);
    const base = app.url;
    const secretary = await staffLogin(base, world.secretary.username, world.secretary.password);
    const activityId = await createOpenActivity(base, secretary, world.branch.id, '主题党日：重启演练');
    // The venue screen keeps showing its last code while it cannot reach the API.
    let code = await fetchVenueCode(base, secretary, activityId);
    const screen = setInterval(() => {
      fetchVenueCode(base, secretary, activityId).then(
        (fresh) => (code = fresh),
        () => undefined,
      );
    }, 2_000);

    const statuses = new Map<Status, number>();
    const t0 = now();
    let restartDone = Number.POSITIVE_INFINITY;
    let lastFailureAt = 0;
    let firstOkAfterRestart = Number.POSITIVE_INFINITY;

    async function checkIn(member: BenchMember): Promise<Outcome> {
      const clientId = newClientId();
      const body = JSON.stringify({ code, clientId, deviceId: member.deviceId });
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        let status: Status;
        let text = '';
        try {
          const res = await fetch(`${base}${CheckinRoutes.checkin}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${member.token}` },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          status = res.status;
          text = await res.text();
        } catch {
          status = 'network';
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const at = now() - t0;
        if (typeof status === 'number' && status >= 200 && status < 300) {
          if (at > restartDone) firstOkAfterRestart = Math.min(firstOkAfterRestart, at);
          const repeated = (JSON.parse(text) as { repeated: boolean }).repeated;
          return { member, clientId, attempts: attempt, ok: true, repeated };
        }
        lastFailureAt = Math.max(lastFailureAt, at);
        if (status !== 'network' && status < 500 && status !== 429)
          return { member, clientId, attempts: attempt, ok: false, repeated: false, refusal: `${status} ${text}` };
        await sleep(Math.min(1_500, 100 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));
      }
      return { member, clientId, attempts: MAX_ATTEMPTS, ok: false, repeated: false, refusal: 'gave up' };
    }

    const restart = (async () => {
      await sleep(RESTART_AT_MS);
      const began = now() - t0;
      const timing = await db.restart(DOWN_MS);
      restartDone = now() - t0;
      say(
        `postgres restarted: stop at ${began.toFixed(0)} ms took ${timing.stoppedMs.toFixed(0)} ms, down ${DOWN_MS} ms, start took ${timing.startedMs.toFixed(0)} ms (up again at ${restartDone.toFixed(0)} ms)`,
      );
    })();
    const outcomes = await Promise.all(
      world.members.map(async (member, i) => {
        await sleep((i * SPREAD_MS) / MEMBERS);
        return checkIn(member);
      }),
    );
    await restart;
    clearInterval(screen);

    const client = new pg.Client({ connectionString: db.databaseUrl });
    await client.connect();
    const rows = (
      await client.query<{ member_id: string; client_id: string }>(
        `SELECT member_id, client_id FROM checkins WHERE activity_id = $1`,
        [activityId],
      )
    ).rows;
    await client.end();
    const byMember = new Map<string, string[]>();
    for (const r of rows) byMember.set(r.member_id, [...(byMember.get(r.member_id) ?? []), r.client_id]);
    const duplicates = rows.length - byMember.size;
    let lost = 0;
    for (const o of outcomes) {
      const ids = byMember.get(o.member.memberId) ?? [];
      if (!o.ok || !ids.includes(o.clientId)) lost += 1;
    }
    const attempts = outcomes.reduce((n, o) => n + o.attempts, 0);
    const successes = outcomes.filter((o) => o.ok).length;
    const repeatedAnswers = outcomes.filter((o) => o.repeated).length;
    const refusals = outcomes.filter((o) => !o.ok);
    const log = await fs.readFile(app.logFile, 'utf8');
    const warned = log.split('\n').filter((l) => l.includes('database unavailable')).length;
    const unhandled = log.split('\n').filter((l) => l.includes('unhandled error')).length;
    const statusLine = [...statuses.entries()].map(([s, n]) => `${s}×${n}`).join(' ');
    const server500 = [...statuses.entries()].filter(([s]) => s === 500).reduce((n, [, c]) => n + c, 0);

    say(`members ${MEMBERS}, sends spread over ${SPREAD_MS} ms, restart at ${RESTART_AT_MS} ms`);
    say(
      `attempts ${attempts}, retries ${attempts - MEMBERS}, successes ${successes} (${repeatedAnswers} answered "repeated")`,
    );
    say(`answers seen: ${statusLine}`);
    say(
      `api log: ${warned} "database unavailable" warnings, ${unhandled} unhandled errors; last failed answer at ${lastFailureAt.toFixed(0)} ms, first check-in after the restart at ${Number.isFinite(firstOkAfterRestart) ? `${firstOkAfterRestart.toFixed(0)} ms` : 'none'}`,
    );
    say(
      `rows in checkins for the activity ${rows.length}, members with a row ${byMember.size}, duplicates ${duplicates}, lost ${lost}`,
    );
    for (const r of refusals.slice(0, 5)) say(`  refused: ${r.refusal}`);
    if (lost > 0 || duplicates > 0) exitCode = 1;
    if (server500 > 0) {
      say(`!!! ${server500} answers were 500: an unreachable database must answer 503 so clients retry`);
      exitCode = 1;
    }
    say(`restart_checkins sent=${MEMBERS} recorded=${byMember.size} duplicates=${duplicates} lost=${lost}`);
  } finally {
    await app?.stop();
    await standIn.close();
    await db.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
