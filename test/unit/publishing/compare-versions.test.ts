import { compareDocuments, unmatchedMeetingIds, type Whereabouts } from '../../../src/publishing/compare';
import { affectedRecipients } from '../../../src/publishing/notifier';
import { buildProgramme } from '../../../src/publishing/programme';
import { chooseIssueDate, fingerprint, freeze, publicView, sameHeader } from '../../../src/publishing/versions';
import { body, briefing, directory, item, meeting, occurrences, override, regular, settings } from './fixtures';

const MAY = { from: '2023-05-01', to: '2023-05-31' };
const SESSION = 'thuong-ky_20230525T0800';
const build = (
  o: {
    overrides?: Parameters<typeof occurrences>[1];
    meetings?: Parameters<typeof occurrences>[2];
    items?: ReturnType<typeof item>[];
    partA?: string;
  } = {},
) =>
  buildProgramme({
    body,
    month: '2023-05',
    series: [briefing, regular],
    directory,
    occurrences: occurrences(MAY, o.overrides ?? [], o.meetings ?? []),
    items: o.items ?? [item(SESSION, 1, [['tckh', 'lead']]), item(SESSION, 2, [['thanh-tra', 'lead']])],
    settings: settings({ partA: o.partA ?? 'A' }),
  });

describe('comparing versions', () => {
  test('when a meeting is moved, another cancelled, one added and items change, then each change is listed in Vietnamese', () => {
    const before = build({ meetings: [meeting({ id: 'hn-1', title: 'Hội nghị A' })] });
    const after = build({
      overrides: [
        override(regular, '2023-05-25T08:00', { start: '2023-05-23T08:00' }),
        override(briefing, '2023-05-11T14:00', { cancelled: true, reason: 'Đi công tác' }),
      ],
      meetings: [meeting({ id: 'hn-2', title: 'Hội nghị B', start: '2023-05-30T14:00', location: 'Hội trường' })],
      items: [
        item(SESSION, 1, [['cong-an', 'lead']]),
        item(SESSION, 2, [['thanh-tra', 'lead']], { title: 'Nội dung hai, sửa.' }),
        item(SESSION, 3, []),
      ],
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

  test('when a meeting left the month for another one, then it is a move "ngoài tháng này", not a removal', () => {
    const before = build();
    // The session of 25/5 now takes place on 2/6: it is no longer in May's document.
    const after = build({ overrides: [override(regular, '2023-05-25T08:00', { start: '2023-06-02T08:00' })] });
    expect(unmatchedMeetingIds(before, after)).toEqual([SESSION]);
    const where = new Map<string, Whereabouts>([
      [SESSION, { start: '2023-06-02T08:00', scheduledStart: '2023-05-25T08:00', status: 'moved' }],
    ]);
    const c = compareDocuments(before, after, where);
    expect(c.removed).toEqual([]);
    expect(c.moved).toEqual([
      expect.objectContaining({ id: SESSION, from: '2023-05-25T08:00', to: '2023-06-02T08:00', across: 'out' }),
    ]);
    expect(c.lines).toEqual([
      'Dời: Phiên họp thường kỳ UBND huyện, từ 8h00 ngày 25/5/2023 sang 8h00 ngày 2/6/2023 (ngoài tháng này).',
    ]);
    expect(c.meetingsChanged).toBe(true);
    // Without its whereabouts (gone for good, or cancelled out there) it is a removal.
    expect(compareDocuments(before, after).lines).toEqual([
      'Bỏ khỏi lịch: Phiên họp thường kỳ UBND huyện, 8h00 ngày 25/5/2023.',
    ]);
    const cancelled = new Map<string, Whereabouts>([
      [SESSION, { start: '2023-06-02T08:00', scheduledStart: '2023-05-25T08:00', status: 'cancelled' }],
    ]);
    expect(compareDocuments(before, after, cancelled).removed.map((m) => m.id)).toEqual([SESSION]);
  });

  test('when a meeting came into the month from another one, then it is a move from outside, not an addition', () => {
    const june = (o: Parameters<typeof occurrences>[1]) =>
      buildProgramme({
        body,
        month: '2023-06',
        series: [briefing, regular],
        directory,
        occurrences: occurrences({ from: '2023-06-01', to: '2023-06-30' }, o),
        items: [],
        settings: settings({ partA: 'A' }),
      });
    const before = june([]);
    const mayWindow = occurrences({ from: '2023-05-25', to: '2023-06-30' }, [
      override(regular, '2023-05-25T08:00', { start: '2023-06-01T08:00' }),
    ]);
    const after = buildProgramme({
      body,
      month: '2023-06',
      series: [briefing, regular],
      directory,
      occurrences: mayWindow,
      items: [],
      settings: settings({ partA: 'A' }),
    });
    const where = new Map<string, Whereabouts>([
      [SESSION, { start: '2023-06-01T08:00', scheduledStart: '2023-05-25T08:00', status: 'moved' }],
    ]);
    const c = compareDocuments(before, after, where);
    expect(c.added).toEqual([]);
    expect(c.lines).toEqual([
      'Dời: Phiên họp thường kỳ UBND huyện, từ 8h00 ngày 25/5/2023 (ngoài tháng này) sang 8h00 ngày 1/6/2023.',
    ]);
  });

  test('when the session moves, then its chair, attendees and preparing agencies of both versions are affected, with their emails', () => {
    const before = build();
    const after = build({
      overrides: [override(regular, '2023-05-25T08:00', { start: '2023-05-24T08:00' })],
      items: [item(SESSION, 1, [['cong-an', 'lead']]), item(SESSION, 2, [['thanh-tra', 'lead']])],
    });
    const who = affectedRecipients(compareDocuments(before, after), before.meetings, after.meetings, directory);
    expect(who.map((r) => `${r.kind}:${r.code}`)).toEqual([
      'agency:cong-an',
      'agency:tckh',
      'agency:thanh-tra',
      'agency:vp',
      'official:chu-tich',
      'official:pct',
    ]);
    expect(who.find((r) => r.code === 'tckh')).toEqual({
      kind: 'agency',
      code: 'tckh',
      name: 'Phòng Tài chính - Kế hoạch',
      emails: ['tckh@lucngan.example'],
      meetingIds: [SESSION],
    });
  });
});

describe('freezing a version', () => {
  test('when freezing, then number, date and revision label are filled and the draft is left as it was', () => {
    const draft = build();
    const v2 = freeze(draft, {
      version: 2,
      documentNumber: '45',
      issueDate: '2023-05-05',
      publishedAt: '2023-05-05T09:00:00+07:00',
      publishedBy: 'Văn phòng (office)',
      numberTemplate: 'Số: {number}/CTr-UBND',
    });
    expect(v2.header.numberLine).toBe('Số: 45/CTr-UBND');
    expect(v2.header.placeDateLine).toBe('Lục Ngạn, ngày 05 tháng 5 năm 2023');
    expect(v2.revisionLabel).toBe('(Điều chỉnh lần 1)');
    expect(v2.publication).toEqual({
      version: 2,
      label: 'Điều chỉnh lần 1',
      documentNumber: '45',
      issueDate: '2023-05-05',
      publishedAt: '2023-05-05T09:00:00+07:00',
      publishedBy: 'Văn phòng (office)',
    });
    expect(draft.publication).toBeNull();
    expect(draft.header.numberLine).toBe('Số: .../CTr-UBND');
    expect(JSON.parse(JSON.stringify(v2))).toEqual(v2); // a snapshot survives JSON unchanged
  });

  test('when comparing fingerprints, then publishing details and warnings do not count but meetings do', () => {
    const draft = build();
    const frozen = freeze(draft, {
      version: 1,
      documentNumber: '1',
      issueDate: '2023-05-01',
      publishedAt: 'x',
      publishedBy: 'y',
      numberTemplate: 'Số: {number}',
    });
    expect(fingerprint(frozen)).toBe(fingerprint({ ...draft, warnings: ['khác'] }));
    expect(
      fingerprint(build({ overrides: [override(briefing, '2023-05-04T14:00', { start: '2023-05-05T14:00' })] })),
    ).not.toBe(fingerprint(draft));
    expect('warnings' in publicView(draft)).toBe(false);
  });

  test('when two published versions differ only in their number line, then the comparison says so', () => {
    const draft = build();
    const at = { documentNumber: '45', issueDate: '2023-05-05', publishedAt: 'x', publishedBy: 'y' };
    const v1 = freeze(draft, { ...at, version: 1, numberTemplate: 'Số: {number}/CTr-UBND' });
    const v2 = freeze(draft, { ...at, version: 2, numberTemplate: 'Số: {number}/CTr-VP' });
    expect(compareDocuments(v1, v2).otherChanges).toEqual([
      'Số, ký hiệu văn bản đổi từ "Số: 45/CTr-UBND" thành "Số: 45/CTr-VP".',
    ]);
    expect(compareDocuments(v1, draft).otherChanges).toEqual([]); // a draft's dots are no change
  });
});

describe('the issue date and the header of a new version', () => {
  const today = '2023-05-20';
  test('when a date is given at publishing, then it is used and counts as chosen', () => {
    expect(chooseIssueDate({ requested: '2023-05-18', saved: '2023-05-05', latest: '2023-05-05', today })).toEqual({
      date: '2023-05-18',
      chosen: true,
    });
  });
  test('when the month has a saved date, then the first issue carries it, and a revision only when it is newer than the latest version', () => {
    expect(chooseIssueDate({ requested: undefined, saved: '2023-05-05', latest: null, today })).toEqual({
      date: '2023-05-05',
      chosen: true,
    });
    expect(chooseIssueDate({ requested: undefined, saved: '2023-05-05', latest: '2023-05-05', today })).toEqual({
      date: today,
      chosen: false,
    });
    expect(chooseIssueDate({ requested: undefined, saved: '2023-05-05', latest: '2023-05-10', today })).toEqual({
      date: today,
      chosen: false,
    });
    expect(chooseIssueDate({ requested: undefined, saved: '2023-05-12', latest: '2023-05-10', today })).toEqual({
      date: '2023-05-12',
      chosen: true,
    });
    expect(chooseIssueDate({ requested: undefined, saved: null, latest: null, today })).toEqual({
      date: today,
      chosen: false,
    });
  });
  test('when comparing headers, then the date counts only when someone chose it', () => {
    const h = build().header;
    expect(sameHeader(h, { ...h, placeDateLine: 'Lục Ngạn, ngày 20 tháng 5 năm 2023' }, false)).toBe(true);
    expect(sameHeader(h, { ...h, placeDateLine: 'Lục Ngạn, ngày 20 tháng 5 năm 2023' }, true)).toBe(false);
    expect(sameHeader(h, { ...h, numberLine: 'Số: .../CTr-VP' }, false)).toBe(false);
    expect(sameHeader(h, { ...h, issuer: 'ỦY BAN NHÂN DÂN\nHUYỆN LỤC NGẠN' }, false)).toBe(false);
  });
});
