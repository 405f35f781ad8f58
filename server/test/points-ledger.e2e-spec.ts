import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ErrorCode, PointsRoutes, type BenefitView, type PointsEntryView, type RedeemResult } from '@pioneer/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../src/common/time/clock.js';
import { PointsJobs, POINTS_EXPIRY_JOB } from '../src/points/points-jobs.js';
import { PointsService } from '../src/points/points.service.js';
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
type Person = MemberFixture & { token: string };

/** The ledger's invariants under concurrency, and expiry on a controlled clock. */
describe('points ledger invariants', () => {
  let t: TestApp;
  let w: World;
  let secretary: string;
  let staff: string;

  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set('authorization', `Bearer ${token}`).send(body);
  const at = (route: string, id: string) => route.replace(':id', id);

  async function person(): Promise<Person> {
    const fixture = await createMember(t.app, w.branchA1);
    return { ...fixture, token: await memberToken(t, fixture.member) };
  }

  async function give(p: Person, amount: number): Promise<void> {
    const res = await post(secretary, at(PointsRoutes.manualAward, p.member.id), { amount, reason: '奖励' });
    expect(res.status).toBe(201);
  }

  async function benefit(stock: number, cost = 10, perMemberLimit: number | null = null): Promise<BenefitView> {
    const res = await post(staff, PointsRoutes.benefits, {
      orgId: w.villageA.id,
      title: `权益 ${randomUUID().slice(0, 6)}`,
      cost,
      stock,
      perMemberLimit,
      provider: '东风村党群服务站',
    });
    expect(res.status).toBe(201);
    return res.body as BenefitView;
  }

  /** For every member with entries: the kept balance and the sum of posted entries. */
  async function balancesAndSums(): Promise<{ member_id: string; balance: number; sum: number }[]> {
    return withSql(t.databaseUrl, async (c) => {
      const res = await c.query(
        `SELECT e.member_id, coalesce(b.balance, 0) AS balance,
                coalesce(sum(e.amount) FILTER (WHERE e.status = 'posted'), 0)::int AS sum
           FROM points_entries e LEFT JOIN points_balances b ON b.member_id = e.member_id
          GROUP BY e.member_id, b.balance`,
      );
      return res.rows as { member_id: string; balance: number; sum: number }[];
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_LIMIT: '100000', DATABASE_POOL_SIZE: '12' });
    w = await createWorld(t.app);
    secretary = await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.branchA1.id));
    staff = await staffToken(t, await createStaff(t.app, ['community_staff'], w.villageA.id));
  });

  afterAll(async () => {
    t.app.get(Clock).now = Clock.prototype.now;
    await t.close();
  });

  it('lets exactly one of two members redeem the last item in stock', async () => {
    for (let round = 0; round < 5; round += 1) {
      const [a, b] = await Promise.all([person(), person()]);
      await give(a, 10);
      await give(b, 10);
      const last = await benefit(1);
      const answers = await Promise.all([a, b].map((p) => post(p.token, at(PointsRoutes.redeem, last.id))));
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(answers.find((r) => r.status === 409)!.body.code).toBe(ErrorCode.BENEFIT_OUT_OF_STOCK);
      const state = await withSql(t.databaseUrl, (c) =>
        c.query(
          `SELECT (SELECT stock FROM points_benefits WHERE id = $1) AS stock,
                  (SELECT count(*)::int FROM points_redemptions WHERE benefit_id = $1) AS redemptions,
                  (SELECT sum(balance)::int FROM points_balances WHERE member_id = ANY($2::uuid[])) AS balances`,
          [last.id, [a.member.id, b.member.id]],
        ),
      );
      expect(state.rows[0]).toEqual({ stock: 0, redemptions: 1, balances: 10 });
    }
  });

  it('never lets many members take more than the stock', async () => {
    const people = await Promise.all(Array.from({ length: 12 }, () => person()));
    for (const p of people) await give(p, 10);
    const scarce = await benefit(4);
    const answers = await Promise.all(people.map((p) => post(p.token, at(PointsRoutes.redeem, scarce.id))));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(4);
    expect(answers.filter((r) => r.status === 409 && r.body.code === ErrorCode.BENEFIT_OUT_OF_STOCK)).toHaveLength(8);
  });

  it('never takes a balance below zero, however many redemptions one member sends at once', async () => {
    const p = await person();
    await give(p, 30);
    const plenty = await benefit(100, 10);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post(p.token, at(PointsRoutes.redeem, plenty.id))),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(3);
    expect(answers.filter((r) => r.status === 409 && r.body.code === ErrorCode.POINTS_INSUFFICIENT)).toHaveLength(7);
    const balance = await withSql(t.databaseUrl, (c) =>
      c.query(`SELECT balance FROM points_balances WHERE member_id = $1`, [p.member.id]),
    );
    expect(balance.rows[0].balance).toBe(0);
    // Nor do deductions racing with redemptions.
    await give(p, 10);
    const mixed = await Promise.all([
      post(p.token, at(PointsRoutes.redeem, plenty.id)),
      post(secretary, at(PointsRoutes.manualAward, p.member.id), { amount: -10, reason: '扣减' }),
      post(p.token, at(PointsRoutes.redeem, plenty.id)),
    ]);
    expect(mixed.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it('keeps the per-member limit when one member redeems many times at once', async () => {
    const p = await person();
    await give(p, 100);
    const once = await benefit(50, 10, 2);
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(p.token, at(PointsRoutes.redeem, once.id))));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(2);
    expect(answers.filter((r) => r.body.code === ErrorCode.BENEFIT_LIMIT_REACHED)).toHaveLength(4);
  });

  it('keeps every balance equal to the sum of its entries after a mixed concurrent workload', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => person()));
    for (const p of people) await give(p, 20);
    const items = await Promise.all([benefit(5, 5), benefit(3, 7), benefit(20, 3)]);
    const points = t.app.get(PointsService);
    const db = t.app.get(DataSource);
    const redeemed: RedeemResult[] = [];
    const work: Promise<unknown>[] = [];
    people.forEach((p, i) => {
      for (const item of items)
        work.push(
          post(p.token, at(PointsRoutes.redeem, item.id)).then((r) => {
            if (r.status === 201) redeemed.push(r.body as RedeemResult);
          }),
        );
      work.push(post(secretary, at(PointsRoutes.manualAward, p.member.id), { amount: i + 1, reason: '奖励' }));
      work.push(post(secretary, at(PointsRoutes.manualAward, p.member.id), { amount: -(i + 2), reason: '扣减' }));
      // A check-in award and its retry, racing each other.
      const ref = randomUUID();
      for (let k = 0; k < 2; k += 1)
        work.push(
          db.transaction((m) =>
            points.award(m, { memberId: p.member.id, source: 'checkin', sourceRef: ref, reason: '签到' }),
          ),
        );
    });
    await Promise.all(work);
    // Then cancel half the redemptions and reverse some awards while more redemptions run.
    const entries = await withSql(t.databaseUrl, (c) =>
      c.query(`SELECT id FROM points_entries WHERE source = 'checkin' AND member_id = ANY($1::uuid[])`, [
        people.map((p) => p.member.id),
      ]),
    );
    const tokenOf = new Map(people.map((p) => [p.member.id, p.token]));
    const owner = await withSql(t.databaseUrl, (c) =>
      c.query(`SELECT id, member_id FROM points_redemptions WHERE id = ANY($1::uuid[])`, [
        redeemed.map((r) => r.redemption.id),
      ]),
    );
    const second: Promise<unknown>[] = [];
    owner.rows.forEach((row: { id: string; member_id: string }, i: number) => {
      if (i % 2 === 0) second.push(post(tokenOf.get(row.member_id)!, at(PointsRoutes.cancelRedemption, row.id)));
    });
    for (const row of entries.rows as { id: string }[])
      second.push(post(secretary, at(PointsRoutes.reverse, row.id), { reason: '更正' }));
    for (const p of people) second.push(post(p.token, at(PointsRoutes.redeem, items[2].id)));
    await Promise.all(second);

    for (const row of await balancesAndSums()) {
      expect(row.balance).toBe(row.sum);
      expect(row.balance).toBeGreaterThanOrEqual(0);
    }
    // Stock plus what is held equals what was put in.
    const stock = await withSql(t.databaseUrl, (c) =>
      c.query(
        `SELECT b.id, b.stock, (SELECT count(*)::int FROM points_redemptions x WHERE x.benefit_id = b.id AND x.status <> 'cancelled') AS held
           FROM points_benefits b WHERE b.id = ANY($1::uuid[])`,
        [items.map((i) => i.id)],
      ),
    );
    const initial = new Map(items.map((i) => [i.id, i.stock]));
    for (const row of stock.rows as { id: string; stock: number; held: number }[])
      expect(row.stock + row.held).toBe(initial.get(row.id));
    // Each check-in award posted once.
    const awards = await withSql(t.databaseUrl, (c) =>
      c.query(
        `SELECT member_id, count(*)::int AS n FROM points_entries WHERE source = 'checkin' AND member_id = ANY($1::uuid[]) GROUP BY member_id`,
        [people.map((p) => p.member.id)],
      ),
    );
    expect((awards.rows as { n: number }[]).map((r) => r.n)).toEqual(people.map(() => 1));
  });

  describe('yearly expiry', () => {
    const clock = () => t.app.get(Clock);
    const setNow = (iso: string) => {
      clock().now = () => new Date(iso);
    };

    afterEach(() => {
      clock().now = Clock.prototype.now;
    });

    it('is scheduled with pg-boss at 00:10 on 1 January, Beijing time', async () => {
      // The schedule is written when the queue starts; give it a moment on a busy machine.
      for (let i = 0; i < 50; i += 1) {
        const rows = await withSql(t.databaseUrl, (c) =>
          c
            .query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [POINTS_EXPIRY_JOB])
            .catch(() => ({ rows: [] })),
        );
        if (rows.rows.length > 0) {
          expect(rows.rows[0]).toEqual({ cron: '10 0 1 1 *', timezone: 'Asia/Shanghai' });
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the expiry job was never scheduled');
    });

    it('expires the points of a year two years on, oldest first, once', async () => {
      const p = await person();
      const points = t.app.get(PointsService);
      const db = t.app.get(DataSource);
      const jobs = t.app.get(PointsJobs);
      const award = (amount: number, ref = randomUUID()) =>
        db.transaction((m) =>
          points.award(m, { memberId: p.member.id, source: 'manual', amount, sourceRef: ref, reason: '测试' }),
        );
      const balance = async () =>
        (
          await withSql(t.databaseUrl, (c) =>
            c.query(`SELECT balance FROM points_balances WHERE member_id = $1`, [p.member.id]),
          )
        ).rows[0].balance as number;

      setNow('2026-03-01T02:00:00Z');
      await award(10);
      setNow('2026-12-31T15:30:00Z'); // 23:30 on 31 December in Beijing: still 2026
      await award(4);
      setNow('2027-06-01T02:00:00Z');
      await award(5);
      await award(-6); // spent: taken from 2026's points first

      setNow('2027-01-01T00:10:00+08:00');
      await jobs.expire();
      expect(await balance()).toBe(13); // 2026's points are still valid in 2027

      setNow('2028-01-01T00:10:00+08:00');
      await jobs.expire();
      expect(await balance()).toBe(5); // 2026: 14 earned − 6 spent = 8 expire
      await jobs.expire();
      expect(await balance()).toBe(5);

      setNow('2029-01-01T00:10:00+08:00');
      await jobs.expire();
      expect(await balance()).toBe(0);

      clock().now = Clock.prototype.now; // sessions are judged by the clock too
      const res = await request(t.url).get(PointsRoutes.myEntries).set('authorization', `Bearer ${p.token}`);
      expect(res.status).toBe(200);
      const expiries = (res.body as { items: PointsEntryView[] }).items.filter((e) => e.source === 'expiry');
      expect(expiries.map((e) => [e.amount, e.reason])).toEqual([
        [-5, '2027 年及以前获得的积分已到期'],
        [-8, '2026 年及以前获得的积分已到期'],
      ]);
      for (const row of await balancesAndSums()) expect(row.balance).toBe(row.sum);
    });
  });
});
