import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { RevisionNotice } from '../../src/publishing';
import { screenshot, SCREENSHOTS, signIn, startBrowserHarness, type BrowserHarness } from './harness';

// jest's testTimeout is a global option (ignored in a project's config): browsers need longer than 5 s.
jest.setTimeout(120_000);

const SESSION = 'ubnd-phien-hop-thuong-ky_20230523T0800';
let h: BrowserHarness;
let office: BrowserContext;
let page: Page;
const notices: RevisionNotice[] = [];

beforeAll(async () => {
  h = await startBrowserHarness();
  h.t.services.publishing.useNotifier({ revisionPublished: async (n) => void notices.push(n) });
  office = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  page = await office.newPage();
});
afterAll(async () => {
  await office?.close();
  await h?.close();
});

const text = (p: Page, selector = 'body') => p.locator(selector).first().innerText();

/** Clicks a submit button and waits for the page the server answers with (a redirect or the re-rendered form). */
async function submit(p: Page, button: string): Promise<void> {
  const before = p.url();
  await Promise.all([p.waitForURL((u) => u.toString() !== before), p.click(button)]);
  await p.waitForLoadState('domcontentloaded');
}

describe('the May 2023 programme in a browser', () => {
  test('when opening the May 2023 programme, then the official document shows the session of 23/5 with its agenda and agencies as the Office writes them', async () => {
    const res = await page.goto(`${h.baseUrl}/programmes/ubnd/2023-05`);
    expect(res?.status()).toBe(200);
    const doc = await text(page, 'article.doc');
    // A district People's Committee has no issuer above it: organ and place on two lines (Nghị định 30/2020).
    expect(await page.locator('article.doc td.issuer .name').allInnerTexts()).toEqual([
      'ỦY BAN NHÂN DÂN',
      'HUYỆN LỤC NGẠN',
    ]);
    expect(await page.locator('article.doc td.issuer .parent').count()).toBe(0);
    expect(doc).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(doc).toContain('Số: .../CTr-UBND');
    // Nghị định 30/2020: the type in capitals, the summary (trích yếu) on the line below; a draft is marked on paper.
    expect(await page.locator('article.doc h1.doc-title').innerText()).toBe('CHƯƠNG TRÌNH\nCông tác tháng 5 năm 2023');
    expect(await page.locator('article.doc .draft-mark').innerText()).toBe('DỰ THẢO');
    expect(doc).toContain('A. NHIỆM VỤ TRỌNG TÂM');
    expect(doc).toContain('1.1. Chỉ đạo tập trung cao nhất hướng dẫn Nhân dân chăm sóc vải thiều');
    expect(doc).toContain(
      'I. Phiên họp thường kỳ UBND huyện tháng 5/2023: Ngày 23/5/2023 (Thứ Ba); dự kiến các nội dung trình phiên họp gồm:',
    );
    expect(doc).toContain('(Phòng Tài chính - Kế hoạch chuẩn bị nội dung từ 1-6)');
    expect(doc).toContain('(Thanh tra huyện chuẩn bị nội dung 7, 8)');
    expect(doc).toContain('III. Giao ban Chủ tịch và các Phó Chủ tịch UBND huyện vào chiều thứ Năm hằng tuần');
    expect(doc).toMatch(/TL\. CHỦ TỊCH\s+CHÁNH VĂN PHÒNG/);
    expect(doc).toContain('- Lưu: VT.');
    // Warnings are for the Office, never in the official print.
    expect(doc).not.toContain('không có nội dung số 12');
    expect(await text(page, '.toolbar')).toContain('DỰ THẢO');
    const font = String(await page.evaluate('getComputedStyle(document.querySelector("article.doc")).fontFamily'));
    expect(font).toMatch(/^"?Times New Roman"?/);
    await screenshot(page, '01-programme-screen');

    // The print view: A4 sheet, no toolbar, the decree's margins from @page.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    // The national name stays on one line in print (its line box is one line high).
    const nation = await page.evaluate<[number, number]>(
      '(() => { const el = document.querySelector("article.doc .nation-name"); return [el.getBoundingClientRect().height, parseFloat(getComputedStyle(el).lineHeight)]; })()',
    );
    expect(nation[0]).toBeLessThan(nation[1] * 1.5);
    await screenshot(page, '02-programme-print-a4');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(SCREENSHOTS, 'programme-2023-05.pdf'), pdf);
    const mediaBoxes = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g) ?? [];
    expect(mediaBoxes.length).toBeGreaterThanOrEqual(2);
    for (const box of mediaBoxes) {
      const [, w, hgt] = /\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(box)!;
      expect(Math.round(Number(w))).toBe(595); // A4 in points
      expect(Math.round(Number(hgt))).toBe(842);
    }
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('when printing the weekly schedule, then it is an A4 landscape table with lunar dates and the invitation note', async () => {
    const p = await office.newPage();
    await p.goto(`${h.baseUrl}/schedules/ubnd/2023-W21`);
    const doc = await text(p, 'article.doc');
    expect(doc).toContain('LỊCH CÔNG TÁC TUẦN');
    expect(doc).toContain('THỨ BA, 23/5/2023 (5/4 ÂL)');
    expect(doc).toContain('Lịch này thay thư mời họp.');
    await p.emulateMedia({ media: 'print' });
    await p.setViewportSize({ width: 1123, height: 794 });
    await screenshot(p, '15-week-schedule-print');
    const pdf = await p.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(SCREENSHOTS, 'schedule-2023-W21.pdf'), pdf);
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(pdf.toString('latin1'))!;
    expect([Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([842, 595]);
    await p.close();
  });

  test('when a phone opens the month view, then each meeting is listed with its agenda', async () => {
    const phone = await h.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const p = await phone.newPage();
    await p.goto(`${h.baseUrl}/lich/ubnd/thang/2023-05`);
    const body = await text(p, 'main');
    expect(body).toContain('Thứ Ba, 23/5/2023');
    expect(body).toContain('Phiên họp thường kỳ UBND huyện');
    await p.locator(`[data-occurrence="${SESSION}"] summary`).click();
    expect(await text(p, `[data-occurrence="${SESSION}"] ol`)).toContain('Báo cáo tổng quyết toán NSNN năm 2022.');
    const width = Number(await p.evaluate('document.documentElement.scrollWidth'));
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(p, '03-month-view-phone');
    await p.goto(`${h.baseUrl}/lich/ubnd/tuan/2023-W21`);
    expect(await text(p, 'main')).toContain('Thứ Ba, 23/5/2023 (5/4 ÂL)');
    await screenshot(p, '04-week-view-phone');
    await phone.close();
  });

  test('when opening the home page, then each body links to its month, week, programme and subscribe page', async () => {
    await page.goto(`${h.baseUrl}/`);
    const card = await text(page, '[data-body="ubnd"]');
    expect(card).toContain('Lịch tháng 5/2023');
    expect(card).toContain('Chương trình công tác tháng 5/2023');
    await screenshot(page, '00-home');
  });

  test('when opening the subscribe page, then each body has webcal, Google and Outlook links and a QR code', async () => {
    await page.goto(`${h.baseUrl}/dang-ky`);
    const block = page.locator('#ubnd');
    expect(await block.locator('a', { hasText: 'webcal' }).getAttribute('href')).toBe(
      'webcal://lich.example.gov.vn/feeds/public/ubnd.ics',
    );
    expect(await block.locator('a', { hasText: 'Google' }).getAttribute('href')).toBe(
      'https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Flich.example.gov.vn%2Ffeeds%2Fpublic%2Fubnd.ics',
    );
    expect(await block.locator('a', { hasText: 'Outlook' }).getAttribute('href')).toContain(
      'addfromweb?url=https%3A%2F%2Flich.example.gov.vn%2Ffeeds%2Fpublic%2Fubnd.ics&name=',
    );
    expect(await block.locator('.qr svg').count()).toBe(1);
    await screenshot(page, '05-subscribe');
  });
});

describe('the Office and an agency at work', () => {
  test('when the Office signs in and submits the move form without a reason, then the error sits next to the field and the typed date is kept', async () => {
    await signIn(page, h.baseUrl, h.t.officeKey);
    expect(new URL(page.url()).pathname).toBe('/van-phong');
    await page.goto(`${h.baseUrl}/van-phong/cuoc-hop/${SESSION}`);
    await page.fill('#move-form input[name="date"]', '2023-05-24');
    await page.fill('#move-form textarea[name="reason"]', '   ');
    await submit(page, '#move-form button[type="submit"]');
    const reason = page.locator('#move-form [data-field="reason"]');
    expect(await reason.locator('.field-error').innerText()).toBe('không được để trống');
    expect(await page.locator('#move-form input[name="date"]').inputValue()).toBe('2023-05-24');
    expect(await page.locator('#move-form [data-field="date"] .field-error').count()).toBe(0);
    await screenshot(page, '06-office-move-error');
    // Nothing was stored.
    expect((await h.t.services.meetings.getOccurrence(SESSION)).localStart).toBe('2023-05-23T08:00');
  });

  test('when publishing without a document number, then the error names the field and the note is kept; with one, version 1 is issued', async () => {
    await page.goto(`${h.baseUrl}/van-phong/chuong-trinh/ubnd/2023-05`);
    expect(await text(page, '.office-warnings')).toContain('không có nội dung số 12');
    await page.fill('#publish-form textarea[name="note"]', 'Ban hành chương trình tháng 5');
    await submit(page, '#publish-form button[type="submit"]');
    expect(await page.locator('#publish-form [data-field="documentNumber"] .field-error').innerText()).toContain(
      'bắt buộc khi ban hành lần đầu',
    );
    expect(await page.locator('#publish-form textarea[name="note"]').inputValue()).toBe(
      'Ban hành chương trình tháng 5',
    );
    await screenshot(page, '07-office-programme-editor-error');

    await page.fill('#publish-form input[name="documentNumber"]', '45');
    await Promise.all([
      page.waitForURL('**/programmes/ubnd/2023-05/versions/1'),
      page.click('#publish-form button[type="submit"]'),
    ]);
    const doc = await text(page, 'article.doc');
    expect(doc).toContain('Số: 45/CTr-UBND');
    expect(doc).toContain('Lục Ngạn, ngày 01 tháng 5 năm 2023');
    expect(doc).not.toContain('Điều chỉnh');
  });

  test('when the Office moves the session and assigns items 1-6 to another agency and publishes, then version 2 shows the change and the comparison lists it', async () => {
    await page.goto(`${h.baseUrl}/van-phong/cuoc-hop/${SESSION}`);
    await page.fill('#move-form input[name="date"]', '2023-05-24');
    await page.fill('#move-form textarea[name="reason"]', 'Trùng lịch làm việc với đoàn công tác của tỉnh.');
    await submit(page, '#move-form button[type="submit"]');
    expect(await text(page, '.done')).toBe('Đã dời buổi họp.');
    expect(await text(page, '.occurrence-when')).toContain('8h00 ngày 24/5/2023');

    await page.fill('#assign-form input[name="items"]', '1-6');
    await page.selectOption('#assign-form select[name="agencyCode"]', 'phong-kt-ht');
    await submit(page, '#assign-form button[type="submit"]');
    expect(await text(page, '.done')).toBe('Đã giao cơ quan chuẩn bị.');
    for (const n of [1, 6])
      expect(await text(page, `table.agenda tr[data-number="${n}"]`)).toContain('Phòng Kinh tế - Hạ tầng');
    expect(await text(page, 'table.agenda tr[data-number="7"]')).not.toContain('Phòng Kinh tế - Hạ tầng');
    await screenshot(page, '08-office-occurrence');

    await page.goto(`${h.baseUrl}/van-phong/chuong-trinh/ubnd/2023-05`);
    const pending = await text(page, '.pending');
    expect(pending).toContain('8h00 ngày 23/5/2023 → 8h00 ngày 24/5/2023');
    expect(await page.locator('#publish-form input[name="documentNumber"]').inputValue()).toBe('45');
    await screenshot(page, '09-office-programme-editor');
    await page.fill('#publish-form textarea[name="note"]', 'Dời phiên họp thường kỳ sang ngày 24/5/2023');
    await Promise.all([
      page.waitForURL('**/programmes/ubnd/2023-05/versions/2'),
      page.click('#publish-form button[type="submit"]'),
    ]);
    const doc = await text(page, 'article.doc');
    expect(doc).toContain('(Điều chỉnh lần 1)');
    expect(doc).toContain('Ngày 24/5/2023 (Thứ Tư)');
    expect(doc).toContain('(Phòng Kinh tế - Hạ tầng chuẩn bị nội dung từ 1-6)');
    expect(doc).not.toContain('(Phòng Tài chính - Kế hoạch chuẩn bị');
    await screenshot(page, '10-programme-version-2');

    await page.goto(`${h.baseUrl}/programmes/ubnd/2023-05/compare?from=1&to=2`);
    expect(await text(page, 'h1')).toBe('So sánh: Ban hành lần đầu và Điều chỉnh lần 1');
    expect(await text(page, 'ul.moved')).toContain(
      'Phiên họp thường kỳ UBND huyện: 8h00 ngày 23/5/2023 → 8h00 ngày 24/5/2023',
    );
    const agenda = await text(page, 'ul.agenda');
    expect(agenda).toContain('nội dung 1, cơ quan chuẩn bị: Phòng Tài chính - Kế hoạch → Phòng Kinh tế - Hạ tầng');
    expect(agenda).toContain('nội dung 6, cơ quan chuẩn bị');
    await screenshot(page, '11-compare-1-2');

    // The people affected were handed to the notifier.
    expect(notices).toHaveLength(1);
    expect(notices[0]!.label).toBe('Điều chỉnh lần 1');
    expect(notices[0]!.recipients.map((r) => r.code)).toEqual(
      expect.arrayContaining(['chu-tich-ubnd', 'phong-tc-kh', 'phong-kt-ht', 'thanh-tra']),
    );

    await page.goto(`${h.baseUrl}/programmes`);
    const archive = await text(page, '[data-kind="programme"][data-body="ubnd"][data-period="2023-05"]');
    expect(archive).toContain('Ban hành lần đầu');
    expect(archive).toContain('Điều chỉnh lần 1');
    await screenshot(page, '12-archive');
  });

  test('when an agency signs in and marks its item submitted, then the status changes and is stored', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await ctx.newPage();
    await signIn(p, h.baseUrl, await h.t.keyFor('agency', 'thanh-tra'));
    expect(new URL(p.url()).pathname).toBe('/co-quan');
    const row = p.locator('tr[data-number="7"]');
    expect(await row.innerText()).toContain('Báo cáo công tác tiếp công dân');
    await submit(p, 'tr[data-number="7"] button:has-text("Đã nộp tài liệu")');
    expect(await text(p, '.done')).toBe('Đã cập nhật trạng thái.');
    expect(await p.locator('tr[data-number="7"] .badge').innerText()).toBe('Đã nộp');
    expect((await h.t.services.agendaRepo.get(SESSION, 7))!.status).toBe('submitted');
    await screenshot(p, '13-agency-items');
    // An agency has no Office pages.
    const res = await p.goto(`${h.baseUrl}/van-phong`);
    expect(res?.status()).toBe(403);
    await ctx.close();
  });

  test('when the documents are overdue, then the readiness board shows them in red and the submitted one not', async () => {
    h.t.clock.set('2023-05-22T03:00:00Z'); // after the documents were due (19/5 17:00 once the session moved to 24/5)
    const ctx = await h.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const p = await ctx.newPage();
    await signIn(p, h.baseUrl, h.t.officeKey);
    await p.goto(`${h.baseUrl}/van-phong/san-sang/ubnd/2023-05`);
    expect(await p.locator('table.readiness tr[data-number="1"] td.cell.overdue').count()).toBe(1);
    expect(await p.locator('table.readiness tr[data-number="7"] td.cell.overdue').count()).toBe(0);
    expect(await text(p, 'table.readiness tr[data-number="7"]')).toContain('Đã nộp');
    await screenshot(p, '14-readiness-board');
    await ctx.close();
  });
});

test('the screenshots were written', () => {
  expect(readFileSync(join(SCREENSHOTS, '02-programme-print-a4.png')).subarray(1, 4).toString()).toBe('PNG');
});
