import type { INestApplication } from '@nestjs/common';
import {
  ErrorCode,
  FLOW_STATUSES,
  IMPORT_COLUMNS,
  XLSX_CONTENT_TYPE,
  type FlowStatus,
  type ImportCellError,
  type ImportField,
} from '@pioneer/shared';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { AccountsService } from '../src/accounts/accounts.service.js';
import type { Org } from '../src/orgs/org.entity.js';
import { withSql } from './support/database.js';
import {
  createMember,
  createOrg,
  createStaff,
  createWorld,
  fakeIdNumber,
  memberToken,
  staffToken,
  type MemberFixture,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Cell = string | number | Date | null;

/** A roster sheet as a person would fill in the template: headers in row 1, one member per row. */
async function rosterFile(
  rows: Partial<Record<ImportField, Cell>>[],
  headers = IMPORT_COLUMNS.map((c) => c.header),
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('党员名册');
  sheet.addRow(headers);
  for (const row of rows) {
    sheet.addRow(IMPORT_COLUMNS.filter((c) => headers.includes(c.header)).map((c) => row[c.field] ?? null));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readSheets(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

function sheetValues(sheet: ExcelJS.Worksheet): Cell[][] {
  const rows: Cell[][] = [];
  sheet.eachRow((row) => rows.push((row.values as Cell[]).slice(1)));
  return rows;
}

/** Keeps a download's bytes whatever its content type. */
function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** A county of its own, so the figures its rollup shows are exactly the ones a test made. */
async function createCounty(app: INestApplication, city: Org, name: string) {
  const county = await createOrg(app, city, 'county', name);
  const town = await createOrg(app, county, 'township', `${name}祥云镇`);
  const village = await createOrg(app, town, 'village', `${name}南张羌村`);
  const branch1 = await createOrg(app, village, 'branch', `${name}南张羌村党支部`);
  const branch2 = await createOrg(app, village, 'branch', `${name}南张羌村第二党支部`);
  return { county, town, village, branch1, branch2 };
}

interface FlowSeed {
  member: MemberFixture;
  sending: Org;
  receiving?: Org | null;
  status: FlowStatus;
  destination?: string | null;
  industry?: string | null;
  daysAgo?: number;
}

describe('ledgers (台账)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createWorld>>;
  let c: Awaited<ReturnType<typeof createCounty>>;
  let unrelatedBranch: Org;
  let a1: MemberFixture;
  let away: MemberFixture;
  let b: MemberFixture;
  let tokens: Record<
    | 'secA1'
    | 'secA2'
    | 'adminA'
    | 'adminB'
    | 'adminC'
    | 'committeeA1'
    | 'staffA'
    | 'mobileSec'
    | 'unrelatedSec'
    | 'member'
    | 'mixed',
    string
  >;

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (token: string, path: string) => request(t.url).get(path).set(auth(token));
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set(auth(token)).send(body);
  const download = (token: string, path: string) =>
    request(t.url).get(path).set(auth(token)).buffer(true).parse(binary);
  const upload = (token: string, orgId: string, mode: 'preview' | 'commit', file: Buffer, filename = 'roster.xlsx') =>
    request(t.url)
      .post(`/api/ledgers/import?orgId=${orgId}&mode=${mode}`)
      .set(auth(token))
      .attach('file', file, { filename, contentType: XLSX_CONTENT_TYPE });

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withSql(t.databaseUrl, async (client) => (await client.query(text, params)).rows as T[]);
  const memberCount = async () => (await sql<{ n: number }>('SELECT count(*)::int AS n FROM members'))[0].n;

  async function insertFlow(f: FlowSeed): Promise<string> {
    const rows = await sql<{ id: string }>(
      `INSERT INTO flows (member_id, sending_branch_id, sending_path, receiving_branch_id, receiving_path, status, origin,
                          destination_region_code, industry, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() - make_interval(days => $10))
       RETURNING id`,
      [
        f.member.member.id,
        f.sending.id,
        f.sending.path,
        f.receiving?.id ?? null,
        f.receiving?.path ?? null,
        f.status,
        f.status === 'found' ? 'found' : 'outflow_report',
        f.destination ?? null,
        f.industry ?? null,
        f.daysAgo ?? 0,
      ],
    );
    return rows[0].id;
  }

  beforeAll(async () => {
    // This suite walks many endpoints quickly; the general rate limit has its own tests.
    t = await startTestApp({ THROTTLE_LIMIT: '100000' });
    w = await createWorld(t.app);
    c = await createCounty(t.app, w.city, '温县');
    unrelatedBranch = await createOrg(t.app, w.street, 'branch', '七宝镇某社区党支部');
    a1 = await createMember(t.app, w.branchA1, { name: '张伟' });
    away = await createMember(t.app, w.branchA1, { name: '王芳' });
    b = await createMember(t.app, w.branchB, { name: '李娜' });
    await insertFlow({
      member: away,
      sending: w.branchA1,
      receiving: w.mobileBranch,
      status: 'active',
      destination: '310112',
      industry: '快递物流',
    });
    const mixed = await createStaff(t.app, ['branch_committee'], w.villageA.id);
    await t.app.get(AccountsService).grantRole(mixed.accountId, 'branch_secretary', w.branchA1.id);
    tokens = {
      secA1: await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.branchA1.id)),
      secA2: await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.branchA2.id)),
      adminA: await staffToken(t, await createStaff(t.app, ['org_admin'], w.countyA.id)),
      adminB: await staffToken(t, await createStaff(t.app, ['org_admin'], w.countyB.id)),
      adminC: await staffToken(t, await createStaff(t.app, ['org_admin'], c.county.id)),
      committeeA1: await staffToken(t, await createStaff(t.app, ['branch_committee'], w.branchA1.id)),
      staffA: await staffToken(t, await createStaff(t.app, ['community_staff'], w.countyA.id)),
      mobileSec: await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.mobileBranch.id)),
      unrelatedSec: await staffToken(t, await createStaff(t.app, ['branch_secretary'], unrelatedBranch.id)),
      member: await memberToken(t, a1.member),
      mixed: await staffToken(t, mixed),
    };
  });
  afterAll(() => t.close());

  describe('POST /api/ledgers/members/:id/facts and GET /api/ledgers/unclear', () => {
    const ALL = ['identity', 'time', 'whereabouts', 'work'];

    it('lists a freshly registered member as unclear, with every fact missing', async () => {
      const fresh = await createMember(t.app, w.branchA2, { name: '新党员' });
      const res = await get(tokens.adminA, '/api/ledgers/unclear?limit=100');
      expect(res.status).toBe(200);
      const item = res.body.items.find((m: { id: string }) => m.id === fresh.member.id);
      expect(item).toMatchObject({ name: '新党员', unclear: true, branchName: '东风村第二党支部' });
      expect(item.facts.map((f: { state: string }) => f.state)).toEqual(['missing', 'missing', 'missing', 'missing']);
      expect(item.phoneMasked).toMatch(/^1\d\d\*{4}\d{4}$/);
    });

    it('takes a member off the list once the sending side has confirmed all four facts', async () => {
      const m = await createMember(t.app, w.branchA1);
      const res = await post(tokens.committeeA1, `/api/ledgers/members/${m.member.id}/facts`, { facts: ALL });
      expect(res.status).toBe(200);
      expect(res.body.map((f: { state: string }) => f.state)).toEqual(['clear', 'clear', 'clear', 'clear']);
      expect(res.body[0]).toMatchObject({ fact: 'identity', label: '基本情况', confirmedByName: '测试工作人员' });
      const list = await get(tokens.adminA, `/api/ledgers/unclear?orgId=${w.branchA1.id}&limit=100`);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(m.member.id);
    });

    it('keeps a member on the list while only some facts are confirmed', async () => {
      const m = await createMember(t.app, w.branchA1);
      const res = await post(tokens.secA1, `/api/ledgers/members/${m.member.id}/facts`, { facts: ['time', 'work'] });
      expect(res.body.map((f: { state: string }) => f.state)).toEqual(['missing', 'clear', 'missing', 'clear']);
      const list = await get(tokens.secA1, '/api/ledgers/unclear?limit=100');
      const item = list.body.items.find((i: { id: string }) => i.id === m.member.id);
      expect(item.facts).toEqual([
        { fact: 'identity', state: 'missing' },
        { fact: 'time', state: 'clear' },
        { fact: 'whereabouts', state: 'missing' },
        { fact: 'work', state: 'clear' },
      ]);
    });

    it('puts a member back on the list as stale when the facts were confirmed 91 days ago', async () => {
      const m = await createMember(t.app, w.branchA1);
      await post(tokens.secA1, `/api/ledgers/members/${m.member.id}/facts`, { facts: ALL });
      await sql(`UPDATE member_fact_checks SET confirmed_at = now() - interval '91 days' WHERE member_id = $1`, [
        m.member.id,
      ]);
      const list = await get(tokens.secA1, '/api/ledgers/unclear?limit=100');
      const item = list.body.items.find((i: { id: string }) => i.id === m.member.id);
      expect(item.facts.map((f: { state: string }) => f.state)).toEqual(['stale', 'stale', 'stale', 'stale']);
      const file = await get(tokens.secA1, `/api/ledgers/members/${m.member.id}/file`);
      expect(file.body.facts.map((f: { state: string }) => f.state)).toEqual(['stale', 'stale', 'stale', 'stale']);
    });

    it('keeps facts confirmed 89 days ago clear', async () => {
      const m = await createMember(t.app, w.branchA1);
      await post(tokens.secA1, `/api/ledgers/members/${m.member.id}/facts`, { facts: ALL });
      await sql(`UPDATE member_fact_checks SET confirmed_at = now() - interval '89 days' WHERE member_id = $1`, [
        m.member.id,
      ]);
      const list = await get(tokens.secA1, '/api/ledgers/unclear?limit=100');
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(m.member.id);
    });

    it.each([
      ['no facts', { facts: [] }],
      ['an unknown fact', { facts: ['hobbies'] }],
      ['a fact twice', { facts: ['time', 'time'] }],
      ['no list at all', {}],
    ])('refuses %s with VALIDATION_FAILED', async (_what, body) => {
      const res = await post(tokens.secA1, `/api/ledgers/members/${a1.member.id}/facts`, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.VALIDATION_FAILED);
    });

    it.each([
      ['the receiving branch', 'mobileSec', 'away', 403],
      ['another county admin', 'adminB', 'a1', 404],
      ['another branch secretary', 'secA2', 'a1', 404],
      ['community staff', 'staffA', 'a1', 404],
      ['the member themself', 'member', 'a1', 403],
    ] as const)('refuses confirmation by %s', async (_who, who, target, status) => {
      const id = (target === 'away' ? away : a1).member.id;
      const res = await post(tokens[who], `/api/ledgers/members/${id}/facts`, { facts: ALL });
      expect(res.status).toBe(status);
      const stored = await sql('SELECT 1 FROM member_fact_checks WHERE member_id = $1', [id]);
      expect(stored).toEqual([]);
    });

    it('pages the unclear list with a cursor, every member once', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await get(tokens.adminA, `/api/ledgers/unclear?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      const all = await get(tokens.adminA, '/api/ledgers/unclear?limit=100');
      expect(seen).toEqual(all.body.items.map((i: { id: string }) => i.id));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('refuses a forged cursor', async () => {
      const res = await get(
        tokens.adminA,
        `/api/ledgers/unclear?cursor=${Buffer.from('["/x/","y"]').toString('base64url')}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.VALIDATION_FAILED);
    });
  });

  describe('GET /api/ledgers/members/:id/file', () => {
    it('gives the sending side the member, the four facts and every flow with the receiving branch', async () => {
      await insertFlow({ member: away, sending: w.branchA1, status: 'returned', destination: '110105', daysAgo: 400 });
      const res = await get(tokens.secA1, `/api/ledgers/members/${away.member.id}/file`);
      expect(res.status).toBe(200);
      expect(res.body.member).toMatchObject({ side: 'sending', id: away.member.id, name: '王芳' });
      expect(res.body.member.phoneMasked).toBe(`${away.phone.slice(0, 3)}****${away.phone.slice(7)}`);
      expect(res.body.facts).toHaveLength(4);
      expect(res.body.flows).toEqual([
        expect.objectContaining({
          status: 'active',
          receivingBranchName: '修武县驻上海流动党员党支部',
          destinationRegionCode: '310112',
          industry: '快递物流',
        }),
        expect.objectContaining({ status: 'returned', receivingBranchName: null, destinationRegionCode: '110105' }),
      ]);
    });

    it.each([
      ['the receiving branch, which sees the member but not their file', 'mobileSec', 403],
      ['another county admin', 'adminB', 404],
      ['another branch secretary', 'secA2', 404],
      ['community staff', 'staffA', 404],
      ['an unrelated branch secretary', 'unrelatedSec', 404],
    ] as const)('refuses %s', async (_who, who, status) => {
      const res = await get(tokens[who], `/api/ledgers/members/${away.member.id}/file`);
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body)).not.toContain('310112');
    });

    it('refuses a member their own file (403) and anyone else’s (404)', async () => {
      expect((await get(tokens.member, `/api/ledgers/members/${a1.member.id}/file`)).status).toBe(403);
      expect((await get(tokens.member, `/api/ledgers/members/${b.member.id}/file`)).status).toBe(404);
    });
  });

  describe('GET /api/ledgers/branch/:orgId', () => {
    it('lists a branch book with masked phones, the flow and the four-facts flag', async () => {
      const res = await get(tokens.secA1, `/api/ledgers/branch/${w.branchA1.id}?limit=100`);
      expect(res.status).toBe(200);
      const row = res.body.items.find((i: { id: string }) => i.id === away.member.id);
      expect(row).toEqual({
        id: away.member.id,
        name: '王芳',
        phoneMasked: `${away.phone.slice(0, 3)}****${away.phone.slice(7)}`,
        branchId: w.branchA1.id,
        branchName: '东风村党支部',
        flowStatus: 'active',
        destinationRegionCode: '310112',
        industry: '快递物流',
        unclear: true,
      });
      for (const item of res.body.items) expect(item.branchId).toBe(w.branchA1.id);
    });

    it('gives a village book every branch under the village', async () => {
      const a2 = await createMember(t.app, w.branchA2);
      const res = await get(tokens.adminA, `/api/ledgers/branch/${w.villageA.id}?limit=100`);
      const ids = res.body.items.map((i: { id: string }) => i.id);
      expect(ids).toEqual(expect.arrayContaining([a1.member.id, a2.member.id]));
      expect(ids).not.toContain(b.member.id);
    });

    it('pages with a cursor, every member of the subtree once', async () => {
      const all = (await get(tokens.adminA, `/api/ledgers/branch/${w.countyA.id}?limit=100`)).body.items;
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await get(
          tokens.adminA,
          `/api/ledgers/branch/${w.countyA.id}?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.map((i: { id: string }) => i.id));
    });

    it.each([
      ['another county admin', 'adminB', 404],
      ['a secretary of a sibling branch', 'secA2', 404],
      ['community staff', 'staffA', 404],
      ['a member', 'member', 404],
    ] as const)('refuses %s', async (_who, who, status) => {
      const res = await get(tokens[who], `/api/ledgers/branch/${w.branchA1.id}`);
      expect(res.status).toBe(status);
    });
  });

  describe('GET /api/ledgers/rollup/:orgId', () => {
    let members: MemberFixture[];

    beforeAll(async () => {
      members = [];
      for (const [i, branch] of [c.branch1, c.branch1, c.branch1, c.branch1, c.branch2, c.branch2].entries())
        members.push(await createMember(t.app, branch, { name: `温县党员${i + 1}` }));
      const [m1, m2, m3, m4, m5] = members;
      const seeds: Omit<FlowSeed, 'sending'>[] = [
        { member: m1, receiving: w.mobileBranch, status: 'active', destination: '310112', industry: '交通运输' },
        { member: m2, receiving: w.mobileBranch, status: 'active', destination: '310112', industry: '建筑业' },
        { member: m3, status: 'approved', destination: '110105' },
        {
          member: m4,
          receiving: w.mobileBranch,
          status: 'returned',
          destination: '310112',
          industry: '交通运输',
          daysAgo: 200,
        },
        { member: m4, status: 'lost_contact', destination: '440882', industry: '交通运输' },
        { member: m5, status: 'reported', destination: '440882', industry: '餐饮' },
      ];
      for (const s of seeds) await insertFlow({ ...s, sending: s.member === m5 ? c.branch2 : c.branch1 });
      // Two members of another county who came to live here: an inflow.
      const inA = await createMember(t.app, w.branchB);
      const inB = await createMember(t.app, w.branchB);
      await insertFlow({
        member: inA,
        sending: w.branchB,
        receiving: c.branch2,
        status: 'active',
        destination: '410825',
      });
      await insertFlow({
        member: inB,
        sending: w.branchB,
        receiving: c.branch1,
        status: 'found',
        destination: '410825',
      });
      // One member fully clear, one confirmed too long ago.
      const facts = { facts: ['identity', 'time', 'whereabouts', 'work'] };
      expect((await post(tokens.adminC, `/api/ledgers/members/${members[5].member.id}/facts`, facts)).status).toBe(200);
      await post(tokens.adminC, `/api/ledgers/members/${m5.member.id}/facts`, facts);
      await sql(`UPDATE member_fact_checks SET confirmed_at = now() - interval '91 days' WHERE member_id = $1`, [
        m5.member.id,
      ]);
    });

    const counts = (byStatus: { status: string; count: number }[]) =>
      Object.fromEntries(byStatus.filter((s) => s.count > 0).map((s) => [s.status, s.count]));

    it('counts a county’s outflows and inflows by status, its members and its unclear members', async () => {
      const res = await get(tokens.adminC, `/api/ledgers/rollup/${c.county.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ orgId: c.county.id, orgName: '温县', totalMembers: 6, unclearMembers: 5 });
      expect(res.body.outflowByStatus.map((s: { status: string }) => s.status)).toEqual([...FLOW_STATUSES]);
      expect(counts(res.body.outflowByStatus)).toEqual({
        active: 2,
        approved: 1,
        returned: 1,
        lost_contact: 1,
        reported: 1,
      });
      expect(counts(res.body.inflowByStatus)).toEqual({ active: 1, found: 1 });
    });

    it('ranks current outflows by destination and by industry, leaving ended flows out', async () => {
      const res = await get(tokens.adminC, `/api/ledgers/rollup/${c.county.id}`);
      expect(res.body.outflowByDestination).toEqual([
        { regionCode: '310112', count: 2 },
        { regionCode: '440882', count: 2 },
        { regionCode: '110105', count: 1 },
      ]);
      expect(res.body.outflowByIndustry[0]).toEqual({ industry: '交通运输', count: 2 });
      expect(res.body.outflowByIndustry).toHaveLength(4);
      expect(res.body.outflowByIndustry).toEqual(
        expect.arrayContaining([
          { industry: '建筑业', count: 1 },
          { industry: '餐饮', count: 1 },
          { industry: null, count: 1 },
        ]),
      );
    });

    it('gives the township the same figures and one branch only its own', async () => {
      const town = await get(tokens.adminC, `/api/ledgers/rollup/${c.town.id}`);
      const county = await get(tokens.adminC, `/api/ledgers/rollup/${c.county.id}`);
      expect({ ...town.body, orgId: null, orgName: null }).toEqual({ ...county.body, orgId: null, orgName: null });
      const branch2 = await get(tokens.adminC, `/api/ledgers/rollup/${c.branch2.id}`);
      expect(branch2.body).toMatchObject({ totalMembers: 2, unclearMembers: 1 });
      expect(counts(branch2.body.outflowByStatus)).toEqual({ reported: 1 });
      expect(counts(branch2.body.inflowByStatus)).toEqual({ active: 1 });
    });

    it('shows the receiving branch what flowed in, and no members of its own', async () => {
      const res = await get(tokens.mobileSec, `/api/ledgers/rollup/${w.mobileBranch.id}`);
      expect(res.status).toBe(200);
      expect(counts(res.body.inflowByStatus)).toEqual({ active: 3, returned: 1 });
      expect(res.body).toMatchObject({ totalMembers: 0, unclearMembers: 0 });
    });

    it.each([
      ['another county admin', 'adminA', 404],
      ['community staff', 'staffA', 404],
      ['a member', 'member', 404],
      ['an unrelated branch secretary', 'unrelatedSec', 404],
    ] as const)('refuses %s', async (_who, who, status) => {
      expect((await get(tokens[who], `/api/ledgers/rollup/${c.county.id}`)).status).toBe(status);
    });

    it('refuses another county admin the county of the world too', async () => {
      expect((await get(tokens.adminB, `/api/ledgers/rollup/${w.countyA.id}`)).status).toBe(404);
    });
  });

  describe('GET /api/ledgers/import/template', () => {
    it('gives an .xlsx with the Chinese headers and a sheet of instructions', async () => {
      const res = await download(tokens.secA1, '/api/ledgers/import/template');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain(XLSX_CONTENT_TYPE);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('党员名册导入模板.xlsx'));
      const workbook = await readSheets(res.body as Buffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['党员名册', '填写说明']);
      expect(sheetValues(workbook.worksheets[0])[0]).toEqual([
        '姓名',
        '性别',
        '民族',
        '出生日期',
        '身份证号',
        '手机号',
        '学历',
        '入党日期',
        '党员类型(正式/预备)',
        '现居住地',
        '职业',
        '行业',
        '工作单位',
        '所在党支部编号',
        '所在党支部名称',
      ]);
    });

    it('lists the branch numbers under the chosen org, and only there', async () => {
      const res = await download(tokens.adminA, `/api/ledgers/import/template?orgId=${w.villageA.id}`);
      const rows = sheetValues((await readSheets(res.body as Buffer)).getWorksheet('党支部编号')!);
      expect(rows.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining([w.branchA1.id, w.branchA2.id]));
      expect(rows).toHaveLength(3);
      expect((await download(tokens.adminB, `/api/ledgers/import/template?orgId=${w.villageA.id}`)).status).toBe(404);
    });
  });

  describe('POST /api/ledgers/import', () => {
    const good = (overrides: Partial<Record<ImportField, Cell>> = {}): Partial<Record<ImportField, Cell>> => ({
      name: '赵磊',
      gender: '男',
      ethnicity: '汉族',
      idNumber: fakeIdNumber('19880808'),
      phone: '13912345678',
      education: '高中',
      joinedAt: '2012-07-01',
      membershipStatus: '正式',
      residence: '上海市闵行区七宝镇',
      occupation: '快递员',
      industry: '交通运输',
      employer: '某快递公司',
      branchName: '东风村党支部',
      ...overrides,
    });

    it('reports every bad row and column of a bad file and writes nothing, in preview or commit', async () => {
      const dup = fakeIdNumber();
      const good1 = fakeIdNumber();
      const wrongCheck = good1.slice(0, 17) + (good1[17] === '0' ? '1' : '0');
      const file = await rosterFile([
        good({ idNumber: dup }),
        good({ idNumber: dup, name: '重复者' }),
        good({ idNumber: a1.idNumber }),
        good({ idNumber: fakeIdNumber(), branchName: '不存在党支部' }),
        good({ idNumber: fakeIdNumber(), joinedAt: '2012-02-30' }),
        good({ idNumber: wrongCheck }),
        good({ idNumber: fakeIdNumber(), branchName: null, branchId: w.branchB.id }),
      ]);
      const before = await memberCount();
      const preview = await upload(tokens.adminA, w.villageA.id, 'preview', file);
      expect(preview.status).toBe(200);
      const expected = [
        { row: 3, column: '身份证号', code: 'duplicate_in_file' },
        { row: 4, column: '身份证号', code: 'duplicate_on_roster' },
        { row: 5, column: '所在党支部名称', code: 'unknown_branch' },
        { row: 6, column: '入党日期', code: 'invalid_date' },
        { row: 7, column: '身份证号', code: 'invalid_id_number' },
        { row: 8, column: '所在党支部编号', code: 'unknown_branch' },
      ];
      expect(preview.body).toMatchObject({ mode: 'preview', totalRows: 7, goodRows: 1, inserted: 0 });
      expect(preview.body.errors.map(({ row, column, code }: ImportCellError) => ({ row, column, code }))).toEqual(
        expected,
      );
      expect(preview.body.errors[0].message).toBe('与第 2 行的身份证号重复');

      const commit = await upload(tokens.adminA, w.villageA.id, 'commit', file);
      expect(commit.status).toBe(422);
      expect(commit.body.code).toBe(ErrorCode.IMPORT_INVALID);
      expect(
        commit.body.details.errors.map(({ row, column, code }: ImportCellError) => ({ row, column, code })),
      ).toEqual(expected);
      expect(await memberCount()).toBe(before);
    });

    it('previews a good file without writing, then commits every row in one go', async () => {
      const rows = [
        good({ name: '周杰', branchName: '东风村党支部' }),
        good({ name: '吴敏', branchName: null, branchId: w.branchA2.id, membershipStatus: '预备', gender: '女' }),
        good({ name: '郑浩', branchName: '东风村第二党支部', phone: null, joinedAt: new Date(Date.UTC(2015, 6, 1)) }),
      ].map((r) => ({ ...r, idNumber: fakeIdNumber('19900101') }));
      const file = await rosterFile(rows);
      const before = await memberCount();

      const preview = await upload(tokens.adminA, w.villageA.id, 'preview', file);
      expect(preview.body).toEqual({ mode: 'preview', totalRows: 3, goodRows: 3, inserted: 0, errors: [] });
      expect(await memberCount()).toBe(before);

      const commit = await upload(tokens.adminA, w.villageA.id, 'commit', file);
      expect(commit.status).toBe(200);
      expect(commit.body).toEqual({ mode: 'commit', totalRows: 3, goodRows: 3, inserted: 3, errors: [] });
      expect(await memberCount()).toBe(before + 3);

      const found = await get(tokens.adminA, `/api/members?q=${rows[1].idNumber}`);
      expect(found.body.items).toEqual([
        expect.objectContaining({ name: '吴敏', branchName: '东风村第二党支部', membershipStatus: 'probationary' }),
      ]);
      const again = await upload(tokens.adminA, w.villageA.id, 'commit', file);
      expect(again.status).toBe(422);
      expect(again.body.details.errors.map((e: ImportCellError) => e.code)).toEqual(
        Array(3).fill('duplicate_on_roster'),
      );
      expect(await memberCount()).toBe(before + 3);
    });

    it('puts rows without a branch into the chosen branch, and audits the commit', async () => {
      const idNumber = fakeIdNumber('19920202');
      const file = await rosterFile([{ name: '钱进', idNumber }], ['姓名', '身份证号']);
      const res = await upload(tokens.secA1, w.branchA1.id, 'commit', file);
      expect(res.body).toMatchObject({ inserted: 1, errors: [] });
      const rows = await sql<{ branch_id: string }>(
        `SELECT branch_id FROM members WHERE created_at > now() - interval '1 minute' ORDER BY created_at DESC LIMIT 1`,
      );
      expect(rows[0].branch_id).toBe(w.branchA1.id);
      const events = await sql<{ target_id: string; details: { rows: number } }>(
        `SELECT target_id, details FROM audit_events WHERE action = 'ledger.import' ORDER BY id DESC LIMIT 1`,
      );
      expect(events[0]).toEqual({ target_id: w.branchA1.id, details: { rows: 1 } });
    });

    it('lets exactly one of two racing commits of the same file write, and the other write nothing', async () => {
      const rows = Array.from({ length: 20 }, (_, i) => good({ name: `并发${i}`, idNumber: fakeIdNumber('19950505') }));
      const file = await rosterFile(rows);
      const before = await memberCount();
      const results = await Promise.all([
        upload(tokens.adminA, w.villageA.id, 'commit', file),
        upload(tokens.adminA, w.villageA.id, 'commit', file),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
      expect(await memberCount()).toBe(before + 20);
    });

    it('refuses a branch the caller sees but does not manage', async () => {
      const file = await rosterFile([
        good({ idNumber: fakeIdNumber(), branchName: '东风村党支部' }),
        good({ idNumber: fakeIdNumber(), branchName: '东风村第二党支部' }),
      ]);
      const res = await upload(tokens.mixed, w.villageA.id, 'preview', file);
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ row: 3, column: '所在党支部名称', code: 'branch_out_of_scope' }),
      ]);
    });

    it.each([
      ['another county admin', 'adminB', 404],
      ['a committee member, who may not change the roster', 'committeeA1', 403],
      ['community staff', 'staffA', 404],
      ['a member', 'member', 404],
    ] as const)('refuses %s', async (_who, who, status) => {
      const before = await memberCount();
      const file = await rosterFile([good({ idNumber: fakeIdNumber() })]);
      const orgId = who === 'committeeA1' ? w.branchA1.id : w.villageA.id;
      expect((await upload(tokens[who], orgId, 'commit', file)).status).toBe(status);
      expect(await memberCount()).toBe(before);
    });

    it('refuses a file that is not .xlsx with UNSUPPORTED_MEDIA_TYPE', async () => {
      const csv = Buffer.from('姓名,身份证号\n张三,410821198503121233\n');
      const res = await upload(tokens.adminA, w.villageA.id, 'preview', csv, 'roster.csv');
      expect(res.status).toBe(415);
      expect(res.body.code).toBe(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
      const renamed = await upload(tokens.adminA, w.villageA.id, 'preview', csv, 'roster.xlsx');
      expect(renamed.status).toBe(415);
    });

    it('refuses a damaged workbook, a sheet without the headers and a missing file with IMPORT_FILE_INVALID', async () => {
      const damaged = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
      const noHeaders = await rosterFile([{ name: '张三' }], ['名字', '号码']);
      const missingId = await rosterFile([{ name: '张三' }], ['姓名', '手机号']);
      for (const file of [damaged, noHeaders, missingId]) {
        const res = await upload(tokens.adminA, w.villageA.id, 'preview', file);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe(ErrorCode.IMPORT_FILE_INVALID);
      }
      const none = await request(t.url).post(`/api/ledgers/import?orgId=${w.villageA.id}`).set(auth(tokens.adminA));
      expect(none.status).toBe(400);
      expect(none.body.code).toBe(ErrorCode.IMPORT_FILE_INVALID);
    });

    it('refuses a file over 5 MB with PAYLOAD_TOO_LARGE', async () => {
      const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1);
      const res = await upload(tokens.adminA, w.villageA.id, 'preview', big);
      expect(res.status).toBe(413);
      expect(res.body.code).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
    });

    it('refuses an unknown mode', async () => {
      const res = await upload(tokens.adminA, w.villageA.id, 'write' as 'commit', await rosterFile([good()]));
      expect(res.status).toBe(400);
    });
  });

  describe('GET /api/ledgers/export/:orgId.xlsx', () => {
    it('exports the subtree with phones and ID numbers masked', async () => {
      const res = await download(tokens.adminC, `/api/ledgers/export/${c.county.id}.xlsx`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain(XLSX_CONTENT_TYPE);
      const rows = sheetValues((await readSheets(res.body as Buffer)).worksheets[0]);
      const header = rows[0];
      expect(rows).toHaveLength(7);
      const names = rows.slice(1).map((r) => r[header.indexOf('姓名')]);
      expect(names.sort()).toEqual(['温县党员1', '温县党员2', '温县党员3', '温县党员4', '温县党员5', '温县党员6']);
      for (const r of rows.slice(1)) {
        expect(r[header.indexOf('手机号')]).toMatch(/^1\d\d\*{4}\d{4}$/);
        expect(r[header.indexOf('身份证号')]).toMatch(/^\d\*{16}[\dX]$/);
        expect(r[header.indexOf('现居住地（完整导出）')] ?? null).toBeNull();
      }
      const text = JSON.stringify(rows);
      expect(text).toContain('双向共管中');
      expect(text).toContain('已清');
    });

    it('exports full numbers to the county admin and audits it', async () => {
      const res = await download(tokens.adminA, `/api/ledgers/export/${w.branchA1.id}.xlsx?full=true`);
      expect(res.status).toBe(200);
      const rows = sheetValues((await readSheets(res.body as Buffer)).worksheets[0]);
      const header = rows[0];
      const row = rows.find((r) => r[header.indexOf('姓名')] === '张伟')!;
      expect(row[header.indexOf('手机号')]).toBe(a1.phone);
      expect(row[header.indexOf('身份证号')]).toBe(a1.idNumber);
      const events = await sql<{ result: string; target_id: string; details: { full: boolean; rows: number } }>(
        `SELECT result, target_id, details FROM audit_events WHERE action = 'ledger.export' ORDER BY id DESC LIMIT 1`,
      );
      expect(events[0]).toMatchObject({ result: 'ok', target_id: w.branchA1.id, details: { full: true } });
      expect(events[0].details.rows).toBe(rows.length - 1);
    });

    it('refuses a full export to a committee member, and audits the refusal', async () => {
      const res = await download(tokens.committeeA1, `/api/ledgers/export/${w.branchA1.id}.xlsx?full=true`);
      expect(res.status).toBe(403);
      expect(JSON.parse((res.body as Buffer).toString('utf8')).code).toBe(ErrorCode.FORBIDDEN);
      const events = await sql<{ result: string }>(
        `SELECT result FROM audit_events WHERE action = 'ledger.export' ORDER BY id DESC LIMIT 1`,
      );
      expect(events[0].result).toBe('denied');
      const masked = await download(tokens.committeeA1, `/api/ledgers/export/${w.branchA1.id}.xlsx`);
      expect(masked.status).toBe(200);
    });

    it('refuses more than 50,000 members with EXPORT_TOO_LARGE, asking for a smaller org', async () => {
      const big = await createCounty(t.app, w.city, '大县');
      // Placeholder rows straight into SQL: only their number matters here, and nothing else reads this county.
      await sql(
        `INSERT INTO members (branch_id, branch_path, name_cipher, name_index, id_number_cipher, id_number_index, name_id6_index)
         SELECT $1, $2, 'x', 'x', 'x', 'bulk-' || n, 'x' FROM generate_series(1, 50001) n`,
        [big.branch1.id, big.branch1.path],
      );
      const admin = await staffToken(t, await createStaff(t.app, ['org_admin'], big.county.id));
      const res = await download(admin, `/api/ledgers/export/${big.town.id}.xlsx`);
      expect(res.status).toBe(422);
      const body = JSON.parse((res.body as Buffer).toString('utf8'));
      expect(body).toMatchObject({ code: ErrorCode.EXPORT_TOO_LARGE, details: { total: 50001, max: 50000 } });
      expect(body.message).toContain('请选择下一级组织分别导出');
    });

    it.each([
      ['another county admin', 'adminB', 404],
      ['community staff', 'staffA', 404],
      ['a member', 'member', 404],
      ['the receiving branch', 'mobileSec', 404],
    ] as const)('refuses %s', async (_who, who, status) => {
      expect((await download(tokens[who], `/api/ledgers/export/${w.branchA1.id}.xlsx`)).status).toBe(status);
    });
  });

  describe('an unrelated branch secretary', () => {
    it('finds no member of the world on any ledger list', async () => {
      const worldOrgs = Object.values(w);
      const names = ['张伟', '王芳', '李娜', '温县党员1', '周杰'];
      const bodies: string[] = [];
      const unclear = await get(tokens.unrelatedSec, '/api/ledgers/unclear?limit=100');
      expect(unclear.status).toBe(200);
      expect(unclear.body.items).toEqual([]);
      const own = await get(tokens.unrelatedSec, `/api/ledgers/branch/${unrelatedBranch.id}?limit=100`);
      expect(own.body.items).toEqual([]);
      bodies.push(unclear.text, own.text);
      for (const org of [...worldOrgs, c.county, c.branch1]) {
        for (const path of [
          `/api/ledgers/unclear?orgId=${org.id}`,
          `/api/ledgers/branch/${org.id}`,
          `/api/ledgers/rollup/${org.id}`,
          `/api/ledgers/import/template?orgId=${org.id}`,
        ]) {
          const res = await get(tokens.unrelatedSec, path);
          expect([path, res.status]).toEqual([path, 404]);
          bodies.push(res.text);
        }
        const exported = await download(tokens.unrelatedSec, `/api/ledgers/export/${org.id}.xlsx`);
        expect(exported.status).toBe(404);
        bodies.push((exported.body as Buffer).toString('utf8'));
      }
      for (const m of [a1, away, b]) {
        const file = await get(tokens.unrelatedSec, `/api/ledgers/members/${m.member.id}/file`);
        expect(file.status).toBe(404);
        bodies.push(file.text);
      }
      const all = bodies.join('\n');
      for (const name of names) expect(all).not.toContain(name);
      for (const m of [a1, away, b]) expect(all).not.toContain(m.member.id);
    });
  });

  describe('a system admin', () => {
    it('is refused the ledgers, since operators do not browse member data', async () => {
      const token = await staffToken(t, await createStaff(t.app, ['system_admin']));
      expect((await get(token, `/api/ledgers/rollup/${w.countyA.id}`)).status).toBe(403);
      expect((await get(token, `/api/ledgers/branch/${w.branchA1.id}`)).status).toBe(403);
      expect((await download(token, `/api/ledgers/export/${w.branchA1.id}.xlsx`)).status).toBe(403);
      expect((await get(token, `/api/ledgers/members/${a1.member.id}/file`)).status).toBe(404);
      expect((await get(token, '/api/ledgers/unclear')).body.items).toEqual([]);
    });
  });

  describe('community staff', () => {
    it('sees nothing on the ledgers', async () => {
      const unclear = await get(tokens.staffA, '/api/ledgers/unclear');
      expect(unclear.status).toBe(200);
      expect(unclear.body.items).toEqual([]);
      expect((await get(tokens.staffA, `/api/ledgers/unclear?orgId=${w.countyA.id}`)).status).toBe(404);
    });
  });
});
