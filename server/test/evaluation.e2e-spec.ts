import request from 'supertest';
import {
  ErrorCode,
  EvaluationRoutes,
  FeedbackRoutes,
  type EvaluationEntryView,
  type EvaluationRoundView,
  type InboxItem,
  type MyEvaluationResult,
  type MyEvaluationView,
  type Paginated,
} from '@pioneer/shared';
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
type StaffKey = 'secA1' | 'committeeA1' | 'adminA' | 'secMobile' | 'secB';

/**
 * The round is for last year (allowed early in the next): every date in it is
 * in the past whenever the suite runs, and the clock stays real so sessions
 * stay valid.
 */
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;

describe('Democratic evaluation (民主评议)', () => {
  let t: TestApp;
  let w: World;
  let tokens: Record<StaffKey, string>;
  /** Away all year, received by the mobile branch, which sent feedback for the first quarter. */
  let away: MemberFixture & { token: string; flowId: string };
  /** At home. */
  let home: MemberFixture & { token: string };
  /** A member of branch B: no round there. */
  let other: MemberFixture & { token: string };
  let roundId: string;

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (token: string, path: string) => request(t.url).get(path).set(auth(token));
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set(auth(token)).send(body);
  const put = (token: string, path: string, body: object = {}) => request(t.url).put(path).set(auth(token)).send(body);
  const route = (r: string, params: Record<string, string>) =>
    Object.entries(params).reduce((acc, [k, v]) => acc.replace(`:${k}`, v), r);
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withSql(t.databaseUrl, async (client) => (await client.query(text, params)).rows as T[]);

  async function flow(m: MemberFixture, receiving: Org, arrivedAt: string): Promise<string> {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO flows (member_id, sending_branch_id, sending_path, receiving_branch_id, receiving_path, status, origin,
                          approved_at, arrived_at, activated_at)
       VALUES ($1, $2, $3, $4, $5, 'active', 'outflow_report', $6, $6, $6) RETURNING id`,
      [m.member.id, m.member.branchId, m.member.branchPath, receiving.id, receiving.path, arrivedAt],
    );
    return row.id;
  }

  async function notices(token: string, kind: string): Promise<InboxItem[]> {
    const res = await get(token, '/api/inbox?limit=100');
    expect(res.status).toBe(200);
    return (res.body as Paginated<InboxItem>).items.filter((i) => i.kind === kind);
  }

  const result = (member: MemberFixture, token: string, body: object) =>
    put(token, route(EvaluationRoutes.result, { id: roundId, memberId: member.member.id }), body);

  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_LIMIT: '100000' });
    w = await createWorld(t.app);
    const staff = {
      secA1: await createStaff(t.app, ['branch_secretary'], w.branchA1.id),
      committeeA1: await createStaff(t.app, ['branch_committee'], w.branchA1.id),
      adminA: await createStaff(t.app, ['org_admin'], w.countyA.id),
      secMobile: await createStaff(t.app, ['branch_secretary'], w.mobileBranch.id),
      secB: await createStaff(t.app, ['branch_secretary'], w.branchB.id),
    };
    tokens = Object.fromEntries(
      await Promise.all(Object.entries(staff).map(async ([k, s]) => [k, await staffToken(t, s)] as const)),
    ) as typeof tokens;
    const a = await createMember(t.app, w.branchA1);
    away = {
      ...a,
      token: await memberToken(t, a.member),
      flowId: await flow(a, w.mobileBranch, `${YEAR}-01-05T02:00:00Z`),
    };
    const h = await createMember(t.app, w.branchA1);
    home = { ...h, token: await memberToken(t, h.member) };
    const o = await createMember(t.app, w.branchB);
    other = { ...o, token: await memberToken(t, o.member) };
    // The receiving branch reports the first quarter.
    const sent = await post(tokens.secMobile, FeedbackRoutes.create, {
      flowId: away.flowId,
      period: `${YEAR}-Q1`,
      rating: 'poor',
      assessment: '一季度两次组织生活未参加。',
    });
    expect(sent.status).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe(`POST ${EvaluationRoutes.rounds}`, () => {
    it('refuses the wrong role, other branches, a non-branch org and a year out of range', async () => {
      const body = { branchId: w.branchA1.id, year: YEAR };
      const committee = await post(tokens.committeeA1, EvaluationRoutes.rounds, body);
      expect(committee.status).toBe(403);
      expect(committee.body.code).toBe(ErrorCode.FORBIDDEN);
      for (const token of [tokens.secMobile, tokens.secB, away.token])
        expect((await post(token, EvaluationRoutes.rounds, body)).status).toBe(404);
      const village = await post(tokens.adminA, EvaluationRoutes.rounds, { branchId: w.villageA.id, year: YEAR });
      expect(village.status).toBe(400);
      expect(village.body.code).toBe(ErrorCode.EVALUATION_NOT_BRANCH);
      for (const year of [YEAR - 1, YEAR + 2]) {
        const res = await post(tokens.secA1, EvaluationRoutes.rounds, { branchId: w.branchA1.id, year });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe(ErrorCode.EVALUATION_YEAR_INVALID);
      }
    });

    it('opens one round per branch and year with every member of the branch, and tells them', async () => {
      const res = await post(tokens.secA1, EvaluationRoutes.rounds, { branchId: w.branchA1.id, year: YEAR });
      expect(res.status).toBe(201);
      const round = res.body as EvaluationRoundView;
      expect(round).toMatchObject({ year: YEAR, status: 'open', members: 2, selfAssessed: 0, graded: 0 });
      roundId = round.id;
      expect(await notices(away.token, 'evaluation.opened')).toHaveLength(1);
      expect(await notices(other.token, 'evaluation.opened')).toHaveLength(0);
      const again = await post(tokens.secA1, EvaluationRoutes.rounds, { branchId: w.branchA1.id, year: YEAR });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.EVALUATION_ROUND_EXISTS);
    });

    it('lists and shows the round to the branch and its county only', async () => {
      expect(
        (await get(tokens.committeeA1, EvaluationRoutes.rounds)).body.map((r: EvaluationRoundView) => r.id),
      ).toEqual([roundId]);
      expect((await get(tokens.secB, EvaluationRoutes.rounds)).body).toEqual([]);
      expect((await get(tokens.secMobile, EvaluationRoutes.rounds)).body).toEqual([]);
      const path = route(EvaluationRoutes.round, { id: roundId });
      expect((await get(tokens.adminA, path)).status).toBe(200);
      for (const token of [tokens.secMobile, tokens.secB, away.token])
        expect((await get(token, path)).status).toBe(404);
    });
  });

  describe(`${EvaluationRoutes.mySelfAssessment} (the member)`, () => {
    it('lets a member of the round write their self-assessment while it is open', async () => {
      const before = await get(away.token, EvaluationRoutes.mySelfAssessment);
      expect(before.body).toMatchObject({ round: { id: roundId, year: YEAR }, selfAssessment: null });
      const res = await put(away.token, EvaluationRoutes.mySelfAssessment, {
        text: '在外务工期间坚持学习，按时交纳党费。',
      });
      expect(res.status).toBe(200);
      expect((res.body as MyEvaluationView).selfAssessment).toBe('在外务工期间坚持学习，按时交纳党费。');
      expect((await put(away.token, EvaluationRoutes.mySelfAssessment, {})).status).toBe(400);
    });

    it('refuses members with no round, and staff with no member record', async () => {
      expect((await get(other.token, EvaluationRoutes.mySelfAssessment)).body).toEqual({
        round: null,
        selfAssessment: null,
        selfAssessedAt: null,
      });
      const none = await put(other.token, EvaluationRoutes.mySelfAssessment, { text: '自评' });
      expect(none.status).toBe(409);
      expect(none.body.code).toBe(ErrorCode.EVALUATION_NO_OPEN_ROUND);
      const staff = await put(tokens.secA1, EvaluationRoutes.mySelfAssessment, { text: '自评' });
      expect(staff.status).toBe(403);
    });
  });

  describe(`GET ${EvaluationRoutes.entries}`, () => {
    it('gathers each member’s inputs: feedback, self-assessment, attendance, study, and what needs a look', async () => {
      const res = await get(tokens.committeeA1, route(EvaluationRoutes.entries, { id: roundId }));
      expect(res.status).toBe(200);
      const entries = (res.body as Paginated<EvaluationEntryView>).items;
      const a = entries.find((e) => e.memberId === away.member.id)!;
      expect(a).toMatchObject({
        away: true,
        selfAssessment: '在外务工期间坚持学习，按时交纳党费。',
        feedback: [
          {
            period: `${YEAR}-Q1`,
            rating: 'poor',
            assessment: '一季度两次组织生活未参加。',
            receivingBranchName: w.mobileBranch.name,
          },
        ],
        grade: null,
      });
      expect(a.summary.concerns).toEqual(['poor_feedback']);
      const h = entries.find((e) => e.memberId === home.member.id)!;
      expect(h).toMatchObject({ away: false, selfAssessment: null, feedback: [] });
      expect(h.summary.concerns).toEqual(['no_self_assessment']);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(away.phone);
      expect(text).not.toContain(away.idNumber);
    });

    it('is denied to the receiving branch, other branches and members', async () => {
      const list = route(EvaluationRoutes.entries, { id: roundId });
      const one = route(EvaluationRoutes.entry, { id: roundId, memberId: away.member.id });
      for (const token of [tokens.secMobile, tokens.secB, away.token]) {
        expect((await get(token, list)).status).toBe(404);
        expect((await get(token, one)).status).toBe(404);
      }
      const stranger = route(EvaluationRoutes.entry, { id: roundId, memberId: other.member.id });
      expect((await get(tokens.secA1, stranger)).status).toBe(404);
    });
  });

  describe('results and closing', () => {
    it('refuses a result from the wrong role, another branch, or with a grade that does not exist', async () => {
      const body = { grade: 'excellent', reasons: '表现突出' };
      const committee = await result(away, tokens.committeeA1, body);
      expect(committee.status).toBe(403);
      expect(committee.body.code).toBe(ErrorCode.FORBIDDEN);
      for (const token of [tokens.secMobile, tokens.secB, away.token])
        expect((await result(away, token, body)).status).toBe(404);
      expect((await result(away, tokens.secA1, { grade: 'perfect', reasons: '好' })).status).toBe(400);
      expect((await result(away, tokens.secA1, { grade: 'qualified' })).status).toBe(400);
    });

    it('records results with reasons, keeping the inputs they were given on', async () => {
      const res = await result(away, tokens.secA1, {
        grade: 'basically_qualified',
        reasons: '外出期间参加组织生活不够经常。',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ grade: 'basically_qualified', reasons: '外出期间参加组织生活不够经常。' });
      const [row] = await sql<{ inputs: { summary: { concerns: string[] } }; reasons_cipher: string }>(
        `SELECT inputs, reasons_cipher FROM evaluation_entries WHERE round_id = $1 AND member_id = $2`,
        [roundId, away.member.id],
      );
      expect(row.inputs.summary.concerns).toEqual(['poor_feedback']);
      expect(row.reasons_cipher).not.toContain('组织生活');
      // Not published yet.
      expect((await get(away.token, EvaluationRoutes.myResults)).body).toEqual([]);
    });

    it('refuses to close while a member has no result, and refuses the wrong role and other branches', async () => {
      const path = route(EvaluationRoutes.close, { id: roundId });
      const missing = await post(tokens.secA1, path);
      expect(missing.status).toBe(409);
      expect(missing.body.code).toBe(ErrorCode.EVALUATION_RESULTS_MISSING);
      expect((await post(tokens.committeeA1, path)).body.code).toBe(ErrorCode.FORBIDDEN);
      for (const token of [tokens.secMobile, tokens.secB, away.token])
        expect((await post(token, path)).status).toBe(404);
    });

    it('closes, publishes each member’s own result, and refuses every change afterwards', async () => {
      expect((await result(home, tokens.secA1, { grade: 'qualified', reasons: '能履行党员义务。' })).status).toBe(200);
      const closed = await post(tokens.adminA, route(EvaluationRoutes.close, { id: roundId }));
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', graded: 2, selfAssessed: 1 });

      const mine = (await get(away.token, EvaluationRoutes.myResults)).body as MyEvaluationResult[];
      expect(mine).toEqual([
        expect.objectContaining({
          roundId,
          year: YEAR,
          grade: 'basically_qualified',
          reasons: '外出期间参加组织生活不够经常。',
          branchName: w.branchA1.name,
        }),
      ]);
      expect(((await get(home.token, EvaluationRoutes.myResults)).body as MyEvaluationResult[])[0].grade).toBe(
        'qualified',
      );
      expect((await get(other.token, EvaluationRoutes.myResults)).body).toEqual([]);
      const told = await notices(away.token, 'evaluation.result');
      expect(told).toHaveLength(1);
      expect(told[0].body).toContain('基本合格');
      expect(await notices(home.token, 'evaluation.result')).toHaveLength(1);

      const again = await post(tokens.secA1, route(EvaluationRoutes.close, { id: roundId }));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.EVALUATION_ROUND_CLOSED);
      const late = await result(home, tokens.secA1, { grade: 'excellent', reasons: '改' });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe(ErrorCode.EVALUATION_ROUND_CLOSED);
      const selfLate = await put(home.token, EvaluationRoutes.mySelfAssessment, { text: '补交自评' });
      expect(selfLate.status).toBe(409);
      expect(selfLate.body.code).toBe(ErrorCode.EVALUATION_ROUND_CLOSED);
      expect((await get(home.token, EvaluationRoutes.mySelfAssessment)).body.round).toBeNull();
    });
  });
});
