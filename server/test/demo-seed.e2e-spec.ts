import request from 'supertest';
import type { MyStudyPack, Paginated } from '@pioneer/shared';
import { DEMO_MEMBERS } from '../src/meta/demo-members.js';
import { DEMO_PASSWORD, seedDemoData } from '../src/dev/seed.js';
import { withSql } from './support/database.js';
import { loginCodeFor, startTestApp, type TestApp } from './support/test-app.js';

/** What `pnpm start` shows on first start: a county that looks alive in every screen. */
describe('the demo data', () => {
  let t: TestApp;
  const count = (sql: string, params: unknown[] = []) =>
    withSql(t.databaseUrl, async (c) => Number((await c.query(sql, params)).rows[0].n));

  beforeAll(async () => {
    t = await startTestApp();
    const seeded = await seedDemoData(t.app, { membersPerBranch: 2 });
    expect(seeded.seeded).toBe(true);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has flows in every state, and seeds nothing twice', async () => {
    const states = await withSql(t.databaseUrl, async (c) =>
      (await c.query(`SELECT DISTINCT status FROM flows ORDER BY status`)).rows.map(
        (r: { status: string }) => r.status,
      ),
    );
    expect(states).toEqual(
      expect.arrayContaining([
        'reported',
        'approved',
        'arrived',
        'active',
        'found',
        'returned',
        'transferred',
        'lost_contact',
      ]),
    );
    expect((await seedDemoData(t.app, { membersPerBranch: 2 })).seeded).toBe(false);
  });

  it('has activities at the Shanghai branch, one running now, with past check-ins', async () => {
    expect(await count(`SELECT count(*) AS n FROM activities`)).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM activities WHERE starts_at <= now() AND ends_at >= now()`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM checkins`)).toBeGreaterThan(0);
  });

  it('leaves to-dos in the branches’ inboxes for the open flows', async () => {
    const open = await count(`SELECT count(*) AS n FROM flows WHERE status IN ('reported', 'arrived', 'found')`);
    expect(await count(`SELECT count(*) AS n FROM inbox_items WHERE category = 'todo' AND done_at IS NULL`)).toBe(open);
    const login = await request(t.url)
      .post('/api/auth/staff/login')
      .send({ username: 'shanghai', password: DEMO_PASSWORD });
    const summary = await request(t.url)
      .get('/api/inbox/summary')
      .set('authorization', `Bearer ${login.body.accessToken}`);
    const arrivedHere = await count(
      `SELECT count(*) AS n FROM flows f JOIN orgs o ON o.id = f.receiving_branch_id
        WHERE f.status = 'arrived' AND o.kind = 'mobile_member_branch' AND o.name LIKE '%上海%'`,
    );
    expect(summary.body.openTodos).toBe(arrivedHere);
  });

  it('delivers this month’s study pack to every member of the county, 张伟 included', async () => {
    const audience = await count(`SELECT count(*) AS n FROM members`);
    let delivered = 0;
    for (let i = 0; i < 100 && delivered < audience; i += 1) {
      delivered = await count(`SELECT count(*) AS n FROM inbox_items WHERE kind = 'study.pack'`);
      if (delivered < audience) await new Promise((r) => setTimeout(r, 200));
    }
    expect(delivered).toBe(audience);
    const code = await loginCodeFor(t.standInUrl, DEMO_MEMBERS[0].openid);
    const session = await request(t.url).post('/api/auth/wechat/login').send({ code });
    const packs = await request(t.url)
      .get('/api/me/study/packs')
      .set('authorization', `Bearer ${session.body.accessToken}`);
    expect(packs.status).toBe(200);
    const items = (packs.body as Paginated<MyStudyPack>).items;
    expect(items).toHaveLength(1);
    expect(items[0].items.length).toBe(2);
  });

  it('offers 张伟 benefits at home and in Shanghai, and shows the points he earned and why', async () => {
    const code = await loginCodeFor(t.standInUrl, DEMO_MEMBERS[0].openid);
    const session = await request(t.url).post('/api/auth/wechat/login').send({ code });
    const auth = `Bearer ${session.body.accessToken}`;
    const points = await request(t.url).get('/api/me/points').set('authorization', auth);
    const entries = await request(t.url).get('/api/me/points/entries').set('authorization', auth);
    const items = (entries.body as Paginated<{ reason: string; amount: number; source: string }>).items;
    // 20 by hand, 25 for 150 minutes of service, 5 for a five-star rating; the check-in sweep may add its own.
    expect(items.filter((e) => e.source !== 'checkin').map((e) => [e.amount, e.reason])).toEqual(
      expect.arrayContaining([
        [20, '春节返乡座谈会上为家乡发展建言'],
        [25, '社区义务维修：为老人检修水电'],
        [5, '服务对象评价五星'],
      ]),
    );
    expect(points.body).toMatchObject({ balance: items.reduce((sum, e) => sum + e.amount, 0), pending: 0 });
    const catalogue = await request(t.url).get('/api/points/catalogue').set('authorization', auth);
    expect((catalogue.body as { title: string }[]).map((b) => b.title).sort()).toEqual(
      ['免费手机充电', '生日蛋糕券', '返乡免费体检'].sort(),
    );
  });

  it('puts 张伟’s skill card on the 七宝镇 board, masked, with a need that suggests him', async () => {
    const login = await request(t.url)
      .post('/api/auth/staff/login')
      .send({ username: 'shanghai', password: DEMO_PASSWORD });
    const auth = `Bearer ${login.body.accessToken}`;
    const branch = await withSql(
      t.databaseUrl,
      async (c) => (await c.query(`SELECT id, parent_id FROM orgs WHERE name = '修武县驻上海流动党员党支部'`)).rows[0],
    );
    const board = await request(t.url)
      .get(`/api/volunteer/board/cards?areaId=${branch.parent_id}`)
      .set('authorization', auth);
    expect(board.status).toBe(200);
    const cards = (board.body as Paginated<{ memberName: string; skills: { label: string }[] }>).items;
    expect(cards).toHaveLength(1);
    expect(cards[0].memberName).toBe('张*');
    expect(cards[0].skills.map((s) => s.label)).toEqual(['水电维修', '家电维修']);
    const needs = await request(t.url).get(`/api/volunteer/needs?orgId=${branch.id}`).set('authorization', auth);
    const need = (needs.body as Paginated<{ id: string; title: string; status: string }>).items[0];
    expect(need).toMatchObject({ title: '七宝镇老旧小区水管检修', status: 'open' });
    const matches = await request(t.url).get(`/api/volunteer/needs/${need.id}/matches`).set('authorization', auth);
    expect((matches.body as { memberName: string }[]).map((m) => m.memberName)).toEqual(['张*']);
    expect(await count(`SELECT count(*) AS n FROM volunteer_cards`)).toBe(2);
  });
});
