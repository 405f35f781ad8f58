import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CheckinRoutes, ErrorCode, type BranchCodeView } from '@pioneer/shared';
import { createApp } from '../src/app.factory.js';
import { CodesService } from '../src/checkins/codes.service.js';
import { createLogger } from '../src/common/logging/logger.js';
import { loadConfig } from '../src/config/load-config.js';
import { WXACODE_PAGE } from '../src/checkins/wxacodes.service.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { BranchWxacodes1764500000000 } from '../src/database/migrations/1764500000000-branch-wxacodes.js';
import { startStandInWechat, type StandInWechat } from '../src/wechat/stand-in/stand-in-wechat.server.js';
import { createTestDatabase, withSql } from './support/database.js';
import { createMember, createOrg, createStaff, createWorld, memberToken, staffToken } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const WXACODE_API = '/wxa/getwxacodeunlimit';
const APP_ID = 'wxpioneerwxacode01';
const APP_SECRET = 'wxacode-app-secret-0123456789abcd';
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What a QR-reading phone sees in a PNG (the stand-in draws its "mini-program codes" as QR codes). */
function readCode(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  // jsqr is CommonJS: its typings describe the function as the `default` of module.exports.
  return jsqr.default(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('WeChat mini-program branch codes (WECHAT_MINIPROGRAM_CODES=true)', () => {
  let t: TestApp;
  let wechat: StandInWechat;
  let env: Record<string, string>;
  let w: Awaited<ReturnType<typeof createWorld>>;
  let tokens: { secMobile: string; secA1: string; secB: string; countyA: string; sysadmin: string };

  const get = (token: string, route: string, id: string) =>
    request(t.url).get(route.replace(':id', id)).set('authorization', `Bearer ${token}`);
  /** Calls WeChat has seen for codes so far. */
  const wechatCalls = () => wechat.state.requestCount(WXACODE_API);
  const storedCodes = (branchId: string) =>
    withSql(t.databaseUrl, async (sql) => {
      const res = await sql.query<{ keyVersion: number; contentType: string; scene: string; image: Buffer }>(
        `SELECT key_version AS "keyVersion", content_type AS "contentType", scene, image
           FROM branch_wxacodes WHERE branch_id = $1 ORDER BY key_version`,
        [branchId],
      );
      return res.rows;
    });
  const failNext = async (failure: object) => {
    const res = await fetch(`${wechat.url}/__standin/fail-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: WXACODE_API, ...failure }),
    });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    // A stand-in of our own, so the spec can count WeChat calls; the CLI below gets the same environment.
    wechat = await startStandInWechat({ port: 0, appId: APP_ID, appSecret: APP_SECRET });
    env = {
      WECHAT_MINIPROGRAM_CODES: 'true',
      WECHAT_API_BASE: wechat.url,
      WECHAT_APP_ID: APP_ID,
      WECHAT_APP_SECRET: APP_SECRET,
      PII_KEYS: `w1:${randomBytes(32).toString('base64')}`,
      PII_INDEX_KEY: randomBytes(32).toString('base64'),
    };
    t = await startTestApp(env);
    w = await createWorld(t.app);
    tokens = {
      secMobile: await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.mobileBranch.id)),
      secA1: await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.branchA1.id)),
      secB: await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.branchB.id)),
      countyA: await staffToken(t, await createStaff(t.app, ['org_admin'], w.countyA.id)),
      sysadmin: await staffToken(t, await createStaff(t.app, ['system_admin'])),
    };
  });

  afterAll(async () => {
    await t?.close();
    await wechat?.close();
  });

  it('says the branch code is a mini-program code, without asking WeChat for it', async () => {
    const before = wechatCalls();
    const res = await get(tokens.secMobile, CheckinRoutes.branchCode, w.mobileBranch.id);
    expect(res.status).toBe(200);
    const code = res.body as BranchCodeView;
    expect(code.codeType).toBe('wechat_mini_program');
    expect(code.scene).toMatch(/^B[0-9A-Z]{8}\.[0-9a-z]+\.[A-Za-z0-9_-]{12}$/);
    expect(code.fallbackCodeGrouped).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(wechatCalls()).toBe(before);
  });

  it('makes the code once for 20 first requests at the same moment: one WeChat call, one row', async () => {
    const code = (await get(tokens.secMobile, CheckinRoutes.branchCode, w.mobileBranch.id)).body as BranchCodeView;
    const before = wechatCalls();
    expect(await storedCodes(w.mobileBranch.id)).toHaveLength(0);

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => get(tokens.secMobile, CheckinRoutes.branchWxacode, w.mobileBranch.id)),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.headers['content-type']))).toEqual(new Set(['image/png']));
    const images = answers.map((a) => a.body as Buffer);
    expect(images.every((image) => image.equals(images[0]))).toBe(true);
    expect(wechatCalls() - before).toBe(1);
    const rows = await storedCodes(w.mobileBranch.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ keyVersion: code.keyVersion, contentType: 'image/png', scene: code.scene });
    expect(rows[0].image.equals(images[0])).toBe(true);
  });

  it('makes the code once when two API instances get the first requests together', async () => {
    const second = await createApp(
      loadConfig({ ...env, DATABASE_URL: t.databaseUrl, DATABASE_POOL_SIZE: '4', PORT: '0' }),
      createLogger('silent'),
    );
    await second.app.listen(0, '127.0.0.1');
    try {
      const secondUrl = `http://127.0.0.1:${(second.app.getHttpServer().address() as { port: number }).port}`;
      const branch = await createOrg(t.app, w.street, 'branch', '七宝镇第二流动党员党支部', 'mobile_member_branch');
      const secretary = await staffToken(t, await createStaff(t.app, ['branch_secretary'], branch.id));
      const before = wechatCalls();

      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(i % 2 === 0 ? t.url : secondUrl)
            .get(CheckinRoutes.branchWxacode.replace(':id', branch.id))
            .set('authorization', `Bearer ${secretary}`),
        ),
      );

      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(answers.every((a) => (a.body as Buffer).equals(answers[0].body as Buffer))).toBe(true);
      expect(wechatCalls() - before).toBe(1);
      expect(await storedCodes(branch.id)).toHaveLength(1);
    } finally {
      await second.app.close();
    }
  });

  it('answers the image WeChat drew for the scan page with the branch’s signed scene', async () => {
    const code = (await get(tokens.secMobile, CheckinRoutes.branchCode, w.mobileBranch.id)).body as BranchCodeView;
    const res = await get(tokens.secMobile, CheckinRoutes.branchWxacode, w.mobileBranch.id);
    expect(res.status).toBe(200);
    expect(readCode(res.body as Buffer)).toBe(`${WXACODE_PAGE}?scene=${encodeURIComponent(code.scene)}`);
  });

  it('serves the stored code afterwards, to anyone above the branch too, without asking WeChat again', async () => {
    await get(tokens.secA1, CheckinRoutes.branchWxacode, w.branchA1.id).expect(200);
    const before = wechatCalls();
    for (const token of [tokens.secA1, tokens.countyA]) {
      const res = await get(token, CheckinRoutes.branchWxacode, w.branchA1.id);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
    }
    expect(wechatCalls()).toBe(before);
    expect(await storedCodes(w.branchA1.id)).toHaveLength(1);
  });

  it('prints the mini-program code on the PNG and PDF posters', async () => {
    const code = (await get(tokens.secMobile, CheckinRoutes.branchCode, w.mobileBranch.id)).body as BranchCodeView;
    const before = wechatCalls();

    const png = await get(tokens.secMobile, CheckinRoutes.branchPosterPng, w.mobileBranch.id);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    // What a phone reads off the poster is the mini-program code, not the H5 link.
    expect(readCode(png.body as Buffer)).toBe(`${WXACODE_PAGE}?scene=${encodeURIComponent(code.scene)}`);

    const pdf = await get(tokens.secMobile, CheckinRoutes.branchPosterPdf, w.mobileBranch.id);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const body = (pdf.body as Buffer).toString('latin1');
    expect(body.startsWith('%PDF-')).toBe(true);
    expect(body).toContain('/Subtype /Image');
    expect(wechatCalls()).toBe(before);
  });

  it('is refused to another branch’s secretary and to members (404), before WeChat is asked', async () => {
    const branch = await createOrg(t.app, w.villageA, 'branch', '东风村第三党支部');
    const m = await createMember(t.app, branch);
    const memberAuth = await memberToken(t, m.member);
    const before = wechatCalls();
    for (const token of [tokens.secB, tokens.secMobile, memberAuth]) {
      for (const route of [CheckinRoutes.branchWxacode, CheckinRoutes.branchPosterPng, CheckinRoutes.branchPosterPdf]) {
        const res = await get(token, route, branch.id);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe(ErrorCode.NOT_FOUND);
      }
    }
    expect(wechatCalls()).toBe(before);
    expect(await storedCodes(branch.id)).toHaveLength(0);
  });

  it.each([
    ['WeChat is busy (errcode -1)', { errcode: -1 }],
    ['WeChat is over its quota (45009)', { errcode: 45009 }],
    ['WeChat answers HTTP 503', { status: 503 }],
  ])(
    'answers 502 WECHAT_UNAVAILABLE and stores nothing when %s, then makes it on the next try',
    async (_l, failure) => {
      const branch = await createOrg(t.app, w.villageB, 'branch', `西关村党支部${randomBytes(2).toString('hex')}`);
      const secretary = await staffToken(t, await createStaff(t.app, ['branch_secretary'], branch.id));

      await failNext(failure);
      const failed = await get(secretary, CheckinRoutes.branchWxacode, branch.id);
      expect(failed.status).toBe(502);
      expect(failed.body).toMatchObject({ code: ErrorCode.WECHAT_UNAVAILABLE });
      expect(await storedCodes(branch.id)).toHaveLength(0);

      await failNext(failure);
      const poster = await get(secretary, CheckinRoutes.branchPosterPdf, branch.id);
      expect(poster.status).toBe(502);
      expect(poster.body.code).toBe(ErrorCode.WECHAT_UNAVAILABLE);
      expect(await storedCodes(branch.id)).toHaveLength(0);

      expect((await get(secretary, CheckinRoutes.branchWxacode, branch.id)).status).toBe(200);
      expect(await storedCodes(branch.id)).toHaveLength(1);
    },
  );

  it('makes a new code after the branch key is rotated, keeping the old one', async () => {
    const branch = await createOrg(t.app, w.villageA, 'branch', '东风村第四党支部');
    await get(tokens.countyA, CheckinRoutes.branchWxacode, branch.id).expect(200);
    const rotated = await request(t.url)
      .post('/api/codes/keys/branch/rotate')
      .set('authorization', `Bearer ${tokens.sysadmin}`);
    expect(rotated.status).toBe(200);
    const code = (await get(tokens.countyA, CheckinRoutes.branchCode, branch.id)).body as BranchCodeView;
    const before = wechatCalls();

    const res = await get(tokens.countyA, CheckinRoutes.branchWxacode, branch.id);

    expect(res.status).toBe(200);
    expect(readCode(res.body as Buffer)).toBe(`${WXACODE_PAGE}?scene=${encodeURIComponent(code.scene)}`);
    expect(wechatCalls() - before).toBe(1);
    expect((await storedCodes(branch.id)).map((r) => r.keyVersion)).toEqual([code.keyVersion - 1, code.keyVersion]);
  });

  describe('made ahead of time', () => {
    let county: Awaited<ReturnType<typeof createOrg>>;
    let branches: Awaited<ReturnType<typeof createOrg>>[];

    beforeAll(async () => {
      const province = await createOrg(t.app, null, 'province', '山西省');
      county = await createOrg(t.app, province, 'county', '阳城县');
      const town = await createOrg(t.app, county, 'township', '润城镇');
      branches = [];
      for (const village of ['上庄村', '中庄村', '下庄村']) {
        const v = await createOrg(t.app, town, 'village', village);
        for (let i = 1; i <= 2; i++) branches.push(await createOrg(t.app, v, 'branch', `${village}第${i}党支部`));
      }
      // One already has its code.
      const admin = await staffToken(t, await createStaff(t.app, ['org_admin'], province.id));
      await get(admin, CheckinRoutes.branchWxacode, branches[2].id).expect(200);
    });

    it('makes every missing code of a subtree in batches, reporting progress, and skips stored ones', async () => {
      const before = wechatCalls();
      const batches: { done: number; made: number; cached: number }[] = [];

      const report = await t.app
        .get(CodesService)
        .pregenerateMiniProgramCodes(county.id, { batchSize: 4, concurrency: 2, onBatch: (p) => batches.push(p) });

      expect(report).toEqual({ total: 6, done: 6, made: 5, cached: 1 });
      expect(batches.map((b) => b.done)).toEqual([4, 6]);
      expect(wechatCalls() - before).toBe(5);
      for (const branch of branches) expect(await storedCodes(branch.id)).toHaveLength(1);

      const again = await t.app
        .get(CodesService)
        .pregenerateMiniProgramCodes(county.id, { batchSize: 4, concurrency: 2 });
      expect(again).toEqual({ total: 6, done: 6, made: 0, cached: 6 });
      expect(wechatCalls() - before).toBe(5);
    });

    it('stops at the first WeChat failure, and carries on when run again', async () => {
      const town = await createOrg(t.app, county, 'township', '北留镇');
      const more = [
        await createOrg(t.app, town, 'branch', '北留一支部'),
        await createOrg(t.app, town, 'branch', '北留二支部'),
      ];
      await failNext({ errcode: -1 });

      await expect(
        t.app.get(CodesService).pregenerateMiniProgramCodes(town.id, { batchSize: 10, concurrency: 1 }),
      ).rejects.toMatchObject({ code: ErrorCode.WECHAT_UNAVAILABLE });
      expect((await storedCodes(more[0].id)).length + (await storedCodes(more[1].id)).length).toBe(0);

      const report = await t.app
        .get(CodesService)
        .pregenerateMiniProgramCodes(town.id, { batchSize: 10, concurrency: 1 });
      expect(report).toMatchObject({ total: 2, made: 2 });
    });

    // Each run is a process that boots the whole app: slow on a loaded machine.
    it('runs as the codes:pregenerate command with the API’s environment', async () => {
      const town = await createOrg(t.app, county, 'township', '町店镇');
      const fresh = await createOrg(t.app, town, 'branch', '町店镇党支部');
      const cli = path.join(serverDir, 'dist/checkins/wxacodes-pregenerate-cli.js');
      const run = (args: string[], extraEnv: Record<string, string> = {}) =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
          execFile(
            process.execPath,
            [cli, ...args],
            { env: { PATH: process.env.PATH, ...env, DATABASE_URL: t.databaseUrl, ...extraEnv }, timeout: 60_000 },
            (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
          );
        });

      const done = await run([county.id, '--batch-size=3']);
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      expect(done.stdout).toContain('3/9 branches');
      expect(done.stdout).toContain('done: 9/9 branches, 1 made, 8 already stored');
      expect(await storedCodes(fresh.id)).toHaveLength(1);

      const off = await run([county.id], { WECHAT_MINIPROGRAM_CODES: 'false' });
      expect(off.code).toBe(2);
      expect(off.stderr).toContain('WECHAT_MINIPROGRAM_CODES');
      const usage = await run(['not-an-org']);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('usage: codes:pregenerate');
    }, 90_000);
  });
});

describe('plain QR branch codes (WECHAT_MINIPROGRAM_CODES unset)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers codeType qr and has no mini-program code to give', async () => {
    const w = await createWorld(t.app);
    const token = await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.branchB.id));
    const auth = (route: string) =>
      request(t.url).get(route.replace(':id', w.branchB.id)).set('authorization', `Bearer ${token}`);

    expect((await auth(CheckinRoutes.branchCode)).body.codeType).toBe('qr');
    const image = await auth(CheckinRoutes.branchWxacode);
    expect(image.status).toBe(404);
    expect(image.body.code).toBe(ErrorCode.NOT_FOUND);
  });
});

describe(BranchWxacodes1764500000000.name, () => {
  it('drops the table on the way down and makes it again on the way up', async () => {
    const db = await createTestDatabase();
    const source = new DataSource(dataSourceOptions(db.url, 1));
    await source.initialize();
    const runner = source.createQueryRunner();
    const migration = new BranchWxacodes1764500000000();
    const exists = async () =>
      (
        (await runner.query(`SELECT to_regclass('branch_wxacodes') IS NOT NULL AS present`)) as { present: boolean }[]
      )[0].present;
    try {
      expect(await exists()).toBe(true);
      await migration.down(runner);
      expect(await exists()).toBe(false);
      await migration.up(runner);
      expect(await exists()).toBe(true);
    } finally {
      await runner.release();
      await source.destroy();
      await db.drop();
    }
  });
});
