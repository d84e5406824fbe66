/**
 * The API documentation page in Chromium: Swagger UI renders the description under the page's strict
 * Content-Security-Policy, every request stays on this service, and the home page links to it.
 */
import { screenshot, startBrowserHarness, type BrowserHarness } from './harness';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
}, 180_000);
afterAll(async () => h?.close());

test('when a developer follows the home page link to the API documentation, then Swagger UI lists the routes, loaded from this service only', async () => {
  const home = await h.browser.newPage();
  await home.goto(`${h.baseUrl}/`);
  await Promise.all([home.waitForURL('**/api-docs'), home.click('a[href="/api-docs"]')]);
  await home.close();
  // A fresh page, so that nothing of the home page (its /favicon.ico) is counted.
  const page = await h.browser.newPage();
  const requested: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${h.baseUrl}/api-docs`);
  await page.waitForSelector('.opblock-summary-path', { timeout: 60_000 });
  const paths = await page.$$eval('.opblock-summary-path', (els) => els.map((e) => e.textContent?.trim() ?? ''));
  expect(paths).toContain('/api/occurrences');
  expect(paths).toContain('/feeds/public/{body}.ics');
  expect(await page.textContent('.info .title')).toContain('Lịch họp');
  // Opening an operation shows its reply schema generated from zod.
  await page.click('#operations-default-get_api_occurrences .opblock-summary');
  await page.waitForSelector('#operations-default-get_api_occurrences .responses-wrapper');
  await screenshot(page, 'api-docs');
  expect(requested.filter((u) => !u.startsWith(h.baseUrl) && !u.startsWith('data:'))).toEqual([]);
  expect(problems).toEqual([]);
  await page.close();
});
