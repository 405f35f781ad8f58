import request from 'supertest';
import {
  CERTIFICATE_NO_PATTERN,
  ErrorCode,
  FlowRoutes,
  OutflowRoutes,
  type CertificateView,
  type InboxItem,
  type OutflowReportVersionView,
} from '@pioneer/shared';
import { Clock } from '../src/common/time/clock.js';
import { ArrivalEscalationsService } from '../src/flows/arrival-escalations.service.js';
import { addDays, beijingDate } from '../src/flows/beijing-date.js';
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
  type MemberFixture,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ADDRESS = '江苏省苏州市太仓市璜泾镇长江路 8 号';
const NEW_ADDRESS = '上海市闵行区七宝镇新镇路 100 弄 8 号';
const CONTACT = '13812345678';
const DAY_MS = 86_400_000;

type Who = 'secA1' | 'secA2' | 'adminA' | 'adminB' | 'secB' | 'committeeA1' | 'secMobile' | 'adminTownA' | 'adminTownB';

type Person = MemberFixture & { token: string };
type Away = Person & { flowId: string };

describe('outflow reports, certificates, escalations and returns (外出报告 · 活动证 · 返乡)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createWorld>>;
  let tokens: Record<Who, string>;
  let clock: Clock;
  const today = () => beijingDate(new Date());

  const get = (token: string, path: string) => request(t.url).get(path).set('authorization', `Bearer ${token}`);
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set('authorization', `Bearer ${token}`).send(body);
  const put = (token: string, path: string, body: object = {}) =>
    request(t.url).put(path).set('authorization', `Bearer ${token}`).send(body);
  const act = (token: string, flowId: string, action: string, extra: object = {}) =>
    post(token, `/api/flows/${flowId}/actions`, { action, ...extra });
  const route = (path: string, params: Record<string, string>) =>
    Object.entries(params).reduce((p, [k, v]) => p.replace(`:${k}`, v), path);
  const sql = <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    withSql(t.databaseUrl, async (c) => (await c.query(text, values)).rows as T[]);

  function reportBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      destinationRegionCode: '320585',
      destinationAddress: ADDRESS,
      industry: '建筑业',
      occupation: '电工',
      employer: '太仓某建设公司',
      expectedFrom: today(),
      expectedUntil: addDays(today(), 300),
      contactPhone: CONTACT,
      ...overrides,
    };
  }

  async function member(branch: Org = w.branchA1, name?: string): Promise<Person> {
    const fixture = await createMember(t.app, branch, name ? { name } : {});
    return { ...fixture, token: await memberToken(t, fixture.member) };
  }

  async function reported(branch: Org = w.branchA1, overrides: Record<string, unknown> = {}): Promise<Away> {
    const m = await member(branch);
    const res = await post(m.token, FlowRoutes.report, reportBody(overrides));
    expect(res.status).toBe(201);
    return { ...m, flowId: res.body.id as string };
  }

  async function approved(branch: Org = w.branchA1, secretary: Who = 'secA1'): Promise<Away> {
    const m = await reported(branch);
    expect((await act(tokens[secretary], m.flowId, 'approve')).status).toBe(200);
    return m;
  }

  async function active(): Promise<Away> {
    const m = await approved();
    expect((await arriveAt(t, m.token, w.mobileBranch)).status).toBe(200);
    expect((await act(tokens.secMobile, m.flowId, 'confirm_arrival')).status).toBe(200);
    return m;
  }

  async function inbox(token: string): Promise<InboxItem[]> {
    const res = await get(token, '/api/inbox?limit=100');
    expect(res.status).toBe(200);
    return res.body.items as InboxItem[];
  }

  /** Runs the escalation job as if it were `days` days from now; the clock is back before any request. */
  async function escalateAt(days: number) {
    clock.now = () => new Date(Date.now() + days * DAY_MS);
    try {
      return await t.app.get(ArrivalEscalationsService).run();
    } finally {
      clock.now = Clock.prototype.now;
    }
  }

  const escalations = (flowId: string) =>
    sql<{ stage: number; org_id: string }>(
      `SELECT stage, org_id FROM flow_escalations WHERE flow_id = $1 ORDER BY stage`,
      [flowId],
    );

  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_LIMIT: '100000' });
    w = await createWorld(t.app);
    clock = t.app.get(Clock);
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
      adminTownA: await token('org_admin', w.townA),
      adminTownB: await token('org_admin', w.townB),
    };
  });
  afterAll(async () => {
    clock.now = Clock.prototype.now;
    await t.close();
  });

  describe('退回修改: the branch sends a report back, the member edits and resubmits', () => {
    let life: Away;
    let stranger: Person;

    beforeAll(async () => {
      life = { ...(await member(w.branchA1, '赵春生')), flowId: '' };
      stranger = await member(w.branchA1);
    });

    it('keeps the contact phone encrypted and shows it masked', async () => {
      const res = await post(life.token, FlowRoutes.report, reportBody({ contactNote: '晚上打电话' }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'reported',
        contactPhoneMasked: '138****5678',
        certificateNo: null,
        changesRequested: null,
      });
      life.flowId = res.body.id;
      expect(JSON.stringify(res.body)).not.toContain(CONTACT);
      expect((await get(tokens.secA1, `/api/flows/${life.flowId}`)).body.contactPhoneMasked).toBe('138****5678');
      const dump = JSON.stringify([
        await sql('SELECT * FROM flows WHERE id = $1', [life.flowId]),
        await sql('SELECT * FROM flow_report_versions WHERE flow_id = $1', [life.flowId]),
      ]);
      expect(dump).not.toContain(CONTACT);
      expect(dump).not.toContain('长江路');
      expect(dump).not.toContain('晚上打电话');
    });

    it('refuses a report with a phone that is not a mobile number (400)', async () => {
      const m = await member();
      const res = await post(m.token, FlowRoutes.report, reportBody({ contactPhone: '0371-1234567' }));
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ path: 'contactPhone' })]);
    });

    it('requires a comment when asking for changes', async () => {
      const res = await act(tokens.secA1, life.flowId, 'request_changes');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(res.body.details).toEqual([expect.objectContaining({ path: 'reason' })]);
    });

    it.each([
      ['the member themself', 'member', 403, ErrorCode.FLOW_WRONG_ACTOR],
      ['a committee member of the branch', 'committeeA1', 403, ErrorCode.FORBIDDEN],
      ['another branch of the village', 'secA2', 404, ErrorCode.NOT_FOUND],
      ['another county', 'adminB', 404, ErrorCode.NOT_FOUND],
      ['a receiving branch before any arrival', 'secMobile', 404, ErrorCode.NOT_FOUND],
      ['another member', 'stranger', 404, ErrorCode.NOT_FOUND],
    ] as const)('refuses %s asking for changes', async (_what, who, status, code) => {
      const token = who === 'member' ? life.token : who === 'stranger' ? stranger.token : tokens[who];
      const res = await act(token, life.flowId, 'request_changes', { reason: '请写清楚' });
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    });

    it('sends the report back with a comment the member sees, and closes the approval to-do', async () => {
      const res = await act(tokens.secA1, life.flowId, 'request_changes', {
        reason: '请补充具体工作地址',
        expectedVersion: 1,
      });
      expect(res.status).toBe(200);
      // The branch may also resubmit itself, for a member it reports for (no smartphone).
      expect(res.body).toMatchObject({
        status: 'changes_requested',
        version: 2,
        availableActions: ['decline', 'resubmit'],
      });
      const mine = await get(life.token, `/api/flows/${life.flowId}`);
      expect(mine.body).toMatchObject({
        side: 'self',
        status: 'changes_requested',
        availableActions: ['withdraw', 'resubmit'],
        changesRequested: { comment: '请补充具体工作地址', at: expect.any(String) },
      });
      const notice = (await inbox(life.token)).find((i) => i.subjectId === life.flowId);
      expect(notice).toMatchObject({ kind: 'flow.changes_requested', category: 'notice', title: '外出报告需要修改' });
      const todos = (await inbox(tokens.secA1)).filter((i) => i.subjectId === life.flowId && i.category === 'todo');
      expect(todos.map((i) => [i.kind, i.doneAt !== null])).toEqual([['flow.reported', true]]);
    });

    it('refuses approving, asking again or a second report while the report is back with the member', async () => {
      const approve = await act(tokens.secA1, life.flowId, 'approve');
      expect({ status: approve.status, code: approve.body.code }).toEqual({
        status: 409,
        code: ErrorCode.FLOW_WRONG_STATE,
      });
      expect(approve.body.details.allowedStates).toEqual(['reported']);
      const again = await act(tokens.secA1, life.flowId, 'request_changes', { reason: '再改' });
      expect(again.body.code).toBe(ErrorCode.FLOW_WRONG_STATE);
      const second = await post(life.token, FlowRoutes.report, reportBody());
      expect({ status: second.status, code: second.body.code }).toEqual({
        status: 409,
        code: ErrorCode.FLOW_ALREADY_OPEN,
      });
    });

    it.each([
      ['another member', 'stranger', 404, ErrorCode.NOT_FOUND],
      ['another branch', 'secA2', 404, ErrorCode.NOT_FOUND],
      ['a committee member', 'committeeA1', 403, ErrorCode.FORBIDDEN],
    ] as const)('refuses %s resubmitting', async (_what, who, status, code) => {
      const token = who === 'stranger' ? stranger.token : tokens[who];
      const res = await put(token, route(OutflowRoutes.resubmit, { id: life.flowId }), reportBody());
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    });

    it.each([
      ['a missing employer', { employer: undefined }, 'employer', ErrorCode.VALIDATION_FAILED],
      ['a return before departure', { expectedUntil: '2020-01-01' }, 'expectedUntil', ErrorCode.VALIDATION_FAILED],
      ['a member id', { memberId: '00000000-0000-4000-8000-000000000000' }, 'memberId', ErrorCode.UNKNOWN_FIELD],
    ])('refuses a resubmission with %s (400)', async (_what, overrides, path, code) => {
      const res = await put(life.token, route(OutflowRoutes.resubmit, { id: life.flowId }), reportBody(overrides));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    });

    it('refuses a resubmission from a stale screen with CONFLICT', async () => {
      const res = await put(
        life.token,
        route(OutflowRoutes.resubmit, { id: life.flowId }),
        reportBody({ expectedVersion: 1 }),
      );
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(ErrorCode.CONFLICT);
    });

    it('takes the edited report back to the branch for approval, once', async () => {
      const res = await put(
        life.token,
        route(OutflowRoutes.resubmit, { id: life.flowId }),
        reportBody({ destinationAddress: NEW_ADDRESS, contactPhone: '13998765432', expectedVersion: 2 }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'reported',
        version: 3,
        destinationAddress: NEW_ADDRESS,
        contactPhoneMasked: '139****5432',
        changesRequested: null,
        availableActions: ['withdraw'],
      });
      const todo = (await inbox(tokens.secA1)).find(
        (i) => i.subjectId === life.flowId && i.category === 'todo' && i.doneAt === null,
      );
      expect(todo).toMatchObject({ kind: 'flow.reported', title: '外出报告已修改，待审批' });
      const twice = await put(life.token, route(OutflowRoutes.resubmit, { id: life.flowId }), reportBody());
      expect({ status: twice.status, code: twice.body.code }).toEqual({
        status: 409,
        code: ErrorCode.FLOW_WRONG_STATE,
      });
    });

    it('refuses the certificate before approval', async () => {
      const res = await get(life.token, route(OutflowRoutes.certificate, { id: life.flowId }));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(ErrorCode.FLOW_CERTIFICATE_NOT_ISSUED);
    });

    it('approves, numbers the certificate and tells the member', async () => {
      const res = await act(tokens.secA1, life.flowId, 'approve', { reason: '同意' });
      expect(res.status).toBe(200);
      expect(res.body.certificateNo).toMatch(CERTIFICATE_NO_PATTERN);
      expect(res.body.certificateNo.slice(3, 7)).toBe(today().slice(0, 4));
      const notice = (await inbox(life.token)).find((i) => i.kind === 'flow.approved');
      expect(notice).toMatchObject({ subjectId: life.flowId, title: '外出报告已批准' });
    });

    it('keeps every version with the branch’s answers, for the member and the sending side only', async () => {
      const res = await get(life.token, route(OutflowRoutes.versions, { id: life.flowId }));
      expect(res.status).toBe(200);
      const versions = res.body as OutflowReportVersionView[];
      expect(
        versions.map((v) => [v.round, v.destinationAddress, v.contactPhoneMasked, v.reviewAction, v.reviewComment]),
      ).toEqual([
        [1, ADDRESS, '138****5678', 'request_changes', '请补充具体工作地址'],
        [2, NEW_ADDRESS, '139****5432', 'approve', '同意'],
      ]);
      expect(versions[0].contactNote).toBe('晚上打电话');
      expect(versions[0].reviewedByName).toBe('测试工作人员');
      expect((await get(tokens.adminA, route(OutflowRoutes.versions, { id: life.flowId }))).status).toBe(200);
      for (const token of [tokens.secA2, tokens.adminB, stranger.token]) {
        expect((await get(token, route(OutflowRoutes.versions, { id: life.flowId }))).status).toBe(404);
      }
    });

    it('shows the certificate to the member and the home branch, without ID number or phone', async () => {
      const res = await get(life.token, route(OutflowRoutes.certificate, { id: life.flowId }));
      expect(res.status).toBe(200);
      const cert = res.body as CertificateView;
      expect(cert).toMatchObject({
        flowId: life.flowId,
        memberId: life.member.id,
        memberName: '赵春生',
        sendingBranchName: '东风村党支部',
        sendingTrail: ['河南省', '焦作市', '修武县', '五里源乡', '东风村', '东风村党支部'],
        flowStatus: 'approved',
        issuedOn: today(),
        validFrom: today(),
        validUntil: addDays(today(), 300),
        state: 'valid',
      });
      const text = JSON.stringify(cert);
      for (const secret of [life.idNumber, life.phone, '13998765432', NEW_ADDRESS]) expect(text).not.toContain(secret);
      expect((await get(tokens.secA1, route(OutflowRoutes.certificate, { id: life.flowId }))).status).toBe(200);
      for (const token of [tokens.secA2, tokens.adminB, stranger.token, tokens.secMobile]) {
        expect((await get(token, route(OutflowRoutes.certificate, { id: life.flowId }))).status).toBe(404);
      }
    });

    it('refuses the receiving side the report versions and certificate once the member has arrived', async () => {
      expect((await arriveAt(t, life.token, w.mobileBranch)).status).toBe(200);
      for (const path of [OutflowRoutes.certificate, OutflowRoutes.versions]) {
        const res = await get(tokens.secMobile, route(path, { id: life.flowId }));
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
      }
    });

    it('reveals the full contact phone to the home secretary only, and audits every attempt', async () => {
      const path = route(OutflowRoutes.revealContact, { id: life.flowId });
      const ok = await post(tokens.secA1, path);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ flowId: life.flowId, contactPhone: '13998765432' });
      expect((await post(tokens.committeeA1, path)).status).toBe(403);
      expect((await post(tokens.secMobile, path)).status).toBe(403);
      expect((await post(tokens.secA2, path)).status).toBe(404);
      expect((await post(life.token, path)).status).toBe(404);
      const audit = await sql<{ result: string; details: Record<string, unknown> }>(
        `SELECT result, details FROM audit_events WHERE action = 'member.reveal' AND target_type = 'flow' AND target_id = $1 ORDER BY id`,
        [life.flowId],
      );
      expect(audit.map((a) => a.result)).toEqual(['ok', 'denied', 'denied', 'denied', 'denied']);
      expect(JSON.stringify(audit)).not.toContain('13998765432');
    });
  });

  describe('逾期未报到: the escalation job, by a controlled clock', () => {
    it('tells the branch after 30 days and the township after 15 more, never twice, and closes both on arrival', async () => {
      const m = await approved();
      await escalateAt(29);
      expect(await escalations(m.flowId)).toEqual([]);

      await escalateAt(31);
      expect(await escalations(m.flowId)).toEqual([{ stage: 1, org_id: w.branchA1.id }]);
      const branchTodos = (await inbox(tokens.secA1)).filter(
        (i) => i.subjectId === m.flowId && i.kind === 'flow.overdue',
      );
      expect(branchTodos).toEqual([
        expect.objectContaining({ category: 'todo', title: '外出党员逾期未报到', doneAt: null }),
      ]);
      expect((await inbox(m.token)).filter((i) => i.kind === 'flow.overdue')).toHaveLength(1);

      await escalateAt(32);
      await escalateAt(31 + 14);
      expect(await escalations(m.flowId)).toEqual([{ stage: 1, org_id: w.branchA1.id }]);

      await escalateAt(31 + 16);
      expect(await escalations(m.flowId)).toEqual([
        { stage: 1, org_id: w.branchA1.id },
        { stage: 2, org_id: w.townA.id },
      ]);
      await escalateAt(60);
      const townTodos = (await inbox(tokens.adminTownA)).filter((i) => i.subjectId === m.flowId);
      expect(townTodos).toEqual([
        expect.objectContaining({
          kind: 'flow.overdue_escalated',
          category: 'todo',
          orgName: '五里源乡',
          doneAt: null,
        }),
      ]);
      expect(
        (await inbox(tokens.secA1)).filter((i) => i.subjectId === m.flowId && i.kind === 'flow.overdue'),
      ).toHaveLength(1);
      expect((await inbox(tokens.adminTownB)).filter((i) => i.subjectId === m.flowId)).toEqual([]);

      expect((await arriveAt(t, m.token, w.mobileBranch)).status).toBe(200);
      const done = await sql<{ kind: string; done: boolean }>(
        `SELECT kind, done_at IS NOT NULL AS done FROM inbox_items
          WHERE subject_id = $1 AND category = 'todo' AND kind LIKE 'flow.overdue%' ORDER BY kind`,
        [m.flowId],
      );
      expect(done).toEqual([
        { kind: 'flow.overdue', done: true },
        { kind: 'flow.overdue_escalated', done: true },
      ]);
    });

    it('counts from the expected departure when it is later than the approval', async () => {
      const m = await member();
      const res = await post(m.token, FlowRoutes.report, reportBody({ expectedFrom: addDays(today(), 20) }));
      expect((await act(tokens.secA1, res.body.id, 'approve')).status).toBe(200);
      await escalateAt(40);
      expect(await escalations(res.body.id)).toEqual([]);
      await escalateAt(52);
      expect(await escalations(res.body.id)).toHaveLength(1);
    });

    it('escalates nothing that is not waiting for an arrival', async () => {
      const waiting = await reported();
      const arrived = await approved();
      expect((await arriveAt(t, arrived.token, w.mobileBranch)).status).toBe(200);
      const home = await approved();
      expect((await act(home.token, home.flowId, 'return')).status).toBe(200);
      await escalateAt(120);
      for (const f of [waiting, arrived, home]) expect(await escalations(f.flowId)).toEqual([]);
    });

    it('escalates once when two runs race', async () => {
      const m = await approved();
      clock.now = () => new Date(Date.now() + 31 * DAY_MS);
      try {
        const service = t.app.get(ArrivalEscalationsService);
        await Promise.all([service.run(), service.run(), service.run()]);
      } finally {
        clock.now = Clock.prototype.now;
      }
      expect(await escalations(m.flowId)).toHaveLength(1);
      const items = await sql(`SELECT 1 FROM inbox_items WHERE subject_id = $1 AND kind = 'flow.overdue'`, [m.flowId]);
      expect(items).toHaveLength(2); // the branch's to-do and the member's notice
    });

    it('follows a county’s own deadline, set by its org department', async () => {
      const path = route(OutflowRoutes.escalationSettings, { orgId: w.countyB.id });
      expect((await get(tokens.adminB, path)).body).toEqual({
        orgId: w.countyB.id,
        orgName: '博爱县',
        arrivalDeadlineDays: 30,
        townshipEscalationDays: 15,
        custom: false,
      });
      const set = await put(tokens.adminB, path, { arrivalDeadlineDays: 10, townshipEscalationDays: 5 });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ arrivalDeadlineDays: 10, townshipEscalationDays: 5, custom: true });

      const boai = await approved(w.branchB, 'secB');
      const xiuwu = await approved();
      await escalateAt(11);
      expect(await escalations(boai.flowId)).toHaveLength(1);
      expect(await escalations(xiuwu.flowId)).toEqual([]);
      await escalateAt(17);
      expect((await escalations(boai.flowId)).map((e) => e.org_id)).toEqual([w.branchB.id, w.townB.id]);
    });

    it.each([
      [
        'a branch secretary (the county is above them)',
        'secB',
        'countyB',
        { arrivalDeadlineDays: 10, townshipEscalationDays: 5 },
        404,
      ],
      ['another county’s admin', 'adminA', 'countyB', { arrivalDeadlineDays: 10, townshipEscalationDays: 5 }, 404],
      [
        'a township instead of a county',
        'adminB',
        'townB',
        { arrivalDeadlineDays: 10, townshipEscalationDays: 5 },
        400,
      ],
      ['zero days', 'adminB', 'countyB', { arrivalDeadlineDays: 0, townshipEscalationDays: 5 }, 400],
      ['days as text', 'adminB', 'countyB', { arrivalDeadlineDays: '10', townshipEscalationDays: 5 }, 400],
    ] as const)('refuses %s setting the periods', async (_what, who, org, body, status) => {
      const res = await put(tokens[who], route(OutflowRoutes.escalationSettings, { orgId: w[org].id }), body);
      expect(res.status).toBe(status);
    });

    it('is scheduled daily at 08:00 Beijing time', async () => {
      const rows = await sql(`SELECT cron, timezone FROM pgboss.schedule WHERE name = 'flows.arrival-escalations'`);
      expect(rows).toEqual([{ cron: '0 8 * * *', timezone: 'Asia/Shanghai' }]);
    });
  });

  describe('返乡登记: home for the holidays, or for good', () => {
    let away: Away;
    let stranger: Person;
    const from = () => addDays(today(), 3);
    const until = () => addDays(today(), 20);
    const holiday = (overrides: Record<string, unknown> = {}) => ({
      kind: 'holiday',
      homeFrom: from(),
      homeUntil: until(),
      occasion: 'spring_festival',
      note: '回家过年',
      ...overrides,
    });

    beforeAll(async () => {
      away = await active();
      stranger = await member();
    });

    it('lets the member record a holiday stay; the flow stays open and both branches hear of it', async () => {
      const res = await post(away.token, route(OutflowRoutes.returns, { id: away.flowId }), holiday());
      expect(res.status).toBe(201);
      expect(res.body.flow).toMatchObject({ status: 'active', side: 'self' });
      expect(res.body.homeStay).toMatchObject({
        homeFrom: from(),
        homeUntil: until(),
        occasion: 'spring_festival',
        note: '回家过年',
        recordedBy: 'member',
      });
      const home = (await inbox(tokens.secA1)).find((i) => i.subjectId === away.flowId && i.kind === 'flow.home_stay');
      expect(home?.body).toContain('春节');
      const there = (await inbox(tokens.secMobile)).find(
        (i) => i.subjectId === away.flowId && i.kind === 'flow.home_stay',
      );
      expect(there?.body).toContain(`${from()}至${until()}`);
      expect(there?.body).not.toContain('回家过年');
    });

    it('refuses an overlapping stay (HOME_STAY_OVERLAP)', async () => {
      const res = await post(
        tokens.secA1,
        route(OutflowRoutes.returns, { id: away.flowId }),
        holiday({ homeFrom: addDays(today(), 10), homeUntil: addDays(today(), 25) }),
      );
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: ErrorCode.HOME_STAY_OVERLAP });
    });

    it.each([
      ['the receiving secretary', 'secMobile', 403, ErrorCode.FLOW_WRONG_ACTOR],
      ['a committee member of the home branch', 'committeeA1', 403, ErrorCode.FORBIDDEN],
      ['another branch', 'secA2', 404, ErrorCode.NOT_FOUND],
      ['another county', 'adminB', 404, ErrorCode.NOT_FOUND],
      ['another member', 'stranger', 404, ErrorCode.NOT_FOUND],
    ] as const)('refuses %s recording a return', async (_what, who, status, code) => {
      const token = who === 'stranger' ? stranger.token : tokens[who];
      for (const body of [
        holiday({ homeFrom: addDays(today(), 40), homeUntil: addDays(today(), 45) }),
        { kind: 'permanent' },
      ]) {
        const res = await post(token, route(OutflowRoutes.returns, { id: away.flowId }), body);
        expect({ kind: body.kind, status: res.status, code: res.body.code }).toEqual({ kind: body.kind, status, code });
      }
      expect((await get(tokens.secA1, `/api/flows/${away.flowId}`)).body.status).toBe('active');
    });

    it('refuses a holiday stay while the report still waits for approval (FLOW_WRONG_STATE)', async () => {
      const r = await reported();
      const res = await post(r.token, route(OutflowRoutes.returns, { id: r.flowId }), holiday());
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: ErrorCode.FLOW_WRONG_STATE });
      expect(res.body.details.allowedStates).toEqual(['approved', 'arrived', 'active']);
    });

    it.each([
      ['no arrival date', { homeFrom: undefined }, 'homeFrom'],
      ['a stay longer than 90 days', { homeUntil: addDays(new Date().toISOString().slice(0, 10), 200) }, 'homeUntil'],
      ['a stay already over', { homeFrom: '2020-01-20', homeUntil: '2020-02-10' }, 'homeUntil'],
      ['leaving before arriving', { homeFrom: '2030-02-10', homeUntil: '2030-02-01' }, 'homeUntil'],
      ['an unknown occasion', { occasion: 'birthday' }, 'occasion'],
      ['an unknown kind', { kind: 'visit' }, 'kind'],
      ['dates on a return for good', { kind: 'permanent' }, 'homeFrom'],
    ])('refuses a return with %s (400)', async (_what, overrides, path) => {
      const res = await post(away.token, route(OutflowRoutes.returns, { id: away.flowId }), holiday(overrides));
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    });

    it('lists the flow’s stays for the member and the home branch only', async () => {
      const path = route(OutflowRoutes.returns, { id: away.flowId });
      const mine = await get(away.token, path);
      expect(mine.status).toBe(200);
      expect(mine.body.map((s: { homeFrom: string }) => s.homeFrom)).toEqual([from()]);
      expect((await get(tokens.secA1, path)).status).toBe(200);
      expect((await get(tokens.secMobile, path)).status).toBe(403);
      expect((await get(stranger.token, path)).status).toBe(404);
      expect((await get(tokens.secA2, path)).status).toBe(404);
    });

    it('puts members home for the holidays on the home branch’s list, masked, within the window', async () => {
      const second = await active();
      const later = { homeFrom: addDays(today(), 5), homeUntil: addDays(today(), 9), occasion: 'mid_autumn' };
      expect(
        (await post(tokens.secA1, route(OutflowRoutes.returns, { id: second.flowId }), holiday(later))).status,
      ).toBe(201);
      const list = (token: string, orgId: string, query = '') =>
        get(token, `${OutflowRoutes.homeForHolidays}?orgId=${orgId}${query}`);

      const res = await list(tokens.secA1, w.branchA1.id);
      expect(res.status).toBe(200);
      const mineIds = res.body.items.map((i: { flowId: string }) => i.flowId);
      expect(mineIds).toEqual(expect.arrayContaining([away.flowId, second.flowId]));
      const item = res.body.items.find((i: { flowId: string }) => i.flowId === away.flowId);
      expect(item).toMatchObject({
        memberId: away.member.id,
        memberName: away.name,
        memberPhoneMasked: `${away.phone.slice(0, 3)}****${away.phone.slice(7)}`,
        branchName: '东风村党支部',
        homeFrom: from(),
        homeUntil: until(),
        occasion: 'spring_festival',
      });
      expect(JSON.stringify(res.body)).not.toContain(away.phone);
      expect(mineIds.indexOf(away.flowId)).toBeLessThan(mineIds.indexOf(second.flowId));

      const county = await list(tokens.adminA, w.countyA.id);
      expect(county.body.items.map((i: { flowId: string }) => i.flowId)).toContain(away.flowId);
      const window = await list(
        tokens.secA1,
        w.branchA1.id,
        `&from=${addDays(today(), 10)}&until=${addDays(today(), 12)}`,
      );
      expect(window.body.items.map((i: { flowId: string }) => i.flowId)).toContain(away.flowId);
      expect(window.body.items.map((i: { flowId: string }) => i.flowId)).not.toContain(second.flowId);

      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list(tokens.secA1, w.branchA1.id, `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        paged.push(...page.body.items.map((i: { homeStayId: string }) => i.homeStayId));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(res.body.items.map((i: { homeStayId: string }) => i.homeStayId));

      expect((await list(tokens.secA2, w.branchA2.id)).body.items).toEqual([]);
      expect((await list(tokens.secMobile, w.mobileBranch.id)).body.items).toEqual([]);
      for (const [token, orgId] of [
        [tokens.secA2, w.branchA1.id],
        [tokens.adminB, w.countyA.id],
        [tokens.secMobile, w.branchA1.id],
        [away.token, w.branchA1.id],
      ]) {
        expect((await list(token, orgId)).status).toBe(404);
      }
      expect((await list(tokens.secA1, w.branchA1.id, '&from=2027-01-01&until=2026-01-01')).status).toBe(400);
      expect((await list(tokens.secA1, w.branchA1.id, '&cursor=bm9wZQ')).status).toBe(400);
    });

    it('ends the flow when the branch records a return for good, and drops the member from the holiday list', async () => {
      const res = await post(tokens.secA1, route(OutflowRoutes.returns, { id: away.flowId }), {
        kind: 'permanent',
        note: '回乡创业',
        expectedVersion: (await get(tokens.secA1, `/api/flows/${away.flowId}`)).body.version,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ flow: { status: 'returned', side: 'sending' }, homeStay: null });
      const list = await get(tokens.secA1, `${OutflowRoutes.homeForHolidays}?orgId=${w.branchA1.id}`);
      expect(list.body.items.map((i: { flowId: string }) => i.flowId)).not.toContain(away.flowId);
      const again = await post(
        away.token,
        route(OutflowRoutes.returns, { id: away.flowId }),
        holiday({ homeFrom: addDays(today(), 50), homeUntil: addDays(today(), 55) }),
      );
      expect({ status: again.status, code: again.body.code }).toEqual({
        status: 409,
        code: ErrorCode.FLOW_WRONG_STATE,
      });
      const forGood = await post(away.token, route(OutflowRoutes.returns, { id: away.flowId }), { kind: 'permanent' });
      expect(forGood.body.code).toBe(ErrorCode.FLOW_WRONG_STATE);
      const cert = await get(away.token, route(OutflowRoutes.certificate, { id: away.flowId }));
      expect(cert.body.state).toBe('revoked');
    });

    it('lets the member come home for good, ending the flow', async () => {
      const m = await approved();
      const res = await post(m.token, route(OutflowRoutes.returns, { id: m.flowId }), { kind: 'permanent' });
      expect(res.status).toBe(201);
      expect(res.body.flow.status).toBe('returned');
    });
  });

  it('keeps escalation periods per county, refusing any other level', async () => {
    const group = await createOrg(t.app, w.branchA1, 'group', '东风村第一党小组');
    const res = await get(tokens.adminA, route(OutflowRoutes.escalationSettings, { orgId: group.id }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(ErrorCode.ORG_LEVEL_INVALID);
  });
});
