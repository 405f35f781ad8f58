import { randomBytes } from 'node:crypto';
import request from 'supertest';
import {
  ErrorCode,
  InboxRoutes,
  ReportRoutes,
  type InboxItem,
  type MonthlyReportFacts,
  type MyDueReports,
  type MyReportView,
  type Paginated,
  type ReportListItem,
  type ReportView,
} from '@pioneer/shared';
import { Clock } from '../src/common/time/clock.js';
import { ReportRemindersService } from '../src/member-reports/reports/report-reminders.service.js';
import type { Org } from '../src/orgs/org.entity.js';
import { withSql } from './support/database.js';
import {
  createMember,
  createStaff,
  createWorld,
  memberToken,
  staffToken,
  type MemberFixture,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type World = Awaited<ReturnType<typeof createWorld>>;
type Writer = MemberFixture & { token: string };

/** 10:00 on 26 November 2026, Beijing: the monthly report's reminder window (25th to 30th) is open, the thought report's (from 1 December) not yet. */
const NOV_26 = new Date('2026-11-26T02:00:00Z');
const DEC_2 = new Date('2026-12-02T02:00:00Z');
const FLOW_TODO = 'pioneerTestFlowTodo-0001';
const FLOW_NOTICE = 'pioneerTestFlowNotice-0001';

const key = () => `rpt-${randomBytes(12).toString('hex')}`;

describe('Member reports: drafts, submission, reading, replies and reminders', () => {
  let t: TestApp;
  let w: World;
  let clock: Clock;
  let tok: Record<'secA1' | 'committeeA1' | 'adminA' | 'secA2' | 'adminB' | 'receiving' | 'resident', string>;

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (token: string, path: string) => request(t.url).get(path).set(auth(token));
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set(auth(token)).send(body);
  const put = (token: string, path: string, body: object = {}) => request(t.url).put(path).set(auth(token)).send(body);
  const one = (id: string) => ReportRoutes.one.replace(':id', id);
  const mine = (id: string) => ReportRoutes.myOne.replace(':id', id);
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withSql(t.databaseUrl, async (client) => (await client.query(text, params)).rows as T[]);

  async function writer(branch: Org): Promise<Writer> {
    const fixture = await createMember(t.app, branch);
    return { ...fixture, token: await memberToken(t, fixture.member) };
  }

  async function submit(m: Writer, body = '本月参加了支部主题党日。', kind = 'monthly', period = '2026-11') {
    return post(m.token, ReportRoutes.submit, { kind, period, body, clientKey: key() });
  }

  async function inbox(token: string): Promise<InboxItem[]> {
    const res = await get(token, `${InboxRoutes.list}?limit=100`);
    expect(res.status).toBe(200);
    return (res.body as Paginated<InboxItem>).items;
  }

  beforeAll(async () => {
    t = await startTestApp({
      THROTTLE_LIMIT: '100000',
      WECHAT_TEMPLATE_FLOW_TODO: FLOW_TODO,
      WECHAT_TEMPLATE_FLOW_NOTICE: FLOW_NOTICE,
    });
    w = await createWorld(t.app);
    clock = t.app.get(Clock);
    clock.now = () => NOV_26;
    const staffAt = async (role: 'branch_secretary' | 'branch_committee' | 'org_admin', org: Org) =>
      staffToken(t, await createStaff(t.app, [role], org.id));
    tok = {
      secA1: await staffAt('branch_secretary', w.branchA1),
      committeeA1: await staffAt('branch_committee', w.branchA1),
      adminA: await staffAt('org_admin', w.countyA),
      secA2: await staffAt('branch_secretary', w.branchA2),
      adminB: await staffAt('org_admin', w.countyB),
      receiving: await staffAt('branch_secretary', w.mobileBranch),
      resident: await memberToken(t, null),
    };
  });

  afterAll(async () => {
    if (clock) clock.now = Clock.prototype.now;
    await t?.close();
  });

  describe('writing and submitting', () => {
    it('keeps a draft, then submits it once; a retry answers the first submission and a second one is 409', async () => {
      const m = await writer(w.branchA1);
      const draft = await put(m.token, ReportRoutes.draft, { kind: 'thought', period: '2026-H2', body: '初稿' });
      expect(draft.status).toBe(200);
      expect(draft.body).toMatchObject({ kind: 'thought', period: '2026-H2', status: 'draft', body: '初稿' });
      const again = await put(m.token, ReportRoutes.draft, { kind: 'thought', period: '2026-H2', body: '第二稿' });
      expect(again.body).toMatchObject({ id: draft.body.id, body: '第二稿' });

      const due = (await get(m.token, ReportRoutes.myDue)).body as MyDueReports;
      expect(due.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'thought', period: '2026-H2', status: 'draft', dueDate: '2026-12-31' }),
          expect.objectContaining({ kind: 'monthly', period: '2026-11', status: 'none', dueDate: '2026-11-30' }),
        ]),
      );

      const clientKey = key();
      const body = { kind: 'thought', period: '2026-H2', body: '半年来认真学习党的理论，思想上有提高。', clientKey };
      const first = await post(m.token, ReportRoutes.submit, body);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ id: draft.body.id, status: 'submitted', body: body.body });
      const retry = await post(m.token, ReportRoutes.submit, body);
      expect(retry.status).toBe(201);
      expect(retry.body).toMatchObject({ id: first.body.id, submittedAt: first.body.submittedAt });

      const second = await post(m.token, ReportRoutes.submit, { ...body, clientKey: key(), body: '另一份' });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe(ErrorCode.REPORT_ALREADY_SUBMITTED);
      const redraft = await put(m.token, ReportRoutes.draft, { kind: 'thought', period: '2026-H2', body: '改' });
      expect(redraft.status).toBe(409);
      expect(redraft.body.code).toBe(ErrorCode.REPORT_ALREADY_SUBMITTED);
      expect((await get(m.token, mine(first.body.id))).body.body).toBe(body.body);
    });

    it('keeps the text encrypted at rest', async () => {
      const m = await writer(w.branchA1);
      const res = await submit(m, '这段文字只应以密文存放');
      const [row] = await sql<{ body_cipher: string }>(`SELECT body_cipher FROM member_reports WHERE id = $1`, [
        res.body.id,
      ]);
      expect(row.body_cipher).not.toContain('密文存放');
      expect(row.body_cipher.length).toBeGreaterThan(20);
    });

    it.each([
      ['a future month', 'monthly', '2026-12', 422, ErrorCode.REPORT_PERIOD_INVALID],
      ['two months back', 'monthly', '2026-09', 422, ErrorCode.REPORT_PERIOD_INVALID],
      ['a future half year', 'thought', '2027-H1', 422, ErrorCode.REPORT_PERIOD_INVALID],
      ['a monthly period for a thought report', 'thought', '2026-11', 422, ErrorCode.REPORT_PERIOD_INVALID],
      ['a malformed period', 'monthly', '2026-13', 400, ErrorCode.VALIDATION_FAILED],
      ['an unknown kind', 'weekly', '2026-11', 400, ErrorCode.VALIDATION_FAILED],
    ])('refuses %s', async (_what, kind, period, status, code) => {
      const m = await writer(w.branchA1);
      const res = await post(m.token, ReportRoutes.submit, { kind, period, body: '内容', clientKey: key() });
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
    });

    it('accepts last month late, and refuses an empty text or an unknown field', async () => {
      const m = await writer(w.branchA1);
      expect((await submit(m, '十月补交', 'monthly', '2026-10')).status).toBe(201);
      const empty = await post(m.token, ReportRoutes.submit, {
        kind: 'monthly',
        period: '2026-11',
        body: '   ',
        clientKey: key(),
      });
      expect(empty.status).toBe(400);
      const extra = await post(m.token, ReportRoutes.submit, {
        kind: 'monthly',
        period: '2026-11',
        body: '内容',
        clientKey: key(),
        status: 'replied',
      });
      expect(extra.body.code).toBe(ErrorCode.UNKNOWN_FIELD);
    });

    it('refuses staff and residents without a roster entry on every member route', async () => {
      const m = await writer(w.branchA1);
      const own = await submit(m);
      for (const token of [tok.resident, tok.secA1, tok.adminA]) {
        expect((await get(token, ReportRoutes.myDue)).status).toBe(404);
        expect((await get(token, `${ReportRoutes.myFacts}?month=2026-11`)).status).toBe(404);
        expect((await get(token, ReportRoutes.myList)).status).toBe(404);
        expect((await get(token, mine(own.body.id))).status).toBe(404);
        expect((await put(token, ReportRoutes.draft, { kind: 'monthly', period: '2026-11', body: 'x' })).status).toBe(
          404,
        );
        expect((await submit({ token } as Writer)).status).toBe(404);
      }
      const anonymous = await request(t.url).get(ReportRoutes.myDue);
      expect(anonymous.status).toBe(401);
    });

    it('pre-fills the monthly report with the month’s check-ins and study time', async () => {
      const m = await writer(w.branchA1);
      const [account] = await sql<{ id: string }>(`SELECT id FROM accounts WHERE member_id = $1`, [m.member.id]);
      const [activity] = await sql<{ id: string }>(
        `INSERT INTO activities (public_code, branch_id, branch_path, kind, title, place, starts_at, ends_at, secret_cipher, created_by)
         VALUES ($1, $2, $3, 'theme_day', '十一月主题党日', '村党群服务中心', $4, $4::timestamptz + interval '2 hours', 'x', $5)
         RETURNING id`,
        [`R${randomBytes(3).toString('hex')}0`, w.branchA1.id, w.branchA1.path, '2026-11-10T01:00:00Z', account.id],
      );
      await sql(
        `INSERT INTO checkins (activity_id, member_id, method, client_id, checked_in_at, recorded_by)
         VALUES ($1, $2, 'venue_code', $3, '2026-11-10T01:05:00Z', $4)`,
        [activity.id, m.member.id, key(), account.id],
      );
      const facts = await get(m.token, `${ReportRoutes.myFacts}?month=2026-11`);
      expect(facts.status).toBe(200);
      expect(facts.body as MonthlyReportFacts).toEqual({
        month: '2026-11',
        activities: [{ title: '十一月主题党日', kind: 'theme_day', at: '2026-11-10T01:05:00.000Z' }],
        studyMinutes: 0,
      });
      expect((await get(m.token, `${ReportRoutes.myFacts}?month=2026-10`)).body.activities).toEqual([]);
      expect((await get(m.token, `${ReportRoutes.myFacts}?month=2027-01`)).body.code).toBe(
        ErrorCode.REPORT_PERIOD_INVALID,
      );
    });
  });

  describe('the home branch reads and replies', () => {
    let m: Writer;
    let other: Writer;
    let reportId: string;

    beforeAll(async () => {
      m = await writer(w.branchA1);
      other = await writer(w.branchA1);
      // The member has arrived at a receiving branch: that side still never sees the report.
      await sql(
        `INSERT INTO flows (member_id, sending_branch_id, sending_path, receiving_branch_id, receiving_path, status, origin)
         VALUES ($1, $2, $3, $4, $5, 'active', 'outflow_report')`,
        [m.member.id, w.branchA1.id, w.branchA1.path, w.mobileBranch.id, w.mobileBranch.path],
      );
      const res = await submit(m, '十一月参加了两次组织生活。');
      expect(res.status).toBe(201);
      reportId = res.body.id as string;
    });

    it('puts a "reports to read" to-do in the home branch’s inbox', async () => {
      const todo = (await inbox(tok.secA1)).find((i) => i.subjectId === reportId);
      expect(todo).toMatchObject({ category: 'todo', kind: 'report.submitted', doneAt: null });
      expect(todo?.body).toContain(m.name);
      expect((await inbox(tok.secA2)).some((i) => i.subjectId === reportId)).toBe(false);
      expect((await inbox(tok.receiving)).some((i) => i.subjectId === reportId)).toBe(false);
    });

    it('lists it for the branch secretary and the county admin, never for others', async () => {
      const ids = async (token: string, query = '') =>
        ((await get(token, `${ReportRoutes.list}${query}`)).body as Paginated<ReportListItem>).items.map((i) => i.id);
      expect(await ids(tok.secA1)).toContain(reportId);
      expect(await ids(tok.adminA, `?orgId=${w.countyA.id}&status=submitted`)).toContain(reportId);
      const listed = ((await get(tok.secA1, ReportRoutes.list)).body as Paginated<ReportListItem>).items.find(
        (i) => i.id === reportId,
      );
      expect(listed).toMatchObject({ memberName: m.name, branchName: w.branchA1.name, status: 'submitted' });
      expect(listed).not.toHaveProperty('body');
      expect(await ids(tok.secA2)).not.toContain(reportId);
      expect(await ids(tok.adminB)).not.toContain(reportId);
      expect(await ids(tok.receiving)).not.toContain(reportId);
      expect((await get(tok.secA1, `${ReportRoutes.list}?orgId=${w.branchA2.id}`)).status).toBe(404);
      expect((await get(tok.committeeA1, ReportRoutes.list)).status).toBe(403);
      expect((await get(m.token, ReportRoutes.list)).status).toBe(403);
      expect((await get(tok.resident, ReportRoutes.list)).status).toBe(403);
    });

    it('pages through a long list with a cursor', async () => {
      const page1 = (await get(tok.secA1, `${ReportRoutes.list}?limit=2`)).body as Paginated<ReportListItem>;
      expect(page1.items).toHaveLength(2);
      expect(page1.nextCursor).toBeDefined();
      const page2 = (await get(tok.secA1, `${ReportRoutes.list}?limit=2&cursor=${page1.nextCursor}`))
        .body as Paginated<ReportListItem>;
      expect(page2.items.map((i) => i.id)).not.toContain(page1.items[0].id);
      expect((await get(tok.secA1, `${ReportRoutes.list}?cursor=garbage`)).status).toBe(400);
    });

    it('refuses to show the text to anyone but the member and the home side', async () => {
      expect((await get(tok.committeeA1, one(reportId))).status).toBe(403);
      for (const token of [tok.secA2, tok.adminB, tok.receiving, tok.resident, other.token, m.token]) {
        const res = await get(token, one(reportId));
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('两次组织生活');
      }
      expect((await get(other.token, mine(reportId))).status).toBe(404);
      expect((await get(tok.secA1, mine(reportId))).status).toBe(404);
    });

    it('marks it read on first reading, closes the to-do and audits every reading', async () => {
      const res = await get(tok.secA1, one(reportId));
      expect(res.status).toBe(200);
      expect(res.body as ReportView).toMatchObject({ status: 'read', body: '十一月参加了两次组织生活。', reply: null });
      expect((await get(tok.adminA, one(reportId))).body.status).toBe('read');
      const todo = (await inbox(tok.secA1)).find((i) => i.subjectId === reportId);
      expect(todo?.doneAt).not.toBeNull();
      const audited = await sql(`SELECT result FROM audit_events WHERE action = 'report.read' AND target_id = $1`, [
        reportId,
      ]);
      expect(audited).toHaveLength(2);
      expect((await get(m.token, mine(reportId))).body.status).toBe('read');
    });

    it('refuses a reply from the wrong role or side, then takes one reply and no second', async () => {
      const reply = { reply: '汇报收悉，望继续发挥先锋作用。' };
      expect((await post(tok.committeeA1, `${one(reportId)}/reply`, reply)).status).toBe(403);
      for (const token of [tok.secA2, tok.receiving, m.token, other.token, tok.resident]) {
        expect((await post(token, `${one(reportId)}/reply`, reply)).status).toBe(404);
      }
      expect((await post(tok.secA1, `${one(reportId)}/reply`, { reply: '' })).status).toBe(400);
      const res = await post(tok.secA1, `${one(reportId)}/reply`, reply);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'replied', reply: reply.reply });
      const again = await post(tok.adminA, `${one(reportId)}/reply`, { reply: '再回复' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.REPORT_WRONG_STATE);

      const seen = (await get(m.token, mine(reportId))).body as MyReportView;
      expect(seen).toMatchObject({ status: 'replied', reply: reply.reply });
      expect((await inbox(m.token)).find((i) => i.subjectId === reportId)).toMatchObject({
        kind: 'report.replied',
        category: 'notice',
      });
      const queued = await sql(
        `SELECT o.inbox_kind FROM wechat_outbox o JOIN accounts a ON a.id = o.account_id
          WHERE a.member_id = $1 AND o.subject_id = $2`,
        [m.member.id, reportId],
      );
      expect(queued).toEqual([{ inbox_kind: 'report.replied' }]);
    });

    it('never shows a draft to the home side', async () => {
      const d = await put(other.token, ReportRoutes.draft, { kind: 'monthly', period: '2026-11', body: '草稿' });
      expect((await get(tok.secA1, one(d.body.id))).status).toBe(404);
      expect((await post(tok.secA1, `${one(d.body.id)}/reply`, { reply: '好' })).status).toBe(404);
    });
  });

  describe('reminders (scheduled job, controlled clock)', () => {
    afterEach(() => {
      clock.now = () => NOV_26;
    });

    it('puts one to-do per member due a report, none for those who submitted, and never a second', async () => {
      const rw = await createWorld(t.app);
      const submitted = await writer(rw.branchA1);
      const late = await writer(rw.branchA1);
      const unbound = await createMember(t.app, rw.branchA1);
      expect((await submit(submitted)).status).toBe(201);
      const reminders = t.app.get(ReportRemindersService);

      expect(await reminders.run()).toBeGreaterThan(0);
      const dueTodos = async (token: string) =>
        (await inbox(token)).filter((i) => i.kind === 'report.due' && i.category === 'todo');
      expect(await dueTodos(late.token)).toEqual([
        expect.objectContaining({ title: '请提交组织生活月报告', doneAt: null }),
      ]);
      expect(await dueTodos(submitted.token)).toEqual([]);
      expect(await sql(`SELECT 1 FROM inbox_items WHERE recipient_member_id = $1`, [unbound.member.id])).toEqual([]);

      expect(await reminders.run()).toBe(0);
      expect(await dueTodos(late.token)).toHaveLength(1);
      const queued = await sql(
        `SELECT o.template_id FROM wechat_outbox o JOIN accounts a ON a.id = o.account_id
          WHERE a.member_id = $1 AND o.inbox_kind = 'report.due'`,
        [late.member.id],
      );
      expect(queued).toEqual([{ template_id: FLOW_TODO }]);

      // Submitting closes the reminder.
      const due = (await get(late.token, ReportRoutes.myDue)).body as MyDueReports;
      const monthly = due.items.find((i) => i.kind === 'monthly');
      expect(monthly).toMatchObject({ period: '2026-11', status: 'draft' });
      expect((await submit(late)).body.id).toBe(monthly?.reportId);
      expect((await dueTodos(late.token))[0].doneAt).not.toBeNull();
    });

    it('reminds of the thought report from December, and not before', async () => {
      const rw = await createWorld(t.app);
      const m = await writer(rw.branchA1);
      const reminders = t.app.get(ReportRemindersService);
      await reminders.run();
      const kinds = async () =>
        (await inbox(m.token))
          .filter((i) => i.kind === 'report.due')
          .map((i) => i.title)
          .sort();
      expect(await kinds()).toEqual(['请提交组织生活月报告']);
      // Sessions expire by the same clock: move it only while the job runs.
      const runAt = async (at: Date) => {
        clock.now = () => at;
        try {
          return await reminders.run();
        } finally {
          clock.now = () => NOV_26;
        }
      };
      expect(await runAt(DEC_2)).toBeGreaterThan(0);
      expect(await kinds()).toEqual(['请提交思想汇报', '请提交组织生活月报告']);
      expect(await runAt(DEC_2)).toBe(0);
      expect(await kinds()).toHaveLength(2);
    });
  });
});
