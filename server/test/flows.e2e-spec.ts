import request from 'supertest';
import { ErrorCode, FlowRoutes } from '@pioneer/shared';
import { AccountsService } from '../src/accounts/accounts.service.js';
import type { Org } from '../src/orgs/org.entity.js';
import { withSql } from './support/database.js';
import {
  createMember,
  createOrg,
  createStaff,
  arriveAt,
  createWorld,
  fakeIdNumber,
  memberToken,
  staffToken,
  type MemberFixture,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ADDRESS = '上海市闵行区七宝镇新镇路 100 弄 8 号';
const EMPLOYER = '上海宏远建设工程有限公司';

function reportBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    destinationRegionCode: '310112',
    destinationAddress: ADDRESS,
    industry: '建筑业',
    occupation: '施工员',
    employer: EMPLOYER,
    expectedFrom: '2026-03-01',
    expectedUntil: '2026-12-31',
    ...overrides,
  };
}

type Who =
  'secA1' | 'secA2' | 'adminA' | 'adminB' | 'secB' | 'committeeA1' | 'secMobile' | 'adminDistrict' | 'secOther';

describe('flows (流动) through the API', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createWorld>>;
  let group: Org;
  let otherGroup: Org;
  let otherBranch: Org;
  let tokens: Record<Who, string>;

  const get = (token: string, path: string) => request(t.url).get(path).set('authorization', `Bearer ${token}`);
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set('authorization', `Bearer ${token}`).send(body);
  const act = (token: string, flowId: string, action: string, extra: object = {}) =>
    post(token, `/api/flows/${flowId}/actions`, { action, ...extra });
  const ids = (res: request.Response): string[] => res.body.items.map((f: { id: string }) => f.id);

  /** A member of `branch` with a WeChat session. */
  async function member(branch: Org = w.branchA1, name?: string): Promise<MemberFixture & { token: string }> {
    const fixture = await createMember(t.app, branch, name ? { name } : {});
    return { ...fixture, token: await memberToken(t, fixture.member) };
  }

  /** A member who has filed an outflow report; answers the flow id too. */
  async function reported(branch: Org = w.branchA1): Promise<MemberFixture & { token: string; flowId: string }> {
    const m = await member(branch);
    const res = await post(m.token, FlowRoutes.report, reportBody());
    expect(res.status).toBe(201);
    return { ...m, flowId: res.body.id as string };
  }

  /** A reported flow, approved at home and reported at the Shanghai mobile branch. */
  async function arrived(): Promise<MemberFixture & { token: string; flowId: string }> {
    const m = await reported();
    expect((await act(tokens.secA1, m.flowId, 'approve')).status).toBe(200);
    const res = await arriveAt(t, m.token, w.mobileBranch);
    expect(res.status).toBe(200);
    return m;
  }

  beforeAll(async () => {
    // This file makes many requests from one address; the general limit is tested elsewhere.
    t = await startTestApp({ THROTTLE_LIMIT: '100000' });
    w = await createWorld(t.app);
    group = await createOrg(t.app, w.mobileBranch, 'group', '七宝镇服务站党小组');
    otherBranch = await createOrg(t.app, w.street, 'branch', '七宝镇社区党支部');
    otherGroup = await createOrg(t.app, otherBranch, 'group', '七宝镇社区第一党小组');
    const token = async (role: 'branch_secretary' | 'org_admin' | 'branch_committee', org: Org) =>
      staffToken(t, await createStaff(t.app, [role], org.id));
    tokens = {
      secA1: await token('branch_secretary', w.branchA1),
      secA2: await token('branch_secretary', w.branchA2),
      adminA: await token('org_admin', w.countyA),
      adminB: await token('org_admin', w.countyB),
      secB: await token('branch_secretary', w.branchB),
      committeeA1: await token('branch_committee', w.branchA1),
      secMobile: await token('branch_secretary', w.mobileBranch),
      adminDistrict: await token('org_admin', w.district),
      secOther: await token('branch_secretary', otherBranch),
    };
  });
  afterAll(() => t.close());

  describe('党员找组织: report, approve, arrive, confirm', () => {
    let life: MemberFixture & { token: string; flowId: string };

    beforeAll(async () => {
      life = { ...(await member(w.branchA1, '王建国')), flowId: '' };
    });

    it('lets the member file an outflow report, which waits for the home branch', async () => {
      const res = await post(life.token, FlowRoutes.report, reportBody({ contactNote: '在上海期间用微信联系' }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        side: 'self',
        status: 'reported',
        origin: 'outflow_report',
        version: 1,
        memberName: '王建国',
        sendingBranchName: '东风村党支部',
        destinationAddress: ADDRESS,
        employer: EMPLOYER,
        expectedFrom: '2026-03-01',
        expectedUntil: '2026-12-31',
        receivingBranchId: null,
        availableActions: ['withdraw'],
      });
      life.flowId = res.body.id;
    });

    it('offers the home secretary approve and decline, and the approval moves the flow on', async () => {
      const seen = await get(tokens.secA1, `/api/flows/${life.flowId}`);
      expect(seen.body).toMatchObject({ side: 'sending', availableActions: ['approve', 'decline', 'request_changes'] });
      const res = await act(tokens.secA1, life.flowId, 'approve', { expectedVersion: 1, reason: '同意外出务工' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ side: 'sending', status: 'approved', version: 2 });
      expect(res.body.approvedAt).toEqual(expect.any(String));
    });

    it('lets the member report arrival at the Shanghai mobile branch', async () => {
      // The member confirms where they live on arrival (四清): the address reported before leaving.
      const res = await arriveAt(t, life.token, w.mobileBranch, { residence: ADDRESS, stay: 'over_1_year' });
      expect(res.status).toBe(200);
      expect(res.body.flow).toMatchObject({
        status: 'arrived',
        receivingBranchId: w.mobileBranch.id,
        receivingBranchName: '修武县驻上海流动党员党支部',
        availableActions: ['return'],
      });
      expect(res.body.flow.arrivedAt).toEqual(expect.any(String));
    });

    it('lets the receiving secretary confirm the arrival into a party group, making the flow active', async () => {
      const seen = await get(tokens.secMobile, `/api/flows/${life.flowId}`);
      expect(seen.body).toMatchObject({ side: 'receiving', availableActions: ['confirm_arrival'] });
      const res = await act(tokens.secMobile, life.flowId, 'confirm_arrival', { partyGroupId: group.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        side: 'receiving',
        status: 'active',
        partyGroupId: group.id,
        partyGroupName: '七宝镇服务站党小组',
        availableActions: [],
      });
      expect(res.body.activatedAt).toEqual(expect.any(String));
    });

    it('shows the home branch and the member everything, with the destination address decrypted', async () => {
      for (const [token, side] of [
        [tokens.secA1, 'sending'],
        [tokens.adminA, 'sending'],
        [life.token, 'self'],
      ] as const) {
        const res = await get(token, `/api/flows/${life.flowId}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          side,
          status: 'active',
          destinationAddress: ADDRESS,
          destinationRegionCode: '310112',
          industry: '建筑业',
          occupation: '施工员',
          employer: EMPLOYER,
        });
      }
      expect((await get(tokens.secA1, `/api/flows/${life.flowId}`)).body.availableActions).toEqual([
        'return',
        'transfer',
        'mark_lost',
      ]);
      expect((await get(life.token, `/api/flows/${life.flowId}`)).body.availableActions).toEqual(['return']);
    });

    it('shows the receiving side name, masked phone, status, dates and its branch, and nothing of the whereabouts or work', async () => {
      const res = await get(tokens.secMobile, `/api/flows/${life.flowId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        side: 'receiving',
        memberName: '王建国',
        memberPhoneMasked: `${life.phone.slice(0, 3)}****${life.phone.slice(7)}`,
        status: 'active',
        expectedFrom: '2026-03-01',
        receivingBranchName: '修武县驻上海流动党员党支部',
        partyGroupName: '七宝镇服务站党小组',
      });
      for (const key of ['destinationAddress', 'destinationRegionCode', 'employer', 'industry', 'occupation'])
        expect(res.body).not.toHaveProperty(key);
      expect(JSON.stringify(res.body)).not.toContain(life.phone);
      expect(JSON.stringify(res.body)).not.toContain(life.idNumber);
    });

    it('keeps the whole history, with who acted, and shows the receiving side only its own notes', async () => {
      const home = await get(tokens.secA1, `/api/flows/${life.flowId}/transitions`);
      expect(home.status).toBe(200);
      expect(
        home.body.map((s: { action: string; fromStatus: string | null; toStatus: string; actorName: string }) => [
          s.action,
          s.fromStatus,
          s.toStatus,
          s.actorName,
        ]),
      ).toEqual([
        ['report', null, 'reported', '微信用户'],
        ['approve', 'reported', 'approved', '测试工作人员'],
        ['arrive', 'approved', 'arrived', '微信用户'],
        ['confirm_arrival', 'arrived', 'active', '测试工作人员'],
      ]);
      expect(home.body[0].reason).toBe('在上海期间用微信联系');
      expect(home.body[1].reason).toBe('同意外出务工');
      const away = await get(tokens.secMobile, `/api/flows/${life.flowId}/transitions`);
      expect(away.body.map((s: { reason: string | null }) => s.reason)).toEqual([null, null, null, null]);
    });

    it('records every transition in the audit log under the sending branch', async () => {
      const rows = await withSql(
        t.databaseUrl,
        async (c) =>
          (
            await c.query(
              `SELECT action, target_type, org_path, details FROM audit_events WHERE target_id = $1 ORDER BY id`,
              [life.flowId],
            )
          ).rows,
      );
      expect(rows.map((r) => r.details.action)).toEqual(['report', 'approve', 'arrive', 'confirm_arrival']);
      for (const r of rows)
        expect(r).toMatchObject({ action: 'flow.transition', target_type: 'flow', org_path: w.branchA1.path });
      expect(rows[3].details).toEqual({ from: 'arrived', to: 'active', action: 'confirm_arrival', actor: 'receiving' });
    });

    it('stores the destination address only encrypted', async () => {
      const dump = await withSql(t.databaseUrl, async (c) =>
        JSON.stringify((await c.query('SELECT * FROM flows WHERE id = $1', [life.flowId])).rows),
      );
      expect(dump).not.toContain('新镇路');
    });

    it('lists the flow for both branches, the county and the member', async () => {
      expect(ids(await get(tokens.secA1, '/api/flows?side=sending'))).toContain(life.flowId);
      expect(ids(await get(tokens.adminA, '/api/flows'))).toContain(life.flowId);
      expect(ids(await get(tokens.secMobile, '/api/flows?side=receiving&status=active'))).toContain(life.flowId);
      expect(ids(await get(tokens.adminDistrict, '/api/flows?side=receiving'))).toContain(life.flowId);
      const mine = await get(life.token, '/api/flows');
      expect(mine.body.items).toEqual([
        expect.objectContaining({ id: life.flowId, side: 'self', status: 'active', memberName: '王建国' }),
      ]);
    });

    it('closes the receiving side view when the member returns home', async () => {
      const res = await act(life.token, life.flowId, 'return', { reason: '春节后回乡务农' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'returned', availableActions: [] });
      expect(res.body.endedAt).toEqual(expect.any(String));
      expect((await get(tokens.secMobile, `/api/flows/${life.flowId}`)).status).toBe(404);
      expect(ids(await get(tokens.secMobile, '/api/flows'))).not.toContain(life.flowId);
      expect((await get(tokens.secA1, `/api/flows/${life.flowId}`)).body.status).toBe('returned');
    });
  });

  describe('组织找党员: a receiving branch registers a member it found', () => {
    it('opens a found flow that the sending branch confirms into dual management', async () => {
      const found = await createMember(t.app, w.branchB, { name: '李秀英' });
      const res = await post(tokens.secMobile, FlowRoutes.found, {
        receivingBranchId: w.mobileBranch.id,
        name: '李秀英',
        idNumber: found.idNumber,
        industry: '快递',
        note: '网格员走访发现',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        side: 'receiving',
        status: 'found',
        origin: 'found',
        memberName: '李秀英',
        sendingBranchName: '西关村党支部',
        availableActions: [],
      });
      const flowId = res.body.id as string;
      const home = await get(tokens.secB, `/api/flows/${flowId}`);
      expect(home.body).toMatchObject({
        side: 'sending',
        industry: '快递',
        availableActions: ['confirm_found', 'reject_found'],
      });
      const confirmed = await act(tokens.secB, flowId, 'confirm_found');
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: 'active', receivingBranchId: w.mobileBranch.id });
      expect((await get(tokens.secMobile, `/api/flows/${flowId}`)).body.status).toBe('active');
      const history = await get(tokens.secMobile, `/api/flows/${flowId}/transitions`);
      expect(history.body.map((s: { action: string; reason: string | null }) => [s.action, s.reason])).toEqual([
        ['register_found', '网格员走访发现'],
        ['confirm_found', null],
      ]);
    });

    it('lets the sending branch reject a member who is not theirs, closing the flow', async () => {
      const found = await createMember(t.app, w.branchB);
      const res = await post(tokens.secMobile, FlowRoutes.found, {
        receivingBranchId: w.mobileBranch.id,
        name: found.name,
        idNumber: found.idNumber,
      });
      const rejected = await act(tokens.adminB, res.body.id, 'reject_found', { reason: '已于去年转出' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'declined' });
      expect(rejected.body.endedAt).toEqual(expect.any(String));
      expect((await get(tokens.secMobile, `/api/flows/${res.body.id}`)).status).toBe(404);
    });

    it('does not let the receiving branch confirm its own registration', async () => {
      const found = await createMember(t.app, w.branchB);
      const res = await post(tokens.secMobile, FlowRoutes.found, {
        receivingBranchId: w.mobileBranch.id,
        name: found.name,
        idNumber: found.idNumber,
      });
      const denied = await act(tokens.secMobile, res.body.id, 'confirm_found');
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({
        code: ErrorCode.FLOW_WRONG_ACTOR,
        details: { allowedActors: ['sending'] },
      });
    });

    it('answers 404 with a clear message when no member has that name and ID number', async () => {
      const known = await createMember(t.app, w.branchB);
      for (const body of [
        { name: '查无此人', idNumber: fakeIdNumber() },
        { name: '别的名字', idNumber: known.idNumber },
      ]) {
        const res = await post(tokens.secMobile, FlowRoutes.found, { receivingBranchId: w.mobileBranch.id, ...body });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe(ErrorCode.NOT_FOUND);
        expect(res.body.message).toContain('没有找到姓名和身份证号都一致的党员');
      }
    });

    it.each([
      ['registering at a branch outside the caller scope', 'secMobile', (): string => otherBranch.id, 404, 'NOT_FOUND'],
      ['registering at a party group', 'secMobile', (): string => group.id, 400, ErrorCode.ORG_LEVEL_INVALID],
      ['the home county admin registering at Shanghai', 'adminA', (): string => w.mobileBranch.id, 404, 'NOT_FOUND'],
    ] as const)('refuses %s', async (_what, who, branchId, status, code) => {
      const found = await createMember(t.app, w.branchB);
      const res = await post(tokens[who], FlowRoutes.found, {
        receivingBranchId: branchId(),
        name: found.name,
        idNumber: found.idNumber,
      });
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
    });

    it('refuses registering a member who already has an open flow', async () => {
      const away = await reported(w.branchB);
      const res = await post(tokens.secMobile, FlowRoutes.found, {
        receivingBranchId: w.mobileBranch.id,
        name: away.name,
        idNumber: away.idNumber,
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(ErrorCode.FLOW_ALREADY_OPEN);
    });
  });

  describe('报到 with no report on file', () => {
    it('opens a flow already arrived, which the sending side sees and may return', async () => {
      const m = await member();
      const res = await arriveAt(t, m.token, otherBranch, undefined, '扫码报到');
      expect(res.status).toBe(200);
      const flow = res.body.flow;
      expect(flow).toMatchObject({ status: 'arrived', origin: 'arrival', receivingBranchId: otherBranch.id });
      expect(ids(await get(tokens.secA1, '/api/flows?side=sending&status=arrived'))).toContain(flow.id);
      expect((await get(tokens.secOther, `/api/flows/${flow.id}`)).body.availableActions).toEqual(['confirm_arrival']);
      expect((await get(tokens.secA1, `/api/flows/${flow.id}`)).body.availableActions).toEqual(['return', 'mark_lost']);
    });

    it.each([
      ['already arrived', async () => (await arrived()).token],
      [
        'still waiting for approval',
        async () => {
          return (await reported()).token;
        },
      ],
    ])('refuses arriving when the flow is %s (FLOW_WRONG_STATE)', async (_state, tokenOf) => {
      const res = await arriveAt(t, await tokenOf(), otherBranch);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(ErrorCode.FLOW_WRONG_STATE);
      expect(res.body.details.allowedStates).toEqual([null, 'approved']);
    });

    it('gives no arrival code to anything but a branch', async () => {
      const res = await get(tokens.secA1, `/api/orgs/${group.id}/code`);
      expect([400, 404]).toContain(res.status);
    });
  });

  describe('POST /api/flows/report', () => {
    it('lets the home secretary report for a member without a smartphone', async () => {
      const m = await createMember(t.app, w.branchA1);
      const res = await post(tokens.secA1, FlowRoutes.report, reportBody({ memberId: m.member.id }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ side: 'sending', status: 'reported', memberId: m.member.id });
    });

    it.each([
      ['another branch secretary', 'secA2', 404, ErrorCode.NOT_FOUND],
      ['another county admin', 'adminB', 404, ErrorCode.NOT_FOUND],
      ['the receiving branch secretary', 'secMobile', 404, ErrorCode.NOT_FOUND],
      ['a committee member of the branch', 'committeeA1', 403, ErrorCode.FORBIDDEN],
    ] as const)('refuses %s reporting for a member', async (_who, who, status, code) => {
      const m = await createMember(t.app, w.branchA1);
      const res = await post(tokens[who], FlowRoutes.report, reportBody({ memberId: m.member.id }));
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
    });

    it('refuses a second open report for the same member with FLOW_ALREADY_OPEN', async () => {
      const m = await reported();
      const again = await post(m.token, FlowRoutes.report, reportBody());
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.FLOW_ALREADY_OPEN);
      const bySecretary = await post(tokens.secA1, FlowRoutes.report, reportBody({ memberId: m.member.id }));
      expect(bySecretary.body.code).toBe(ErrorCode.FLOW_ALREADY_OPEN);
    });

    it('lets only one of several simultaneous reports open a flow', async () => {
      const m = await member();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => post(m.token, FlowRoutes.report, reportBody())),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(
        Array(4).fill(ErrorCode.FLOW_ALREADY_OPEN),
      );
    });

    it.each([
      ['no destination address', { destinationAddress: undefined }, 'destinationAddress', ErrorCode.VALIDATION_FAILED],
      ['a return before departure', { expectedUntil: '2026-02-01' }, 'expectedUntil', ErrorCode.VALIDATION_FAILED],
      ['a date that does not exist', { expectedFrom: '2026-02-30' }, 'expectedFrom', ErrorCode.VALIDATION_FAILED],
      ['a date with a time', { expectedFrom: '2026-03-01T08:00:00Z' }, 'expectedFrom', ErrorCode.VALIDATION_FAILED],
      ['a region code of letters', { destinationRegionCode: 'abc123' }, 'destinationRegionCode', 'VALIDATION_FAILED'],
      ['a number for the industry', { industry: 42 }, 'industry', ErrorCode.VALIDATION_FAILED],
      ['an unknown field', { status: 'approved' }, 'status', ErrorCode.UNKNOWN_FIELD],
    ])('refuses a report with %s (400)', async (_what, overrides, path, code) => {
      const m = await member();
      const res = await post(m.token, FlowRoutes.report, reportBody(overrides));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    });

    it('refuses a staff account with no roster entry that names no member', async () => {
      const res = await post(tokens.secA1, FlowRoutes.report, reportBody());
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ path: 'memberId' })]);
    });
  });

  describe('POST /api/flows/:id/actions: who may do what', () => {
    let reportedFlow: Awaited<ReturnType<typeof reported>>;
    let arrivedFlow: Awaited<ReturnType<typeof arrived>>;
    let stranger: Awaited<ReturnType<typeof member>>;

    beforeAll(async () => {
      reportedFlow = await reported();
      arrivedFlow = await arrived();
      stranger = await member(w.branchA1);
    });

    it.each([
      ['the member approving their own report', 'member', 'reported', 'approve', 403, ErrorCode.FLOW_WRONG_ACTOR],
      ['the receiving secretary approving', 'secMobile', 'arrived', 'approve', 403, ErrorCode.FLOW_WRONG_ACTOR],
      [
        'the sending secretary confirming an arrival',
        'secA1',
        'arrived',
        'confirm_arrival',
        403,
        ErrorCode.FLOW_WRONG_ACTOR,
      ],
      ['the member confirming their own arrival', 'member', 'arrived', 'confirm_arrival', 403, 'FLOW_WRONG_ACTOR'],
      ['the receiving secretary marking lost', 'secMobile', 'arrived', 'mark_lost', 403, ErrorCode.FLOW_WRONG_ACTOR],
      ['a committee member of the home branch', 'committeeA1', 'reported', 'approve', 403, ErrorCode.FORBIDDEN],
      ['another county admin', 'adminB', 'reported', 'approve', 404, ErrorCode.NOT_FOUND],
      ['another branch in the same village', 'secA2', 'reported', 'decline', 404, ErrorCode.NOT_FOUND],
      ['an unrelated Shanghai branch', 'secOther', 'arrived', 'confirm_arrival', 404, ErrorCode.NOT_FOUND],
      ['the receiving secretary before any arrival', 'secMobile', 'reported', 'approve', 404, ErrorCode.NOT_FOUND],
      ['a member acting on someone else’s flow', 'stranger', 'reported', 'withdraw', 404, ErrorCode.NOT_FOUND],
    ] as const)('refuses %s', async (_who, who, flow, action, status, code) => {
      const f = flow === 'reported' ? reportedFlow : arrivedFlow;
      const token = who === 'member' ? f.token : who === 'stranger' ? stranger.token : tokens[who];
      const res = await act(token, f.flowId, action);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      // Nothing moved.
      expect((await get(tokens.secA1, `/api/flows/${f.flowId}`)).body.status).toBe(flow);
    });

    it('says which side may take the step when the actor is wrong', async () => {
      const res = await act(reportedFlow.token, reportedFlow.flowId, 'approve');
      expect(res.body.details).toEqual({
        action: 'approve',
        status: 'reported',
        actor: 'member',
        allowedStates: ['reported'],
        allowedActors: ['sending'],
      });
      expect(res.body.message).toContain('流出地党组织');
    });

    it('refuses approving twice with FLOW_WRONG_STATE, naming the states that allow it', async () => {
      const f = await reported();
      expect((await act(tokens.secA1, f.flowId, 'approve')).status).toBe(200);
      const again = await act(tokens.adminA, f.flowId, 'approve');
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        code: ErrorCode.FLOW_WRONG_STATE,
        details: { status: 'approved', allowedStates: ['reported'] },
      });
    });

    it('refuses every step on a closed flow', async () => {
      const f = await reported();
      expect((await act(f.token, f.flowId, 'withdraw')).body.status).toBe('withdrawn');
      for (const [token, action] of [
        [tokens.secA1, 'approve'],
        [f.token, 'withdraw'],
        [f.token, 'return'],
        [tokens.secA1, 'mark_lost'],
      ] as const) {
        const res = await act(token, f.flowId, action);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe(ErrorCode.FLOW_WRONG_STATE);
      }
      expect((await get(f.token, `/api/flows/${f.flowId}`)).body.availableActions).toEqual([]);
    });

    it('lets the member open a new report once the last one is closed', async () => {
      const f = await reported();
      await act(tokens.secA1, f.flowId, 'decline', { reason: '材料不全' });
      const next = await post(f.token, FlowRoutes.report, reportBody());
      expect(next.status).toBe(201);
      expect(next.body.id).not.toBe(f.flowId);
    });

    it('does not let a secretary approve their own outflow report, but the county can', async () => {
      const own = await createMember(t.app, w.branchA1);
      const staff = await createStaff(t.app, ['branch_secretary'], w.branchA1.id);
      await t.app.get(AccountsService).bindMember(staff.accountId, own.member.id);
      const token = await staffToken(t, staff);
      const res = await post(token, FlowRoutes.report, reportBody());
      expect(res.body).toMatchObject({ side: 'self', availableActions: ['withdraw'] });
      const self = await act(token, res.body.id, 'approve');
      expect(self.status).toBe(403);
      expect(self.body.code).toBe(ErrorCode.FLOW_WRONG_ACTOR);
      expect((await act(tokens.adminA, res.body.id, 'approve')).status).toBe(200);
    });

    it('refuses a stale expectedVersion with CONFLICT and leaves the flow alone', async () => {
      const f = await reported();
      const res = await act(tokens.secA1, f.flowId, 'approve', { expectedVersion: 7 });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: ErrorCode.CONFLICT, details: { expectedVersion: 7, currentVersion: 1 } });
      expect((await get(tokens.secA1, `/api/flows/${f.flowId}`)).body).toMatchObject({
        status: 'reported',
        version: 1,
      });
    });

    it('lets exactly one of ten concurrent approvals through', async () => {
      const f = await reported();
      const results = await Promise.all(Array.from({ length: 10 }, () => act(tokens.secA1, f.flowId, 'approve')));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      const losers = results.filter((r) => r.status !== 200);
      expect(losers.map((r) => [r.status, r.body.code])).toEqual(Array(9).fill([409, ErrorCode.FLOW_WRONG_STATE]));
      const history = await get(tokens.secA1, `/api/flows/${f.flowId}/transitions`);
      expect(history.body.map((s: { action: string }) => s.action)).toEqual(['report', 'approve']);
      expect((await get(tokens.secA1, `/api/flows/${f.flowId}`)).body.version).toBe(2);
    });

    it.each([
      ['an unknown action', { action: 'promote' }, ErrorCode.VALIDATION_FAILED, 'action'],
      ['an action with its own route', { action: 'arrive' }, ErrorCode.VALIDATION_FAILED, 'action'],
      ['a version sent as text', { action: 'approve', expectedVersion: '1' }, 'VALIDATION_FAILED', 'expectedVersion'],
      ['a reason that is a number', { action: 'approve', reason: 5 }, ErrorCode.VALIDATION_FAILED, 'reason'],
      ['an unknown field', { action: 'approve', status: 'active' }, ErrorCode.UNKNOWN_FIELD, 'status'],
      [
        'a party group id that is not a UUID',
        { action: 'approve', partyGroupId: 'g1' },
        'VALIDATION_FAILED',
        'partyGroupId',
      ],
    ])('refuses %s (400)', async (_what, body, code, path) => {
      const res = await post(tokens.secA1, `/api/flows/${reportedFlow.flowId}/actions`, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    });

    it('refuses a party group on another step even when it is a real one', async () => {
      const res = await act(tokens.secA1, reportedFlow.flowId, 'approve', { partyGroupId: group.id });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ path: 'partyGroupId' })]);
    });

    it('refuses a flow id that is not a UUID (400) and one that does not exist (404)', async () => {
      expect((await act(tokens.secA1, 'not-a-uuid', 'approve')).status).toBe(400);
      const missing = await act(tokens.secA1, '00000000-0000-4000-8000-000000000000', 'approve');
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe(ErrorCode.NOT_FOUND);
    });

    it.each([
      ['a party group under another branch', (): string => otherGroup.id, 404, ErrorCode.NOT_FOUND],
      ['the receiving branch itself', (): string => w.mobileBranch.id, 404, ErrorCode.NOT_FOUND],
      ['an org that does not exist', (): string => '00000000-0000-4000-8000-000000000000', 404, ErrorCode.NOT_FOUND],
    ] as const)('refuses confirming an arrival into %s', async (_what, groupId, status, code) => {
      const f = await arrived();
      const res = await act(tokens.secMobile, f.flowId, 'confirm_arrival', { partyGroupId: groupId() });
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect((await get(tokens.secMobile, `/api/flows/${f.flowId}`)).body.status).toBe('arrived');
    });

    it('follows a member through lost contact and back, then transfer', async () => {
      const f = await arrived();
      await act(tokens.secMobile, f.flowId, 'confirm_arrival');
      const lost = await act(tokens.secA1, f.flowId, 'mark_lost', { reason: '连续三个月联系不上' });
      expect(lost.body).toMatchObject({ status: 'lost_contact', availableActions: ['return', 'restore'] });
      expect((await get(tokens.secMobile, `/api/flows/${f.flowId}`)).status).toBe(404);
      const restored = await act(tokens.secA1, f.flowId, 'restore');
      expect(restored.body).toMatchObject({ status: 'approved' });
      expect(restored.body.approvedAt).toBe(lost.body.approvedAt);
      await arriveAt(t, f.token, w.mobileBranch);
      await act(tokens.secMobile, f.flowId, 'confirm_arrival');
      const moved = await act(tokens.adminA, f.flowId, 'transfer', { reason: '组织关系转入上海' });
      expect(moved.body).toMatchObject({ status: 'transferred', availableActions: [] });
      expect(moved.body.endedAt).toEqual(expect.any(String));
    });
  });

  describe('GET /api/flows and /api/flows/:id', () => {
    let flowIds: string[];

    beforeAll(async () => {
      const a = await arrived();
      const b = await reported(w.branchB);
      flowIds = [a.flowId, b.flowId];
    });

    it('shows an unrelated branch secretary none of these flows on either side', async () => {
      for (const who of ['secA2', 'secOther'] as const) {
        for (const query of ['', '?side=sending', '?side=receiving']) {
          const res = await get(tokens[who], `/api/flows${query}`);
          expect(res.status).toBe(200);
          for (const id of flowIds) expect(ids(res)).not.toContain(id);
        }
      }
    });

    it.each([
      ['another county admin asking for a Xiuwu flow', 'adminB', 0],
      ['an unrelated Shanghai branch asking for a flow received next door', 'secOther', 0],
      ['the Xiuwu county admin asking for a Boai flow', 'adminA', 1],
      ['the receiving secretary asking for a flow that has not arrived anywhere', 'secMobile', 1],
    ] as const)('answers 404 to %s', async (_who, who, index) => {
      const res = await get(tokens[who], `/api/flows/${flowIds[index]}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe(ErrorCode.NOT_FOUND);
      expect((await get(tokens[who], `/api/flows/${flowIds[index]}/transitions`)).status).toBe(404);
    });

    it('gives a member only their own flows, and 404 for anyone else’s', async () => {
      const m = await member();
      expect((await get(m.token, '/api/flows')).body.items).toEqual([]);
      expect((await get(m.token, `/api/flows/${flowIds[0]}`)).status).toBe(404);
    });

    it('shows the receiving side nothing of a reported flow, even when asked by status', async () => {
      const res = await get(tokens.secMobile, '/api/flows?side=receiving&status=reported');
      expect(res.body.items).toEqual([]);
    });

    it('filters by status and by an org within the caller scope', async () => {
      const reportedOnly = await get(tokens.adminA, '/api/flows?status=reported');
      expect(reportedOnly.body.items.every((f: { status: string }) => f.status === 'reported')).toBe(true);
      const village = await get(tokens.adminA, `/api/flows?orgId=${w.branchA2.id}`);
      expect(village.body.items).toEqual([]);
      expect(ids(await get(tokens.adminA, `/api/flows?orgId=${w.branchA1.id}`))).toContain(flowIds[0]);
    });

    it('refuses an orgId outside the caller scope instead of widening it', async () => {
      const res = await get(tokens.secA1, `/api/flows?orgId=${w.countyA.id}`);
      expect(res.status).toBe(404);
    });

    it('pages newest first with a cursor, without gaps or repeats', async () => {
      const all = ids(await get(tokens.adminA, '/api/flows?limit=100'));
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await get(tokens.adminA, `/api/flows?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        paged.push(...ids(res));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      expect(all.length).toBeGreaterThan(3);
      expect(all[0]).toBe((await get(tokens.adminA, '/api/flows?limit=1')).body.items[0].id);
    });

    it.each([
      ['a malformed cursor', '?cursor=bm90LWEtY3Vyc29y', ErrorCode.VALIDATION_FAILED],
      ['an unknown side', '?side=both', ErrorCode.VALIDATION_FAILED],
      ['an unknown status', '?status=gone', ErrorCode.VALIDATION_FAILED],
      ['a limit above 100', '?limit=101', ErrorCode.VALIDATION_FAILED],
      ['an unknown parameter', '?member=1', ErrorCode.UNKNOWN_FIELD],
    ])('refuses %s (400)', async (_what, query, code) => {
      const res = await get(tokens.adminA, `/api/flows${query}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
    });
  });

  describe('转出组织关系: transfer moves the membership', () => {
    /** Every id on every page of a cursor-paged list. */
    async function everyId(token: string, path: string): Promise<string[]> {
      const found: string[] = [];
      let cursor: string | undefined;
      do {
        const sep = path.includes('?') ? '&' : '?';
        const res = await get(token, `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        found.push(...ids(res));
        cursor = res.body.nextCursor;
      } while (cursor);
      return found;
    }

    it('makes the receiving branch the member’s own branch and takes them off the old branch’s roster', async () => {
      const f = await arrived();
      expect((await act(tokens.secMobile, f.flowId, 'confirm_arrival')).status).toBe(200);
      expect(await everyId(tokens.secA1, `/api/members?orgId=${w.branchA1.id}`)).toContain(f.member.id);
      expect((await get(tokens.secMobile, `/api/members/${f.member.id}`)).body.side).toBe('receiving');

      const moved = await act(tokens.secA1, f.flowId, 'transfer', { reason: '组织关系转入上海' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ side: 'sending', status: 'transferred' });

      const seen = await get(tokens.secMobile, `/api/members/${f.member.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({
        side: 'sending',
        branchId: w.mobileBranch.id,
        branchName: '修武县驻上海流动党员党支部',
        name: f.name,
        residence: '上海市闵行区七宝镇',
      });
      expect(seen.body.idNumberMasked).toEqual(expect.any(String));
      const revealed = await post(tokens.secMobile, `/api/members/${f.member.id}/reveal`);
      expect(revealed.status).toBe(200);
      expect(revealed.body.idNumber).toBe(f.idNumber);
      expect(await everyId(tokens.secMobile, `/api/members?orgId=${w.mobileBranch.id}`)).toContain(f.member.id);
      expect(await everyId(tokens.secMobile, `/api/ledgers/branch/${w.mobileBranch.id}`)).toContain(f.member.id);

      for (const who of ['secA1', 'adminA'] as const) {
        const res = await get(tokens[who], `/api/members/${f.member.id}`);
        expect({ who, status: res.status }).toEqual({ who, status: 404 });
        expect(await everyId(tokens[who], '/api/members')).not.toContain(f.member.id);
      }
      expect(await everyId(tokens.secA1, `/api/ledgers/branch/${w.branchA1.id}`)).not.toContain(f.member.id);
      // The member's own view follows the move; the old branch keeps the closed flow in its history.
      expect((await get(f.token, '/api/members/me')).body.branchId).toBe(w.mobileBranch.id);
      expect((await get(tokens.secA1, `/api/flows/${f.flowId}`)).body.status).toBe('transferred');

      const events = await withSql(
        t.databaseUrl,
        async (c) =>
          (
            await c.query(
              `SELECT action, org_path, details FROM audit_events
                WHERE target_id = $1 AND action = 'member.update' ORDER BY id`,
              [f.member.id],
            )
          ).rows,
      );
      expect(events).toEqual([
        {
          action: 'member.update',
          org_path: w.mobileBranch.path,
          details: {
            change: 'membership_transfer',
            flowId: f.flowId,
            fromBranchId: w.branchA1.id,
            toBranchId: w.mobileBranch.id,
          },
        },
      ]);
    });

    it('leaves the membership where it was when the transfer is refused', async () => {
      const f = await arrived();
      const early = await act(tokens.secA1, f.flowId, 'transfer');
      expect(early.status).toBe(409);
      expect(early.body.code).toBe(ErrorCode.FLOW_WRONG_STATE);
      expect((await act(tokens.secMobile, f.flowId, 'confirm_arrival')).status).toBe(200);
      const wrongSide = await act(tokens.secMobile, f.flowId, 'transfer');
      expect(wrongSide.status).toBe(403);
      expect(wrongSide.body.code).toBe(ErrorCode.FLOW_WRONG_ACTOR);
      const stored = await withSql(
        t.databaseUrl,
        async (c) => (await c.query(`SELECT branch_id, branch_path FROM members WHERE id = $1`, [f.member.id])).rows[0],
      );
      expect(stored).toEqual({ branch_id: w.branchA1.id, branch_path: w.branchA1.path });
      expect((await get(tokens.secA1, `/api/members/${f.member.id}`)).body.side).toBe('sending');
    });
  });
});
