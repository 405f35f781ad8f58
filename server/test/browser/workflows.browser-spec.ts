import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import type { BranchCodeView, OrgView } from '@pioneer/shared';
import { Clock } from '../../src/common/time/clock.js';
import { DEMO_MEMBERS } from '../../src/meta/demo-members.js';
import { DEMO_PASSWORD, seedDemoData } from '../../src/dev/seed.js';
import { withSql } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { H5_DIST_DIR, launchChromium, phonePage, screenshot } from './support/browser.js';

/**
 * 双向共管 across two branches in H5, each side in its own browser:
 * the member reports leaving → the home branch approves (the member gets the
 * certificate) → the member scans the Shanghai branch's link on arrival →
 * the Shanghai secretary confirms → when the quarter has ended, Shanghai
 * sends its feedback, pre-filled with the member's facts → the home branch
 * signs it → the home branch runs the year's democratic evaluation, with the
 * member's self-assessment and the feedback as inputs → the member sees the
 * result. Along the way each side sees only its own view: Shanghai never the
 * contact phone or the ID number, the home branch the full report.
 */
describe('H5: outflow report to democratic evaluation, across the sending and the receiving branch', () => {
  let t: TestApp;
  let browser: Browser;
  let clock: Clock;
  const wangqiang = DEMO_MEMBERS[2];
  const phone = '13987654321';
  let flowId: string;
  let memberId: string;

  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_AUTH_LIMIT: '1000' }, { h5DistDir: H5_DIST_DIR, devLogin: true });
    await seedDemoData(t.app, { membersPerBranch: 1 });
    browser = await launchChromium();
    clock = t.app.get(Clock);
  });
  afterAll(async () => {
    clock.now = Clock.prototype.now;
    await browser?.close();
    await t?.close();
  });

  async function memberPage(): Promise<Page> {
    const { page } = await phonePage(browser);
    await page.goto(`${t.url}/`);
    await page.locator(`#demo-login-${wangqiang.openid}`).click();
    await page.locator('#home-greeting').waitFor();
    return page;
  }

  async function staffPage(username: 'shuji' | 'shanghai'): Promise<Page> {
    const { page } = await phonePage(browser);
    await page.goto(`${t.url}/`);
    await page.locator('#login-username input').fill(username);
    await page.locator('#login-password input').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('#home-greeting').waitFor();
    return page;
  }

  async function staffApi(username: string): Promise<string> {
    const login = await request(t.url).post('/api/auth/staff/login').send({ username, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    return login.body.accessToken as string;
  }

  const flowStatus = () =>
    withSql(
      t.databaseUrl,
      async (c) => (await c.query('SELECT status FROM flows WHERE id = $1', [flowId])).rows[0].status as string,
    );

  it('the member reports leaving and the home branch approves; the member holds the certificate', async () => {
    const member = await memberPage();
    await member.locator('#my-flow-report').click();
    await member.locator('#report-form').waitFor();
    await member.locator('#report-address input').fill('上海市闵行区七宝镇七莘路 100 号');
    await member.locator('#report-industry input').fill('建筑业');
    await member.locator('#report-occupation input').fill('施工员');
    await member.locator('#report-employer input').fill('上海某建设公司');
    await member.locator('#report-from').fill('2026-11-01');
    await member.locator('#report-until').fill('2027-12-31');
    await member.locator('#report-phone input').fill(phone);
    await member.locator('#report-submit').click();
    await member.locator('#report-done-status').getByText('已报告外出，待审批').waitFor();
    await member.context().close();

    const row = await withSql(
      t.databaseUrl,
      async (c) =>
        (
          await c.query(
            `SELECT f.id, f.member_id FROM flows f JOIN accounts a ON a.member_id = f.member_id
               JOIN wechat_identities w ON w.account_id = a.id WHERE w.openid = $1 AND f.status = 'reported'`,
            [wangqiang.openid],
          )
        ).rows[0] as { id: string; member_id: string },
    );
    flowId = row.id;
    memberId = row.member_id;

    const home = await staffPage('shuji');
    await home.locator('#secretary-console-link').click();
    await home.locator('#console-pending-link').click();
    const card = home.locator(`#pending-${flowId}`);
    await card.waitFor();
    // The home branch reads the report as filed, the phone masked.
    await card.getByText('上海某建设公司').waitFor();
    expect(await card.innerText()).toContain('139****4321');
    await home.locator(`#pending-${flowId}-approve`).click();
    await home.locator(`#pending-${flowId}-done`).waitFor();
    await screenshot(home, 'workflow-approved');
    await home.context().close();
    expect(await flowStatus()).toBe('approved');

    const again = await memberPage();
    await again.locator('#my-flow-certificate').click();
    await again.locator('#certificate').waitFor();
    expect(await again.locator('#certificate-no').innerText()).toMatch(/LD-\d{4}-\d+/);
    expect(await again.locator('#certificate').innerText()).not.toContain(phone);
    await screenshot(again, 'workflow-certificate');
    await again.context().close();
  });

  it('the member reports in at the Shanghai branch by its link, and Shanghai confirms', async () => {
    const shanghaiToken = await staffApi('shanghai');
    const mine = await request(t.url).get('/api/orgs').set('authorization', `Bearer ${shanghaiToken}`);
    const mobileBranch = (mine.body as OrgView[])[0];
    const code = await request(t.url)
      .get(`/api/orgs/${mobileBranch.id}/code`)
      .set('authorization', `Bearer ${shanghaiToken}`);
    const link = new URL((code.body as BranchCodeView).link);

    const member = await memberPage();
    await member.goto(`${t.url}${link.pathname}${link.search}`);
    await member.locator('#arrival-branch-name').getByText(mobileBranch.name).waitFor();
    await member.locator('#arrival-residence input').fill('上海市闵行区七宝镇七莘路 100 号');
    await member.locator('#arrival-stay-over_1_year').click();
    await member.locator('#arrival-submit').click();
    await member.locator('#arrival-done-title').waitFor();
    await member.context().close();
    expect(await flowStatus()).toBe('arrived');

    const shanghai = await staffPage('shanghai');
    await shanghai.goto(`${t.url}/subpackages/secretary/pages/pending/index`);
    const card = shanghai.locator(`#pending-${flowId}`);
    await card.waitFor();
    // The receiving side sees whom to welcome, not the phone or the employer the home branch keeps.
    expect(await card.innerText()).not.toContain('4321');
    expect(await card.innerText()).not.toContain('上海某建设公司');
    await shanghai.locator(`#pending-${flowId}-confirm_arrival`).click();
    const confirm = shanghai.locator(`#pending-${flowId}-confirm`);
    if (await confirm.count()) await confirm.click();
    await shanghai.locator(`#pending-${flowId}-done`).waitFor();
    await screenshot(shanghai, 'workflow-arrival-confirmed');
    await shanghai.context().close();
    expect(await flowStatus()).toBe('active');
  });

  it('after the quarter, Shanghai sends pre-filled feedback and the home branch signs it', async () => {
    // The quarter the member arrived in has ended; sessions are made on the moved clock.
    const nextYear = new Date().getUTCFullYear() + 1;
    clock.now = () => new Date(`${nextYear}-01-05T02:00:00Z`);

    const shanghai = await staffPage('shanghai');
    await shanghai.locator('#secretary-console-link').click();
    await shanghai.locator('#console-feedback-due-link').click();
    await shanghai.locator(`#due-${flowId}`).click();
    await shanghai.locator('#form-facts').waitFor();
    await shanghai.locator('#form-name').waitFor();
    expect(await shanghai.locator('#form-member').innerText()).not.toContain('4321');
    await shanghai.locator('#form-rating-good').click();
    await shanghai.locator('#form-text textarea').fill('按时参加支部活动，在工地上带头遵守安全规范。');
    await screenshot(shanghai, 'workflow-feedback-form');
    await shanghai.locator('#form-submit').click();
    await shanghai.locator('#form-done').waitFor();
    await shanghai.context().close();

    const feedback = await withSql(
      t.databaseUrl,
      async (c) =>
        (await c.query(`SELECT id, period, status FROM member_feedback WHERE flow_id = $1`, [flowId])).rows as {
          id: string;
          period: string;
          status: string;
        }[],
    );
    expect(feedback).toHaveLength(1);
    expect(feedback[0].period).toBe(`${nextYear - 1}-Q4`);

    const home = await staffPage('shuji');
    await home.locator('#secretary-console-link').click();
    await home.locator('#console-feedback-received-link').click();
    const received = home.locator(`#received-${feedback[0].id}`);
    await received.waitFor();
    expect(await received.innerText()).toContain('按时参加支部活动');
    await home.locator(`#received-ack-${feedback[0].id}`).click();
    await home.locator(`#received-ack-${feedback[0].id}`).waitFor({ state: 'detached' });
    await screenshot(home, 'workflow-feedback-signed');
    await home.context().close();
    clock.now = Clock.prototype.now;
  });

  it('the home branch evaluates the year with the member’s self-assessment and the feedback; the member sees the result', async () => {
    const home = await staffPage('shuji');
    await home.locator('#secretary-console-link').click();
    await home.locator('#console-evaluation-link').click();
    await home.locator('#evaluation-open-button').click();
    await home.locator('#round-head').waitFor();
    const roundId = await withSql(
      t.databaseUrl,
      async (c) =>
        (await c.query(`SELECT id FROM evaluation_rounds ORDER BY opened_at DESC LIMIT 1`)).rows[0].id as string,
    );

    // The member writes a self-assessment while the round is open.
    const member = await memberPage();
    await member.locator('#home-evaluation-link').click();
    await member.locator('#mine-self-text textarea').fill('在外务工期间坚持参加流入地支部活动，按时完成学习。');
    await member.locator('#mine-self-submit').click();
    await member.locator('#mine-self-saved').waitFor();
    await member.context().close();

    await home.reload();
    const entry = home.locator(`#entry-${memberId}`);
    await entry.waitFor();
    await entry.getByText('在外务工期间坚持参加流入地支部活动').waitFor();
    await entry.getByText('按时参加支部活动').waitFor();
    await screenshot(home, 'workflow-evaluation-inputs');

    // Every member of the branch needs a result before the round can close.
    const entries = home.locator('[id^="entry-save-"]');
    const ids = await entries.evaluateAll((els) => els.map((e) => e.id.replace('entry-save-', '')));
    for (const id of ids) {
      const grade = id === memberId ? 'excellent' : 'qualified';
      await home.locator(`#entry-grade-${id} #grade-${grade}`).click();
      await home
        .locator(`#entry-reasons-${id} textarea`)
        .fill(id === memberId ? '外出不离党，表现突出。' : '表现合格。');
      await home.locator(`#entry-save-${id}`).click();
      await home
        .locator(`#entry-grade-label-${id}`)
        .getByText(grade === 'excellent' ? '优秀' : '合格')
        .waitFor();
    }
    await home.locator('#round-close-button').click();
    const confirmClose = home.locator('#round-close-confirm');
    if (await confirmClose.count()) await confirmClose.click();
    // Closing publishes every result; wait until the round says so.
    let status = '';
    for (let i = 0; i < 50 && status !== 'closed'; i += 1) {
      status = await withSql(
        t.databaseUrl,
        async (c) => (await c.query(`SELECT status FROM evaluation_rounds WHERE id = $1`, [roundId])).rows[0].status,
      );
      if (status !== 'closed') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe('closed');
    await screenshot(home, 'workflow-evaluation-closed');
    await home.context().close();

    const after = await memberPage();
    await after.locator('#home-evaluation-link').click();
    await after.locator(`#mine-grade-${roundId}`).getByText('优秀').waitFor();
    expect(await after.locator(`#mine-result-${roundId}`).innerText()).toContain('外出不离党，表现突出');
    await screenshot(after, 'workflow-evaluation-result');
    await after.context().close();
  });

  it('keeps Shanghai out of the home branch’s evaluation and the member’s report', async () => {
    const token = await staffApi('shanghai');
    const rounds = await request(t.url).get('/api/evaluation/rounds').set('authorization', `Bearer ${token}`);
    expect(rounds.status).toBe(200);
    expect(rounds.body).toEqual([]);
    const versions = await request(t.url)
      .get(`/api/flows/${flowId}/report-versions`)
      .set('authorization', `Bearer ${token}`);
    expect([403, 404]).toContain(versions.status);
    const reveal = await request(t.url)
      .post(`/api/flows/${flowId}/reveal-contact`)
      .set('authorization', `Bearer ${token}`);
    expect([403, 404]).toContain(reveal.status);
  });
});
