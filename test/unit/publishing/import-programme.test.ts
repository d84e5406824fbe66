/**
 * Reading a monthly programme's text: the real programme of May 2023 (seed 003, with its PDF
 * extraction damage) against what the seed records by hand, and the variants the Office writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  dateIn,
  itemKindOf,
  looksDamaged,
  meetingKindOf,
  parseAssignment,
  parseProgrammeText,
  timeIn,
} from '../../../src/publishing/import-programme';
import { projectRoot } from '../../../src/shared/paths';

const SOURCE = readFileSync(join(projectRoot(), '..', 'shared', 'seeds', '003_bed89d1f3f7829d9.txt'), 'utf8');
const SEED = JSON.parse(readFileSync(join(projectRoot(), 'seeds', 'luc-ngan-2023-05.json'), 'utf8')) as {
  occurrences: {
    agenda?: {
      items: { number: number; title: string; kind: string }[];
      assignments: { agencyCode: string; items: string; text: string }[];
    };
  }[];
};
const seeded = SEED.occurrences.find((o) => o.agenda)!.agenda!;

describe('the programme of May 2023 (seed 003)', () => {
  const p = parseProgrammeText(SOURCE);

  test("when read, then the regular session of Tuesday 23/5/2023 of the People's Committee is found with its 14 items as the seed lists them", () => {
    expect(p.sessions).toHaveLength(1);
    const s = p.sessions[0]!;
    expect(s).toMatchObject({
      label: 'I',
      kind: 'regular-session',
      bodyKind: 'people-committee',
      date: '2023-05-23',
      weekday: 'Thứ Ba',
      time: null,
    });
    expect(s.items.map((i) => ({ number: i.number, title: i.title, kind: i.kind }))).toEqual(
      seeded.items.map((i) => ({ number: i.number, title: i.title, kind: i.kind })),
    );
  });

  test('when read, then the five assignment sentences are found as written, including the two inside items 8 and 14', () => {
    const got = p.sessions[0]!.assignments.map((a) => a.text).sort();
    expect(got).toEqual(seeded.assignments.map((a) => a.text).sort());
    expect(p.sessions[0]!.assignments.find((a) => a.agencyText === 'Phòng Nội vụ')).toMatchObject({ items: '14' });
    expect(p.sessions[0]!.assignments.find((a) => a.agencyText === 'Phòng Tài chính - Kế hoạch')).toMatchObject({
      items: 'từ 1-6',
    });
  });

  test('when read, then part A becomes Markdown with its three headings, the damaged ones numbered in order and flagged', () => {
    expect(p.partA!.match(/^### .*$/gm)).toEqual([
      '### 1. Về ph t triển kinh tế',
      '### 2. Về v n hó - xã hội',
      '### 3. C n t c nội chính',
    ]);
    expect(p.partA).toContain('1.1. Chỉ đạo tập trung cao nhất hướng dẫn Nhân dân chăm sóc vải thiều, cây có múi');
    expect(p.partA).not.toMatch(/\n{3}/);
    expect(p.warnings.filter((w) => w.startsWith('Phần A'))).toEqual([
      expect.stringContaining('"1. Về ph t triển kinh tế" có thể bị lỗi trích xuất'),
      expect.stringContaining('mất số thứ tự trong văn bản; đã đánh số 2'),
      expect.stringContaining('đề mục ". Về v n hó - xã hội" có thể bị lỗi trích xuất'),
      expect.stringContaining('mất số thứ tự trong văn bản; đã đánh số 3'),
      expect.stringContaining('C n t c nội chính" có thể bị lỗi trích xuất'),
    ]);
  });

  test('when read, then the thematic conferences and the Thursday-afternoon briefing are notes, and the signature and distribution list are kept', () => {
    expect(p.notes.map((n) => [n.label, n.kind, n.weekday, n.halfDay])).toEqual([
      ['II', 'thematic', null, null],
      ['III', 'weekly', 4, 'afternoon'],
    ]);
    expect(p.signature).toEqual(['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG']);
    expect(p.recipients[0]).toBe('Văn phòng UBND tỉnh:');
    expect(p.recipients[p.recipients.length - 1]).toBe('Lưu: VT.');
    expect(p.warnings.some((w) => w.startsWith('Mục I phần B') && w.includes('lỗi trích xuất'))).toBe(true);
  });
});

describe('reading the parts of a programme', () => {
  test('when a session heading gives an hour and coordinating agencies, then they are read', () => {
    const p = parseProgrammeText(
      `CHƯƠNG TRÌNH\nCông tác tháng 6 năm 2023\nSố: 52/CTr-UBND\n\nB. HỘI NGHỊ CHÍNH TRONG THÁNG\n\nI. Phiên họp thường kỳ UBND huyện tháng 6/2023: lúc 14 giờ 00, ngày 20/6/2023 (thứ Ba), gồm:\n\n1. Báo cáo tình hình kinh tế - xã hội tháng 6\n(Phòng TC-KH chủ trì, phối hợp với Thanh tra huyện và Công an huyện chuẩn bị nội dung 1)\n\n2. Tờ trình về việc điều chỉnh dự toán\nngân sách năm 2023 (Phòng Tài chính - Kế hoạch chuẩn bị).\n`,
    );
    expect(p.month).toBe('2023-06');
    expect(p.documentNumber).toBe('52/CTr-UBND');
    expect(p.sessions[0]).toMatchObject({ date: '2023-06-20', time: '14:00', halfDay: null, kind: 'regular-session' });
    expect(p.sessions[0]!.items.map((i) => [i.number, i.title, i.kind])).toEqual([
      [1, 'Báo cáo tình hình kinh tế - xã hội tháng 6', 'report'],
      [2, 'Tờ trình về việc điều chỉnh dự toán ngân sách năm 2023.', 'draft-decision'],
    ]);
    expect(p.sessions[0]!.assignments.map((a) => [a.agencyText, a.coordinatingTexts, a.items])).toEqual([
      ['Phòng TC-KH', ['Thanh tra huyện', 'Công an huyện'], '1'],
      ['Phòng Tài chính - Kế hoạch', [], '2'],
    ]);
  });

  test('when a date is impossible or a weekday does not match, then it is said', () => {
    expect(dateIn('Ngày 31/6/2023')).toBeNull();
    expect(dateIn('ngày 23 tháng 5 năm 2023')).toBe('2023-05-23');
    const p = parseProgrammeText('B. HỘI NGHỊ\n\nI. Phiên họp thường kỳ: Ngày 23/5/2023 (Thứ Tư):\n\n1. Báo cáo A.\n');
    expect(p.warnings).toEqual(
      expect.arrayContaining([expect.stringContaining('ngày 23/5/2023 không phải Thứ Tư như văn bản ghi')]),
    );
  });

  test('when the pieces are read alone, then times, kinds and damage are recognised', () => {
    expect(timeIn('lúc 8 giờ 30')).toBe('08:30');
    expect(timeIn('14h')).toBe('14:00');
    expect(timeIn('6 tháng đầu năm')).toBeNull();
    expect(meetingKindOf('Phiên họp thƣờn  kỳ UBND hu  n')).toBe('regular-session');
    expect(meetingKindOf('Phiên họp bất thường')).toBe('extraordinary-session');
    expect(meetingKindOf('Các hội n hị chu ên đề')).toBe('thematic-conference');
    expect(itemKindOf('Dự thảo Kế hoạch thực hiện')).toBe('plan');
    expect(itemKindOf('Dự thảo quy định chức năng')).toBe('draft-decision');
    expect(itemKindOf('Đề án “Sắp xếp”')).toBe('other');
    expect(looksDamaged('Về ph t triển kinh tế')).toBe(true);
    expect(looksDamaged('Báo cáo ước tình hình KT-XH 6 tháng đầu năm')).toBe(false);
    expect(parseAssignment('(Văn phòng HĐND và UBND huyện chuẩn bị nội dung 10, 11, 12).')).toEqual({
      text: 'Văn phòng HĐND và UBND huyện chuẩn bị nội dung 10, 11, 12',
      agencyText: 'Văn phòng HĐND và UBND huyện',
      coordinatingTexts: [],
      items: '10, 11, 12',
    });
    expect(parseAssignment('(nếu có)')).toBeNull();
  });

  test('when an item runs over a page break, then its lines are joined; a line that is nothing is reported', () => {
    const p = parseProgrammeText(
      'B. HỘI NGHỊ\n\nI. Phiên họp thường kỳ ngày 23/5/2023:\n\n1. Báo cáo tình hình\n\n\n\nthực hiện nhiệm vụ.\n\n2. Báo cáo khác.\n\nxyz không phải nội dung\n',
    );
    expect(p.sessions[0]!.items.map((i) => i.title)).toEqual([
      'Báo cáo tình hình thực hiện nhiệm vụ.',
      'Báo cáo khác.',
    ]);
    expect(p.warnings).toEqual(
      expect.arrayContaining([expect.stringContaining('không đọc được "xyz không phải nội dung"')]),
    );
  });
});
