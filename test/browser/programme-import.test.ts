/**
 * The Office imports a month's programme from its text in a browser (issue 12, point 6): paste
 * the text (the May 2023 programme, written for June), review what was recognised with its
 * warnings, confirm, and find the session and its agenda stored; a .docx upload reads the same;
 * nothing is stored before the confirmation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import type { BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../../src/shared/paths';
import { screenshot, signIn, startBrowserHarness, type BrowserHarness } from './harness';

jest.setTimeout(120_000);

// The programme of May 2023 as if it were June's: session on Tuesday 20/6/2023. The seeded series
// holds only the session of 23/5, so the import adds an extra session of it.
const JUNE = readFileSync(join(projectRoot(), '..', 'shared', 'seeds', '003_bed89d1f3f7829d9.txt'), 'utf8').replace(
  'tháng 5/2023: Ngày 23/5/2023',
  'tháng 6/2023: Ngày 20/6/2023',
);
const EXTRA = 'ubnd-phien-hop-thuong-ky-2023-06-20';

let h: BrowserHarness;
let office: BrowserContext;
let page: Page;

beforeAll(async () => {
  h = await startBrowserHarness();
  office = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  page = await office.newPage();
  await signIn(page, h.baseUrl, h.t.officeKey);
});
afterAll(async () => {
  await office?.close();
  await h?.close();
});

/**
 * Clicks a submit button and waits for the page the server answers with, loaded. The preview is re-rendered at the
 * form's own URL, so this waits for the next navigation of the main frame rather than for a URL (waitForURL).
 */
async function submit(p: Page, button: string): Promise<void> {
  await Promise.all([p.waitForEvent('framenavigated', (f) => f === p.mainFrame()), p.click(button)]);
  await p.waitForLoadState('load');
}

describe('importing a programme from its text in the Office pages', () => {
  test('when the Office pastes the text and asks for a preview, then the review lists the session, its items, agencies and warnings, and nothing is stored yet', async () => {
    await page.goto(`${h.baseUrl}/van-phong/chuong-trinh/ubnd/2023-06`);
    await Promise.all([
      page.waitForURL('**/van-phong/chuong-trinh/ubnd/2023-06/nhap'),
      page.click('a[href="/van-phong/chuong-trinh/ubnd/2023-06/nhap"]'),
    ]);
    expect(await page.locator('h1').innerText()).toBe('Nhập chương trình công tác tháng 6/2023 từ văn bản');
    await page.fill('textarea[name="text"]', JUNE);
    await submit(page, '#import-form button[type="submit"]');
    const session = page.locator('.import-session');
    expect(await session.locator('h3').innerText()).toContain('Ngày 20/6/2023 (Thứ Ba)');
    expect(await session.innerText()).toContain(
      'Thêm phiên họp bổ sung của chuỗi lịch lúc 08:00, 20/6/2023 (giờ dự kiến theo chuỗi).',
    );
    expect(
      await session.locator('tr[data-number]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number'))),
    ).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '13', '14', '15']);
    expect(await session.locator('tr[data-number="1"] td.agencies').innerText()).toBe('Phòng Tài chính - Kế hoạch');
    expect(await session.locator('tr[data-number="8"] td.agencies').innerText()).toBe('Thanh tra huyện; Công an huyện');
    expect(await session.locator('tr[data-number="9"] td.agencies').innerText()).toBe('Chưa giao');
    expect(await session.locator('tr[data-number="8"] .item-warning').innerText()).toContain(
      'Nội dung 8 được giao cho 2 cơ quan',
    );
    expect(await session.locator('.agenda-warnings').innerText()).toContain(
      'Văn bản nguồn không có nội dung số 12 (danh sách chuyển từ 11 sang 13).',
    );
    expect(await page.locator('.import-warnings').innerText()).toContain('mất số thứ tự trong văn bản');
    expect(await page.locator('.import-notes').innerText()).toContain(
      'đã có chuỗi lịch: Giao ban Chủ tịch và các Phó Chủ tịch UBND huyện',
    );
    expect(await page.locator('#import-problems').count()).toBe(0);
    await screenshot(page, '20-programme-import-review');
    expect(await h.t.services.meetingRepo.getMeeting(EXTRA)).toBeNull();
    expect((await h.t.services.publishing.settings('ubnd', '2023-06')).partA).toBe('');
  });

  test('when the Office confirms, then the extra session of 20/6 holds the agenda with its agencies and warnings, and the programme editor says so', async () => {
    await submit(page, '#confirm-import-form button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/van-phong/chuong-trinh/ubnd/2023-06');
    expect(await page.locator('.done').innerText()).toBe('Đã nhập chương trình từ văn bản.');
    expect(await page.locator('.office-warnings').innerText()).toContain('Văn bản nguồn không có nội dung số 12');
    const items = await h.t.services.agenda.list([EXTRA]);
    expect(items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15]);
    expect(items.find((i) => i.number === 8)!.preparingAgencies.map((a) => a.code)).toEqual(['thanh-tra', 'cong-an']);
    const occ = await h.t.services.meetings.getOccurrence(EXTRA);
    expect(occ).toMatchObject({
      localStart: '2023-06-20T08:00',
      seriesId: 'ubnd-phien-hop-thuong-ky',
      timeAssumed: true,
    });
    expect((await h.t.services.publishing.settings('ubnd', '2023-06')).partA).toContain('### 1. Về ph t triển kinh tế');
    await screenshot(page, '21-programme-import-done');

    // The same text again: nothing new; the review says so.
    await page.goto(`${h.baseUrl}/van-phong/chuong-trinh/ubnd/2023-06/nhap`);
    await page.fill('textarea[name="text"]', JUNE);
    await submit(page, '#import-form button[type="submit"]');
    expect(await page.locator('.import-warnings').innerText()).toContain(
      'Văn bản này đã được nhập: không có gì mới để lưu.',
    );
    expect(await page.locator('.import-session').innerText()).toContain(
      'Phiên họp đã có đúng chương trình này (14 nội dung)',
    );
  });

  test('when a .docx is uploaded for a month whose text does not match, then the review shows the blocking problem and offers no confirmation', async () => {
    const paragraphs = JUNE.split(/\n\s*\n/)
      .map((b) => b.replace(/\s*\n\s*/g, ' ').trim())
      .filter(Boolean);
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] }),
    );
    await page.goto(`${h.baseUrl}/van-phong/chuong-trinh/ubnd/2023-07/nhap`);
    await page.setInputFiles('input[name="file"]', {
      name: 'chuong-trinh.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: docx,
    });
    await submit(page, '#import-form button[type="submit"]');
    expect(await page.locator('#import-problems').innerText()).toContain(
      'Mục I: ngày họp 20/6/2023 không thuộc tháng 7/2023 của chương trình.',
    );
    expect(await page.locator('#confirm-import-form').count()).toBe(0);
    expect(await page.locator('.import-session tr[data-number]').count()).toBe(14);
  });

  test("when the form is posted without the session's CSRF token, then it is refused", async () => {
    const res = await page.request.post(`${h.baseUrl}/van-phong/chuong-trinh/ubnd/2023-06/nhap/xac-nhan`, {
      form: { text: JUNE },
    });
    expect(res.status()).toBe(403);
    const upload = await page.request.post(`${h.baseUrl}/van-phong/chuong-trinh/ubnd/2023-06/nhap`, {
      multipart: { text: JUNE },
    });
    expect(upload.status()).toBe(403);
  });
});
