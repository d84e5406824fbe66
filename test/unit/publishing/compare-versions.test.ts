import { compareDocuments } from '../../../src/publishing/compare';
import { affectedRecipients } from '../../../src/publishing/notifier';
import { buildProgramme } from '../../../src/publishing/programme';
import { fingerprint, freeze, publicView } from '../../../src/publishing/versions';
import { body, briefing, directory, item, meeting, occurrences, override, regular, settings } from './fixtures';

const MAY = { from: '2023-05-01', to: '2023-05-31' };
const SESSION = 'thuong-ky_20230525T0800';
const build = (o: { overrides?: Parameters<typeof occurrences>[1]; meetings?: Parameters<typeof occurrences>[2]; items?: ReturnType<typeof item>[]; partA?: string } = {}) =>
  buildProgramme({
    body, month: '2023-05', series: [briefing, regular], directory,
    occurrences: occurrences(MAY, o.overrides ?? [], o.meetings ?? []),
    items: o.items ?? [item(SESSION, 1, [['tckh', 'lead']]), item(SESSION, 2, [['thanh-tra', 'lead']])],
    settings: settings({ partA: o.partA ?? 'A' }),
  });

describe('comparing versions', () => {
  test('when a meeting is moved, another cancelled, one added and items change, then each change is listed in Vietnamese', () => {
    const before = build({ meetings: [meeting({ id: 'hn-1', title: 'Hội nghị A' })] });
    const after = build({
      overrides: [override(regular, '2023-05-25T08:00', { start: '2023-05-23T08:00' }), override(briefing, '2023-05-11T14:00', { cancelled: true, reason: 'Đi công tác' })],
      meetings: [meeting({ id: 'hn-2', title: 'Hội nghị B', start: '2023-05-30T14:00', location: 'Hội trường' })],
      items: [item(SESSION, 1, [['cong-an', 'lead']]), item(SESSION, 2, [['thanh-tra', 'lead']], { title: 'Nội dung hai, sửa.' }), item(SESSION, 3, [])],
    });
    const c = compareDocuments(before, after);
    expect(c.lines).toEqual([
      'Thêm: Hội nghị B, 14h00 ngày 30/5/2023.',
      'Dời: Phiên họp thường kỳ UBND huyện, từ 8h00 ngày 25/5/2023 sang 8h00 ngày 23/5/2023.',
      'Hủy: Giao ban Chủ tịch và các Phó Chủ tịch UBND huyện, 14h00 ngày 11/5/2023 (Đi công tác).',
      'Bỏ khỏi lịch: Hội nghị A, 8h00 ngày 16/5/2023.',
      'Phiên họp thường kỳ UBND huyện (23/5/2023): thêm nội dung 3. Nội dung 3.',
      'Phiên họp thường kỳ UBND huyện (23/5/2023): nội dung 2 đổi tên từ "Nội dung 2." thành "Nội dung hai, sửa.".',
      'Phiên họp thường kỳ UBND huyện (23/5/2023): nội dung 1 đổi cơ quan chuẩn bị từ Phòng Tài chính - Kế hoạch sang Công an huyện.',
    ]);
    expect(c.meetingsChanged).toBe(true);
  });

  test('when only part A changes, then meetings are unchanged and nobody is affected', () => {
    const c = compareDocuments(build({ partA: 'A' }), build({ partA: 'B' }));
    expect(c.meetingsChanged).toBe(false);
    expect(c.lines).toEqual(['Phần A (nhiệm vụ trọng tâm) thay đổi.']);
    expect(affectedRecipients(c, [], [], directory)).toEqual([]);
  });

  test('when the session moves, then its chair, attendees and preparing agencies of both versions are affected, with their emails', () => {
    const before = build();
    const after = build({ overrides: [override(regular, '2023-05-25T08:00', { start: '2023-05-24T08:00' })], items: [item(SESSION, 1, [['cong-an', 'lead']]), item(SESSION, 2, [['thanh-tra', 'lead']])] });
    const who = affectedRecipients(compareDocuments(before, after), before.meetings, after.meetings, directory);
    expect(who.map((r) => `${r.kind}:${r.code}`)).toEqual(['agency:cong-an', 'agency:tckh', 'agency:thanh-tra', 'agency:vp', 'official:chu-tich', 'official:pct']);
    expect(who.find((r) => r.code === 'tckh')).toEqual({ kind: 'agency', code: 'tckh', name: 'Phòng Tài chính - Kế hoạch', emails: ['tckh@lucngan.example'], meetingIds: [SESSION] });
  });
});

describe('freezing a version', () => {
  test('when freezing, then number, date and revision label are filled and the draft is left as it was', () => {
    const draft = build();
    const v2 = freeze(draft, { version: 2, documentNumber: '45', issueDate: '2023-05-05', publishedAt: '2023-05-05T09:00:00+07:00', publishedBy: 'Văn phòng (office)', numberTemplate: 'Số: {number}/CTr-UBND' });
    expect(v2.header.numberLine).toBe('Số: 45/CTr-UBND');
    expect(v2.header.placeDateLine).toBe('Lục Ngạn, ngày 05 tháng 5 năm 2023');
    expect(v2.revisionLabel).toBe('(Điều chỉnh lần 1)');
    expect(v2.publication).toEqual({ version: 2, label: 'Điều chỉnh lần 1', documentNumber: '45', publishedAt: '2023-05-05T09:00:00+07:00', publishedBy: 'Văn phòng (office)' });
    expect(draft.publication).toBeNull();
    expect(draft.header.numberLine).toBe('Số: .../CTr-UBND');
    expect(JSON.parse(JSON.stringify(v2))).toEqual(v2); // a snapshot survives JSON unchanged
  });

  test('when comparing fingerprints, then publishing details and warnings do not count but meetings do', () => {
    const draft = build();
    const frozen = freeze(draft, { version: 1, documentNumber: '1', issueDate: '2023-05-01', publishedAt: 'x', publishedBy: 'y', numberTemplate: 'Số: {number}' });
    expect(fingerprint(frozen)).toBe(fingerprint({ ...draft, warnings: ['khác'] }));
    expect(fingerprint(build({ overrides: [override(briefing, '2023-05-04T14:00', { start: '2023-05-05T14:00' })] }))).not.toBe(fingerprint(draft));
    expect('warnings' in publicView(draft)).toBe(false);
  });
});
