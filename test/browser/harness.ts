/**
 * Browser tests: the real app on 127.0.0.1 (port 0) against its own database, driven by Debian's
 * Chromium through playwright-core. Screenshots go to test-artifacts/screenshots/ (not committed).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadProgrammeSeeds } from '../../src/publishing/seed';
import { projectRoot } from '../../src/shared/paths';
import { startTestApp, type TestApp } from '../support/app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(projectRoot(), 'test-artifacts', 'screenshots');

export interface BrowserHarness {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startBrowserHarness(options: { now?: string } = {}): Promise<BrowserHarness> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  mkdirSync(SCREENSHOTS, { recursive: true });
  const t = await startTestApp({ seed: true, ...(options.now ? { now: options.now } : {}) });
  await loadProgrammeSeeds(t.services);
  const server: Server = await new Promise((ok) => {
    const srv = createServer(t.app).listen(0, '127.0.0.1', () => ok(srv));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    t,
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close().catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await t.close();
    },
  };
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in by pasting a key (without "Bearer ") into the sign-in form. */
export async function signIn(page: Page, baseUrl: string, bearer: string): Promise<void> {
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.fill('input[name="key"]', bearer.replace(/^Bearer\s+/, ''));
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap')),
    page.click('#login-form button[type="submit"]'),
  ]);
}
