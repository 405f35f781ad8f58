import request from 'supertest';
import {
  ErrorCode,
  InboxRoutes,
  ResponsibilityRoutes,
  type FlowResponsibilitiesView,
  type FlowResponsibilityView,
  type InboxItem,
  type ResponsibilityProgressView,
} from '@pioneer/shared';
import { Clock } from '../src/common/time/clock.js';
import { ResponsibilitiesSweepService } from '../src/responsibilities/responsibilities-sweep.service.js';
import { withSql } from './support/database.js';
import { arriveAt, createMember, createStaff, createWorld, memberToken, staffToken } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Who = 'secA1' | 'committeeA1' | 'secMobile' | 'secB' | 'adminA' | 'adminDistrict' | 'villageA' | 'street';

/**
 * 三张责任清单 at work: the daily sweep makes each active flow's list, each
 * side marks its own items done with evidence, overdue items go to the
 * responsible side and then to the org above it, once each, and both sides
 * and their supervising orgs see progress. Runs on a controlled clock in
 * the coming year (China time), after the flows are made on the real one.
 */
describe('responsibility items: marking, progress and escalation', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createWorld>>;
  let tokens: Record<Who, string>;
  let memberTok: string;
  let memberId: string;
  let flowId: string;
  let clock: Clock;
  const year = new Date().getUTCFullYear() + 1;
  /** 10:00 in China on a day of the coming year. */
  const at = (monthDay: string) => new Date(`${year}-${monthDay}T02:00:00Z`);
  const day = (monthDay: string) => `${year}-${monthDay}`;

  const get = (token: string, path: string) => request(t.url).get(path).set('authorization', `Bearer ${token}`);
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set('authorization', `Bearer ${token}`).send(body);
  const flowPath = (id: string) => ResponsibilityRoutes.flow.replace(':flowId', id);
  const donePath = (itemId: string) => ResponsibilityRoutes.itemDone.replace(':itemId', itemId);
  const list = async (token: string, id = flowId) => {
    const res = await get(token, flowPath(id));
    expect(res.status).toBe(200);
    return res.body as FlowResponsibilitiesView;
  };
  const sweep = () => t.app.get(ResponsibilitiesSweepService).run();
  const sql = <T>(text: string, params: unknown[] = []) =>
    withSql(t.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);

  async function activeFlowFor(who: { id: string }): Promise<{ flowId: string; memberId: string }> {
    const arrived = await arriveAt(t, memberTok, w.mobileBranch);
    expect(arrived.status).toBe(200);
    const id = arrived.body.flow.id as string;
    const confirm = await post(tokens.secMobile, `/api/flows/${id}/actions`, { action: 'confirm_arrival' });
    expect(confirm.status).toBe(200);
    return { flowId: id, memberId: who.id };
  }

  let staff: Record<Who, Awaited<ReturnType<typeof createStaff>>>;
  let member: Awaited<ReturnType<typeof createMember>>['member'];

  const memberOpenid = `o-duties-${Date.now()}`;

  /** Sessions expire by the app's clock: sign everyone in again after moving it. */
  async function signInAll(): Promise<void> {
    const entries = await Promise.all(
      (Object.keys(staff) as Who[]).map(async (who) => [who, await staffToken(t, staff[who])] as const),
    );
    tokens = Object.fromEntries(entries) as Record<Who, string>;
    memberTok = await memberToken(t, member, memberOpenid);
  }
  async function moveClockTo(monthDay: string): Promise<void> {
    clock.now = () => at(monthDay);
    await signInAll();
  }

  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_LIMIT: '100000', THROTTLE_AUTH_LIMIT: '100000' });
    w = await createWorld(t.app);
    staff = {
      secA1: await createStaff(t.app, ['branch_secretary'], w.branchA1.id),
      committeeA1: await createStaff(t.app, ['branch_committee'], w.branchA1.id),
      secMobile: await createStaff(t.app, ['branch_secretary'], w.mobileBranch.id),
      secB: await createStaff(t.app, ['branch_secretary'], w.branchB.id),
      adminA: await createStaff(t.app, ['org_admin'], w.countyA.id),
      adminDistrict: await createStaff(t.app, ['org_admin'], w.district.id),
      villageA: await createStaff(t.app, ['org_admin'], w.villageA.id),
      street: await createStaff(t.app, ['org_admin'], w.street.id),
    };
    ({ member } = await createMember(t.app, w.branchA1));
    await signInAll();
    const flow = await activeFlowFor(member);
    ({ flowId, memberId } = flow);
    clock = t.app.get(Clock);
    await moveClockTo('03-10');
  });
  afterAll(async () => {
    clock.now = Clock.prototype.now;
    await t.close();
  });

  it('makes the list of every active flow in the daily sweep, each item due by its cadence', async () => {
    const first = await sweep();
    expect(first.listsMade).toBeGreaterThanOrEqual(1);
    const view = await list(tokens.secA1);
    expect(view.items).toHaveLength(18);
    for (const item of view.items) {
      const expected = {
        once: day('04-09'),
        monthly: day('03-31'),
        quarterly: day('03-31'),
        half_yearly: day('06-30'),
        yearly: day('12-31'),
      }[item.cadence];
      expect({ title: item.title, dueOn: item.dueOn }).toEqual({ title: item.title, dueOn: expected });
      expect(item.status).toBe('open');
      expect(item.history).toEqual([]);
    }
    // A second sweep makes nothing twice.
    expect((await sweep()).listsMade).toBe(0);
    expect((await list(tokens.secA1)).items).toHaveLength(18);
  });

  it('lets each side mark only its own items', async () => {
    const canMark = (v: FlowResponsibilitiesView) =>
      v.items.reduce<Record<string, boolean[]>>(
        (acc, i) => ({ ...acc, [i.side]: [...(acc[i.side] ?? []), i.canMark] }),
        {},
      );
    const sending = canMark(await list(tokens.secA1));
    expect(sending.sending.every(Boolean)).toBe(true);
    expect([...sending.receiving, ...sending.member].some(Boolean)).toBe(false);
    const receiving = canMark(await list(tokens.secMobile));
    expect(receiving.receiving.every(Boolean)).toBe(true);
    expect([...receiving.sending, ...receiving.member].some(Boolean)).toBe(false);
    const mine = await list(memberTok);
    expect(mine.side).toBe('self');
    expect(mine.items.every((i) => i.side === 'member' && i.canMark)).toBe(true);
  });

  describe('marking an item done', () => {
    let view: FlowResponsibilitiesView;
    const first = (side: string, cadence: string) =>
      view.items.find((i) => i.side === side && i.cadence === cadence) as FlowResponsibilityView;

    beforeAll(async () => {
      view = await list(tokens.secA1);
    });

    it('refuses another side, an unrelated branch and a member with codes', async () => {
      const sendingItem = first('sending', 'monthly');
      const wrong = await post(tokens.secMobile, donePath(sendingItem.id), { evidence: '已电话联系' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.code).toBe(ErrorCode.RESPONSIBILITY_WRONG_SIDE);
      const receivingItem = view.items.find((i) => i.side === 'receiving')!;
      const back = await post(tokens.secA1, donePath(receivingItem.id), { evidence: '已联系' });
      expect(back.status).toBe(403);
      expect(back.body.code).toBe(ErrorCode.RESPONSIBILITY_WRONG_SIDE);
      for (const who of ['secB'] as const) {
        const res = await post(tokens[who], donePath(sendingItem.id), { evidence: '已联系' });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe(ErrorCode.NOT_FOUND);
        expect((await get(tokens[who], ResponsibilityRoutes.item.replace(':itemId', sendingItem.id))).status).toBe(404);
      }
      // The member does not even see the branches' items.
      const member = await post(memberTok, donePath(sendingItem.id), { evidence: '已联系' });
      expect(member.status).toBe(404);
      const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM flow_responsibility_records`);
      expect(row.n).toBe(0);
    });

    it('rejects bad bodies and ids with 400', async () => {
      const item = first('sending', 'monthly');
      const unknown = await post(tokens.secA1, donePath(item.id), { evidence: '已联系', status: 'done' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.code).toBe(ErrorCode.UNKNOWN_FIELD);
      for (const evidence of ['', '   ', 'x'.repeat(501), 12]) {
        const res = await post(tokens.secA1, donePath(item.id), { evidence });
        expect({ evidence, status: res.status, code: res.body.code }).toEqual({
          evidence,
          status: 400,
          code: ErrorCode.VALIDATION_FAILED,
        });
      }
      expect((await post(tokens.secA1, donePath('not-a-uuid'), { evidence: '已联系' })).status).toBe(400);
      const missing = await post(tokens.secA1, donePath('00000000-0000-4000-8000-000000000000'), {
        evidence: '已联系',
      });
      expect(missing.status).toBe(404);
    });

    it('records evidence, moves a monthly item to next month and refuses a second mark this month', async () => {
      const item = first('sending', 'monthly');
      const res = await post(tokens.secA1, donePath(item.id), {
        evidence: '3月10日电话联系，在闵行区送快递，一切正常',
      });
      expect(res.status).toBe(200);
      const after = (res.body as FlowResponsibilitiesView).items.find((i) => i.id === item.id)!;
      expect(after).toMatchObject({ status: 'done', dueOn: day('04-30'), canMark: false });
      expect(after.evidence).toBe('3月10日电话联系，在闵行区送快递，一切正常');
      expect(after.history).toHaveLength(1);
      expect(after.history[0]).toMatchObject({ dueOn: day('03-31'), doneAt: at('03-10').toISOString() });
      expect(after.history[0].doneByName).toEqual(expect.any(String));

      const again = await post(tokens.committeeA1, donePath(item.id), { evidence: '又联系了一次' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.RESPONSIBILITY_ALREADY_DONE);

      // The receiving side sees the progress too.
      const seen = (await list(tokens.secMobile)).items.find((i) => i.id === item.id)!;
      expect(seen).toMatchObject({ status: 'done', canMark: false });

      // Evidence is encrypted at rest.
      const rows = await sql<{ evidence_cipher: string }>(`SELECT evidence_cipher FROM flow_responsibility_records`);
      expect(rows).toHaveLength(1);
      expect(rows[0].evidence_cipher).not.toContain('闵行');
    });

    it('lets a committee member mark the branch’s items and the member mark their own; a one-off item is done for good', async () => {
      const once = first('sending', 'once');
      if (once) {
        const res = await post(tokens.committeeA1, donePath(once.id), { evidence: '已建立联系档案' });
        expect(res.status).toBe(200);
        expect(res.body.items.find((i: FlowResponsibilityView) => i.id === once.id)).toMatchObject({
          status: 'done',
          dueOn: once.dueOn,
        });
        const again = await post(tokens.secA1, donePath(once.id), { evidence: '再次标记' });
        expect(again.status).toBe(409);
      }
      const own = (await list(memberTok)).items[0];
      const mine = await post(memberTok, donePath(own.id), { evidence: '已按时参加组织生活' });
      expect(mine.status).toBe(200);
      expect(mine.body.side).toBe('self');
      expect(mine.body.items.find((i: FlowResponsibilityView) => i.id === own.id).status).toBe('done');
    });
  });

  describe('overdue items', () => {
    const inboxCount = (kind: string, to: { orgId?: string; memberId?: string }) =>
      sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM inbox_items
          WHERE kind = $1 AND (recipient_org_id = $2 OR recipient_member_id = $3)`,
        [kind, to.orgId ?? null, to.memberId ?? null],
      ).then((r) => r[0].n);
    const overdueBySide = async () => {
      const items = (await list(tokens.secA1)).items.filter((i) => i.status === 'overdue');
      return {
        sending: items.filter((i) => i.side === 'sending').length,
        receiving: items.filter((i) => i.side === 'receiving').length,
        member: items.filter((i) => i.side === 'member').length,
      };
    };
    let overdue: { sending: number; receiving: number; member: number };

    it('puts one to-do per overdue item on the responsible side, once, the day after the due day', async () => {
      await moveClockTo('04-01');
      overdue = await overdueBySide();
      expect(overdue.sending + overdue.receiving + overdue.member).toBeGreaterThan(0);
      const result = await sweep();
      expect(result.escalatedToSide).toBe(overdue.sending + overdue.receiving + overdue.member);
      expect(result.escalatedToSupervisor).toBe(0);
      expect(await inboxCount('responsibility.overdue', { orgId: w.branchA1.id })).toBe(overdue.sending);
      expect(await inboxCount('responsibility.overdue', { orgId: w.mobileBranch.id })).toBe(overdue.receiving);
      expect(await inboxCount('responsibility.overdue', { memberId })).toBe(overdue.member);
      // Running again (or on a second instance) tells nobody twice.
      expect(await sweep()).toEqual({ listsMade: 0, escalatedToSide: 0, escalatedToSupervisor: 0 });
    });

    it('shows the to-do in the branch inbox, opens the item’s list from it, and closes it when the item is done', async () => {
      const inbox = await get(tokens.secMobile, `${InboxRoutes.list}?category=todo&pending=true`);
      expect(inbox.status).toBe(200);
      const todo = (inbox.body.items as InboxItem[]).find((i) => i.kind === 'responsibility.overdue')!;
      expect(todo).toMatchObject({ subjectType: 'responsibility', doneAt: null, title: '责任清单事项已逾期' });
      const itemPath = ResponsibilityRoutes.item.replace(':itemId', todo.subjectId);
      const fromTodo = await get(tokens.secMobile, itemPath);
      expect(fromTodo.status).toBe(200);
      expect(fromTodo.body.flowId).toBe(flowId);
      expect((await get(tokens.secB, itemPath)).status).toBe(404);

      const done = await post(tokens.secMobile, donePath(todo.subjectId), { evidence: '4月1日走访，已补上' });
      expect(done.status).toBe(200);
      // Done late, it answers the current period: the next one is due at the end of the period after it.
      expect(done.body.items.find((i: FlowResponsibilityView) => i.id === todo.subjectId)).toMatchObject({
        status: 'done',
        dueOn: expect.stringMatching(new RegExp(`^${year}-(05-31|09-30)$`)),
      });
      const [row] = await sql<{ done_at: Date | null }>(`SELECT done_at FROM inbox_items WHERE id = $1`, [todo.id]);
      expect(row.done_at).not.toBeNull();
      const [item] = await sql<{ escalation_level: number }>(
        `SELECT escalation_level FROM flow_responsibilities WHERE id = $1`,
        [todo.subjectId],
      );
      expect(item.escalation_level).toBe(0);
    });

    it('escalates to the org above the branch once more than 14 days have passed, once', async () => {
      await moveClockTo('04-14');
      expect((await sweep()).escalatedToSupervisor).toBe(0);
      await moveClockTo('04-15');
      const now = await overdueBySide();
      const result = await sweep();
      // Items due 03-31 are now 15 days late; the one the receiving side did is no longer overdue.
      expect(result.escalatedToSupervisor).toBeGreaterThan(0);
      expect(await inboxCount('responsibility.escalated', { orgId: w.villageA.id })).toBeGreaterThan(0);
      expect(await inboxCount('responsibility.escalated', { orgId: w.villageA.id })).toBeLessThanOrEqual(now.sending);
      expect(await inboxCount('responsibility.escalated', { orgId: w.street.id })).toBe(overdue.receiving - 1);
      // The member's own overdue items go to their sending branch.
      expect(await inboxCount('responsibility.escalated', { orgId: w.branchA1.id })).toBeLessThanOrEqual(now.member);
      expect((await sweep()).escalatedToSupervisor).toBe(0);
      const villageInbox = await get(tokens.villageA, `${InboxRoutes.list}?category=todo`);
      expect((villageInbox.body.items as InboxItem[]).some((i) => i.kind === 'responsibility.escalated')).toBe(true);
    });
  });

  describe('progress for the branches and the orgs above them', () => {
    it('counts each list per branch, from the sending side’s and the receiving side’s subtrees', async () => {
      const county = await get(tokens.adminA, `${ResponsibilityRoutes.progress}?orgId=${w.countyA.id}`);
      expect(county.status).toBe(200);
      const view = county.body as ResponsibilityProgressView;
      expect(view.asOf).toBe(day('04-15'));
      expect(view.rows.map((r) => [r.branchId, r.list]).sort()).toEqual(
        [
          [w.branchA1.id, 'member'],
          [w.branchA1.id, 'sending'],
        ].sort(),
      );
      const sendingRow = view.rows.find((r) => r.list === 'sending')!;
      expect(sendingRow).toMatchObject({ branchName: '东风村党支部', flows: 1, items: 7 });
      expect(sendingRow.done + sendingRow.overdue).toBeLessThanOrEqual(7);
      expect(sendingRow.overdue).toBeGreaterThan(0);

      const district = await get(tokens.adminDistrict, `${ResponsibilityRoutes.progress}?orgId=${w.district.id}`);
      expect(district.status).toBe(200);
      expect((district.body as ResponsibilityProgressView).rows).toEqual([
        expect.objectContaining({ branchId: w.mobileBranch.id, list: 'receiving', flows: 1, items: 6 }),
      ]);
      const own = await get(tokens.secA1, `${ResponsibilityRoutes.progress}?orgId=${w.branchA1.id}`);
      expect(own.status).toBe(200);
      expect(own.body.rows).toHaveLength(2);
    });

    it('denies orgs outside the caller’s subtree, members and bad queries', async () => {
      expect((await get(tokens.secB, `${ResponsibilityRoutes.progress}?orgId=${w.countyA.id}`)).status).toBe(404);
      expect((await get(tokens.secA1, `${ResponsibilityRoutes.progress}?orgId=${w.countyA.id}`)).status).toBe(404);
      const member = await get(memberTok, `${ResponsibilityRoutes.progress}?orgId=${w.branchA1.id}`);
      expect([403, 404]).toContain(member.status);
      expect((await get(tokens.adminA, `${ResponsibilityRoutes.progress}?orgId=nope`)).status).toBe(400);
      expect((await get(tokens.adminA, ResponsibilityRoutes.progress)).status).toBe(400);
    });
  });

  it('refuses marking once the flow is no longer under dual management', async () => {
    const lost = await post(tokens.secA1, `/api/flows/${flowId}/actions`, { action: 'mark_lost' });
    expect(lost.status).toBe(200);
    const item = (await list(tokens.secA1)).items.find((i) => i.side === 'sending' && i.status !== 'done')!;
    const res = await post(tokens.secA1, donePath(item.id), { evidence: '已联系' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe(ErrorCode.FLOW_WRONG_STATE);
    // And the sweep no longer escalates its items.
    await moveClockTo('06-01');
    const result = await sweep();
    const [row] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM inbox_items i JOIN flow_responsibilities r ON r.id = i.subject_id
        WHERE r.flow_id = $1 AND i.created_at >= $2`,
      [flowId, at('06-01')],
    );
    expect(row.n).toBe(0);
    expect(result.escalatedToSide + result.escalatedToSupervisor).toBe(0);
  });
});
