import request from 'supertest';
import {
  AgreementRoutes,
  ErrorCode,
  FlowRoutes,
  ResponsibilityRoutes,
  type AgreementView,
  type FlowResponsibilitiesView,
  type ResponsibilityTemplateView,
} from '@pioneer/shared';
import type { Org } from '../src/orgs/org.entity.js';
import { createMember, createOrg, createStaff, createWorld, memberToken, staffToken } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Who = 'adminA' | 'adminB' | 'adminDistrict' | 'secA1' | 'committeeA1' | 'secMobile' | 'secB' | 'secOther';

describe('co-management agreements (共管协议) and responsibility lists (三张责任清单)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createWorld>>;
  let otherBranch: Org;
  let tokens: Record<Who, string>;

  const get = (token: string, path: string) => request(t.url).get(path).set('authorization', `Bearer ${token}`);
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set('authorization', `Bearer ${token}`).send(body);
  const put = (token: string, path: string, body: object) =>
    request(t.url).put(path).set('authorization', `Bearer ${token}`).send(body);
  const templates = (orgId: string) => `${ResponsibilityRoutes.templates}?orgId=${orgId}`;
  const flowPath = (flowId: string) => ResponsibilityRoutes.flow.replace(':flowId', flowId);
  const countBySide = (items: { side: string }[]) =>
    items.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.side]: (acc[i.side] ?? 0) + 1 }), {});

  const agreementBody = (overrides: Record<string, unknown> = {}) => ({
    sendingOrgId: w.countyA.id,
    receivingOrgId: w.district.id,
    title: '修武县—闵行区流动党员双向共管协议',
    startsOn: '2020-01-01',
    endsOn: '2099-12-31',
    scopeNote: '修武县在闵行区务工的流动党员',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_LIMIT: '100000' });
    w = await createWorld(t.app);
    otherBranch = await createOrg(t.app, w.street, 'branch', '七宝镇社区党支部');
    const token = async (role: 'branch_secretary' | 'org_admin' | 'branch_committee', org: Org) =>
      staffToken(t, await createStaff(t.app, [role], org.id));
    tokens = {
      adminA: await token('org_admin', w.countyA),
      adminB: await token('org_admin', w.countyB),
      adminDistrict: await token('org_admin', w.district),
      secA1: await token('branch_secretary', w.branchA1),
      committeeA1: await token('branch_committee', w.branchA1),
      secMobile: await token('branch_secretary', w.mobileBranch),
      secB: await token('branch_secretary', w.branchB),
      secOther: await token('branch_secretary', otherBranch),
    };
  });
  afterAll(() => t.close());

  describe('agreements', () => {
    let agreement: AgreementView;

    it('lets county A’s org admin sign one with the destination district', async () => {
      const res = await post(tokens.adminA, AgreementRoutes.list, agreementBody());
      expect(res.status).toBe(201);
      agreement = res.body as AgreementView;
      expect(agreement).toMatchObject({
        sendingOrgId: w.countyA.id,
        sendingOrgName: '修武县',
        receivingOrgId: w.district.id,
        receivingOrgName: '闵行区',
        startsOn: '2020-01-01',
        endsOn: '2099-12-31',
        status: 'active',
      });
    });

    it('shows it to both parties and to branches below them, not to county B', async () => {
      for (const who of ['adminA', 'adminDistrict', 'secA1', 'secMobile'] as const) {
        const res = await get(tokens[who], AgreementRoutes.list);
        expect({ who, status: res.status }).toEqual({ who, status: 200 });
        expect(res.body.map((a: AgreementView) => a.id)).toContain(agreement.id);
      }
      const b = await get(tokens.adminB, AgreementRoutes.list);
      expect(b.status).toBe(200);
      expect(b.body).toEqual([]);
      expect((await get(tokens.adminB, `${AgreementRoutes.list}/${agreement.id}`)).status).toBe(404);
      expect((await get(tokens.adminDistrict, `${AgreementRoutes.list}/${agreement.id}`)).status).toBe(200);
    });

    it('refuses callers who act for neither party, or only as a branch', async () => {
      const b = await post(tokens.adminB, AgreementRoutes.list, agreementBody());
      expect(b.status).toBe(404);
      expect(b.body.code).toBe(ErrorCode.NOT_FOUND);
      expect((await post(tokens.adminB, `/api/agreements/${agreement.id}/end`)).status).toBe(404);
      // A branch secretary inside county A sees county A's agreements but does not sign for the county.
      expect((await post(tokens.secA1, AgreementRoutes.list, agreementBody())).status).toBe(404);
      expect((await post(tokens.secMobile, `/api/agreements/${agreement.id}/end`)).status).toBe(403);
    });

    it('rejects an end date before the start, unknown fields and branch-level parties', async () => {
      const dates = await post(tokens.adminA, AgreementRoutes.list, agreementBody({ endsOn: '2019-12-31' }));
      expect(dates.status).toBe(400);
      expect(dates.body.code).toBe(ErrorCode.VALIDATION_FAILED);
      const unknown = await post(tokens.adminA, AgreementRoutes.list, agreementBody({ signedBy: '某某' }));
      expect(unknown.status).toBe(400);
      expect(unknown.body.code).toBe(ErrorCode.UNKNOWN_FIELD);
      const level = await post(
        tokens.adminA,
        AgreementRoutes.list,
        agreementBody({ receivingOrgId: w.mobileBranch.id }),
      );
      expect(level.status).toBe(400);
      expect(level.body.code).toBe(ErrorCode.ORG_LEVEL_INVALID);
      const same = await post(tokens.adminA, AgreementRoutes.list, agreementBody({ receivingOrgId: w.countyA.id }));
      expect(same.status).toBe(400);
    });

    it('lets either party’s org admin end it, once', async () => {
      const res = await post(tokens.adminDistrict, `/api/agreements/${agreement.id}/end`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: agreement.id, status: 'ended' });
      const again = await post(tokens.adminA, `/api/agreements/${agreement.id}/end`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.AGREEMENT_ALREADY_ENDED);
    });
  });

  describe('responsibility lists', () => {
    let flowId: string;
    let memberTok: string;
    let inForceId: string;

    beforeAll(async () => {
      const fixture = await createMember(t.app, w.branchA1);
      memberTok = await memberToken(t, fixture.member);
      const report = await post(memberTok, FlowRoutes.report, {
        destinationRegionCode: '310112',
        destinationAddress: '上海市闵行区七宝镇新镇路 100 弄 8 号',
        industry: '建筑业',
        occupation: '施工员',
        employer: '上海宏远建设工程有限公司',
        expectedFrom: '2026-03-01',
        expectedUntil: '2026-12-31',
      });
      expect(report.status).toBe(201);
      flowId = report.body.id as string;
      const inForce = await post(tokens.adminA, AgreementRoutes.list, agreementBody({ endsOn: undefined }));
      expect(inForce.status).toBe(201);
      inForceId = inForce.body.id as string;
    });

    it('gives the built-in 7/6/5 defaults where no county has its own list', async () => {
      const res = await get(tokens.secB, templates(w.branchB.id));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ orgId: w.branchB.id, ownerOrgId: null });
      expect(countBySide(res.body.items)).toEqual({ sending: 7, receiving: 6, member: 5 });
    });

    it('answers 404 for an org outside the caller’s subtrees', async () => {
      expect((await get(tokens.adminB, templates(w.countyA.id))).status).toBe(404);
      expect((await get(tokens.secA1, templates(w.countyB.id))).status).toBe(404);
    });

    it('instantiates only once the flow is under dual management', async () => {
      const early = await post(tokens.secA1, ResponsibilityRoutes.instantiate.replace(':flowId', flowId));
      expect(early.status).toBe(409);
      expect(early.body.code).toBe(ErrorCode.FLOW_WRONG_STATE);
      const act = (token: string, action: string) => post(token, `/api/flows/${flowId}/actions`, { action });
      expect((await act(tokens.secA1, 'approve')).status).toBe(200);
      expect((await post(memberTok, FlowRoutes.arrive, { receivingBranchId: w.mobileBranch.id })).status).toBe(200);
      expect((await act(tokens.secMobile, 'confirm_arrival')).status).toBe(200);
    });

    it('instantiates the defaults once, whichever side asks, and shows them to both sides', async () => {
      const path = ResponsibilityRoutes.instantiate.replace(':flowId', flowId);
      const first = await post(tokens.secA1, path);
      expect(first.status).toBe(200);
      expect(first.body.created).toBe(18);
      expect(countBySide(first.body.items)).toEqual({ sending: 7, receiving: 6, member: 5 });
      const second = await post(tokens.secMobile, path);
      expect(second.status).toBe(200);
      expect(second.body.created).toBe(0);
      expect(second.body.items).toHaveLength(18);

      for (const [who, side] of [
        ['adminA', 'sending'],
        ['secA1', 'sending'],
        ['secMobile', 'receiving'],
        ['adminDistrict', 'receiving'],
      ] as const) {
        const res = await get(tokens[who], flowPath(flowId));
        expect({ who, status: res.status, side: res.body.side }).toEqual({ who, status: 200, side });
        const body = res.body as FlowResponsibilitiesView;
        expect(body.items).toHaveLength(18);
        expect(body.items.every((i) => i.status === 'open')).toBe(true);
        // The open-ended agreement is in force; the one ended above is not.
        expect(body.agreements.map((a) => a.id)).toEqual([inForceId]);
      }
      const mine = await get(memberTok, flowPath(flowId));
      expect(mine.status).toBe(200);
      expect(mine.body.side).toBe('self');
      expect(countBySide(mine.body.items)).toEqual({ member: 5 });
    });

    it('answers 404 to unrelated branches and 403 to a committee member who only sees the flow', async () => {
      for (const who of ['secB', 'secOther', 'adminB'] as const) {
        expect({ who, status: (await get(tokens[who], flowPath(flowId))).status }).toEqual({ who, status: 404 });
        const res = await post(tokens[who], ResponsibilityRoutes.instantiate.replace(':flowId', flowId));
        expect({ who, status: res.status }).toEqual({ who, status: 404 });
      }
      const committee = await post(tokens.committeeA1, ResponsibilityRoutes.instantiate.replace(':flowId', flowId));
      expect(committee.status).toBe(403);
    });

    it('lets county A replace its list, for its own subtree only', async () => {
      const items = [
        { side: 'sending', title: '每月电话联系', cadence: 'monthly' },
        { side: 'sending', title: '年度评议', cadence: 'yearly' },
        { side: 'receiving', title: '按季度反馈表现', cadence: 'quarterly' },
        { side: 'member', title: '每半年思想汇报', cadence: 'half_yearly' },
      ];
      // A branch below county A does not act for the county itself.
      expect((await put(tokens.secA1, templates(w.countyA.id), { items })).status).toBe(404);
      expect((await put(tokens.adminB, templates(w.countyA.id), { items })).status).toBe(404);
      expect((await put(tokens.adminA, templates(w.branchA1.id), { items })).status).toBe(400);
      const bad = await put(tokens.adminA, templates(w.countyA.id), { items: [{ ...items[0], cadence: 'daily' }] });
      expect(bad.status).toBe(400);
      expect((await put(tokens.adminA, templates(w.countyA.id), { items: [] })).status).toBe(400);

      const res = await put(tokens.adminA, templates(w.countyA.id), { items });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ownerOrgId: w.countyA.id, ownerOrgName: '修武县' });
      const below = await get(tokens.secA1, templates(w.branchA1.id));
      expect(below.body.ownerOrgId).toBe(w.countyA.id);
      expect(below.body.items.map((i: ResponsibilityTemplateView) => i.title)).toEqual(items.map((i) => i.title));
      const elsewhere = await get(tokens.secB, templates(w.branchB.id));
      expect(elsewhere.body.ownerOrgId).toBeNull();
      expect(elsewhere.body.items).toHaveLength(18);

      // Replacing again retires the previous items instead of adding to them.
      const again = await put(tokens.adminA, templates(w.countyA.id), { items: items.slice(0, 2) });
      expect(again.body.items).toHaveLength(2);
    });

    it('adds the new county items to an existing flow without duplicating the old ones', async () => {
      const path = ResponsibilityRoutes.instantiate.replace(':flowId', flowId);
      const res = await post(tokens.secA1, path);
      expect(res.status).toBe(200);
      expect(res.body.created).toBe(2);
      expect(res.body.items).toHaveLength(20);
      expect((await post(tokens.secA1, path)).body.created).toBe(0);
    });
  });
});
