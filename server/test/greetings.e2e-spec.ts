import { randomBytes } from 'node:crypto';
import request from 'supertest';
import {
  ErrorCode,
  GREETING_TEMPLATES,
  GreetingRoutes,
  InboxRoutes,
  SubscriptionRoutes,
  type GreetingView,
  type InboxItem,
  type Paginated,
} from '@pioneer/shared';
import { GreetingsService } from '../src/member-reports/greetings/greetings.service.js';
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
type Mobile = MemberFixture & { token: string; openid: string };

const FLOW_TODO = 'pioneerTestFlowTodo-0002';
const FLOW_NOTICE = 'pioneerTestFlowNotice-0002';
const key = () => `grt-${randomBytes(12).toString('hex')}`;
const SPRING = GREETING_TEMPLATES[0];

describe('Greetings: a branch greets all its mobile members once', () => {
  let t: TestApp;
  let w: World;
  let tok: Record<'secA1' | 'committeeA1' | 'adminA' | 'secA2' | 'receiving' | 'resident', string>;

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (token: string, path: string) => request(t.url).get(path).set(auth(token));
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set(auth(token)).send(body);
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withSql(t.databaseUrl, async (client) => (await client.query(text, params)).rows as T[]);

  async function member(branch: Org, status: string | null): Promise<Mobile> {
    const fixture = await createMember(t.app, branch);
    const openid = `o-${randomBytes(6).toString('hex')}`;
    const token = await memberToken(t, fixture.member, openid);
    if (status) {
      await sql(
        `INSERT INTO flows (member_id, sending_branch_id, sending_path, receiving_branch_id, receiving_path, status, origin)
         VALUES ($1, $2, $3, $4, $5, $6, 'outflow_report')`,
        [fixture.member.id, branch.id, branch.path, w.mobileBranch.id, w.mobileBranch.path, status],
      );
    }
    return { ...fixture, token, openid };
  }

  async function allowNotices(m: Mobile): Promise<void> {
    const granted = await fetch(`${t.standInUrl}/__standin/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: m.openid, templateId: FLOW_NOTICE, count: 1 }),
    });
    expect(granted.status).toBe(200);
    expect((await post(m.token, SubscriptionRoutes.mine, { results: { [FLOW_NOTICE]: 'accept' } })).status).toBe(200);
  }

  async function until(check: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out');
  }

  const greetingsOf = async (m: Mobile) =>
    ((await get(m.token, `${InboxRoutes.list}?limit=100`)).body as Paginated<InboxItem>).items.filter(
      (i) => i.kind === 'greeting',
    );

  beforeAll(async () => {
    t = await startTestApp({
      THROTTLE_LIMIT: '100000',
      WECHAT_TEMPLATE_FLOW_TODO: FLOW_TODO,
      WECHAT_TEMPLATE_FLOW_NOTICE: FLOW_NOTICE,
    });
    w = await createWorld(t.app);
    const staffAt = async (role: 'branch_secretary' | 'branch_committee' | 'org_admin', org: Org) =>
      staffToken(t, await createStaff(t.app, [role], org.id));
    tok = {
      secA1: await staffAt('branch_secretary', w.branchA1),
      committeeA1: await staffAt('branch_committee', w.branchA1),
      adminA: await staffAt('org_admin', w.countyA),
      secA2: await staffAt('branch_secretary', w.branchA2),
      receiving: await staffAt('branch_secretary', w.mobileBranch),
      resident: await memberToken(t, null),
    };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('greets every mobile member of the branch in batches, once, with a WeChat message where allowed', async () => {
    const gw = await createWorld(t.app);
    const sec = await staffToken(t, await createStaff(t.app, ['branch_secretary'], gw.branchA1.id));
    const away = [
      await member(gw.branchA1, 'active'),
      await member(gw.branchA1, 'arrived'),
      await member(gw.branchA1, 'approved'),
      await member(gw.branchA1, 'lost_contact'),
      await member(gw.branchA1, 'active'),
    ];
    const atHome = await member(gw.branchA1, null);
    const returned = await member(gw.branchA1, 'returned');
    const otherBranch = await member(gw.branchA2, 'active');
    await allowNotices(away[0]);
    await allowNotices(atHome);
    const service = t.app.get(GreetingsService);
    service.batchSize = 2;
    try {
      const body = { orgId: gw.branchA1.id, title: SPRING.title, body: SPRING.body, clientKey: key() };
      const [first, second] = await Promise.all([
        post(sec, GreetingRoutes.greetings, body),
        post(sec, GreetingRoutes.greetings, body),
      ]);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).toBe(first.body.id);
      const id = first.body.id as string;
      await until(
        async () => ((await get(sec, GreetingRoutes.one.replace(':id', id))).body as GreetingView).status === 'sent',
      );
      // Run again as a retried job would: nothing doubles.
      await service.deliver(id);
      const view = (await get(sec, GreetingRoutes.one.replace(':id', id))).body as GreetingView;
      expect(view).toMatchObject({ status: 'sent', recipients: 5, title: SPRING.title, orgName: gw.branchA1.name });

      for (const m of away) {
        expect(await greetingsOf(m)).toEqual([
          expect.objectContaining({ category: 'notice', title: SPRING.title, body: SPRING.body, subjectId: id }),
        ]);
      }
      for (const m of [atHome, returned, otherBranch]) expect(await greetingsOf(m)).toEqual([]);
      const queued = await sql<{ member_id: string; template_id: string }>(
        `SELECT a.member_id, o.template_id FROM wechat_outbox o JOIN accounts a ON a.id = o.account_id
          WHERE o.subject_id = $1`,
        [id],
      );
      expect(queued).toEqual([{ member_id: away[0].member.id, template_id: FLOW_NOTICE }]);

      const again = await post(sec, GreetingRoutes.greetings, { ...body, body: '不同的内容' });
      expect(again.status).toBe(422);
      expect(again.body.code).toBe(ErrorCode.CLIENT_ID_REUSED);
      const list = (await get(sec, `${GreetingRoutes.greetings}?orgId=${gw.branchA1.id}`))
        .body as Paginated<GreetingView>;
      expect(list.items.map((g) => g.id)).toEqual([id]);
    } finally {
      service.batchSize = 5_000;
    }
  });

  it('lets a county admin greet its whole subtree', async () => {
    const gw = await createWorld(t.app);
    const admin = await staffToken(t, await createStaff(t.app, ['org_admin'], gw.countyA.id));
    const a1 = await member(gw.branchA1, 'active');
    const a2 = await member(gw.branchA2, 'arrived');
    const b = await member(gw.branchB, 'active');
    const res = await post(admin, GreetingRoutes.greetings, {
      orgId: gw.countyA.id,
      title: '中秋问候',
      body: '中秋快乐！',
      clientKey: key(),
    });
    expect(res.status).toBe(201);
    await until(async () => (await greetingsOf(a2)).length === 1);
    expect(await greetingsOf(a1)).toHaveLength(1);
    expect(await greetingsOf(b)).toEqual([]);
  });

  it('refuses the wrong role, another branch, the receiving side, members and residents', async () => {
    const body = (orgId: string) => ({ orgId, title: '问候', body: '节日快乐', clientKey: key() });
    const committee = await post(tok.committeeA1, GreetingRoutes.greetings, body(w.branchA1.id));
    expect(committee.status).toBe(403);
    const m = await member(w.branchA1, 'active');
    for (const token of [tok.secA2, tok.receiving, m.token, tok.resident]) {
      const res = await post(token, GreetingRoutes.greetings, body(w.branchA1.id));
      expect(res.status).toBe(404);
      expect((await get(token, `${GreetingRoutes.greetings}?orgId=${w.branchA1.id}`)).status).toBe(404);
    }
    expect((await get(tok.committeeA1, `${GreetingRoutes.greetings}?orgId=${w.branchA1.id}`)).status).toBe(403);
    const sent = await post(tok.secA1, GreetingRoutes.greetings, body(w.branchA1.id));
    expect(sent.status).toBe(201);
    expect((await get(tok.secA2, GreetingRoutes.one.replace(':id', sent.body.id))).status).toBe(404);
    expect((await get(tok.adminA, GreetingRoutes.one.replace(':id', sent.body.id))).status).toBe(200);
    expect((await post(tok.secA1, GreetingRoutes.greetings, { ...body(w.branchA1.id), title: '' })).status).toBe(400);
    expect((await get(tok.secA1, `${GreetingRoutes.greetings}?orgId=${w.branchA1.id}`)).body.items.length).toBe(1);
  });
});
