import type { Browser, Page } from 'playwright-core';
import { DEMO_MEMBERS } from '../../src/meta/demo-members.js';
import { seedDemoData } from '../../src/dev/seed.js';
import { withSql } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { H5_DIST_DIR, launchChromium, phonePage, screenshot } from './support/browser.js';

/**
 * Volunteering in H5, by the ids in docs/volunteer.md ("Browser path"): 王强
 * posts a skill card for 七宝镇, 李娜 finds it on the board and asks for help,
 * 王强 accepts, 李娜 checks the service in and out with 王强's personal code
 * and confirms it with five stars.
 */
describe('H5: a skill card, a request, a service checked in and out, and its rating', () => {
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

  async function memberPage(openid: string): Promise<Page> {
    const { page } = await phonePage(browser);
    await page.goto(`${t.url}/`);
    await page.locator(`#demo-login-${openid}`).click();
    await page.locator('#home-greeting').waitFor();
    return page;
  }

  const orgId = async (name: string) =>
    withSql(
      t.databaseUrl,
      async (c) => (await c.query('SELECT id FROM orgs WHERE name = $1', [name])).rows[0].id as string,
    );

  /** The code the member's phone shows right now. */
  async function personalCode(page: Page): Promise<string> {
    await page.goto(`${t.url}/subpackages/member/pages/personal-code/index`);
    const qr = page.locator('#personal-code-qr');
    await qr.waitFor();
    return (await qr.getAttribute('data-qr-text'))!;
  }

  it('goes from posting a card to a confirmed, rated service', async () => {
    const [zhangwei, lina, wangqiang] = DEMO_MEMBERS;
    expect(zhangwei).toBeDefined();

    // 王强 posts a card for the whole of 七宝镇.
    const volunteer = await memberPage(wangqiang.openid);
    await volunteer.locator('#home-volunteer-link').click();
    await volunteer.locator('#hub-cards').click();
    await volunteer.locator('#cards-new').click();
    await volunteer.locator('#card-skill-plumbing_electrical').click();
    await volunteer.locator('#card-description textarea').fill('会修水管、换开关插座');
    await volunteer.locator('#card-area-change').click();
    for (const name of ['上海市', '上海市辖区', '闵行区'])
      await volunteer.locator(`#card-area-picker-option-${await orgId(name)}`).click();
    await volunteer.locator(`#card-area-picker-choose-${await orgId('七宝镇')}`).click();
    await volunteer.locator('#card-area-name').getByText('七宝镇').waitFor();
    await volunteer.locator('#card-day-6').click();
    await volunteer.locator('#card-slot-morning').click();
    await screenshot(volunteer, 'volunteer-card-form');
    await volunteer.locator('#card-form-submit').click();
    // Back on 我的技能卡, next to the card the demo gave him at home.
    await volunteer.locator('#cards-new').waitFor();
    const qibao = await orgId('七宝镇');
    const cardId = await withSql(t.databaseUrl, async (c) =>
      (
        await c.query(
          `SELECT v.id FROM volunteer_cards v JOIN accounts a ON a.member_id = v.member_id
             JOIN wechat_identities w ON w.account_id = a.id WHERE w.openid = $1 AND v.area_org_id = $2`,
          [wangqiang.openid, qibao],
        )
      ).rows.map((r: { id: string }) => r.id),
    );
    expect(cardId).toHaveLength(1);
    await volunteer.locator(`#my-card-${cardId[0]}-status`).getByText('展示中').waitFor();

    // 李娜 finds it on the 七宝镇 board and asks.
    const resident = await memberPage(lina.openid);
    await resident.goto(`${t.url}/subpackages/volunteer/pages/board/index?areaId=${await orgId('七宝镇')}`);
    await resident.locator(`#board-card-${cardId[0]}`).click();
    await resident.locator('#request-message textarea').fill('厨房水管漏水，想请师傅帮忙看看');
    await resident.locator('#request-place input').fill('七宝镇新镇路 12 号 302');
    await resident.locator('#request-submit').click();
    await resident.locator('#request-sent').waitFor();
    const requestId = await withSql(
      t.databaseUrl,
      async (c) =>
        (await c.query('SELECT id FROM volunteer_requests WHERE card_id = $1', [cardId[0]])).rows[0].id as string,
    );

    // 王强 accepts.
    await volunteer.goto(`${t.url}/subpackages/volunteer/pages/hub/index`);
    await volunteer.locator('#hub-requests').click();
    await volunteer.locator(`#request-accept-${requestId}`).click();
    await volunteer.locator(`#request-${requestId}-status`).getByText('已接受').waitFor();
    await screenshot(volunteer, 'volunteer-request-accepted');

    // 李娜 checks the service in and out with the code on 王强's phone, then rates it.
    await resident.locator('#request-sent-link').click();
    await resident.locator(`#sent-service-${requestId}`).click();
    await resident.locator('#service-code-input input').fill(await personalCode(volunteer));
    await resident.locator('#service-code-submit').click();
    await resident.locator('#service-status').getByText('服务中').waitFor();
    await resident.locator('#service-code-input input').fill(await personalCode(volunteer));
    await resident.locator('#service-code-submit').click();
    await resident.locator('#service-status').getByText('待确认').waitFor();
    await resident.locator('#service-minutes').waitFor();
    await resident.locator('#service-rating-5').click();
    await resident.locator('#service-comment textarea').fill('修得很好');
    await screenshot(resident, 'volunteer-service-rating');
    await resident.locator('#service-confirm').click();
    await resident.locator('#service-done').waitFor();
    await resident.locator('#service-status').getByText('已确认').waitFor();

    const service = await withSql(
      t.databaseUrl,
      async (c) =>
        (await c.query('SELECT status, rating FROM volunteer_services WHERE request_id = $1', [requestId])).rows[0],
    );
    expect(service).toEqual({ status: 'confirmed', rating: 5 });
    await volunteer.context().close();
    await resident.context().close();
  });
});
