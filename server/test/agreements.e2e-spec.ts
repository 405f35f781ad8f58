import request from 'supertest';
import {
  AgreementRoutes,
  ErrorCode,
  FlowRoutes,
  ResponsibilityRoutes,
  type AgreementResponsibilitiesView,
  type AgreementView,
  type FlowResponsibilitiesView,
  type ResponsibilityTemplateView,
} from '@pioneer/shared';
import type { Org } from '../src/orgs/org.entity.js';
import { withSql } from './support/database.js';
import {
  arriveAt,
  createMember,
  createOrg,
  createStaff,
  createWorld,
  memberToken,
  staffToken,
} from './support/factories.js';
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
      expect((await arriveAt(t, memberTok, w.mobileBranch)).status).toBe(200);
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

  describe('an agreement’s own responsibility list', () => {
    let narrow: AgreementView;
    let wide: AgreementView;
    let farBranch: Org;
    let memberTok: string;

    const listPath = (agreementId: string) => ResponsibilityRoutes.agreement.replace(':agreementId', agreementId);
    const narrowItems = [
      { side: 'sending', title: '每月视频联系一次', cadence: 'monthly' },
      { side: 'receiving', title: '每季度书面反馈表现', cadence: 'quarterly' },
      { side: 'member', title: '参加七宝镇主题党日', cadence: 'monthly' },
    ];
    const wideItems = [
      { side: 'sending', title: '年度民主评议征求流入地意见', cadence: 'yearly' },
      { side: 'receiving', title: '组织参加闵行区集中培训', cadence: 'yearly' },
    ];
    const titles = (items: { title: string }[]) => items.map((i) => i.title);
    const agreementEvents = (id: string) =>
      withSql(
        t.databaseUrl,
        async (c) =>
          (
            await c.query(
              `SELECT action, actor_kind, org_path, details FROM audit_events
                WHERE target_type = 'agreement' AND target_id = $1 ORDER BY id`,
              [id],
            )
          ).rows,
      );

    /** A new member of branch A1 whose flow is under dual management at `receiving`. */
    async function activeFlow(receiving: Org): Promise<string> {
      const fixture = await createMember(t.app, w.branchA1);
      const token = await memberToken(t, fixture.member);
      const report = await post(token, FlowRoutes.report, {
        destinationAddress: '上海市闵行区',
        industry: '物流业',
        occupation: '快递员',
        employer: '上海某快递公司',
        expectedFrom: '2026-03-01',
        expectedUntil: '2026-12-31',
      });
      expect(report.status).toBe(201);
      const flowId = report.body.id as string;
      expect((await post(tokens.adminA, `/api/flows/${flowId}/actions`, { action: 'approve' })).status).toBe(200);
      expect((await arriveAt(t, token, receiving)).status).toBe(200);
      const confirm = await post(tokens.adminDistrict, `/api/flows/${flowId}/actions`, { action: 'confirm_arrival' });
      expect(confirm.status).toBe(200);
      return flowId;
    }

    const instantiate = (flowId: string) =>
      post(tokens.secA1, ResponsibilityRoutes.instantiate.replace(':flowId', flowId));

    beforeAll(async () => {
      const town = await createOrg(t.app, w.district, 'township', '浦江镇');
      farBranch = await createOrg(t.app, town, 'branch', '浦江镇社区党支部');
      memberTok = await memberToken(t, (await createMember(t.app, w.branchA1)).member);
      // A township-to-street agreement inside the county-to-district one: narrower on both sides.
      const n = await post(
        tokens.adminA,
        AgreementRoutes.list,
        agreementBody({ sendingOrgId: w.townA.id, receivingOrgId: w.street.id, title: '五里源乡—七宝镇结对共管协议' }),
      );
      expect(n.status).toBe(201);
      narrow = n.body as AgreementView;
      const wd = await post(tokens.adminDistrict, AgreementRoutes.list, agreementBody({ startsOn: '2021-01-01' }));
      expect(wd.status).toBe(201);
      wide = wd.body as AgreementView;
    });

    it('starts empty, readable by both parties’ organisation departments', async () => {
      for (const who of ['adminA', 'adminDistrict'] as const) {
        const res = await get(tokens[who], listPath(narrow.id));
        expect({ who, status: res.status }).toEqual({ who, status: 200 });
        expect(res.body).toEqual({ agreementId: narrow.id, agreementTitle: '五里源乡—七宝镇结对共管协议', items: [] });
      }
    });

    it('lets either party’s org admin set it, in order, replacing what was there', async () => {
      const first = await put(tokens.adminA, listPath(narrow.id), { items: wideItems });
      expect(first.status).toBe(200);
      const res = await put(tokens.adminDistrict, listPath(narrow.id), { items: narrowItems });
      expect(res.status).toBe(200);
      const body = res.body as AgreementResponsibilitiesView;
      expect(titles(body.items)).toEqual(titles(narrowItems));
      expect(body.items.map((i) => i.position)).toEqual([1, 2, 3]);
      expect(titles((await get(tokens.adminA, listPath(narrow.id))).body.items)).toEqual(titles(narrowItems));
      expect((await put(tokens.adminA, listPath(wide.id), { items: wideItems })).status).toBe(200);
    });

    it('answers 404 to callers outside both parties and 403 to those below a party', async () => {
      for (const [who, token, status] of [
        ['another county’s admin', tokens.adminB, 404],
        ['another county’s secretary', tokens.secB, 404],
        ['a member', memberTok, 404],
        ['a branch secretary below the sending party', tokens.secA1, 403],
        ['a committee member below the sending party', tokens.committeeA1, 403],
        ['a branch secretary below the receiving party', tokens.secMobile, 403],
      ] as const) {
        const read = await get(token, listPath(narrow.id));
        expect({ who, status: read.status }).toEqual({ who, status });
        const write = await put(token, listPath(narrow.id), { items: wideItems });
        expect({ who, status: write.status }).toEqual({ who, status });
        expect(write.body.code).toBe(status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.FORBIDDEN);
      }
      expect((await get(tokens.adminA, listPath('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
      const badId = await get(tokens.adminA, listPath('not-a-uuid'));
      expect(badId.status).toBe(400);
      expect(titles((await get(tokens.adminA, listPath(narrow.id))).body.items)).toEqual(titles(narrowItems));
    });

    it.each([
      ['no items field', {}, ErrorCode.VALIDATION_FAILED],
      ['items that are not a list', { items: '每月联系' }, ErrorCode.VALIDATION_FAILED],
      ['an item that is not an object', { items: ['每月联系'] }, ErrorCode.VALIDATION_FAILED],
      ['a null item', { items: [null] }, ErrorCode.VALIDATION_FAILED],
      [
        'an unknown side',
        { items: [{ side: 'county', title: '联系', cadence: 'monthly' }] },
        ErrorCode.VALIDATION_FAILED,
      ],
      [
        'an unknown cadence',
        { items: [{ side: 'member', title: '联系', cadence: 'daily' }] },
        ErrorCode.VALIDATION_FAILED,
      ],
      ['a blank title', { items: [{ side: 'member', title: '   ', cadence: 'monthly' }] }, ErrorCode.VALIDATION_FAILED],
      [
        'a title over 100 characters',
        { items: [{ side: 'member', title: '学'.repeat(101), cadence: 'monthly' }] },
        ErrorCode.VALIDATION_FAILED,
      ],
      [
        'more than 60 items',
        { items: Array.from({ length: 61 }, (_, i) => ({ side: 'member', title: `事项${i}`, cadence: 'monthly' })) },
        ErrorCode.VALIDATION_FAILED,
      ],
      [
        'an unknown field in an item',
        { items: [{ side: 'member', title: '联系', cadence: 'monthly', owner: 'x' }] },
        ErrorCode.UNKNOWN_FIELD,
      ],
      [
        'the same duty twice on one side',
        {
          items: [
            { side: 'member', title: '思想汇报', cadence: 'half_yearly' },
            { side: 'member', title: '思想 汇报', cadence: 'yearly' },
          ],
        },
        ErrorCode.RESPONSIBILITY_ITEM_DUPLICATE,
      ],
    ])('refuses %s with 400 and a code', async (_what, body, code) => {
      const res = await put(tokens.adminA, listPath(narrow.id), body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('names the repeated item', async () => {
      const res = await put(tokens.adminA, listPath(narrow.id), {
        items: [...narrowItems, { ...narrowItems[1], cadence: 'yearly' }],
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('第 4 项');
      expect(res.body.details).toEqual([{ path: 'items.3.title', problem: expect.any(String) }]);
    });

    it('gives a flow the governing agreement’s list over the county’s, the narrowest agreement first', async () => {
      // Under the township-to-street agreement (and the county-to-district one around it).
      const near = await instantiate(await activeFlow(w.mobileBranch));
      expect(near.status).toBe(200);
      expect(near.body.source).toEqual({ agreementId: narrow.id, ownerOrgId: null });
      expect(near.body.created).toBe(narrowItems.length);
      expect(titles(near.body.items)).toEqual(titles(narrowItems));
      expect(near.body.agreements.map((a: { id: string }) => a.id)).toEqual(
        expect.arrayContaining([narrow.id, wide.id]),
      );
      // Received outside the street: only the county-to-district agreement is in force.
      const far = await instantiate(await activeFlow(farBranch));
      expect(far.body.source).toEqual({ agreementId: wide.id, ownerOrgId: null });
      expect(titles(far.body.items)).toEqual(titles(wideItems));
    });

    it('falls back to the county’s list once the agreement’s own list is removed', async () => {
      const cleared = await put(tokens.adminDistrict, listPath(wide.id), { items: [] });
      expect(cleared.status).toBe(200);
      expect(cleared.body.items).toEqual([]);
      const res = await instantiate(await activeFlow(farBranch));
      expect(res.body.source).toEqual({ agreementId: null, ownerOrgId: w.countyA.id });
      // County A's own list, as set above.
      expect(titles(res.body.items)).toEqual(['每月电话联系', '年度评议']);
    });

    it('refuses changes once the agreement has ended, but still shows the list', async () => {
      expect((await post(tokens.adminA, `/api/agreements/${narrow.id}/end`)).status).toBe(200);
      const res = await put(tokens.adminDistrict, listPath(narrow.id), { items: wideItems });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(ErrorCode.AGREEMENT_ALREADY_ENDED);
      expect(titles((await get(tokens.adminA, listPath(narrow.id))).body.items)).toEqual(titles(narrowItems));
    });

    it('audits every change to an agreement under its sending party', async () => {
      const events = await agreementEvents(narrow.id);
      expect(events.map((e) => e.action)).toEqual([
        'agreement.create',
        'agreement.responsibilities_set',
        'agreement.responsibilities_set',
        'agreement.end',
      ]);
      expect(events.every((e) => e.org_path === w.townA.path && e.actor_kind === 'staff')).toBe(true);
      expect(events[0].details).toMatchObject({ sendingOrgId: w.townA.id, receivingOrgId: w.street.id });
      expect(events[2].details).toEqual({ items: { sending: 1, receiving: 1, member: 1 }, retired: 2 });
      expect((await agreementEvents(wide.id)).map((e) => e.action)).toEqual([
        'agreement.create',
        'agreement.responsibilities_set',
        'agreement.responsibilities_set',
      ]);
    });
  });
});
