import type { Browser, Page } from 'playwright-core';
import { DEMO_MEMBERS } from '../../src/meta/demo-members.js';
import { seedDemoData, DEMO_PASSWORD } from '../../src/dev/seed.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { H5_DIST_DIR, launchChromium, phonePage, screenshot } from './support/browser.js';

describe('H5: signing in', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp({}, { h5DistDir: H5_DIST_DIR, devLogin: true });
    await seedDemoData(t.app, { membersPerBranch: 1 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    ({ page } = await phonePage(browser));
  });
  afterEach(async () => {
    await page.context().close();
  });

  async function signInAsStaff(username: string, password: string): Promise<void> {
    await page.goto(`${t.url}/`);
    await page.locator('#login-username input').fill(username);
    await page.locator('#login-password input').fill(password);
    await page.locator('#login-submit').click();
  }

  it('sends a visitor without a session to the login page', async () => {
    await page.goto(`${t.url}/`);
    await page.waitForURL(/pages\/login\/index/);
    await page.locator('#staff-login-form').waitFor();
    await screenshot(page, 'login');
  });

  it('signs a branch secretary in and opens the secretary console', async () => {
    await signInAsStaff('shuji', DEMO_PASSWORD);
    await page.locator('#home-greeting').getByText('东王庄村党支部书记 王红，您好').waitFor();
    await screenshot(page, 'home-secretary');
    await page.locator('#secretary-console-link').click();
    await page.locator('#console-name').getByText('东王庄村党支部书记 王红').waitFor();
    await page.locator('#console-empty').waitFor();
    expect(await page.locator('#console-account').innerText()).toContain('支部书记');
    await screenshot(page, 'secretary-console');
  });

  it('tells a person who typed the wrong password, and locks the account after five tries', async () => {
    for (let i = 1; i <= 4; i++) {
      await signInAsStaff('zhiwei', `wrong-password-${i}`);
      await page
        .locator('#login-error')
        .getByText(`再错 ${5 - i} 次`)
        .waitFor();
    }
    await signInAsStaff('zhiwei', 'wrong-password-5');
    await page.locator('#login-error').getByText('账号已锁定').waitFor();
    await signInAsStaff('zhiwei', DEMO_PASSWORD);
    await page.locator('#login-error').getByText('账号已锁定').waitFor();
    await screenshot(page, 'login-locked');
  });

  it('signs a demo member in through the stand-in WeChat server, and signs out from 我的', async () => {
    const member = DEMO_MEMBERS[0];
    await page.goto(`${t.url}/`);
    for (const m of DEMO_MEMBERS) await page.getByText(`演示登录：${m.displayName}`).waitFor();
    await page.locator(`#demo-login-${member.openid}`).click();
    await page.locator('#home-greeting').getByText(`${member.displayName}，您好`).waitFor();
    expect(await page.locator('#secretary-console-link').count()).toBe(0);
    await page.goto(`${t.url}/pages/me/index`);
    await page.locator('#me-name').getByText(member.displayName).waitFor();
    await screenshot(page, 'me-member');
    await page.locator('#logout').click();
    await page.waitForURL(/pages\/login\/index/);
  });

  it('keeps the session across a reload', async () => {
    await signInAsStaff('zuzhibu', DEMO_PASSWORD);
    await page.locator('#home-greeting').waitFor();
    await page.reload();
    await page.locator('#home-greeting').getByText('修武县委组织部 刘芳，您好').waitFor();
  });
});
