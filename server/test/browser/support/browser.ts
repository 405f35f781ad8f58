import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const H5_DIST_DIR = path.resolve(here, '..', '..', '..', '..', 'miniapp', 'dist', 'h5');
export const SCREENSHOT_DIR = path.resolve(here, '..', '..', '..', '..', '.tmp', 'screenshots');

/** Playwright needs a full path: CHROMIUM_PATH, else `chromium` looked up on the PATH. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error('Chromium not found: set CHROMIUM_PATH or install chromium');
  }
}

/** Debian's Chromium, found by the test runner (CHROMIUM_PATH) or on the PATH. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(path.join(H5_DIST_DIR, 'index.html'))) {
    throw new Error(`No H5 build at ${H5_DIST_DIR}: run pnpm --filter @pioneer/miniapp build:h5 first`);
  }
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A phone-sized page, as most members will see it. */
export async function phonePage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
