import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DEMO_MEMBERS } from '../../src/meta/demo-members.js';
import { DEMO_PASSWORD, seedDemoData } from '../../src/dev/seed.js';
import { withSql } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { H5_DIST_DIR, launchChromium, phonePage, screenshot } from './support/browser.js';

/**
 * Across two people in H5: a member reports leaving; the home secretary sees
 * it in 待办, approves it, finds the member in the roster and reads the full
 * record, which lands in the audit log.
 */
describe('H5: an outflow report, approved by the home branch', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({}, { h5DistDir: H5_DIST_DIR, devLogin: true });
    await seedDemoData(t.app, { membersPerBranch: 1 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(): Promise<Page> {
    return (await phonePage(browser)).page;
  }

  it('goes from the member’s report to the secretary’s approval and an audited full read', async () => {
    const wangqiang = DEMO_MEMBERS[2];

    // The member, at home with no flow, reports leaving.
    const member = await open();
    await member.goto(`${t.url}/`);
    await member.locator(`#demo-login-${wangqiang.openid}`).click();
    await member.locator('#my-flow-none').waitFor();
    await member.locator('#my-flow-report').click();
    await member.locator('#report-form').waitFor();
    await member.locator('#report-address input').fill('上海市闵行区七宝镇七莘路 100 号');
    await member.locator('#report-industry input').fill('建筑业');
    await member.locator('#report-occupation input').fill('施工员');
    await member.locator('#report-employer input').fill('上海某建设公司');
    await member.locator('#report-from').fill('2026-12-01');
    await member.locator('#report-until').fill('2027-06-30');
    await member.locator('#report-phone input').fill('13912345678');
    await screenshot(member, 'report-form');
    await member.locator('#report-submit').click();
    await member.locator('#report-done-status').getByText('已报告外出，待审批').waitFor();
    await member.context().close();

    // The home secretary approves it from 待办.
    const secretary = await open();
    await secretary.goto(`${t.url}/`);
    await secretary.locator('#login-username input').fill('shuji');
    await secretary.locator('#login-password input').fill(DEMO_PASSWORD);
    await secretary.locator('#login-submit').click();
    await secretary.locator('#secretary-console-link').click();
    await secretary.locator('#console-pending-link').click();
    await secretary.locator('#pending-list').waitFor();
    const login = await request(t.url)
      .post('/api/auth/staff/login')
      .send({ username: 'shuji', password: DEMO_PASSWORD });
    const flows = await request(t.url)
      .get('/api/flows?side=sending&status=reported')
      .set('authorization', `Bearer ${login.body.accessToken}`);
    const flowId = flows.body.items[0].id as string;
    await secretary.locator(`#pending-${flowId}-approve`).click();
    await secretary.locator(`#pending-${flowId}-done`).waitFor();
    await screenshot(secretary, 'pending-approved');
    const status = await withSql(
      t.databaseUrl,
      async (c) => (await c.query('SELECT status FROM flows WHERE id = $1', [flowId])).rows[0].status,
    );
    expect(status).toBe('approved');

    // …finds the member by exact name and reads the full record, which is audited.
    await secretary.goto(`${t.url}/subpackages/secretary/pages/roster/index`);
    await secretary.locator('#roster-search input').fill(wangqiang.displayName);
    await secretary.locator('#roster-search-submit').click();
    const item = secretary.locator('[id^="roster-item-"]');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    await item.first().click();
    await secretary.locator('#person-name').getByText(wangqiang.displayName).waitFor();
    await secretary.locator('#person-reveal').click();
    await secretary.locator('#reveal-audit-note').waitFor();
    expect(await secretary.locator('#reveal-id-number').innerText()).toMatch(/41082119781123005/);
    await screenshot(secretary, 'reveal');
    const audited = await withSql(
      t.databaseUrl,
      async (c) =>
        (await c.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'member.reveal' AND result = 'ok'`))
          .rows[0].n,
    );
    expect(audited).toBe(1);
  });

  it('shows the receiving secretary only the limited view of a member in their branch', async () => {
    const page = await open();
    await page.goto(`${t.url}/`);
    await page.locator('#login-username input').fill('shanghai');
    await page.locator('#login-password input').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('#home-greeting').waitFor();
    await page.goto(`${t.url}/subpackages/secretary/pages/roster/index`);
    await page.locator('#roster-side-receiving').click();
    await page.locator('[id^="roster-item-"]').first().click();
    await page.locator('#person-receiving').waitFor();
    expect(await page.locator('#person-reveal').count()).toBe(0);
    expect(await page.locator('#person-id-number').count()).toBe(0);
    await screenshot(page, 'receiving-view');
  });
});
