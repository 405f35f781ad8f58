import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@pioneer/shared';
import { DataSource } from 'typeorm';
import { AppException } from '../src/common/errors/app-exception.js';
import { PointsService } from '../src/points/points.service.js';
import { withSql } from './support/database.js';
import { createMember, createStaff, createWorld, type MemberFixture } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type World = Awaited<ReturnType<typeof createWorld>>;

describe('PointsService.award', () => {
  let t: TestApp;
  let world: World;
  let points: PointsService;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t.app);
    points = t.app.get(PointsService);
    db = t.app.get(DataSource);
  });

  afterAll(async () => {
    await t.close();
  });

  const award = (input: Parameters<PointsService['award']>[1]) => db.transaction((m) => points.award(m, input));

  async function ledger(memberId: string): Promise<{ balance: number; sum: number; entries: number }> {
    return withSql(t.databaseUrl, async (c) => {
      const b = await c.query(`SELECT balance FROM points_balances WHERE member_id = $1`, [memberId]);
      const s = await c.query(
        `SELECT coalesce(sum(amount) FILTER (WHERE status = 'posted'), 0)::int AS sum, count(*)::int AS n
           FROM points_entries WHERE member_id = $1`,
        [memberId],
      );
      return {
        balance: (b.rows[0]?.balance as number) ?? 0,
        sum: s.rows[0].sum as number,
        entries: s.rows[0].n as number,
      };
    });
  }

  let member: MemberFixture;
  beforeEach(async () => {
    member = await createMember(t.app, world.branchA1);
  });

  it.each([
    ['a check-in', { source: 'checkin' as const }, 2],
    ['a completed study pack', { source: 'study' as const }, 5],
    ['95 minutes of service (three half hours)', { source: 'service_hours' as const, quantity: 95 }, 15],
    ['a five-star rating', { source: 'service_rating' as const, quantity: 5 }, 5],
    ['a four-star rating', { source: 'service_rating' as const, quantity: 4 }, 3],
    ['a manual award', { source: 'manual' as const, amount: 7 }, 7],
  ])('posts the rule amount for %s, with the rule version', async (_label, input, expected) => {
    const result = await award({ memberId: member.member.id, sourceRef: randomUUID(), reason: '测试', ...input });
    expect(result).toEqual({ entryId: expect.any(String), amount: expected, status: 'posted' });
    const row = await withSql(t.databaseUrl, (c) =>
      c.query(`SELECT rule_version, amount, reason FROM points_entries WHERE id = $1`, [result!.entryId]),
    );
    expect(row.rows[0]).toEqual({ rule_version: 'v1', amount: expected, reason: '测试' });
    expect(await ledger(member.member.id)).toEqual({ balance: expected, sum: expected, entries: 1 });
  });

  it('answers null and writes nothing when the rules give 0 points', async () => {
    expect(
      await award({
        memberId: member.member.id,
        source: 'service_rating',
        quantity: 3,
        sourceRef: 'r3',
        reason: '评价',
      }),
    ).toBeNull();
    expect(
      await award({
        memberId: member.member.id,
        source: 'service_hours',
        quantity: 29,
        sourceRef: 'h29',
        reason: '服务',
      }),
    ).toBeNull();
    expect(await ledger(member.member.id)).toEqual({ balance: 0, sum: 0, entries: 0 });
  });

  it('posts a retried award once and answers the first entry, also when the retries race', async () => {
    const sourceRef = randomUUID();
    const input = { memberId: member.member.id, source: 'checkin' as const, sourceRef, reason: '参加活动签到' };
    const first = await award(input);
    const again = await award(input);
    expect(again).toEqual(first);
    const racing = await Promise.all(Array.from({ length: 6 }, () => award({ ...input, sourceRef: `${sourceRef}-b` })));
    expect(new Set(racing.map((r) => r!.entryId)).size).toBe(1);
    expect(await ledger(member.member.id)).toEqual({ balance: 4, sum: 4, entries: 2 });
  });

  it('rolls back with the caller: an award in a failed transaction leaves nothing', async () => {
    await expect(
      db.transaction(async (m) => {
        await points.award(m, { memberId: member.member.id, source: 'study', sourceRef: 'pack-x', reason: '学习' });
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await ledger(member.member.id)).toEqual({ balance: 0, sum: 0, entries: 0 });
  });

  it('refuses a deduction below zero with POINTS_INSUFFICIENT', async () => {
    await award({ memberId: member.member.id, source: 'manual', amount: 3, sourceRef: 'm1', reason: '奖励' });
    const error = await award({
      memberId: member.member.id,
      source: 'manual',
      amount: -4,
      sourceRef: 'm2',
      reason: '扣减',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).code).toBe(ErrorCode.POINTS_INSUFFICIENT);
    expect(await ledger(member.member.id)).toEqual({ balance: 3, sum: 3, entries: 1 });
  });

  it('holds entries pending when the sending branch reviews them; manual awards still post', async () => {
    const reviewing = await createMember(t.app, world.branchA2);
    const secretary = await createStaff(t.app, ['branch_secretary'], world.branchA2.id);
    await withSql(t.databaseUrl, (c) =>
      c.query(`INSERT INTO points_branch_settings (org_id, review_required, updated_by) VALUES ($1, true, $2)`, [
        world.branchA2.id,
        secretary.accountId,
      ]),
    );
    const pending = await award({
      memberId: reviewing.member.id,
      source: 'checkin',
      sourceRef: randomUUID(),
      reason: '签到',
    });
    expect(pending).toMatchObject({ amount: 2, status: 'pending' });
    const manual = await award({
      memberId: reviewing.member.id,
      source: 'manual',
      amount: 10,
      sourceRef: randomUUID(),
      reason: '表彰',
    });
    expect(manual).toMatchObject({ amount: 10, status: 'posted' });
    expect(await ledger(reviewing.member.id)).toEqual({ balance: 10, sum: 10, entries: 2 });
  });

  it('is append-only in the database: amounts cannot be edited, entries cannot be deleted', async () => {
    const result = await award({
      memberId: member.member.id,
      source: 'checkin',
      sourceRef: randomUUID(),
      reason: '签到',
    });
    await withSql(t.databaseUrl, async (c) => {
      await expect(c.query(`UPDATE points_entries SET amount = 100 WHERE id = $1`, [result!.entryId])).rejects.toThrow(
        /append-only/,
      );
      await expect(
        c.query(`UPDATE points_entries SET status = 'rejected' WHERE id = $1`, [result!.entryId]),
      ).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM points_entries WHERE id = $1`, [result!.entryId])).rejects.toThrow(
        /append-only/,
      );
      await expect(c.query(`TRUNCATE points_entries CASCADE`)).rejects.toThrow(/append-only/);
      await expect(
        c.query(`UPDATE points_balances SET balance = -1 WHERE member_id = $1`, [member.member.id]),
      ).rejects.toThrow(/points_balance_not_negative/);
    });
  });

  it('keeps a long reason within what the ledger stores instead of failing the caller', async () => {
    const result = await award({
      memberId: member.member.id,
      source: 'checkin',
      sourceRef: randomUUID(),
      reason: `参加活动“${'很长的活动名称'.repeat(40)}”签到`,
    });
    const row = await withSql(t.databaseUrl, (c) =>
      c.query(`SELECT reason FROM points_entries WHERE id = $1`, [result!.entryId]),
    );
    expect((row.rows[0].reason as string).length).toBe(200);
    expect(row.rows[0].reason).toMatch(/…$/);
  });
});
