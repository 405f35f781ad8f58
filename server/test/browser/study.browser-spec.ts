import type { Browser } from 'playwright-core';
import request from 'supertest';
import type { MyStudyPack, Paginated } from '@pioneer/shared';
import { DEMO_MEMBERS } from '../../src/meta/demo-members.js';
import { seedDemoData } from '../../src/dev/seed.js';
import { loginCodeFor, startTestApp, type TestApp } from '../support/test-app.js';
import { H5_DIST_DIR, launchChromium, phonePage, screenshot } from './support/browser.js';

/** A member opens this month's study pack on the 学习 tab, reads an article, and the reading time is recorded. */
describe('H5: reading the monthly study pack', () => {
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

  it('shows the pack on the 学习 tab, opens an article and sends heartbeats that earn time', async () => {
    const zhangwei = DEMO_MEMBERS[0];
    // The demo pack is delivered by the job queue; wait until it reached 张伟.
    const code = await loginCodeFor(t.standInUrl, zhangwei.openid);
    const session = await request(t.url).post('/api/auth/wechat/login').send({ code });
    let packs: MyStudyPack[] = [];
    for (let i = 0; i < 100 && packs.length === 0; i += 1) {
      const res = await request(t.url)
        .get('/api/me/study/packs')
        .set('authorization', `Bearer ${session.body.accessToken}`);
      packs = (res.body as Paginated<MyStudyPack>).items ?? [];
      if (packs.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(packs).toHaveLength(1);
    const article = packs[0].items[0];

    const { page } = await phonePage(browser);
    const beats: number[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/heartbeat')) beats.push(res.status());
    });
    await page.goto(`${t.url}/`);
    await page.locator(`#demo-login-${zhangwei.openid}`).click();
    await page.locator('#home-greeting').waitFor();
    await page.goto(`${t.url}/pages/study/index`);
    await page.locator(`#study-pack-${packs[0].id}`).waitFor();
    await screenshot(page, 'study-tab');
    await page.locator(`#study-item-${article.id}`).click();
    await page.locator('#reader-title').getByText(article.title).waitFor();
    await page.locator('#reader-article').getByText('流动先锋码').first().waitFor();
    await screenshot(page, 'study-reader');

    // One heartbeat interval later the server has credited reading time.
    await page.waitForResponse((res) => res.url().includes('/heartbeat'), { timeout: 30_000 });
    expect(beats.every((s) => s === 200)).toBe(true);
    const mine = await request(t.url)
      .get(`/api/me/study/packs/${packs[0].id}`)
      .set('authorization', `Bearer ${session.body.accessToken}`);
    const item = (mine.body as MyStudyPack).items.find((i) => i.id === article.id)!;
    expect(item.effectiveSeconds).toBeGreaterThan(0);
    await page.context().close();
  });
});
