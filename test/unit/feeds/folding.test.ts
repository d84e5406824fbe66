import { planFeed } from '../../../src/feeds/plan';
import { escapeText, renderCalendar } from '../../../src/feeds/render';
import { DEFAULT_OPTIONS } from '../../../src/feeds/types';
import { makeSeries } from '../meetings/fixtures';
import { WorkingCalendar } from '../../../src/calendar/working-days';
import { directory, SETTINGS, WINDOW } from './fixtures';
import { endOfDay, physicalLines, readFeed, startOfDay, unfold } from './ical-oracle';

const LONG_TITLE =
  'Hội nghị sơ kết công tác phòng, chống tham nhũng, tiêu cực; thực hành tiết kiệm, chống lãng phí 6 tháng đầu năm và triển khai nhiệm vụ trọng tâm 6 tháng cuối năm 2023 của Ủy ban nhân dân huyện Lục Ngạn 🇻🇳';

function render(title: string, description = '') {
  const series = makeSeries({
    id: 'dai',
    title,
    description,
    location: 'Hội trường tầng 3, trụ sở Huyện ủy – HĐND – UBND huyện Lục Ngạn, tỉnh Bắc Giang',
  });
  const data = {
    series: [series],
    overrides: [],
    meetings: [],
    items: [],
    directory: directory(),
    calendar: new WorkingCalendar([]),
    adjustments: [],
  };
  return renderCalendar(planFeed(data, { kind: 'body', code: 'ubnd' }, DEFAULT_OPTIONS, WINDOW, SETTINGS));
}

describe('line folding of Vietnamese text', () => {
  test('when titles and descriptions are long Vietnamese lines, then every physical line has at most 75 octets and ends with CRLF', () => {
    const text = render(LONG_TITLE, `${LONG_TITLE}\n${LONG_TITLE}`);
    const lines = physicalLines(text);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(5);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  test('when lines are folded, then no character is split: each physical line is valid UTF-8 on its own and unfolding restores the text', () => {
    const text = render(LONG_TITLE);
    const bytes = Buffer.from(text, 'utf8');
    // Split the raw bytes at CRLF and decode each piece strictly: a cut inside a character would throw.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let start = 0;
    for (let i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
        expect(() => decoder.decode(bytes.subarray(start, i))).not.toThrow();
        start = i + 2;
      }
    }
    // Nor a UTF-16 surrogate pair (the flag emoji): no physical line holds half of one.
    for (const line of physicalLines(text))
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    const summary = unfold(text).find((l) => l.startsWith('SUMMARY:'))!;
    expect(summary).toBe(`SUMMARY:${escapeText(LONG_TITLE)}`);
    expect(readFeed(text, startOfDay(WINDOW.from), endOfDay(WINDOW.to)).events[0]!.summary).toBe(LONG_TITLE);
  });

  test('when the stored text is decomposed (NFD), then the feed carries it composed (NFC)', () => {
    const nfd = 'Giao ban Thường trực Huyện ủy'.normalize('NFD');
    const text = render(nfd);
    expect(text).toContain('SUMMARY:Giao ban Thường trực Huyện ủy'.normalize('NFC'));
    expect(text.normalize('NFC')).toBe(text);
  });

  test('when a calendar name has commas or semicolons, then they are escaped once (the library writes NAME raw)', () => {
    expect(escapeText('Lịch họp; UBND, HĐND\\x\ny')).toBe('Lịch họp\\; UBND\\, HĐND\\\\x\\ny');
    const text = render('x');
    expect(unfold(text)).toContain(
      'X-WR-CALDESC:Các cuộc họp của Ủy ban nhân dân huyện Lục Ngạn từ 1/2/2023 đến 31/5/2024.',
    );
  });
});
