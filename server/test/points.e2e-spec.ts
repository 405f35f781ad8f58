import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  CheckinRoutes,
  ErrorCode,
  PointsRoutes,
  REDEMPTION_CODE_ALPHABET,
  type ActivityView,
  type BenefitView,
  type CatalogueBenefit,
  type Paginated,
  type PointsEntryView,
  type PointsSummary,
  type RedeemResult,
  type RedemptionView,
  type ReviewQueueEntry,
  type OpenStudyItemResponse,
  type StaffRedemptionView,
  type StudyDeliveryView,
  type StudyPackView,
  type VenueCodeView,
  StudyRoutes,
} from '@pioneer/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../src/common/time/clock.js';
import { PointsJobs } from '../src/points/points-jobs.js';
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

describe('points and redemption over HTTP', () => {
  let t: TestApp;
  let w: World;
  let tk: {
    secA1: string;
    committeeA1: string;
    secA2: string;
    committeeA2: string;
    secB: string;
    staffVillageA: string;
    staffStreet: string;
    adminCountyA: string;
    resident: string;
  };

  const get = (token: string, path: string) => request(t.url).get(path).set('authorization', `Bearer ${token}`);
  const post = (token: string, path: string, body: object = {}) =>
    request(t.url).post(path).set('authorization', `Bearer ${token}`).send(body);
  const put = (token: string, path: string, body: object) =>
    request(t.url).put(path).set('authorization', `Bearer ${token}`).send(body);
  const patch = (token: string, path: string, body: object) =>
    request(t.url).patch(path).set('authorization', `Bearer ${token}`).send(body);
  const at = (route: string, id: string) => route.replace(':id', id);

  async function person(branch = w.branchA1): Promise<Person> {
    const fixture = await createMember(t.app, branch);
    return { ...fixture, token: await memberToken(t, fixture.member) };
  }

  async function give(p: Person, amount: number, reason = '表彰'): Promise<PointsEntryView> {
    const res = await post(tk.secA1, at(PointsRoutes.manualAward, p.member.id), { amount, reason });
    expect(res.status).toBe(201);
    return res.body as PointsEntryView;
  }

  async function summary(p: Person): Promise<PointsSummary> {
    const res = await get(p.token, PointsRoutes.myPoints);
    expect(res.status).toBe(200);
    return res.body as PointsSummary;
  }

  async function benefit(overrides: object = {}): Promise<BenefitView> {
    const res = await post(tk.staffVillageA, PointsRoutes.benefits, {
      orgId: w.villageA.id,
      title: '免费手机充电',
      description: '在村党群服务站充电一次',
      cost: 10,
      stock: 5,
      provider: '东风村党群服务站',
      ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body as BenefitView;
  }

  async function redeem(p: Person, b: BenefitView): Promise<RedeemResult> {
    const res = await post(p.token, at(PointsRoutes.redeem, b.id));
    expect(res.status).toBe(201);
    return res.body as RedeemResult;
  }

  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_LIMIT: '100000' });
    w = await createWorld(t.app);
    const staff = async (role: Parameters<typeof createStaff>[1], orgId: string) =>
      staffToken(t, await createStaff(t.app, role, orgId));
    tk = {
      secA1: await staff(['branch_secretary'], w.branchA1.id),
      committeeA1: await staff(['branch_committee'], w.branchA1.id),
      secA2: await staff(['branch_secretary'], w.branchA2.id),
      committeeA2: await staff(['branch_committee'], w.branchA2.id),
      secB: await staff(['branch_secretary'], w.branchB.id),
      staffVillageA: await staff(['community_staff'], w.villageA.id),
      staffStreet: await staff(['community_staff'], w.street.id),
      adminCountyA: await staff(['org_admin'], w.countyA.id),
      resident: await memberToken(t, null),
    };
  });

  afterAll(async () => {
    await t.close();
  });

  describe('the member', () => {
    it('sees a balance of 0 and no entries before earning anything', async () => {
      const p = await person();
      expect(await summary(p)).toEqual({ memberId: p.member.id, balance: 0, pending: 0, validYears: 2 });
      const res = await get(p.token, PointsRoutes.myEntries);
      expect(res.body).toEqual({ items: [] });
    });

    it('sees every entry with its source and reason, newest first, a page at a time', async () => {
      const p = await person();
      for (let i = 1; i <= 5; i += 1) await give(p, i, `第 ${i} 次表彰`);
      expect((await summary(p)).balance).toBe(15);
      const first = await get(p.token, `${PointsRoutes.myEntries}?limit=3`);
      expect(first.status).toBe(200);
      const page1 = first.body as Paginated<PointsEntryView>;
      expect(page1.items.map((e) => [e.amount, e.source, e.reason, e.status, e.ruleVersion])).toEqual([
        [5, 'manual', '第 5 次表彰', 'posted', 'v1'],
        [4, 'manual', '第 4 次表彰', 'posted', 'v1'],
        [3, 'manual', '第 3 次表彰', 'posted', 'v1'],
      ]);
      const second = await get(p.token, `${PointsRoutes.myEntries}?limit=3&cursor=${page1.nextCursor}`);
      expect((second.body as Paginated<PointsEntryView>).items.map((e) => e.amount)).toEqual([2, 1]);
      expect((second.body as Paginated<PointsEntryView>).nextCursor).toBeUndefined();
    });

    it('refuses an account that is not a member (a resident)', async () => {
      for (const path of [PointsRoutes.myPoints, PointsRoutes.myEntries, PointsRoutes.myRedemptions]) {
        const res = await get(tk.resident, path);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe(ErrorCode.FORBIDDEN);
      }
      expect((await get(tk.secA1, PointsRoutes.myPoints)).status).toBe(403);
    });

    it('refuses a bad cursor with 400, not 500', async () => {
      const p = await person();
      const res = await get(p.token, `${PointsRoutes.myEntries}?cursor=nonsense`);
      expect(res.status).toBe(400);
    });
  });

  describe('the sending branch', () => {
    it('awards by hand with a reason; the member sees it', async () => {
      const p = await person();
      const entry = await give(p, 20, '返乡座谈会上积极建言');
      expect(entry).toMatchObject({ amount: 20, source: 'manual', status: 'posted', reason: '返乡座谈会上积极建言' });
      expect((await summary(p)).balance).toBe(20);
    });

    it('deducts by hand, but never below zero', async () => {
      const p = await person();
      await give(p, 5);
      const minus = await post(tk.secA1, at(PointsRoutes.manualAward, p.member.id), { amount: -3, reason: '重复登记' });
      expect(minus.status).toBe(201);
      const tooMuch = await post(tk.secA1, at(PointsRoutes.manualAward, p.member.id), { amount: -3, reason: '扣减' });
      expect(tooMuch.status).toBe(409);
      expect(tooMuch.body.code).toBe(ErrorCode.POINTS_INSUFFICIENT);
      expect((await summary(p)).balance).toBe(2);
    });

    it('awards once for a retried request with the same Idempotency-Key', async () => {
      const p = await person();
      const key = randomUUID();
      const send = () =>
        request(t.url)
          .post(at(PointsRoutes.manualAward, p.member.id))
          .set('authorization', `Bearer ${tk.secA1}`)
          .set('Idempotency-Key', key)
          .send({ amount: 8, reason: '志愿服务' });
      expect((await send()).status).toBe(201);
      expect((await send()).status).toBe(201);
      expect((await summary(p)).balance).toBe(8);
    });

    it('refuses a manual award of 0, a fractional amount, no reason or an unknown field', async () => {
      const p = await person();
      for (const body of [
        { amount: 0, reason: '零' },
        { amount: 1.5, reason: '小数' },
        { amount: 5, reason: '' },
        { amount: 5, reason: '多余字段', memberId: p.member.id },
      ]) {
        const res = await post(tk.secA1, at(PointsRoutes.manualAward, p.member.id), body);
        expect(res.status).toBe(400);
      }
    });

    it('denies a manual award to another branch, a committee member, a member and a resident', async () => {
      const p = await person();
      const other = await person();
      const body = { amount: 5, reason: '奖励' };
      const path = at(PointsRoutes.manualAward, p.member.id);
      expect((await post(tk.secB, path, body)).status).toBe(404);
      expect((await post(tk.secA2, path, body)).status).toBe(404);
      expect((await post(tk.staffVillageA, path, body)).status).toBe(404);
      const committee = await post(tk.committeeA1, path, body);
      expect(committee.status).toBe(403);
      expect((await post(other.token, path, body)).status).toBe(404);
      expect((await post(p.token, path, body)).status).toBe(404);
      expect((await post(tk.resident, path, body)).status).toBe(404);
      expect((await summary(p)).balance).toBe(0);
      // The county's admin manages the branch's members too.
      expect((await post(tk.adminCountyA, path, body)).status).toBe(201);
    });

    it("shows a member's ledger to their sending branch only", async () => {
      const p = await person();
      await give(p, 4);
      const s = await get(tk.secA1, at(PointsRoutes.memberPoints, p.member.id));
      expect(s.status).toBe(200);
      expect((s.body as PointsSummary).balance).toBe(4);
      const e = await get(tk.committeeA1, at(PointsRoutes.memberEntries, p.member.id));
      expect(e.status).toBe(200);
      expect((e.body as Paginated<PointsEntryView>).items).toHaveLength(1);
      const other = await person();
      for (const token of [tk.secB, tk.secA2, tk.staffVillageA, tk.resident, other.token, p.token]) {
        expect((await get(token, at(PointsRoutes.memberPoints, p.member.id))).status).toBe(404);
        expect((await get(token, at(PointsRoutes.memberEntries, p.member.id))).status).toBe(404);
      }
    });

    it('corrects an entry by appending its reversal, once; the original stays', async () => {
      const p = await person();
      const entry = await give(p, 6, '误登记的奖励');
      const denied: [string, number][] = [
        [tk.secB, 404],
        [tk.committeeA1, 403],
        [p.token, 404],
        [tk.resident, 404],
      ];
      for (const [token, status] of denied)
        expect((await post(token, at(PointsRoutes.reverse, entry.id), { reason: '登记错误' })).status).toBe(status);
      const res = await post(tk.secA1, at(PointsRoutes.reverse, entry.id), { reason: '登记错误' });
      expect(res.status).toBe(200);
      const reversal = res.body as PointsEntryView;
      expect(reversal).toMatchObject({
        amount: -6,
        source: 'reversal',
        reversesEntryId: entry.id,
        reason: '更正：登记错误',
      });
      const again = await post(tk.secA1, at(PointsRoutes.reverse, entry.id), { reason: '再次' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.POINTS_ENTRY_ALREADY_REVERSED);
      const ofReversal = await post(tk.secA1, at(PointsRoutes.reverse, reversal.id), { reason: '撤销更正' });
      expect(ofReversal.status).toBe(409);
      expect(ofReversal.body.code).toBe(ErrorCode.POINTS_ENTRY_NOT_REVERSIBLE);
      const entries = (await get(p.token, PointsRoutes.myEntries)).body as Paginated<PointsEntryView>;
      expect(entries.items.map((e) => [e.amount, e.reversedByEntryId])).toEqual([
        [-6, null],
        [6, reversal.id],
      ]);
      expect((await summary(p)).balance).toBe(0);
    });

    it('refuses to reverse points that were already spent', async () => {
      const p = await person();
      const entry = await give(p, 10);
      const b = await benefit({ cost: 8 });
      await redeem(p, b);
      const res = await post(tk.secA1, at(PointsRoutes.reverse, entry.id), { reason: '登记错误' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(ErrorCode.POINTS_INSUFFICIENT);
    });
  });

  describe('branch review', () => {
    it('lets the branch turn review on; entries then wait, and the secretary approves or rejects them', async () => {
      for (const [token, status] of [
        [tk.committeeA2, 403],
        [tk.secB, 404],
        [tk.resident, 404],
      ] as const)
        expect(
          (await put(token, at(PointsRoutes.branchSettings, w.branchA2.id), { reviewRequired: true })).status,
        ).toBe(status);
      const on = await put(tk.secA2, at(PointsRoutes.branchSettings, w.branchA2.id), { reviewRequired: true });
      expect(on.body).toEqual({ orgId: w.branchA2.id, reviewRequired: true });
      expect((await get(tk.secA2, at(PointsRoutes.branchSettings, w.branchA2.id))).body.reviewRequired).toBe(true);

      const p = await person(w.branchA2);
      const points = t.app.get(PointsService);
      const db = t.app.get(DataSource);
      const earn = (ref: string) =>
        db.transaction((m) =>
          points.award(m, { memberId: p.member.id, source: 'study', sourceRef: ref, reason: '完成学习' }),
        );
      const a = (await earn(randomUUID()))!;
      const b = (await earn(randomUUID()))!;
      expect(a.status).toBe('pending');
      expect(await summary(p)).toMatchObject({ balance: 0, pending: 10 });

      const queue = await get(tk.secA2, PointsRoutes.reviewQueue);
      expect(queue.status).toBe(200);
      const items = (queue.body as Paginated<ReviewQueueEntry>).items.filter((e) => e.memberId === p.member.id);
      expect(items.map((e) => e.id)).toEqual([a.entryId, b.entryId]);
      expect(items[0].memberName).toMatch(/\*/);
      expect(items[0].memberName).not.toBe(p.name);
      expect((await get(tk.secB, PointsRoutes.reviewQueue)).body).toEqual({ items: [] });
      expect((await get(tk.committeeA2, PointsRoutes.reviewQueue)).status).toBe(403);
      expect((await get(tk.resident, PointsRoutes.reviewQueue)).status).toBe(403);
      expect((await get(p.token, PointsRoutes.reviewQueue)).status).toBe(403);

      expect((await post(tk.secB, at(PointsRoutes.approve, a.entryId))).status).toBe(404);
      expect((await post(tk.committeeA2, at(PointsRoutes.approve, a.entryId))).status).toBe(403);
      expect((await post(p.token, at(PointsRoutes.approve, a.entryId))).status).toBe(404);
      const approved = await post(tk.secA2, at(PointsRoutes.approve, a.entryId));
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'posted', amount: 5 });
      const twice = await post(tk.secA2, at(PointsRoutes.approve, a.entryId));
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe(ErrorCode.POINTS_ENTRY_NOT_PENDING);
      const rejected = await post(tk.secA2, at(PointsRoutes.reject, b.entryId), { note: '未完成' });
      expect(rejected.body).toMatchObject({ status: 'rejected' });
      expect(await summary(p)).toMatchObject({ balance: 5, pending: 0 });
      const mine = (await get(p.token, PointsRoutes.myEntries)).body as Paginated<PointsEntryView>;
      expect(mine.items.map((e) => e.status).sort()).toEqual(['posted', 'rejected']);
      await put(tk.secA2, at(PointsRoutes.branchSettings, w.branchA2.id), { reviewRequired: false });
    });
  });

  describe('the catalogue', () => {
    it('is kept by community staff and org admins over the org, not by others', async () => {
      const b = await benefit({ perMemberLimit: 2 });
      expect(b).toMatchObject({ orgId: w.villageA.id, orgName: w.villageA.name, cost: 10, stock: 5, active: true });
      const body = { orgId: w.villageA.id, title: '蛋糕', cost: 5, stock: 1, provider: '面包房' };
      expect((await post(tk.secA1, PointsRoutes.benefits, body)).status).toBe(404);
      expect((await post(tk.staffStreet, PointsRoutes.benefits, body)).status).toBe(404);
      expect((await post(tk.resident, PointsRoutes.benefits, body)).status).toBe(404);
      expect((await post(tk.adminCountyA, PointsRoutes.benefits, body)).status).toBe(201);
      const secVillage = await staffToken(t, await createStaff(t.app, ['branch_secretary'], w.villageA.id));
      expect((await post(secVillage, PointsRoutes.benefits, body)).status).toBe(403);

      const edited = await patch(tk.staffVillageA, at(PointsRoutes.benefit, b.id), { stock: 9, description: null });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ stock: 9, description: null, title: '免费手机充电' });
      expect((await patch(tk.staffStreet, at(PointsRoutes.benefit, b.id), { stock: 1 })).status).toBe(404);
      expect((await patch(tk.secA1, at(PointsRoutes.benefit, b.id), { stock: 1 })).status).toBe(404);
      expect((await patch(secVillage, at(PointsRoutes.benefit, b.id), { stock: 1 })).status).toBe(403);
      expect((await patch(tk.staffVillageA, at(PointsRoutes.benefit, b.id), { stock: -1 })).status).toBe(400);

      const list = await get(tk.staffVillageA, `${PointsRoutes.benefits}?orgId=${w.villageA.id}`);
      expect((list.body as Paginated<BenefitView>).items.map((i) => i.id)).toContain(b.id);
      expect((await get(tk.staffStreet, `${PointsRoutes.benefits}?orgId=${w.villageA.id}`)).status).toBe(404);
      expect((await get(tk.resident, PointsRoutes.benefits)).status).toBe(403);
    });

    it('offers a member the benefits of orgs above their branch, and no others', async () => {
      const b = await benefit({ title: `只给东风村 ${randomUUID().slice(0, 4)}` });
      const home = await person();
      const elsewhere = await person(w.branchB);
      const mine = (await get(home.token, PointsRoutes.catalogue)).body as CatalogueBenefit[];
      expect(mine.find((i) => i.id === b.id)).toMatchObject({ redeemedByMe: 0, cost: 10 });
      const theirs = (await get(elsewhere.token, PointsRoutes.catalogue)).body as CatalogueBenefit[];
      expect(theirs.find((i) => i.id === b.id)).toBeUndefined();
      await post(tk.secB, at(PointsRoutes.manualAward, elsewhere.member.id), { amount: 50, reason: '奖励' });
      expect((await post(elsewhere.token, at(PointsRoutes.redeem, b.id))).status).toBe(404);
      expect((await get(tk.resident, PointsRoutes.catalogue)).status).toBe(403);
      expect((await post(tk.resident, at(PointsRoutes.redeem, b.id))).status).toBe(403);
    });
  });

  describe('redemption', () => {
    it('deducts points and stock and issues a random code with nothing personal in it', async () => {
      const p = await person();
      await give(p, 25);
      const b = await benefit({ cost: 10, stock: 3 });
      const result = await redeem(p, b);
      expect(result.balance).toBe(15);
      expect(result.redemption).toMatchObject({ benefitId: b.id, cost: 10, status: 'issued', benefitTitle: b.title });
      expect(result.redemption.code).toMatch(new RegExp(`^[${REDEMPTION_CODE_ALPHABET}]{12}$`));
      for (const personal of [p.name, p.phone, p.idNumber, p.member.id])
        expect(result.redemption.code).not.toContain(personal);
      expect((await summary(p)).balance).toBe(15);
      const entries = (await get(p.token, PointsRoutes.myEntries)).body as Paginated<PointsEntryView>;
      expect(entries.items[0]).toMatchObject({ amount: -10, source: 'redemption', reason: `兑换“${b.title}”` });
      const stock = await withSql(t.databaseUrl, (c) =>
        c.query(`SELECT stock FROM points_benefits WHERE id = $1`, [b.id]),
      );
      expect(stock.rows[0].stock).toBe(2);
      const mine = (await get(p.token, PointsRoutes.myRedemptions)).body as Paginated<RedemptionView>;
      expect(mine.items.map((r) => r.code)).toEqual([result.redemption.code]);
    });

    it('refuses with stable codes: not enough points, over the per-member limit, out of stock, inactive', async () => {
      const p = await person();
      await give(p, 100);
      const poor = await person();
      const limited = await benefit({ perMemberLimit: 1, stock: 10 });
      await redeem(p, limited);
      const overLimit = await post(p.token, at(PointsRoutes.redeem, limited.id));
      expect([overLimit.status, overLimit.body.code]).toEqual([409, ErrorCode.BENEFIT_LIMIT_REACHED]);
      const insufficient = await post(poor.token, at(PointsRoutes.redeem, limited.id));
      expect([insufficient.status, insufficient.body.code]).toEqual([409, ErrorCode.POINTS_INSUFFICIENT]);
      const empty = await benefit({ stock: 0 });
      const out = await post(p.token, at(PointsRoutes.redeem, empty.id));
      expect([out.status, out.body.code]).toEqual([409, ErrorCode.BENEFIT_OUT_OF_STOCK]);
      const off = await benefit({ active: false });
      const inactive = await post(p.token, at(PointsRoutes.redeem, off.id));
      expect([inactive.status, inactive.body.code]).toEqual([409, ErrorCode.BENEFIT_INACTIVE]);
      expect((await summary(p)).balance).toBe(90);
    });

    it('is fulfilled once by staff over the benefit’s org, who see the member’s name masked', async () => {
      const p = await person();
      await give(p, 10);
      const b = await benefit();
      const { redemption } = await redeem(p, b);
      const typed = `${redemption.code.slice(0, 4).toLowerCase()}-${redemption.code.slice(4, 8)} ${redemption.code.slice(8)}`;
      const look = await post(tk.staffVillageA, PointsRoutes.lookupRedemption, { code: typed });
      expect(look.status).toBe(200);
      expect(look.body).toMatchObject({ id: redemption.id, status: 'issued', benefitTitle: b.title });
      expect((look.body as StaffRedemptionView).memberName).not.toBe(p.name);
      expect(JSON.stringify(look.body)).not.toContain(p.phone);

      for (const [token, status, code] of [
        [tk.staffStreet, 404, ErrorCode.REDEMPTION_CODE_INVALID],
        [tk.secB, 404, ErrorCode.REDEMPTION_CODE_INVALID],
        [p.token, 403, ErrorCode.FORBIDDEN],
        [tk.resident, 403, ErrorCode.FORBIDDEN],
      ] as const) {
        const res = await post(token, PointsRoutes.fulfil, { code: redemption.code });
        expect([res.status, res.body.code]).toEqual([status, code]);
      }
      const wrong = await post(tk.staffVillageA, PointsRoutes.fulfil, { code: 'ZZZZ-ZZZZ-ZZZZ' });
      expect([wrong.status, wrong.body.code]).toEqual([404, ErrorCode.REDEMPTION_CODE_INVALID]);
      const nonsense = await post(tk.staffVillageA, PointsRoutes.fulfil, { code: '!!' });
      expect(nonsense.body.code).toBe(ErrorCode.REDEMPTION_CODE_INVALID);

      const done = await post(tk.staffVillageA, PointsRoutes.fulfil, { code: redemption.code });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'fulfilled', fulfilledAt: expect.any(String) });
      const again = await post(tk.adminCountyA, PointsRoutes.fulfil, { code: redemption.code });
      expect([again.status, again.body.code]).toEqual([409, ErrorCode.REDEMPTION_ALREADY_FULFILLED]);
      const cancel = await post(p.token, at(PointsRoutes.cancelRedemption, redemption.id));
      expect([cancel.status, cancel.body.code]).toEqual([409, ErrorCode.REDEMPTION_ALREADY_FULFILLED]);
    });

    it('can be cancelled before fulfilment by the member or the provider; points and stock come back', async () => {
      const p = await person();
      const other = await person();
      await give(p, 20);
      const b = await benefit({ stock: 2 });
      const first = await redeem(p, b);
      expect((await post(other.token, at(PointsRoutes.cancelRedemption, first.redemption.id))).status).toBe(404);
      expect((await post(tk.staffStreet, at(PointsRoutes.cancelRedemption, first.redemption.id))).status).toBe(404);
      expect((await post(tk.resident, at(PointsRoutes.cancelRedemption, first.redemption.id))).status).toBe(404);
      const cancelled = await post(p.token, at(PointsRoutes.cancelRedemption, first.redemption.id));
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled' });
      expect((await summary(p)).balance).toBe(20);
      const second = await redeem(p, b);
      const byProvider = await post(tk.staffVillageA, at(PointsRoutes.cancelRedemption, second.redemption.id));
      expect(byProvider.body).toMatchObject({ status: 'cancelled' });
      const stock = await withSql(t.databaseUrl, (c) =>
        c.query(`SELECT stock FROM points_benefits WHERE id = $1`, [b.id]),
      );
      expect(stock.rows[0].stock).toBe(2);
      const cancelledCode = await post(tk.staffVillageA, PointsRoutes.fulfil, { code: second.redemption.code });
      expect(cancelledCode.body.code).toBe(ErrorCode.REDEMPTION_CANCELLED);
      const entries = (await get(p.token, PointsRoutes.myEntries)).body as Paginated<PointsEntryView>;
      expect(entries.items.map((e) => [e.source, e.amount])).toEqual([
        ['redemption_cancel', 10],
        ['redemption', -10],
        ['redemption_cancel', 10],
        ['redemption', -10],
        ['manual', 20],
      ]);
    });
  });

  describe('check-ins earn points', () => {
    it('awards each recorded check-in once, through the sweep', async () => {
      const p = await person();
      const now = Date.now();
      const created = await post(tk.secA1, CheckinRoutes.activities, {
        branchId: w.branchA1.id,
        kind: 'theme_day',
        title: '主题党日：学习党章',
        place: '东风村党群服务中心',
        startsAt: new Date(now - 10 * 60_000).toISOString(),
        endsAt: new Date(now + 2 * 3_600_000).toISOString(),
      });
      expect(created.status).toBe(201);
      const activity = created.body as ActivityView;
      const venue = (await get(tk.secA1, at(CheckinRoutes.venueCode, activity.id))).body as VenueCodeView;
      const clientId = `points-${randomUUID()}`;
      const checkin = await post(p.token, CheckinRoutes.checkin, { code: venue.scene, clientId });
      expect(checkin.status).toBe(200);
      const repeat = await post(p.token, CheckinRoutes.checkin, { code: venue.scene, clientId });
      expect(repeat.body.repeated).toBe(true);

      const jobs = t.app.get(PointsJobs);
      await jobs.sweepCheckins();
      await jobs.sweepCheckins();
      const entries = (await get(p.token, PointsRoutes.myEntries)).body as Paginated<PointsEntryView>;
      expect(entries.items.map((e) => [e.source, e.amount, e.reason])).toEqual([
        ['checkin', 2, '参加活动“主题党日：学习党章”签到'],
      ]);
      expect((await summary(p)).balance).toBe(2);
    });
  });

  describe('study earns points', () => {
    afterEach(() => {
      t.app.get(Clock).now = Clock.prototype.now;
    });

    it('awards a finished pack once, when its last item is finished', async () => {
      const p = await person();
      const created = await post(tk.adminCountyA, StudyRoutes.packs, {
        kind: 'themed',
        title: '学习党章专题',
        audience: { orgId: w.branchA1.id, scope: 'members' },
      });
      expect(created.status).toBe(201);
      const packId = (created.body as StudyPackView).id;
      for (const title of ['第一篇', '第二篇'])
        expect(
          (
            await post(tk.adminCountyA, at(StudyRoutes.packItems, packId), {
              kind: 'article',
              title,
              body: '<p>坚持全心全意为人民服务。</p>',
              minSeconds: 30,
              capSeconds: 600,
            })
          ).status,
        ).toBe(201);
      expect((await post(tk.adminCountyA, at(StudyRoutes.publish, packId), {})).status).toBe(200);
      const until = Date.now() + 20_000;
      for (;;) {
        const d = (await get(tk.adminCountyA, at(StudyRoutes.delivery, packId))).body as StudyDeliveryView;
        if (d.status === 'published') break;
        if (Date.now() > until) throw new Error('pack not delivered');
        await new Promise((r) => setTimeout(r, 200));
      }
      const pack = (await get(tk.adminCountyA, at(StudyRoutes.pack, packId))).body as StudyPackView;
      const clock = t.app.get(Clock);
      const t0 = Date.now();
      let seconds = 0;
      const read = async (itemId: string) => {
        clock.now = () => new Date(t0 + seconds * 1000);
        const opened = await post(p.token, StudyRoutes.open.replace(':itemId', itemId));
        expect(opened.status).toBe(200);
        const { sessionId } = opened.body as OpenStudyItemResponse;
        for (let seq = 1; seq <= 4; seq += 1) {
          seconds += 15;
          clock.now = () => new Date(t0 + seconds * 1000);
          const beat = await post(p.token, StudyRoutes.heartbeat.replace(':sessionId', sessionId), {
            seq,
            visible: true,
          });
          expect(beat.status).toBe(200);
        }
      };
      await read(pack.items[0].id);
      clock.now = Clock.prototype.now;
      expect((await summary(p)).balance).toBe(0);
      await read(pack.items[1].id);
      await read(pack.items[1].id);
      clock.now = Clock.prototype.now;
      const entries = (await get(p.token, PointsRoutes.myEntries)).body as Paginated<PointsEntryView>;
      expect(entries.items.map((e) => [e.source, e.amount, e.reason])).toEqual([
        ['study', 5, '完成学习礼包“学习党章专题”'],
      ]);
    });
  });
});
