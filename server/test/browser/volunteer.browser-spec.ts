import type { Browser, Page } from 'playwright-core';
import { DEMO_MEMBERS } from '../../src/meta/demo-members.js';
import { DEMO_PASSWORD, seedDemoData } from '../../src/dev/seed.js';
import { withSql } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { H5_DIST_DIR, launchChromium, phonePage, screenshot } from './support/browser.js';

/**
 * Volunteering in H5, by the ids in docs/volunteer.md ("Browser path"): 张伟,
 * working in Shanghai, posts a skill card for 七宝镇; 李娜 finds it on the
 * board and asks for help; 张伟 accepts; 李娜 checks the service in and out
 * with 张伟's personal code and confirms it with five stars; the points
 * appear in 张伟's 我的积分 with the reason; he redeems 免费手机充电 and the
 * 七宝镇 service point (the Shanghai branch) fulfils the code.
 */
describe('H5: a skill card, a request, a service checked in and out, its points, and a benefit redeemed', () => {
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

  const balanceOn = async (page: Page) => {
    await page.goto(`${t.url}/subpackages/points/pages/mine/index`);
    const text = await page.locator('#points-balance').innerText();
    return Number(/(\d+)/.exec(text.replace(/,/g, ''))![1]);
  };

  it('goes from posting a card to a confirmed, rated service, its points and a redeemed benefit', async () => {
    const [zhangwei, lina] = DEMO_MEMBERS;

    // 张伟 (under dual management in Shanghai) posts a card for the whole of 七宝镇.
    const volunteer = await memberPage(zhangwei.openid);
    const balanceBefore = await balanceOn(volunteer);
    await volunteer.goto(`${t.url}/`);
    await volunteer.locator('#home-greeting').waitFor();
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
    // Back on 我的技能卡, next to the card the demo gave him.
    await volunteer.locator('#cards-new').waitFor();
    const qibao = await orgId('七宝镇');
    const cardId = await withSql(t.databaseUrl, async (c) =>
      (
        await c.query(
          `SELECT v.id FROM volunteer_cards v JOIN accounts a ON a.member_id = v.member_id
             JOIN wechat_identities w ON w.account_id = a.id
            WHERE w.openid = $1 AND v.area_org_id = $2 AND v.description = '会修水管、换开关插座'`,
          [zhangwei.openid, qibao],
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

    // 张伟 accepts.
    await volunteer.goto(`${t.url}/subpackages/volunteer/pages/hub/index`);
    await volunteer.locator('#hub-requests').click();
    await volunteer.locator(`#request-accept-${requestId}`).click();
    await volunteer.locator(`#request-${requestId}-status`).getByText('已接受').waitFor();
    await screenshot(volunteer, 'volunteer-request-accepted');

    // 李娜 checks the service in and out with the code on 张伟's phone, then rates it.
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
    await resident.context().close();

    // The points appear in 张伟's ledger, with why.
    const balanceAfter = await balanceOn(volunteer);
    expect(balanceAfter).toBeGreaterThanOrEqual(balanceBefore + 5);
    const earned = await withSql(
      t.databaseUrl,
      async (c) =>
        (
          await c.query(
            `SELECT source, amount FROM points_entries e JOIN volunteer_services s ON e.source_ref = s.id::text
              WHERE s.request_id = $1 ORDER BY source`,
            [requestId],
          )
        ).rows as { source: string; amount: number }[],
    );
    expect(earned).toContainEqual({ source: 'service_rating', amount: 5 });
    const ratingEntry = await withSql(
      t.databaseUrl,
      async (c) =>
        (
          await c.query(
            `SELECT e.id FROM points_entries e JOIN volunteer_services s ON e.source_ref = s.id::text
              WHERE s.request_id = $1 AND e.source = 'service_rating'`,
            [requestId],
          )
        ).rows[0].id as string,
    );
    expect(await volunteer.locator(`#entry-${ratingEntry}`).innerText()).toContain('服务评价');
    await screenshot(volunteer, 'volunteer-points');

    // He redeems 免费手机充电, offered by the 七宝镇 service point of the Shanghai branch.
    const benefitId = await withSql(
      t.databaseUrl,
      async (c) => (await c.query(`SELECT id FROM points_benefits WHERE title = '免费手机充电'`)).rows[0].id as string,
    );
    await volunteer.locator('#points-redeem-link').click();
    await volunteer.locator(`#benefit-${benefitId}-redeem`).click();
    await volunteer.locator('#redeem-confirm-confirm').click();
    await volunteer.locator('#redeem-done').waitFor();
    await volunteer.locator('#redeem-done-show').click();
    const redemption = await withSql(
      t.databaseUrl,
      async (c) =>
        (await c.query(`SELECT id, code, status FROM points_redemptions WHERE benefit_id = $1`, [benefitId]))
          .rows[0] as {
          id: string;
          code: string;
          status: string;
        },
    );
    expect(redemption.status).toBe('issued');
    await volunteer.locator(`#redemption-${redemption.id}-qr`).waitFor();
    expect(await volunteer.locator(`#redemption-${redemption.id}-code`).innerText()).toContain(
      redemption.code.slice(0, 4),
    );
    await volunteer.waitForTimeout(500); // let the page finish sliding in before the picture
    await screenshot(volunteer, 'volunteer-redemption');
    expect(await balanceOn(volunteer)).toBeLessThan(balanceAfter + 1);
    await volunteer.context().close();

    // The provider types the code shown on the phone and fulfils it, once.
    const { page: provider } = await phonePage(browser);
    await provider.goto(`${t.url}/`);
    await provider.locator('#login-username input').fill('shanghai');
    await provider.locator('#login-password input').fill(DEMO_PASSWORD);
    await provider.locator('#login-submit').click();
    await provider.locator('#home-greeting').waitFor();
    await provider.goto(`${t.url}/subpackages/points/pages/fulfil/index`);
    await provider.locator('#fulfil-code input').fill(redemption.code);
    await provider.locator('#fulfil-lookup').click();
    await provider.locator('#fulfil-found').waitFor();
    await provider.locator('#fulfil-confirm').click();
    await provider.locator('#fulfil-done').waitFor();
    await screenshot(provider, 'volunteer-redemption-fulfilled');
    const fulfilled = await withSql(
      t.databaseUrl,
      async (c) =>
        (await c.query(`SELECT status FROM points_redemptions WHERE id = $1`, [redemption.id])).rows[0].status,
    );
    expect(fulfilled).toBe('fulfilled');
    await provider.context().close();
  });
});
