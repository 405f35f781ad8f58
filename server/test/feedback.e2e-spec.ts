import { randomBytes } from 'node:crypto';
import request from 'supertest';
import {
  ErrorCode,
  FeedbackRoutes,
  type FeedbackDraft,
  type FeedbackDueItem,
  type FeedbackView,
  type InboxItem,
  type Paginated,
} from '@pioneer/shared';
import { Clock } from '../src/common/time/clock.js';
import { FeedbackDueJob } from '../src/feedback/feedback-due.job.js';
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
type StaffKey = 'secA1' | 'committeeA1' | 'adminA' | 'secMobile' | 'committeeMobile' | 'secB';

/** 2 April 2026, 09:00 in Beijing: the first quarter has just ended. */
const APRIL_2 = new Date('2026-04-02T01:00:00Z');

describe('Performance feedback (表现反馈)', () => {
  let t: TestApp;
  let w: World;
  let clock: Clock;
  let tokens: Record<StaffKey, string>;
  /** Away since January, received by the mobile branch: owes the first quarter. */
  let m1: MemberFixture & { flowId: string; token: string };
  /** Arrived on 1 April (Beijing): owes nothing for the first quarter. */
  let m2: MemberFixture & { flowId: string };
  /** Found by the mobile branch, not yet confirmed by the home branch: not in its care. */
  let m3: MemberFixture & { flowId: string };
  /** A member of another county received by the same mobile branch. */
  let mB: MemberFixture & { flowId: string };

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (token: string, path: string) => request(t.url).get(path).set(auth(token));
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set(auth(token)).send(body);
  const put = (token: string, path: string, body: object = {}) => request(t.url).put(path).set(auth(token)).send(body);
  const route = (r: string, params: Record<string, string>) =>
    Object.entries(params).reduce((acc, [k, v]) => acc.replace(`:${k}`, v), r);
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withSql(t.databaseUrl, async (client) => (await client.query(text, params)).rows as T[]);
  const at = (instant: Date) => {
    clock.now = () => new Date(instant);
  };

  async function flow(m: MemberFixture, status: string, receiving: Org, arrivedAt: string | null): Promise<string> {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO flows (member_id, sending_branch_id, sending_path, receiving_branch_id, receiving_path, status, origin,
                          approved_at, arrived_at, activated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'outflow_report', $7, $7, $7) RETURNING id`,
      [m.member.id, m.member.branchId, m.member.branchPath, receiving.id, receiving.path, status, arrivedAt],
    );
    return row.id;
  }

  async function activity(
    branch: Org,
    startsAt: string,
    kind = 'theme_day',
    cancelled = false,
  ): Promise<{ id: string }> {
    const [account] = await sql<{ id: string }>(`SELECT id FROM accounts LIMIT 1`);
    const [row] = await sql<{ id: string }>(
      `INSERT INTO activities (public_code, branch_id, branch_path, kind, title, place, starts_at, ends_at,
                               checkout_enabled, secret_cipher, created_by, cancelled_at)
       VALUES ($1, $2, $3, $4, '活动', '活动室', $5::timestamptz, $5::timestamptz + interval '2 hours', $6, 'x', $7, $8)
       RETURNING id`,
      [
        randomBytes(4).toString('hex').toUpperCase(),
        branch.id,
        branch.path,
        kind,
        startsAt,
        kind === 'volunteer_service',
        account.id,
        cancelled ? startsAt : null,
      ],
    );
    return row;
  }

  async function checkin(activityId: string, m: MemberFixture, at: string, minutes: number | null = null) {
    const [account] = await sql<{ id: string }>(`SELECT id FROM accounts LIMIT 1`);
    await sql(
      `INSERT INTO checkins (activity_id, member_id, method, client_id, checked_in_at, recorded_by, checked_out_at)
       VALUES ($1, $2, 'personal_code', $3, $4::timestamptz, $5,
               CASE WHEN $6::int IS NULL THEN NULL ELSE $4::timestamptz + make_interval(mins => $6::int) END)`,
      [activityId, m.member.id, `c-${randomBytes(8).toString('hex')}`, at, account.id, minutes],
    );
  }

  async function todos(token: string, kind: string): Promise<InboxItem[]> {
    const res = await get(token, '/api/inbox?limit=100');
    expect(res.status).toBe(200);
    return (res.body as Paginated<InboxItem>).items.filter((i) => i.kind === kind);
  }

  async function send(flowId: string, period = '2026-Q1', token = tokens.secMobile) {
    return post(token, FeedbackRoutes.create, {
      flowId,
      period,
      rating: 'good',
      assessment: '按时参加组织生活，表现良好。',
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_LIMIT: '100000' });
    w = await createWorld(t.app);
    clock = t.app.get(Clock);
    const staff = {
      secA1: await createStaff(t.app, ['branch_secretary'], w.branchA1.id),
      committeeA1: await createStaff(t.app, ['branch_committee'], w.branchA1.id),
      adminA: await createStaff(t.app, ['org_admin'], w.countyA.id),
      secMobile: await createStaff(t.app, ['branch_secretary'], w.mobileBranch.id),
      committeeMobile: await createStaff(t.app, ['branch_committee'], w.mobileBranch.id),
      secB: await createStaff(t.app, ['branch_secretary'], w.branchB.id),
    };
    tokens = Object.fromEntries(
      await Promise.all(Object.entries(staff).map(async ([k, s]) => [k, await staffToken(t, s)] as const)),
    ) as typeof tokens;
    const f1 = await createMember(t.app, w.branchA1);
    m1 = {
      ...f1,
      flowId: await flow(f1, 'active', w.mobileBranch, '2026-01-10T02:00:00Z'),
      token: await memberToken(t, f1.member),
    };
    const f2 = await createMember(t.app, w.branchA1);
    m2 = { ...f2, flowId: await flow(f2, 'active', w.mobileBranch, '2026-03-31T17:00:00Z') };
    const f3 = await createMember(t.app, w.branchA1);
    m3 = { ...f3, flowId: await flow(f3, 'found', w.mobileBranch, null) };
    const fB = await createMember(t.app, w.branchB);
    mB = { ...fB, flowId: await flow(fB, 'active', w.mobileBranch, '2025-12-01T02:00:00Z') };
  });

  afterEach(() => {
    clock.now = Clock.prototype.now;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('the periodic job (controlled clock)', () => {
    it('puts the quarter just ended on the receiving secretary’s to-do list once, for members who owe it', async () => {
      at(APRIL_2);
      const job = t.app.get(FeedbackDueJob);
      expect(await job.run()).toBe(2);
      const due = await todos(tokens.secMobile, 'feedback.due');
      expect(due).toHaveLength(2);
      expect(due.every((d) => d.category === 'todo' && d.doneAt === null && d.subjectType === 'feedback')).toBe(true);
      expect(due.map((d) => d.body).join()).toContain(m1.name);
      expect(due.map((d) => d.body).join()).toContain('2026年第一季度');
      expect(due.map((d) => d.body).join()).not.toContain(m2.name);

      // Run again, and again mid-quarter: nothing new.
      expect(await job.run()).toBe(0);
      at(new Date('2026-05-10T01:00:00Z'));
      expect(await job.run()).toBe(0);
      expect(await todos(tokens.secMobile, 'feedback.due')).toHaveLength(2);
      // Nobody else gets them.
      expect(await todos(tokens.secA1, 'feedback.due')).toHaveLength(0);
    });
  });

  describe(`GET ${FeedbackRoutes.due}`, () => {
    it('lists the members in the receiving branch’s care who owe the period, with the feedback status', async () => {
      at(APRIL_2);
      const res = await get(tokens.secMobile, FeedbackRoutes.due);
      expect(res.status).toBe(200);
      const items = (res.body as Paginated<FeedbackDueItem>).items;
      expect(items.map((i) => i.memberId).sort()).toEqual([m1.member.id, mB.member.id].sort());
      const one = items.find((i) => i.memberId === m1.member.id)!;
      expect(one).toMatchObject({ period: '2026-Q1', periodLabel: '2026年第一季度', status: 'due', name: m1.name });
      expect(one.feedbackId).toEqual(expect.any(String));
    });

    it('pages by cursor without losing anyone, and skips members who owe nothing', async () => {
      at(APRIL_2);
      const first = await get(tokens.secMobile, `${FeedbackRoutes.due}?limit=1`);
      expect(first.status).toBe(200);
      const page1 = first.body as Paginated<FeedbackDueItem>;
      expect(page1.items).toHaveLength(1);
      expect(page1.nextCursor).toBeDefined();
      const second = await get(tokens.secMobile, `${FeedbackRoutes.due}?limit=1&cursor=${page1.nextCursor}`);
      const page2 = second.body as Paginated<FeedbackDueItem>;
      expect(page2.items).toHaveLength(1);
      const ids = [...page1.items, ...page2.items].map((i) => i.memberId);
      expect(ids.sort()).toEqual([m1.member.id, mB.member.id].sort());
      if (page2.nextCursor) {
        const third = await get(tokens.secMobile, `${FeedbackRoutes.due}?limit=1&cursor=${page2.nextCursor}`);
        expect((third.body as Paginated<FeedbackDueItem>).items).toEqual([]);
      }
    });

    it('shows the sending side and other branches nothing, and refuses a branch the caller does not act for', async () => {
      at(APRIL_2);
      for (const token of [tokens.secA1, tokens.secB, m1.token]) {
        const res = await get(token, FeedbackRoutes.due);
        expect(res.status).toBe(200);
        expect((res.body as Paginated<FeedbackDueItem>).items).toEqual([]);
      }
      const other = await get(tokens.secB, `${FeedbackRoutes.due}?branchId=${w.mobileBranch.id}`);
      expect(other.status).toBe(404);
      const bad = await get(tokens.secMobile, `${FeedbackRoutes.due}?period=2026-Q9`);
      expect(bad.status).toBe(400);
    });
  });

  describe(`GET ${FeedbackRoutes.draft}`, () => {
    it('pre-fills the member’s attendance, study and volunteering for the period, and nothing private', async () => {
      at(APRIL_2);
      const a = await activity(w.mobileBranch, '2026-02-01T06:00:00Z');
      await checkin(a.id, m1, '2026-02-01T06:05:00Z');
      await activity(w.mobileBranch, '2026-03-01T06:00:00Z', 'members_meeting');
      const v = await activity(w.mobileBranch, '2026-03-08T01:00:00Z', 'volunteer_service');
      await checkin(v.id, m1, '2026-03-08T01:00:00Z', 90);
      const cancelled = await activity(w.mobileBranch, '2026-03-10T06:00:00Z', 'theme_day', true);
      await checkin(cancelled.id, m1, '2026-03-10T06:00:00Z');
      const april = await activity(w.mobileBranch, '2026-04-01T06:00:00Z');
      await checkin(april.id, m1, '2026-04-01T06:00:00Z');
      const home = await activity(w.branchA1, '2026-02-15T06:00:00Z', 'catch_up_class');
      await checkin(home.id, m1, '2026-02-15T06:00:00Z');
      const [pack] = await sql<{ id: string }>(
        `INSERT INTO study_packs (owner_org_id, owner_path, kind, title, audience_scope, created_by)
         VALUES ($1, $2, 'themed', '学习', 'members', (SELECT id FROM accounts LIMIT 1)) RETURNING id`,
        [w.countyA.id, w.countyA.path],
      );
      const [item] = await sql<{ id: string }>(
        `INSERT INTO study_items (pack_id, position, kind, title, body, min_seconds, cap_seconds)
         VALUES ($1, 1, 'article', '党章', '<p>党章</p>', 60, 3600) RETURNING id`,
        [pack.id],
      );
      for (const [day, seconds] of [
        ['2026-02-02', 1800],
        ['2026-03-03', 1800],
        ['2026-04-01', 900],
      ] as const) {
        await sql(
          `INSERT INTO study_reading (member_id, item_id, day, session_id, opened_at, last_beat_at, seconds)
           VALUES ($1, $2, $3, gen_random_uuid(), now(), now(), $4)`,
          [m1.member.id, item.id, day, seconds],
        );
      }

      const res = await get(tokens.secMobile, route(FeedbackRoutes.draft, { flowId: m1.flowId }));
      expect(res.status).toBe(200);
      const draft = res.body as FeedbackDraft;
      expect(draft).toMatchObject({
        flowId: m1.flowId,
        memberId: m1.member.id,
        name: m1.name,
        period: '2026-Q1',
        periodStart: '2026-01-01',
        periodEnd: '2026-04-01',
        sendingBranchName: w.branchA1.name,
        receivingBranchName: w.mobileBranch.name,
        existingFeedbackId: null,
      });
      expect(draft.facts).toMatchObject({
        activitiesHeld: 3,
        activitiesAttended: 2,
        checkinsTotal: 3,
        studyHours: 1,
        studyItemsFinished: 0,
        volunteerActivities: 1,
        volunteerHours: 1.5,
      });
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(m1.phone);
      expect(text).not.toContain(m1.idNumber);
    });

    it('refuses the sending side with a code, hides the flow from others, and refuses periods that cannot be written', async () => {
      at(APRIL_2);
      const path = route(FeedbackRoutes.draft, { flowId: m1.flowId });
      const sending = await get(tokens.secA1, path);
      expect(sending.status).toBe(403);
      expect(sending.body.code).toBe(ErrorCode.FEEDBACK_NOT_RECEIVING_SIDE);
      for (const token of [tokens.secB, m1.token]) expect((await get(token, path)).status).toBe(404);
      const found = await get(tokens.secMobile, route(FeedbackRoutes.draft, { flowId: m3.flowId }));
      expect(found.status).toBe(409);
      expect(found.body.code).toBe(ErrorCode.FEEDBACK_FLOW_NOT_IN_CARE);
      for (const period of ['2025-Q4', '2026-Q3']) {
        const res = await get(tokens.secMobile, `${path}?period=${period}`);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe(ErrorCode.FEEDBACK_PERIOD_INVALID);
      }
      const late = await get(tokens.secMobile, `${route(FeedbackRoutes.draft, { flowId: m2.flowId })}?period=2026-Q1`);
      expect(late.body.code).toBe(ErrorCode.FEEDBACK_PERIOD_INVALID);
    });
  });

  describe(`POST ${FeedbackRoutes.create}`, () => {
    it('refuses the wrong role, the wrong side, other branches and unknown fields', async () => {
      at(APRIL_2);
      const committee = await send(m1.flowId, '2026-Q1', tokens.committeeMobile);
      expect(committee.status).toBe(403);
      expect(committee.body.code).toBe(ErrorCode.FORBIDDEN);
      const sending = await send(m1.flowId, '2026-Q1', tokens.secA1);
      expect(sending.status).toBe(403);
      expect(sending.body.code).toBe(ErrorCode.FEEDBACK_NOT_RECEIVING_SIDE);
      expect((await send(m1.flowId, '2026-Q1', tokens.secB)).status).toBe(404);
      expect((await send(m1.flowId, '2026-Q1', m1.token)).status).toBe(404);
      const unknown = await post(tokens.secMobile, FeedbackRoutes.create, {
        flowId: m1.flowId,
        period: '2026-Q1',
        rating: 'good',
        assessment: '好',
        score: 99,
      });
      expect(unknown.status).toBe(400);
      const badRating = await post(tokens.secMobile, FeedbackRoutes.create, {
        flowId: m1.flowId,
        period: '2026-Q1',
        rating: 'amazing',
        assessment: '好',
      });
      expect(badRating.status).toBe(400);
    });

    it('sends once per flow and period: the server’s facts, the to-do done, the sending branch told; a second is a 409', async () => {
      at(APRIL_2);
      const draft = (await get(tokens.secMobile, route(FeedbackRoutes.draft, { flowId: m1.flowId })))
        .body as FeedbackDraft;
      const res = await send(m1.flowId);
      expect(res.status).toBe(201);
      const view = res.body as FeedbackView;
      expect(view).toMatchObject({
        status: 'sent',
        rating: 'good',
        assessment: '按时参加组织生活，表现良好。',
        side: 'receiving',
        period: '2026-Q1',
        facts: draft.facts,
      });
      const due = (await todos(tokens.secMobile, 'feedback.due')).find((d) => d.subjectId === view.id)!;
      expect(due.doneAt).not.toBeNull();
      const received = await todos(tokens.secA1, 'feedback.received');
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ subjectId: view.id, category: 'todo', doneAt: null });

      const again = await send(m1.flowId);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.FEEDBACK_DUPLICATE);
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM member_feedback WHERE flow_id = $1 AND period = '2026-Q1'`,
        [m1.flowId],
      );
      expect(n).toBe(1);
      const stored = await sql<{ assessment_cipher: string }>(
        `SELECT assessment_cipher FROM member_feedback WHERE id = $1`,
        [view.id],
      );
      expect(stored[0].assessment_cipher).not.toContain('表现良好');
    });

    it('accepts two sends racing for one period only once', async () => {
      at(APRIL_2);
      const [a, b] = await Promise.all([send(mB.flowId, '2026-Q2'), send(mB.flowId, '2026-Q2')]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
    });
  });

  describe('reading and acknowledging', () => {
    let feedbackId: string;

    beforeAll(async () => {
      const [row] = await sql<{ id: string }>(
        `SELECT id FROM member_feedback WHERE flow_id = $1 AND period = '2026-Q1'`,
        [m1.flowId],
      );
      feedbackId = row.id;
    });

    it('lists each side’s own feedback only', async () => {
      const received = await get(tokens.secA1, `${FeedbackRoutes.list}?side=received`);
      expect((received.body as Paginated<FeedbackView>).items.map((f) => f.id)).toEqual([feedbackId]);
      expect((received.body as Paginated<FeedbackView>).items[0].side).toBe('sending');
      const sent = await get(tokens.secMobile, `${FeedbackRoutes.list}?side=sent`);
      const sentIds = (sent.body as Paginated<FeedbackView>).items.map((f) => f.memberId);
      expect(sentIds).toContain(m1.member.id);
      expect(sentIds).toContain(mB.member.id);
      const otherCounty = await get(tokens.secB, `${FeedbackRoutes.list}?side=received`);
      expect((otherCounty.body as Paginated<FeedbackView>).items.map((f) => f.memberId)).toEqual([mB.member.id]);
      expect((await get(tokens.secA1, `${FeedbackRoutes.list}?side=sent`)).body.items).toEqual([]);
      expect((await get(m1.token, `${FeedbackRoutes.list}?side=received`)).body.items).toEqual([]);
      expect((await get(tokens.secA1, FeedbackRoutes.list)).status).toBe(400);
    });

    it('shows one feedback to both sides, each with its own side, and to nobody else', async () => {
      const path = route(FeedbackRoutes.one, { id: feedbackId });
      expect((await get(tokens.secA1, path)).body.side).toBe('sending');
      expect((await get(tokens.secMobile, path)).body.side).toBe('receiving');
      for (const token of [tokens.secB, m1.token]) expect((await get(token, path)).status).toBe(404);
    });

    it('refuses acknowledgement by the receiving side, the wrong role, other branches, and a feedback not yet sent', async () => {
      const path = route(FeedbackRoutes.acknowledge, { id: feedbackId });
      const receiving = await post(tokens.secMobile, path);
      expect(receiving.status).toBe(403);
      expect(receiving.body.code).toBe(ErrorCode.FEEDBACK_NOT_SENDING_SIDE);
      const committee = await post(tokens.committeeA1, path);
      expect(committee.status).toBe(403);
      expect(committee.body.code).toBe(ErrorCode.FORBIDDEN);
      expect((await post(tokens.secB, path)).status).toBe(404);
      expect((await post(m1.token, path)).status).toBe(404);

      const [due] = await sql<{ id: string }>(`SELECT id FROM member_feedback WHERE flow_id = $1 AND status = 'due'`, [
        mB.flowId,
      ]);
      const notSent = await post(tokens.secB, route(FeedbackRoutes.acknowledge, { id: due.id }));
      expect(notSent.status).toBe(409);
      expect(notSent.body.code).toBe(ErrorCode.FEEDBACK_NOT_SENT);
    });

    it('acknowledges once with a comment, closes the to-do and tells the receiving branch', async () => {
      const path = route(FeedbackRoutes.acknowledge, { id: feedbackId });
      const res = await post(tokens.secA1, path, { comment: '感谢流入地党组织的关心' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'acknowledged', acknowledgeComment: '感谢流入地党组织的关心' });
      expect((await todos(tokens.secA1, 'feedback.received'))[0].doneAt).not.toBeNull();
      const told = await todos(tokens.secMobile, 'feedback.acknowledged');
      expect(told).toHaveLength(1);
      expect(told[0].category).toBe('notice');
      const again = await post(tokens.secA1, path);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.FEEDBACK_ALREADY_ACKNOWLEDGED);
    });

    it('keeps it in the member’s file on the sending side only', async () => {
      const path = route(FeedbackRoutes.memberFeedback, { id: m1.member.id });
      for (const token of [tokens.secA1, tokens.adminA, tokens.committeeA1]) {
        const res = await get(token, path);
        expect(res.status).toBe(200);
        expect((res.body as FeedbackView[]).map((f) => [f.period, f.status])).toEqual([['2026-Q1', 'acknowledged']]);
      }
      const receiving = await get(tokens.secMobile, path);
      expect(receiving.status).toBe(403);
      expect(receiving.body.code).toBe(ErrorCode.FEEDBACK_NOT_SENDING_SIDE);
      expect((await get(tokens.secB, path)).status).toBe(404);
      expect((await get(m1.token, path)).status).toBe(404);
    });
  });

  describe(`${FeedbackRoutes.settings} (configurable cadence)`, () => {
    it('lets the sending secretary choose monthly feedback, refuses others, and the job follows it', async () => {
      const get0 = await get(tokens.secA1, `${FeedbackRoutes.settings}?orgId=${w.branchA1.id}`);
      expect(get0.body).toEqual({ orgId: w.branchA1.id, periodMonths: 3, setByOrgId: null });
      const committee = await put(tokens.committeeA1, FeedbackRoutes.settings, {
        orgId: w.branchA1.id,
        periodMonths: 1,
      });
      expect(committee.status).toBe(403);
      expect((await put(tokens.secB, FeedbackRoutes.settings, { orgId: w.branchA1.id, periodMonths: 1 })).status).toBe(
        404,
      );
      expect((await get(tokens.secMobile, `${FeedbackRoutes.settings}?orgId=${w.branchA1.id}`)).status).toBe(404);
      expect((await put(tokens.secA1, FeedbackRoutes.settings, { orgId: w.branchA1.id, periodMonths: 2 })).status).toBe(
        400,
      );
      const set = await put(tokens.adminA, FeedbackRoutes.settings, { orgId: w.countyA.id, periodMonths: 6 });
      expect(set.status).toBe(200);
      const own = await put(tokens.secA1, FeedbackRoutes.settings, { orgId: w.branchA1.id, periodMonths: 1 });
      expect(own.body).toEqual({ orgId: w.branchA1.id, periodMonths: 1, setByOrgId: w.branchA1.id });
      // The nearest setting wins: the branch's monthly over the county's half-yearly.
      expect(
        (await get(tokens.committeeA1, `${FeedbackRoutes.settings}?orgId=${w.branchA1.id}`)).body.periodMonths,
      ).toBe(1);
      expect((await get(tokens.adminA, `${FeedbackRoutes.settings}?orgId=${w.branchA2.id}`)).body.periodMonths).toBe(6);

      // On 1 May: April is due for branch A1's members (m2 arrived 1 April, so owes it too); branch B stays quarterly.
      at(new Date('2026-05-01T00:30:00Z'));
      expect(await t.app.get(FeedbackDueJob).run()).toBe(2);
      const rows = await sql<{ member_id: string; period: string }>(
        `SELECT member_id, period FROM member_feedback WHERE period = '2026-04' ORDER BY member_id`,
      );
      expect(rows.map((r) => r.member_id).sort()).toEqual([m1.member.id, m2.member.id].sort());
    });
  });
});
