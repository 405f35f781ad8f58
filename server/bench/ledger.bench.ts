import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createApp } from '../src/app.factory.js';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { PasswordHasher } from '../src/auth/password-hasher.js';
import { PiiCrypto } from '../src/common/crypto/pii.service.js';
import { createLogger } from '../src/common/logging/logger.js';
import { loadConfig } from '../src/config/load-config.js';
import { runMigrations } from '../src/database/migrate.js';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../src/dev/embedded-postgres.js';
import { startStandInWechat } from '../src/wechat/stand-in/stand-in-wechat.server.js';

/**
 * pnpm bench:ledger — 1,000,000 members under 100,000 branches, then the
 * county rollup and the member lookup by phone, each timed over real HTTP
 * against the real app (authenticated, scoped), median and p95.
 *
 * Tree: 1 province → 10 cities → 100 counties → 1,000 townships → 10,000
 * villages → 100,000 branches; 10 members a branch; 15% of members away.
 */

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const BRANCHES = Number(process.env.BENCH_BRANCHES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const BATCH = 10_000;

const now = () => Number(process.hrtime.bigint()) / 1e6;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function idNumber(serial: number): string {
  const birth = `19${String(50 + (serial % 50)).padStart(2, '0')}${String(1 + (serial % 12)).padStart(2, '0')}${String(1 + (serial % 28)).padStart(2, '0')}`;
  const body = `${String(110000 + (Math.floor(serial / 1000) % 800000)).padStart(6, '0')}${birth}${String(serial % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
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
    });
    serverUrl = db.url('postgres');
    stopDb = async () => {
      await db.stop();
      await fs.rm(db.dataDir, { recursive: true, force: true });
      await fs.rm(dir, { recursive: true, force: true });
    };
  }
  const dbName = `pioneer_bench_${Date.now()}`;
  await ensureDatabase(serverUrl, dbName);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  await runMigrations(databaseUrl);

  const standIn = await startStandInWechat({ port: 0, appId: 'wxbench', appSecret: 'bench-secret' });
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    WECHAT_API_BASE: standIn.url,
    WECHAT_APP_ID: 'wxbench',
    WECHAT_APP_SECRET: 'bench-secret',
    PII_KEYS: `b1:${randomBytes(32).toString('base64')}`,
    PII_INDEX_KEY: randomBytes(32).toString('base64'),
    THROTTLE_LIMIT: '1000000',
    LOG_LEVEL: 'silent',
  });
  const { app } = await createApp(config, createLogger('silent'));
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as import('node:http').Server;
  const base = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
  const pii = app.get(PiiCrypto);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();

  // Orgs: one level at a time, ids made here so paths can be built without reading back.
  const tSeed = now();
  const levels = [
    { level: 'province', count: 1 },
    { level: 'city', count: 10 },
    { level: 'county', count: 100 },
    { level: 'township', count: 1_000 },
    { level: 'village', count: 10_000 },
    { level: 'branch', count: BRANCHES },
  ];
  let parents: { id: string; path: string }[] = [];
  const countyIds: string[] = [];
  let branchList: { id: string; path: string }[] = [];
  for (const [depth, { level, count }] of levels.entries()) {
    const rows = Array.from({ length: count }, (_, i) => {
      const id = randomUUID();
      const parent = parents.length ? parents[Math.floor((i * parents.length) / count)] : null;
      return { id, parentId: parent?.id ?? null, path: `${parent ? parent.path : '/'}${id}/`, name: `${level}-${i}` };
    });
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      await client.query(
        `INSERT INTO orgs (id, parent_id, path, depth, level, name)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::smallint[], $5::text[], $6::text[])`,
        [
          chunk.map((r) => r.id),
          chunk.map((r) => r.parentId),
          chunk.map((r) => r.path),
          chunk.map(() => depth),
          chunk.map(() => level),
          chunk.map((r) => r.name),
        ],
      );
    }
    if (level === 'county') countyIds.push(...rows.map((r) => r.id));
    parents = rows;
    if (level === 'branch') branchList = rows;
  }
  const receiving = branchList.slice(-1000);

  // Members and flows, encrypted exactly as the app does, inserted in batches.
  for (let i = 0; i < MEMBERS; i += BATCH) {
    const n = Math.min(BATCH, MEMBERS - i);
    const cols = {
      id: [] as string[],
      branchId: [] as string[],
      branchPath: [] as string[],
      nameC: [] as string[],
      nameI: [] as string[],
      idC: [] as string[],
      idI: [] as string[],
      id6: [] as string[],
      phoneC: [] as string[],
      phoneI: [] as string[],
    };
    const flows = {
      member: [] as string[],
      sid: [] as string[],
      spath: [] as string[],
      rid: [] as (string | null)[],
      rpath: [] as (string | null)[],
      status: [] as string[],
      region: [] as string[],
      industry: [] as string[],
    };
    for (let k = 0; k < n; k++) {
      const serial = i + k;
      const branch = branchList[serial % branchList.length];
      const name = `党员${serial}`;
      const id = idNumber(serial);
      const phone = `13${String(serial).padStart(9, '0')}`;
      const memberId = randomUUID();
      cols.id.push(memberId);
      cols.branchId.push(branch.id);
      cols.branchPath.push(branch.path);
      cols.nameC.push(pii.encrypt(name));
      cols.nameI.push(pii.index('name', name));
      cols.idC.push(pii.encrypt(id));
      cols.idI.push(pii.index('id_number', id));
      cols.id6.push(pii.index('name_id6', `${name}:${id.slice(-6)}`));
      cols.phoneC.push(pii.encrypt(phone));
      cols.phoneI.push(pii.index('phone', phone));
      if (serial % 100 < 15) {
        const status = ['reported', 'approved', 'arrived', 'active', 'active', 'active', 'returned', 'lost_contact'][
          serial % 8
        ];
        const away = ['arrived', 'active', 'returned', 'lost_contact'].includes(status);
        const r = receiving[serial % receiving.length];
        flows.member.push(memberId);
        flows.sid.push(branch.id);
        flows.spath.push(branch.path);
        flows.rid.push(away ? r.id : null);
        flows.rpath.push(away ? r.path : null);
        flows.status.push(status);
        flows.region.push(['310112', '330105', '440305', '410105'][serial % 4]);
        flows.industry.push(['建筑业', '快递物流', '餐饮', '制造业'][serial % 4]);
      }
    }
    await client.query(
      `INSERT INTO members (id, branch_id, branch_path, name_cipher, name_index, id_number_cipher, id_number_index, name_id6_index, phone_cipher, phone_index)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
      [
        cols.id,
        cols.branchId,
        cols.branchPath,
        cols.nameC,
        cols.nameI,
        cols.idC,
        cols.idI,
        cols.id6,
        cols.phoneC,
        cols.phoneI,
      ],
    );
    await client.query(
      `INSERT INTO flows (member_id, sending_branch_id, sending_path, receiving_branch_id, receiving_path, status, origin, destination_region_code, industry)
       SELECT m, s, sp, r, rp, st, 'outflow_report', rg, ind FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t(m, s, sp, r, rp, st, rg, ind)`,
      [flows.member, flows.sid, flows.spath, flows.rid, flows.rpath, flows.status, flows.region, flows.industry],
    );
    if ((i / BATCH) % 10 === 0)
      process.stdout.write(`  seeded ${i + n} members (${((now() - tSeed) / 1000).toFixed(0)} s)\n`);
  }
  await client.query('VACUUM ANALYZE');
  const seedSeconds = (now() - tSeed) / 1000;

  // A county admin, signed in through the real endpoint.
  const county = countyIds[42];
  const hash = await app.get(PasswordHasher).hash('Bench-Admin-2026');
  const accounts = app.get(AccountsService);
  const adminId = await accounts.createStaff('bench_admin', '压测管理员', hash, []);
  await accounts.grantRole(adminId, 'org_admin', county);
  const login = (await (
    await fetch(`${base}/api/auth/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench_admin', password: 'Bench-Admin-2026' }),
    })
  ).json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${login.accessToken}` };
  const countyMembers = (
    await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM members m JOIN orgs o ON o.id = $1 WHERE m.branch_path >= o.path AND m.branch_path < o.path || '~'`,
      [county],
    )
  ).rows[0].n;

  async function timeIt(
    label: string,
    makeUrl: (i: number) => string,
    check: (body: unknown) => void,
  ): Promise<{ median: number; p95: number }> {
    for (let i = 0; i < 10; i++) await fetch(makeUrl(i), { headers: auth });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = now();
      const res = await fetch(makeUrl(i), { headers: auth });
      const body: unknown = await res.json();
      times.push(now() - start);
      if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status} ${JSON.stringify(body)}`);
      if (i === 0) check(body);
    }
    times.sort((a, b) => a - b);
    return { median: percentile(times, 50), p95: percentile(times, 95) };
  }

  // Phones of members inside the admin's county, to look up through the API.
  const inCounty = (
    await client.query<{ id: string }>(
      `SELECT m.id FROM members m JOIN orgs o ON o.id = $1 WHERE m.branch_path >= o.path AND m.branch_path < o.path || '~' ORDER BY m.id LIMIT 20`,
      [county],
    )
  ).rows;
  const lookupPhones: string[] = [];
  for (const row of inCounty) {
    const rec = (
      await client.query<{ phone_cipher: string }>('SELECT phone_cipher FROM members WHERE id = $1', [row.id])
    ).rows[0];
    lookupPhones.push(pii.decrypt(rec.phone_cipher));
  }

  const rollup = await timeIt(
    'county rollup',
    () => `${base}/api/ledgers/rollup/${county}`,
    (body) => {
      if (typeof body !== 'object' || body === null) throw new Error('rollup answered no object');
    },
  );
  const lookup = await timeIt(
    'lookup by phone',
    (i) => `${base}/api/members?q=${lookupPhones[i % lookupPhones.length]}`,
    (body) => {
      const items = (body as { items: unknown[] }).items;
      if (items.length !== 1) throw new Error(`lookup by phone found ${items.length} members, expected 1`);
    },
  );

  await client.end();
  await app.close();
  await standIn.close();
  await stopDb();

  process.stdout.write(
    [
      '',
      `members=${MEMBERS} branches=${BRANCHES} county_members=${countyMembers} seed_s=${seedSeconds.toFixed(0)} runs=${RUNS}`,
      `county_rollup_ms median=${rollup.median.toFixed(1)} p95=${rollup.p95.toFixed(1)} (target <= 100)`,
      `member_lookup_by_phone_ms median=${lookup.median.toFixed(1)} p95=${lookup.p95.toFixed(1)} (target <= 10)`,
      `total_s=${((now() - t0) / 1000).toFixed(0)}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
