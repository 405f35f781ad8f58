import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import type { ActivityView, BranchCodeView, OrgView } from '@pioneer/shared';
import { DEMO_MEMBERS } from '../../src/meta/demo-members.js';
import { DEMO_PASSWORD, seedDemoData } from '../../src/dev/seed.js';
import { withSql } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { H5_DIST_DIR, launchChromium, phonePage, screenshot } from './support/browser.js';

/**
 * The 流动先锋码 in H5: a member opens the Shanghai branch's printed link and
 * reports in; the branch secretary confirms from 待办; then a member checks
 * in to an activity with the code shown on the venue screen.
 */
describe('H5: arrival by branch code, and check-in at the venue screen', () => {
  let t: TestApp;
  let browser: Browser;
  let staffToken: string;
  let mobileBranch: OrgView;

  beforeAll(async () => {
    t = await startTestApp({}, { h5DistDir: H5_DIST_DIR, devLogin: true });
    await seedDemoData(t.app, { membersPerBranch: 1 });
    browser = await launchChromium();
    const login = await request(t.url)
      .post('/api/auth/staff/login')
      .send({ username: 'shanghai', password: DEMO_PASSWORD });
    staffToken = login.body.accessToken as string;
    const mine = await request(t.url).get('/api/orgs').set('authorization', `Bearer ${staffToken}`);
    mobileBranch = (mine.body as OrgView[])[0];
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The printed link, pointed at this test server (links carry PUBLIC_BASE_URL). */
  const local = (link: string) => {
    const u = new URL(link);
    return `${t.url}${u.pathname}${u.search}`;
  };

  async function memberPage(openid: string): Promise<Page> {
    const { page } = await phonePage(browser);
    await page.goto(`${t.url}/`);
    await page.locator(`#demo-login-${openid}`).click();
    await page.locator('#home-greeting').waitFor();
    return page;
  }

  async function secretaryPage(): Promise<Page> {
    const { page } = await phonePage(browser);
    await page.goto(`${t.url}/`);
    await page.locator('#login-username input').fill('shanghai');
    await page.locator('#login-password input').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('#home-greeting').waitFor();
    return page;
  }

  it('takes a member from the branch link to dual management confirmed by the secretary', async () => {
    const code = await request(t.url)
      .get(`/api/orgs/${mobileBranch.id}/code`)
      .set('authorization', `Bearer ${staffToken}`);
    const branchCode = code.body as BranchCodeView;
    const lina = DEMO_MEMBERS[1];

    const member = await memberPage(lina.openid);
    await member.goto(local(branchCode.link));
    await member.locator('#arrival-branch-name').getByText(mobileBranch.name).waitFor();
    await member.locator('#arrival-residence input').fill('上海市闵行区七宝镇七莘路 88 号');
    await member.locator('#arrival-stay-6_to_12_months').click();
    await screenshot(member, 'arrival-form');
    await member.locator('#arrival-submit').click();
    await member.locator('#arrival-done-title').waitFor();
    await screenshot(member, 'arrival-done');
    const flow = await withSql(
      t.databaseUrl,
      async (c) =>
        (
          await c.query(
            `SELECT f.id, f.status FROM flows f JOIN accounts a ON a.member_id = f.member_id
            JOIN wechat_identities w ON w.account_id = a.id WHERE w.openid = $1 AND f.receiving_branch_id = $2`,
            [lina.openid, mobileBranch.id],
          )
        ).rows[0] as { id: string; status: string },
    );
    expect(flow.status).toBe('arrived');
    await member.context().close();

    const secretary = await secretaryPage();
    await secretary.goto(`${t.url}/subpackages/secretary/pages/pending/index`);
    await secretary.locator(`#pending-${flow.id}-confirm_arrival`).click();
    const confirm = secretary.locator(`#pending-${flow.id}-confirm`);
    if (await confirm.count()) await confirm.click();
    await secretary.locator(`#pending-${flow.id}-done`).waitFor();
    await screenshot(secretary, 'arrival-confirmed');
    const status = await withSql(
      t.databaseUrl,
      async (c) => (await c.query('SELECT status FROM flows WHERE id = $1', [flow.id])).rows[0].status as string,
    );
    expect(status).toBe('active');
    await secretary.context().close();
  });

  it('checks a member in with the code on the venue screen', async () => {
    const created = await request(t.url)
      .post('/api/activities')
      .set('authorization', `Bearer ${staffToken}`)
      .send({
        branchId: mobileBranch.id,
        kind: 'theme_day',
        title: '浏览器测试主题党日',
        place: '七宝镇党群服务中心',
        startsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
    const activity = created.body as ActivityView;

    const screen = await secretaryPage();
    await screen.goto(`${t.url}/subpackages/venue/pages/screen/index?id=${activity.id}`);
    await screen.locator('#venue-title').getByText(activity.title).waitFor();
    const qr = screen.locator('#venue-qr');
    await qr.waitFor();
    const link = await qr.getAttribute('data-qr-text');
    expect(link).toContain('/pages/scan/index?scene=A');
    await screenshot(screen, 'venue-screen');

    const zhangwei = DEMO_MEMBERS[0];
    const member = await memberPage(zhangwei.openid);
    await member.goto(local(link!));
    await member.locator('#checkin-done-title').waitFor();
    await screenshot(member, 'checkin-done');
    const rows = await withSql(
      t.databaseUrl,
      async (c) =>
        (await c.query('SELECT count(*)::int AS n FROM checkins WHERE activity_id = $1', [activity.id])).rows[0]
          .n as number,
    );
    expect(rows).toBe(1);
    await screen.locator('#venue-count').getByText(/1/).waitFor({ timeout: 20_000 });
    await member.context().close();
    await screen.context().close();
  });
});
