import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  ErrorCode,
  SubscriptionRoutes,
  type AccountView,
  type ArrivalResult,
  type SubscriptionsView,
} from '@pioneer/shared';
import { AccountsService } from '../src/accounts/accounts.service.js';
import type { Principal } from '../src/common/auth/principal.js';
import { Clock } from '../src/common/time/clock.js';
import { AppConfig } from '../src/config/app-config.js';
import { FlowsService } from '../src/flows/flows.service.js';
import { INBOX_PAGE } from '../src/notifications/wechat-message.js';
import { WechatOutboxDispatcher } from '../src/notifications/wechat-outbox.dispatcher.js';
import { WechatOutboxRepository } from '../src/notifications/wechat-outbox.repository.js';
import type { SentMessage } from '../src/wechat/stand-in/stand-in-wechat.state.js';
import { WechatClient } from '../src/wechat/wechat.client.js';
import { withSql } from './support/database.js';
import { arriveAt, createMember, createOrg, createWorld, memberToken } from './support/factories.js';
import { TEST_APP_ID, startTestApp, type TestApp } from './support/test-app.js';
import type { Org } from '../src/orgs/org.entity.js';

const TODO_TEMPLATE = 'pioneerTestFlowTodo-0001';
const NOTICE_TEMPLATE = 'pioneerTestFlowNotice-0001';
const SEND_PATH = '/cgi-bin/message/subscribe/send';

interface LogRow {
  outbox_id: string;
  attempt: number;
  outcome: string;
  reason: string | null;
  errcode: number | null;
  msg_id: string | null;
  next_attempt_at: Date | null;
  at: Date;
}

interface OutboxRow {
  id: string;
  account_id: string;
  template_id: string;
  status: string;
  attempts: number;
  data: Record<string, { value: string }>;
}

/** A WeChat user who holds a staff role: signs in with WeChat, then is granted the role at a branch. */
interface WechatStaff {
  openid: string;
  token: string;
  accountId: string;
}

describe('WeChat subscribe messages (订阅消息)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createWorld>>;

  const standIn = (path: string, body?: object) =>
    fetch(`${t.standInUrl}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });

  /** What the stand-in WeChat server delivered to one person. */
  async function delivered(openid: string): Promise<SentMessage[]> {
    const res = await standIn('/__standin/messages');
    const { messages } = (await res.json()) as { messages: SentMessage[] };
    return messages.filter((m) => m.toOpenid === openid);
  }

  /** How many calls reached WeChat's send path so far, failed ones included. */
  async function sendCalls(): Promise<number> {
    const res = await standIn('/__standin/requests');
    return ((await res.json()) as { counts: Record<string, number> }).counts[SEND_PATH];
  }

  /** What the person taps in WeChat's dialog (WeChat records it), then what the app reports to us. */
  async function allow(staff: { openid: string; token: string }, templateId: string, times = 1): Promise<void> {
    const granted = await standIn('/__standin/subscriptions', { openid: staff.openid, templateId, count: times });
    expect(granted.status).toBe(200);
    for (let i = 0; i < times; i += 1) {
      const res = await report(staff.token, { [templateId]: 'accept' });
      expect(res.status).toBe(200);
    }
  }

  const report = (token: string, results: Record<string, string>) =>
    request(t.url).post(SubscriptionRoutes.mine).set('authorization', `Bearer ${token}`).send({ results });

  async function credits(token: string): Promise<Record<string, number>> {
    const res = await request(t.url).get(SubscriptionRoutes.mine).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return Object.fromEntries((res.body as SubscriptionsView).templates.map((x) => [x.templateId, x.credits]));
  }

  async function wechatStaff(branch: Org): Promise<WechatStaff> {
    const openid = `o-staff-${randomBytes(6).toString('hex')}`;
    const token = await memberToken(t, null, openid);
    const me = await request(t.url).get('/api/auth/me').set('authorization', `Bearer ${token}`);
    const accountId = (me.body as AccountView).id;
    await t.app.get(AccountsService).grantRole(accountId, 'branch_secretary', branch.id);
    return { openid, token, accountId };
  }

  /** A member of branch A1 signed in with WeChat, arrived at `branch` by its code. */
  async function arrival(
    branch: Org,
  ): Promise<{ openid: string; token: string; flowId: string; memberId: string; name: string }> {
    const fixture = await createMember(t.app, w.branchA1);
    const openid = `o-member-${randomBytes(6).toString('hex')}`;
    const token = await memberToken(t, fixture.member, openid);
    const res = await arriveAt(t, token, branch);
    expect(res.status).toBe(200);
    return {
      openid,
      token,
      flowId: (res.body as ArrivalResult).flow.id,
      memberId: fixture.member.id,
      name: fixture.name,
    };
  }

  const sql = <T>(text: string, params: unknown[] = []) =>
    withSql(t.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);

  const outboxFor = (accountId: string) =>
    sql<OutboxRow>(`SELECT * FROM wechat_outbox WHERE account_id = $1 ORDER BY created_at`, [accountId]);

  const logOf = (outboxId: string) =>
    sql<LogRow>(`SELECT * FROM wechat_send_log WHERE outbox_id = $1 ORDER BY id`, [outboxId]);

  /** Waits until the dispatcher has nothing left that is due or in flight. */
  async function settled(): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [open] = await sql<{ n: string }>(
        `SELECT count(*) AS n FROM wechat_outbox WHERE status IN ('pending', 'sending')`,
      );
      if (Number(open.n) === 0) return;
      if (Date.now() > deadline) throw new Error(`outbox did not settle: ${open.n} open`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  beforeAll(async () => {
    t = await startTestApp({
      WECHAT_TEMPLATE_FLOW_TODO: TODO_TEMPLATE,
      WECHAT_TEMPLATE_FLOW_NOTICE: NOTICE_TEMPLATE,
      WECHAT_OUTBOX_POLL_MS: '25',
      WECHAT_OUTBOX_BACKOFF_MS: '300',
      WECHAT_OUTBOX_MAX_ATTEMPTS: '3',
      THROTTLE_CHECKIN_MEMBER_LIMIT: '1000',
    });
    w = await createWorld(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('consent credits', () => {
    it('offers a member the notice template only, and staff both, with a label and their credits', async () => {
      const member = await memberToken(t, (await createMember(t.app, w.branchA1)).member);
      const asMember = await request(t.url).get(SubscriptionRoutes.mine).set('authorization', `Bearer ${member}`);
      expect(asMember.body).toEqual({
        templates: [{ templateId: NOTICE_TEMPLATE, purpose: 'flow_notice', label: '通知提醒', credits: 0 }],
      });

      const staff = await wechatStaff(w.branchA2);
      const asStaff = await request(t.url).get(SubscriptionRoutes.mine).set('authorization', `Bearer ${staff.token}`);
      expect((asStaff.body as SubscriptionsView).templates).toEqual([
        { templateId: TODO_TEMPLATE, purpose: 'flow_todo', label: '待办提醒', credits: 0 },
        { templateId: NOTICE_TEMPLATE, purpose: 'flow_notice', label: '通知提醒', credits: 0 },
      ]);
    });

    it('counts one credit per accept; reject, ban and filter change nothing', async () => {
      const staff = await wechatStaff(w.branchA2);
      const first = await report(staff.token, { [TODO_TEMPLATE]: 'accept', [NOTICE_TEMPLATE]: 'reject' });
      expect(first.status).toBe(200);
      expect(await credits(staff.token)).toEqual({ [TODO_TEMPLATE]: 1, [NOTICE_TEMPLATE]: 0 });

      await report(staff.token, { [TODO_TEMPLATE]: 'accept', [NOTICE_TEMPLATE]: 'accept' });
      await report(staff.token, { [TODO_TEMPLATE]: 'ban', [NOTICE_TEMPLATE]: 'filter' });
      expect(await credits(staff.token)).toEqual({ [TODO_TEMPLATE]: 2, [NOTICE_TEMPLATE]: 1 });
    });

    it('counts a report retried with the same Idempotency-Key once', async () => {
      const staff = await wechatStaff(w.branchA2);
      const key = randomBytes(16).toString('hex');
      for (let i = 0; i < 2; i += 1) {
        const res = await request(t.url)
          .post(SubscriptionRoutes.mine)
          .set('authorization', `Bearer ${staff.token}`)
          .set('Idempotency-Key', key)
          .send({ results: { [TODO_TEMPLATE]: 'accept' } });
        expect(res.status).toBe(200);
      }
      expect(await credits(staff.token)).toEqual({ [TODO_TEMPLATE]: 1, [NOTICE_TEMPLATE]: 0 });
    });

    it('refuses template ids this server does not use with 400 SUBSCRIPTION_TEMPLATE_UNKNOWN, counting nothing', async () => {
      const staff = await wechatStaff(w.branchA2);
      const res = await report(staff.token, { [TODO_TEMPLATE]: 'accept', 'someone-elses-template': 'accept' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: ErrorCode.SUBSCRIPTION_TEMPLATE_UNKNOWN,
        details: [{ path: 'results.someone-elses-template' }],
      });
      expect(await credits(staff.token)).toEqual({ [TODO_TEMPLATE]: 0, [NOTICE_TEMPLATE]: 0 });
    });

    it.each([
      ['an answer WeChat never gives', { results: { [TODO_TEMPLATE]: 'maybe' } }],
      ['no answers at all', { results: {} }],
      ['a list instead of a map', { results: [TODO_TEMPLATE] }],
    ])('refuses %s with 400 VALIDATION_FAILED', async (_label, body) => {
      const staff = await wechatStaff(w.branchA2);
      const res = await request(t.url)
        .post(SubscriptionRoutes.mine)
        .set('authorization', `Bearer ${staff.token}`)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    });
  });

  describe('sending', () => {
    let secretary: WechatStaff;

    beforeAll(async () => {
      secretary = await wechatStaff(w.mobileBranch);
      await allow(secretary, TODO_TEMPLATE);
    });

    it('sends the receiving secretary exactly one to-do message for an arrival, and none once the credit is spent', async () => {
      const first = await arrival(w.mobileBranch);
      await settled();

      const sent = await delivered(secretary.openid);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        templateId: TODO_TEMPLATE,
        page: INBOX_PAGE,
        data: {
          thing1: { value: '流动党员报到待确认' },
          thing2: { value: w.mobileBranch.name },
          time3: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) as unknown },
          thing4: { value: '请打开小程序处理' },
        },
      });
      // Nothing personal leaves for WeChat: not the member's name, nor any long run of digits.
      expect(JSON.stringify(sent[0].data)).not.toContain(first.name);
      expect(JSON.stringify(sent[0].data)).not.toMatch(/\d{7,}/);
      expect(await credits(secretary.token)).toEqual({ [TODO_TEMPLATE]: 0, [NOTICE_TEMPLATE]: 0 });

      const [row] = await outboxFor(secretary.accountId);
      expect(row).toMatchObject({ status: 'sent', attempts: 1 });
      expect(await logOf(row.id)).toEqual([
        expect.objectContaining({ attempt: 1, outcome: 'sent', msg_id: sent[0].msgId, errcode: null }),
      ]);

      await arrival(w.mobileBranch);
      await settled();
      expect(await delivered(secretary.openid)).toHaveLength(1);
      const rows = await outboxFor(secretary.accountId);
      expect(rows.map((r) => r.status)).toEqual(['sent', 'skipped']);
      expect(await logOf(rows[1].id)).toEqual([
        expect.objectContaining({ attempt: 1, outcome: 'skipped', reason: 'no_credit', msg_id: null }),
      ]);
    });

    it('sends nothing to a member who never allowed messages: the notice is logged as skipped', async () => {
      const member = await arrival(w.mobileBranch);
      const confirmed = await request(t.url)
        .post(`/api/flows/${member.flowId}/actions`)
        .set('authorization', `Bearer ${secretary.token}`)
        .send({ action: 'confirm_arrival' });
      expect(confirmed.status).toBe(200);
      await settled();

      expect(await delivered(member.openid)).toEqual([]);
      const [account] = await sql<{ id: string }>(`SELECT id FROM accounts WHERE member_id = $1`, [member.memberId]);
      const rows = await outboxFor(account.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ template_id: NOTICE_TEMPLATE, status: 'skipped' });
      expect(rows[0].data.thing1).toEqual({ value: '双向共管已生效' });
      expect(await logOf(rows[0].id)).toEqual([expect.objectContaining({ outcome: 'skipped', reason: 'no_credit' })]);
    });

    it('queues nothing for a transition that rolls back', async () => {
      const before = await sql<{ n: string }>(`SELECT count(*) AS n FROM wechat_outbox`);
      const fixture = await createMember(t.app, w.branchA1);
      const principal: Principal = {
        accountId: secretary.accountId,
        sessionId: 'rollback-test',
        kind: 'member',
        roles: ['member'],
        grants: [],
        memberId: fixture.member.id,
      };
      await expect(
        t.app.get(FlowsService).recordArrival(principal, {
          memberId: fixture.member.id,
          branch: w.mobileBranch,
          actor: 'member',
          within: () => Promise.reject(new Error('something later in the transaction failed')),
        }),
      ).rejects.toThrow('something later in the transaction failed');

      const after = await sql<{ n: string }>(`SELECT count(*) AS n FROM wechat_outbox`);
      expect(after[0].n).toBe(before[0].n);
      expect(await sql(`SELECT 1 FROM flows WHERE member_id = $1`, [fixture.member.id])).toEqual([]);
    });

    it('retries a WeChat failure after the backoff, spending one credit, and then sends', async () => {
      await allow(secretary, TODO_TEMPLATE);
      await standIn('/__standin/fail-next', { path: SEND_PATH, errcode: -1 });
      const sentBefore = (await delivered(secretary.openid)).length;
      const callsBefore = await sendCalls();

      await arrival(w.mobileBranch);
      await settled();

      const sent = await delivered(secretary.openid);
      expect(sent).toHaveLength(sentBefore + 1);
      const rows = await outboxFor(secretary.accountId);
      const last = rows[rows.length - 1];
      expect(last).toMatchObject({ status: 'sent', attempts: 2 });
      const log = await logOf(last.id);
      expect(log).toEqual([
        expect.objectContaining({ attempt: 1, outcome: 'failed', reason: 'errcode', errcode: -1 }),
        expect.objectContaining({ attempt: 2, outcome: 'sent', msg_id: sent[sent.length - 1].msgId }),
      ]);
      // The first retry waits the configured base (300 ms), and happens no sooner; one call per attempt.
      expect(log[0].next_attempt_at!.getTime() - log[0].at.getTime()).toBe(300);
      expect(log[1].at.getTime()).toBeGreaterThanOrEqual(log[0].next_attempt_at!.getTime());
      expect(await sendCalls()).toBe(callsBefore + 2);
      expect(await credits(secretary.token)).toEqual({ [TODO_TEMPLATE]: 0, [NOTICE_TEMPLATE]: 0 });
    });

    it('gives up after the last attempt and gives the unspent credit back', async () => {
      await allow(secretary, TODO_TEMPLATE);
      for (let i = 0; i < 3; i += 1) await standIn('/__standin/fail-next', { path: SEND_PATH, errcode: -1 });

      await arrival(w.mobileBranch);
      await settled();

      const rows = await outboxFor(secretary.accountId);
      const last = rows[rows.length - 1];
      expect(last).toMatchObject({ status: 'failed', attempts: 3 });
      expect((await logOf(last.id)).map((l) => [l.outcome, l.errcode, l.next_attempt_at === null])).toEqual([
        ['failed', -1, false],
        ['failed', -1, false],
        ['failed', -1, true],
      ]);
      expect(await credits(secretary.token)).toEqual({ [TODO_TEMPLATE]: 1, [NOTICE_TEMPLATE]: 0 });
    });

    it('retries a “quota reached” answer (45009) later, never giving it up, and spends the credit once', async () => {
      await allow(secretary, TODO_TEMPLATE);
      // As many quota answers as attempts allowed: a quota answer never gives a message up.
      for (let i = 0; i < 3; i += 1) await standIn('/__standin/fail-next', { path: SEND_PATH, errcode: 45009 });
      const creditsBefore = (await credits(secretary.token))[TODO_TEMPLATE];
      const sentBefore = (await delivered(secretary.openid)).length;
      const callsBefore = await sendCalls();

      await arrival(w.mobileBranch);
      await settled();

      const sent = await delivered(secretary.openid);
      expect(sent).toHaveLength(sentBefore + 1);
      const rows = await outboxFor(secretary.accountId);
      const last = rows[rows.length - 1];
      expect(last).toMatchObject({ status: 'sent', attempts: 4 });
      const log = await logOf(last.id);
      expect(log.map((l) => [l.attempt, l.outcome, l.errcode])).toEqual([
        [1, 'failed', 45009],
        [2, 'failed', 45009],
        [3, 'failed', 45009],
        [4, 'sent', null],
      ]);
      // Backed off 300, 600, 1200 ms, and not retried sooner.
      for (const [i, base] of [300, 600, 1200].entries()) {
        expect(log[i].next_attempt_at!.getTime() - log[i].at.getTime()).toBe(base);
        expect(log[i + 1].at.getTime()).toBeGreaterThanOrEqual(log[i].next_attempt_at!.getTime());
      }
      expect(await sendCalls()).toBe(callsBefore + 4);
      // One credit, taken for the first attempt and kept for the retries.
      expect((await credits(secretary.token))[TODO_TEMPLATE]).toBe(creditsBefore - 1);
    });

    it('spends one credit on one of two messages claimed together, and skips the other', async () => {
      const branch = await createOrg(t.app, w.street, 'branch', '七宝镇第三流动党员党支部', 'mobile_member_branch');
      const staff = await wechatStaff(branch);
      await allow(staff, TODO_TEMPLATE);
      const dispatcher = t.app.get(WechatOutboxDispatcher);
      await dispatcher.stop();
      try {
        await arrival(branch);
        await arrival(branch);
      } finally {
        dispatcher.start();
      }
      await settled();

      expect(await delivered(staff.openid)).toHaveLength(1);
      const rows = await outboxFor(staff.accountId);
      expect(rows.map((r) => r.status).sort()).toEqual(['sent', 'skipped']);
      expect(await credits(staff.token)).toEqual({ [TODO_TEMPLATE]: 0, [NOTICE_TEMPLATE]: 0 });
    });

    it('takes WeChat’s “no subscription” (43101) as the credit used up, without retrying', async () => {
      const branch = await createOrg(t.app, w.street, 'branch', '七宝镇第二流动党员党支部', 'mobile_member_branch');
      const staff = await wechatStaff(branch);
      // The app reported an allow that WeChat does not hold (another phone, or the dialog's answer lost).
      expect((await report(staff.token, { [TODO_TEMPLATE]: 'accept' })).status).toBe(200);
      expect((await report(staff.token, { [TODO_TEMPLATE]: 'accept' })).status).toBe(200);
      const callsBefore = await sendCalls();

      await arrival(branch);
      await settled();

      const [row] = await outboxFor(staff.accountId);
      expect(row).toMatchObject({ status: 'skipped', attempts: 1 });
      expect(await logOf(row.id)).toEqual([
        expect.objectContaining({ outcome: 'skipped', reason: 'refused', errcode: 43101, next_attempt_at: null }),
      ]);
      expect(await sendCalls()).toBe(callsBefore + 1);
      expect(await delivered(staff.openid)).toEqual([]);
      expect(await credits(staff.token)).toEqual({ [TODO_TEMPLATE]: 0, [NOTICE_TEMPLATE]: 0 });
    });
  });

  describe('several dispatchers at once', () => {
    it('never sends one message twice', async () => {
      const running = t.app.get(WechatOutboxDispatcher);
      await running.stop();
      try {
        const staff = await wechatStaff(w.branchB);
        const arrivals = 6;
        await allow(staff, TODO_TEMPLATE, arrivals);
        for (let i = 0; i < arrivals; i += 1) await arrival(w.branchB);
        const callsBefore = await sendCalls();
        // Slow WeChat down, so the instances' rounds overlap.
        for (let i = 0; i < arrivals; i += 1) await standIn('/__standin/fail-next', { path: SEND_PATH, delayMs: 80 });

        // Separate instances as separate processes would have them: each its own WeChat client and token.
        const config = t.app.get(AppConfig);
        const smallBatches = new AppConfig({
          ...config,
          subscribeMessages: {
            ...config.subscribeMessages,
            dispatch: { ...config.subscribeMessages.dispatch, batchSize: 2 },
          },
        });
        const instances = Array.from(
          { length: 4 },
          () =>
            new WechatOutboxDispatcher(
              t.app.get(WechatOutboxRepository),
              new WechatClient(config.wechat),
              smallBatches,
              t.app.get(Clock),
            ),
        );
        const claimedBy = instances.map(() => 0);
        const drain = async (d: WechatOutboxDispatcher, i: number) => {
          for (let n = await d.runOnce(); n > 0; n = await d.runOnce()) claimedBy[i] += n;
        };
        await Promise.all(instances.map(drain));
        // The instances really did share the work.
        expect(claimedBy.filter((n) => n > 0).length).toBeGreaterThan(1);

        const sent = await delivered(staff.openid);
        expect(sent).toHaveLength(arrivals);
        expect(new Set(sent.map((m) => m.msgId)).size).toBe(arrivals);
        expect(await sendCalls()).toBe(callsBefore + arrivals);
        const rows = await outboxFor(staff.accountId);
        expect(rows).toHaveLength(arrivals);
        expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
        const logs = await sql<LogRow>(
          `SELECT l.* FROM wechat_send_log l JOIN wechat_outbox o ON o.id = l.outbox_id WHERE o.account_id = $1`,
          [staff.accountId],
        );
        expect(logs.map((l) => l.outcome)).toEqual(Array(arrivals).fill('sent'));
        expect(await credits(staff.token)).toEqual({ [TODO_TEMPLATE]: 0, [NOTICE_TEMPLATE]: 0 });
      } finally {
        running.start();
      }
    });
  });
});

describe('WeChat subscribe messages, throttled to the quota', () => {
  const RATE = 20;
  const BACKOFF_MS = 1000;
  let t: TestApp;

  const standIn = (path: string, body?: object) =>
    fetch(`${t.standInUrl}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });

  const sql = <T>(text: string, params: unknown[] = []) =>
    withSql(t.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);

  /**
   * `n` people who signed in with WeChat and allowed one notice (WeChat holds
   * the allow, we hold the credit), each with one message due now: all
   * queued in one statement, so the dispatcher finds them at once.
   */
  async function queue(n: number): Promise<{ openids: string[]; accountIds: string[] }> {
    const accountIds = Array.from({ length: n }, () => randomUUID());
    const openids = accountIds.map(() => `o-burst-${randomBytes(6).toString('hex')}`);
    await Promise.all(
      openids.map((openid) => standIn('/__standin/subscriptions', { openid, templateId: NOTICE_TEMPLATE })),
    );
    await sql(
      `WITH a AS (
         INSERT INTO accounts (id, kind, display_name)
         SELECT id, 'member', '微信用户' FROM unnest($1::uuid[]) AS id RETURNING id),
       w AS (
         INSERT INTO wechat_identities (app_id, openid, account_id)
         SELECT $3, t.openid, a.id FROM unnest($1::uuid[], $2::text[]) AS t(id, openid) JOIN a ON a.id = t.id),
       s AS (
         INSERT INTO wechat_subscriptions (account_id, template_id, credits) SELECT id, $4, 1 FROM a)
       INSERT INTO wechat_outbox (account_id, template_id, page, data, inbox_kind, next_attempt_at)
       SELECT id, $4, $5, '{"thing1":{"value":"双向共管已生效"}}'::jsonb, 'flow.activated', now() FROM a`,
      [accountIds, openids, TEST_APP_ID, NOTICE_TEMPLATE, INBOX_PAGE],
    );
    return { openids, accountIds };
  }

  /** When the stand-in accepted each of these people's messages, in order (ms since the epoch). */
  async function sentTimes(openids: string[]): Promise<number[]> {
    const wanted = new Set(openids);
    const res = await standIn('/__standin/messages');
    const { messages } = (await res.json()) as { messages: SentMessage[] };
    return messages
      .filter((m) => wanted.has(m.toOpenid))
      .map((m) => Date.parse(m.sentAt))
      .sort((a, b) => a - b);
  }

  async function settled(accountIds: string[]): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const [open] = await sql<{ n: string }>(
        `SELECT count(*) AS n FROM wechat_outbox WHERE account_id = ANY($1::uuid[]) AND status IN ('pending', 'sending')`,
        [accountIds],
      );
      if (Number(open.n) === 0) return;
      if (Date.now() > deadline) throw new Error(`outbox did not settle: ${open.n} open`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  beforeAll(async () => {
    t = await startTestApp({
      WECHAT_TEMPLATE_FLOW_NOTICE: NOTICE_TEMPLATE,
      WECHAT_OUTBOX_POLL_MS: '25',
      WECHAT_OUTBOX_BATCH_SIZE: '100',
      WECHAT_OUTBOX_BACKOFF_MS: String(BACKOFF_MS),
      WECHAT_SEND_RATE_PER_SECOND: String(RATE),
      WECHAT_SEND_CONCURRENCY: '8',
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('spreads a burst of 60 messages at 20 a second instead of sending them at once', async () => {
    const { openids, accountIds } = await queue(60);
    await settled(accountIds);

    const times = await sentTimes(openids);
    expect(times).toHaveLength(60);
    // A tenth of a second's worth goes at once (2), the other 58 at 20 a second: 2.9 s.
    expect(times[59] - times[0]).toBeGreaterThanOrEqual(2_500);
    // In no second did WeChat see more than the rate and the burst (a little slack for the loopback's jitter).
    const busiest = Math.max(...times.map((start, i) => times.slice(i).filter((at) => at < start + 1_000).length));
    expect(busiest).toBeLessThanOrEqual(RATE + 2 + 3);
    const statuses = await sql<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM wechat_outbox WHERE account_id = ANY($1::uuid[]) GROUP BY status`,
      [accountIds],
    );
    expect(statuses).toEqual([{ status: 'sent', n: '60' }]);
  });

  it('stops sending when WeChat says the quota is reached, until the retry is due, and spends no credit twice', async () => {
    await standIn('/__standin/fail-next', { path: SEND_PATH, errcode: 45009 });
    const { openids, accountIds } = await queue(10);
    await settled(accountIds);

    const [failure] = await sql<LogRow>(
      `SELECT l.* FROM wechat_send_log l JOIN wechat_outbox o ON o.id = l.outbox_id
        WHERE o.account_id = ANY($1::uuid[]) AND l.outcome = 'failed'`,
      [accountIds],
    );
    expect(failure).toMatchObject({ attempt: 1, errcode: 45009 });
    const resumeAt = failure.next_attempt_at!.getTime();
    expect(resumeAt - failure.at.getTime()).toBe(BACKOFF_MS);

    const times = await sentTimes(openids);
    expect(times).toHaveLength(10);
    // Only a send already past the limiter with the failing one may land during the pause.
    const duringPause = times.filter((at) => at > failure.at.getTime() + 150 && at < resumeAt);
    expect(duringPause).toEqual([]);
    const rows = await sql<{ status: string; attempts: number; credits: number }>(
      `SELECT o.status, o.attempts, s.credits FROM wechat_outbox o
         JOIN wechat_subscriptions s ON s.account_id = o.account_id AND s.template_id = o.template_id
        WHERE o.account_id = ANY($1::uuid[]) ORDER BY o.attempts`,
      [accountIds],
    );
    // The retried message reused the credit it took: with one each, a second spend would have found none.
    expect(rows).toEqual([
      ...Array(9).fill({ status: 'sent', attempts: 1, credits: 0 }),
      { status: 'sent', attempts: 2, credits: 0 },
    ]);
  });
});

describe('WeChat subscribe messages, with no template configured', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('asks for nothing, refuses any template id, and queues nothing for an arrival', async () => {
    const w = await createWorld(t.app);
    const fixture = await createMember(t.app, w.branchA1);
    const token = await memberToken(t, fixture.member);

    const view = await request(t.url).get(SubscriptionRoutes.mine).set('authorization', `Bearer ${token}`);
    expect(view.body).toEqual({ templates: [] });
    const res = await request(t.url)
      .post(SubscriptionRoutes.mine)
      .set('authorization', `Bearer ${token}`)
      .send({ results: { [TODO_TEMPLATE]: 'accept' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: ErrorCode.SUBSCRIPTION_TEMPLATE_UNKNOWN });

    const arrived = await arriveAt(t, token, w.mobileBranch);
    expect(arrived.status).toBe(200);
    expect(await withSql(t.databaseUrl, async (c) => (await c.query(`SELECT 1 FROM wechat_outbox`)).rows)).toEqual([]);
    expect(t.app.get(WechatOutboxDispatcher).enabled).toBe(false);
  });
});
