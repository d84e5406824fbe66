/**
 * Directives in a browser (Chromium through playwright-core): the Office imports the notice of
 * 11/5/2023 from its text and reviews what was recognised with every warning, confirms, assigns a
 * directive, edits another's text and section, and follows the board (overdue in red); an agency
 * reports progress and asks for an extension.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, signIn, startBrowserHarness, type BrowserHarness } from './harness';

jest.setTimeout(180_000);

const SOURCE = readFileSync(join(__dirname, '..', '..', '..', 'shared', 'seeds', '000_10ea36eaf0f3fc08.txt'), 'utf8');
let h: BrowserHarness;
let office: BrowserContext;
let page: Page;

beforeAll(async () => {
  h = await startBrowserHarness({ now: '2023-05-22T02:00:00Z' }); // Monday 22/5/2023 09:00 +07
  office = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  page = await office.newPage();
  await signIn(page, h.baseUrl, h.t.officeKey);
});
afterAll(async () => {
  await office?.close();
  await h?.close();
});

async function submit(p: Page, button: string): Promise<void> {
  const before = p.url();
  await Promise.all([
    p.waitForURL((u) => u.toString() !== before, { waitUntil: 'domcontentloaded' }).catch(() => undefined),
    p.click(button),
  ]);
  await p.waitForLoadState('domcontentloaded');
}

describe('directives in the browser', () => {
  test('when the Office pastes the notice of 11/5/2023, then the review page shows the 15 directives, the sections, the assignees and every warning, and nothing is stored yet', async () => {
    const before = (await h.t.services.directives.listNotices()).length;
    await page.goto(`${h.baseUrl}/van-phong/thong-bao/nhap`);
    await page.fill('textarea[name="text"]', SOURCE);
    await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('#import-form button[type="submit"]')]);
    await page.waitForSelector('table.review');
    expect(await page.locator('h1').innerText()).toBe('Xem lại trước khi lưu');
    expect(await page.locator('table.review tbody tr').count()).toBe(15);
    const header = await page.locator('.review-header').innerText();
    expect(header).toContain('Huyện ủy Lục Ngạn');
    expect(header).toContain('Ngày họp: 11/5/2023');
    expect(await page.locator('.notice-warnings li').allInnerTexts()).toEqual([
      'Văn bản không ghi số.',
      'Văn bản không ghi ngày ban hành (chỉ nêu ngày họp 11/5/2023).',
    ]);
    const row13 = await page.locator('table.review tr[data-number="13"]').innerText();
    expect(row13).toContain('UBND huyện');
    expect(row13).toContain('1/6/2023');
    const row1 = await page.locator('table.review tr[data-number="1"]').innerText();
    expect(row1).toContain('Văn bản không nêu cơ quan, đơn vị thực hiện: Văn phòng cần giao.');
    expect(await page.locator('td.warn-cell').count()).toBe(14);
    await screenshot(page, 'directives-01-import-review');
    expect(await h.t.services.directives.listNotices()).toHaveLength(before);
    await submit(page, '#confirm-import-form button[type="submit"]');
    expect(await page.locator('.done').innerText()).toBe('Đã nhập thông báo với toàn bộ nhiệm vụ.');
    expect(await page.locator('table.dir-board tbody tr').count()).toBe(15);
    expect((await h.t.services.directives.listNotices()).length).toBe(before + 1);
  });

  test('when the Office uploads the notice as a .txt file instead, then the same 15 directives are reviewed', async () => {
    await page.goto(`${h.baseUrl}/van-phong/thong-bao/nhap`);
    await page.setInputFiles('input[name="file"]', {
      name: 'thong-bao.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(SOURCE, 'utf8'),
    });
    await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('#import-form button[type="submit"]')]);
    await page.waitForSelector('table.review');
    expect(await page.locator('table.review tbody tr').count()).toBe(15);
  });

  test('when a failed import is sent (empty text), then the form comes back with the error next to the field', async () => {
    await page.goto(`${h.baseUrl}/van-phong/thong-bao/nhap`);
    await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('#import-form button[type="submit"]')]);
    expect(await page.locator('[data-field="text"] .field-error').innerText()).toBe('chưa có nội dung');
  });

  test('when the Office assigns directive 1 of the seeded notice to Văn phòng Huyện ủy, then the board shows it overdue in red', async () => {
    await page.goto(`${h.baseUrl}/van-phong/chi-dao/tb-huyen-uy-2023-05-11-1`);
    await page.selectOption('#assign-form select[name="lead"]', 'agency:vp-huyen-uy');
    await submit(page, '#assign-form button[type="submit"]');
    expect(await page.locator('.done').innerText()).toBe('Đã giao nhiệm vụ.');
    await page.goto(`${h.baseUrl}/van-phong/chi-dao?status=overdue`);
    const row = page.locator('tr[data-directive="tb-huyen-uy-2023-05-11-1"]');
    expect(await row.locator('td.due').innerText()).toBe('19/5/2023');
    const bg = await row
      .locator('td.due')
      .evaluate(
        (el) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el)
            .backgroundColor,
      );
    expect(bg).toBe('rgb(217, 48, 37)');
    expect(await row.innerText()).toContain('Văn phòng Huyện ủy');
    expect(await page.locator('.summary').innerText()).toContain('Quá hạn: 1');
    await page.goto(`${h.baseUrl}/van-phong/chi-dao?status=all&group=agency`);
    expect(await page.locator('h2').allInnerTexts()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Văn phòng Huyện ủy \(1\)$/),
        expect.stringMatching(/^Chưa giao \(\d+\)$/),
      ]),
    );
    await screenshot(page, 'directives-02-board');
  });

  test('when the Office edits the text and section of directive 3 on its page, then an empty text is refused next to the field and the new text is shown with a history entry', async () => {
    const sel = '#edit-form';
    await page.goto(`${h.baseUrl}/van-phong/chi-dao/tb-huyen-uy-2023-05-11-3`);
    await page.fill(`${sel} textarea[name="text"]`, '');
    await submit(page, `${sel} button[type="submit"]`);
    expect(await page.locator(`${sel} [data-field="text"] .field-error`).innerText()).toBe('không được để trống');
    const text = 'Chuẩn bị chu đáo các điều kiện đón tiếp Đoàn công tác của Tỉnh ủy; Văn phòng Huyện ủy chủ trì.';
    await page.selectOption(`${sel} select[name="section"]`, '3');
    await page.fill(`${sel} textarea[name="text"]`, text);
    await submit(page, `${sel} button[type="submit"]`);
    expect(await page.locator('.done').innerText()).toBe('Đã sửa nội dung nhiệm vụ.');
    expect(await page.locator('.directive-text').innerText()).toBe(text);
    expect(await page.locator('h1').innerText()).toBe('Nhiệm vụ 3 - 4. Một số nội dung khác');
    expect(await page.locator('ul.history li').first().innerText()).toContain(`"${text}"`);
    expect((await h.t.services.directives.getDirective('tb-huyen-uy-2023-05-11-3')).directive).toMatchObject({
      text,
      section: 3,
    });
  });

  test('when MTTQ signs in, then it sees its directive, reports progress, asks nothing more and marks it done; a failed report keeps the error next to the field', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const p = await ctx.newPage();
    await signIn(p, h.baseUrl, await h.t.keyFor('agency', 'ub-mttq'));
    await p.goto(`${h.baseUrl}/co-quan/chi-dao`);
    const card = p.locator('[data-directive="tb-huyen-uy-2023-05-11-5"]');
    expect(await card.innerText()).toContain('Chỉ đạo mặt trận Tổ quốc phối hợp tổ chức Hội nghị tiếp xúc cử tri');
    await card.locator('summary').first().click();
    await submit(p, '[data-directive="tb-huyen-uy-2023-05-11-5"] .report-form button[type="submit"]');
    expect(
      await p.locator('[data-directive="tb-huyen-uy-2023-05-11-5"] [data-field="text"] .field-error').innerText(),
    ).toBe('không được để trống');
    expect(
      await p.locator('[data-directive="tb-huyen-uy-2023-05-11-5"] details').first().getAttribute('open'),
    ).not.toBeNull(); // the failed form stays open
    await p.fill(
      '[data-directive="tb-huyen-uy-2023-05-11-5"] .report-form textarea[name="text"]',
      'Đã phối hợp tổ chức hội nghị tại xã Cao Xá ngày 18/5.',
    );
    await submit(p, '[data-directive="tb-huyen-uy-2023-05-11-5"] .report-form button[type="submit"]');
    expect(await p.locator('.done').innerText()).toBe('Đã gửi báo cáo tiến độ.');
    expect(await p.locator('[data-directive="tb-huyen-uy-2023-05-11-5"]').innerText()).toContain('Đang thực hiện');
    await screenshot(p, 'directives-03-agency-phone');
    await submit(p, '[data-directive="tb-huyen-uy-2023-05-11-5"] .done-form button[type="submit"]');
    expect(await p.locator('[data-directive="tb-huyen-uy-2023-05-11-5"]').innerText()).toContain('Báo cáo hoàn thành');
    const stored = await h.t.services.directives.getDirective('tb-huyen-uy-2023-05-11-5');
    expect(stored.directive).toMatchObject({
      status: 'reported-done',
      reports: [expect.objectContaining({ text: 'Đã phối hợp tổ chức hội nghị tại xã Cao Xá ngày 18/5.' })],
    });
    await ctx.close();
  });

  test('when Phòng LĐ-TB&XH is given directive 13 and asks for an extension in the browser, then the Office sees and grants it', async () => {
    await h.t.services.directives.patchDirective(
      'tb-huyen-uy-2023-05-11-13',
      { assignees: [{ kind: 'agency', code: 'phong-ldtbxh', role: 'lead' }] },
      { keyId: 'k', name: 'Văn phòng', role: 'office', agencyCode: null },
    );
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await ctx.newPage();
    await signIn(p, h.baseUrl, await h.t.keyFor('agency', 'phong-ldtbxh'));
    await p.goto(`${h.baseUrl}/co-quan/chi-dao`);
    const sel = '[data-directive="tb-huyen-uy-2023-05-11-13"]';
    await p
      .locator(`${sel} .extension-form`)
      .evaluate((f) => ((f as unknown as { closest(s: string): { open: boolean } }).closest('details').open = true));
    await p.fill(`${sel} .extension-form input[name="proposedDate"]`, '2023-06-09');
    await p.fill(`${sel} .extension-form textarea[name="reason"]`, 'Chờ danh sách trẻ em từ các xã.');
    await submit(p, `${sel} .extension-form button[type="submit"]`);
    expect(await p.locator(sel).innerText()).toContain('Đang xin gia hạn đến 9/6/2023');
    await ctx.close();
    await page.goto(`${h.baseUrl}/van-phong/chi-dao/tb-huyen-uy-2023-05-11-13`);
    expect(await page.locator('body').innerText()).toContain('Chờ danh sách trẻ em từ các xã.');
    await submit(page, '#decision-form button[type="submit"]');
    expect(await page.locator('.card').first().innerText()).toContain('17:00 9/6/2023');
  });
});
