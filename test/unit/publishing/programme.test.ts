import { issuerName } from '../../../src/publishing/entries';
import { buildProgramme, describeRecurrence } from '../../../src/publishing/programme';
import { body, briefing, directory, item, meeting, occurrences, override, regular, settings } from './fixtures';

const MAY = { from: '2023-05-01', to: '2023-05-31' };
const SESSION = 'thuong-ky_20230525T0800';

function programme(
  opts: {
    overrides?: Parameters<typeof occurrences>[1];
    meetings?: Parameters<typeof occurrences>[2];
    items?: ReturnType<typeof item>[];
    partA?: string;
  } = {},
) {
  return buildProgramme({
    body,
    month: '2023-05',
    series: [briefing, regular],
    directory,
    occurrences: occurrences(MAY, opts.overrides ?? [], opts.meetings ?? []),
    items: opts.items ?? [
      item(SESSION, 1, [['tckh', 'lead']]),
      item(SESSION, 2, [['tckh', 'lead']]),
      item(SESSION, 3, []),
    ],
    settings: settings({ partA: opts.partA ?? '### 1. Về kinh tế\n\nNội dung.' }),
  });
}

describe('the monthly work programme', () => {
  test('when built for May 2023, then it has the decree header, title, session with its agenda, the conference note and the standing briefing', () => {
    const doc = programme();
    expect(doc.header).toEqual({
      issuerParent: 'TỈNH BẮC GIANG',
      issuer: 'ỦY BAN NHÂN DÂN HUYỆN LỤC NGẠN',
      numberLine: 'Số: .../CTr-UBND',
      placeDateLine: 'Lục Ngạn, ngày ... tháng ... năm 2023',
      nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      motto: 'Độc lập - Tự do - Hạnh phúc',
    });
    expect(doc.title).toBe('CHƯƠNG TRÌNH CÔNG TÁC THÁNG 5 NĂM 2023');
    expect(doc.partB.sections.map((s) => `${s.numeral}. ${s.text}`)).toEqual([
      'I. Phiên họp thường kỳ UBND huyện tháng 5/2023: Ngày 25/5/2023 (Thứ Năm); dự kiến các nội dung trình phiên họp gồm:',
      'II. Các hội nghị chuyên đề, UBND huyện sẽ có lịch cụ thể riêng.',
      'III. Giao ban Chủ tịch và các Phó Chủ tịch UBND huyện vào chiều thứ Năm hằng tuần (các ngày 4, 11, 18 và 25/5/2023)./.',
    ]);
    expect(doc.partB.sections[0]!.lines).toEqual([
      { type: 'item', number: 1, text: 'Nội dung 1.' },
      { type: 'item', number: 2, text: 'Nội dung 2.' },
      { type: 'preparing', text: '(Phòng Tài chính - Kế hoạch chuẩn bị nội dung 1, 2)' },
      { type: 'item', number: 3, text: 'Nội dung 3.' },
    ]);
    expect(doc.signature).toEqual({ authority: 'TL. CHỦ TỊCH', title: 'CHÁNH VĂN PHÒNG', signerName: '' });
    expect(doc.recipients.at(-1)).toBe('- Lưu: VT.');
    expect(doc.warnings).toEqual(['Phiên họp thường kỳ UBND huyện (25/5/2023), nội dung 3: chưa có cơ quan chuẩn bị.']);
  });

  test('when the session is moved and a briefing cancelled, then the programme shows the new date and names the cancelled briefing as an exception', () => {
    const doc = programme({
      overrides: [
        override(regular, '2023-05-25T08:00', { start: '2023-05-23T08:00', reason: 'Theo chỉ đạo' }),
        override(briefing, '2023-05-18T14:00', { cancelled: true, reason: 'Lãnh đạo đi công tác' }),
      ],
    });
    expect(doc.partB.sections[0]!.text).toContain('Ngày 23/5/2023 (Thứ Ba)');
    expect(doc.partB.sections[2]!.text).toBe(
      'Giao ban Chủ tịch và các Phó Chủ tịch UBND huyện vào chiều thứ Năm hằng tuần (các ngày 4, 11 và 25/5/2023); buổi ngày 18/5/2023 không họp./.',
    );
    expect(doc.meetings.find((m) => m.id === 'giao-ban_20230518T1400')?.status).toBe('cancelled');
  });

  test('when a Thursday briefing is moved to a Wednesday morning, then it is not listed under the rule but as an exception with its own weekday and time', () => {
    const doc = programme({
      overrides: [override(briefing, '2023-05-11T14:00', { start: '2023-05-10T08:00', reason: 'Trùng lịch' })],
    });
    expect(doc.partB.sections[2]!.text).toBe(
      'Giao ban Chủ tịch và các Phó Chủ tịch UBND huyện vào chiều thứ Năm hằng tuần (các ngày 4, 18 và 25/5/2023); buổi ngày 11/5/2023 dời sang 8h00 sáng thứ Tư, ngày 10/5/2023./.',
    );
  });

  test('when an extra briefing is added and every rule date is moved or cancelled, then each is said on its own', () => {
    const extra = meeting({
      id: 'giao-ban-them',
      seriesId: briefing.id,
      title: briefing.title,
      kind: 'briefing',
      start: '2023-05-16T14:00',
      location: '',
    });
    const doc = programme({
      meetings: [extra],
      overrides: [
        override(briefing, '2023-05-04T14:00', { cancelled: true }),
        override(briefing, '2023-05-11T14:00', { start: '2023-05-11T15:30' }),
        override(briefing, '2023-05-18T14:00', { cancelled: true }),
        override(briefing, '2023-05-25T14:00', { start: '2023-05-26T14:00' }),
      ],
    });
    const standing = doc.partB.sections.find((x) => x.kind === 'standing')!;
    expect(standing.text).toBe(
      'Giao ban Chủ tịch và các Phó Chủ tịch UBND huyện vào chiều thứ Năm hằng tuần: buổi ngày 4/5/2023 không họp; buổi ngày 11/5/2023 dời sang 15h30 chiều thứ Năm, ngày 11/5/2023; thêm buổi 14h00 chiều thứ Ba, ngày 16/5/2023; buổi ngày 18/5/2023 không họp; buổi ngày 25/5/2023 dời sang 14h00 chiều thứ Sáu, ngày 26/5/2023./.',
    );
  });

  test('when the body has no parent issuer, then the header prints the organ and the place on two lines', () => {
    const own = { ...body, parentName: '' };
    const doc = buildProgramme({
      body: own,
      month: '2023-05',
      series: [],
      directory,
      occurrences: [],
      items: [],
      settings: settings(),
    });
    expect(doc.header.issuerParent).toBe('');
    expect(doc.header.issuer).toBe('ỦY BAN NHÂN DÂN\nHUYỆN LỤC NGẠN');
    expect(issuerName({ name: 'Hội đồng nhân dân huyện Lục Ngạn', place: 'Lục Ngạn', parentName: '' })).toBe(
      'HỘI ĐỒNG NHÂN DÂN\nHUYỆN LỤC NGẠN',
    );
    expect(issuerName({ name: 'Ủy ban nhân dân thị xã Chũ', place: 'Chũ', parentName: '' })).toBe(
      'ỦY BAN NHÂN DÂN\nTHỊ XÃ CHŨ',
    );
    // Under a parent, and where the name does not end with its unit and place, one line.
    expect(issuerName({ name: 'Huyện ủy Lục Ngạn', place: 'Lục Ngạn', parentName: 'ĐẢNG BỘ TỈNH BẮC GIANG' })).toBe(
      'HUYỆN ỦY LỤC NGẠN',
    );
    expect(
      issuerName({ name: 'Ủy ban nhân dân huyện Lục Ngạn', place: 'Lục Ngạn', parentName: 'TỈNH BẮC GIANG' }),
    ).toBe('ỦY BAN NHÂN DÂN HUYỆN LỤC NGẠN');
  });

  test('when there are thematic conferences, then they are listed with date, time and place before the standing slots', () => {
    const doc = programme({ meetings: [meeting({})] });
    const conferences = doc.partB.sections.find((s) => s.kind === 'conferences')!;
    expect(conferences.numeral).toBe('II');
    expect(conferences.entries).toEqual([
      '1. Hội nghị sơ kết 6 tháng: Ngày 16/5/2023 (Thứ Ba), 8h00, tại Hội trường UBND huyện.',
      'Các hội nghị chuyên đề khác, UBND huyện sẽ có lịch cụ thể riêng.',
    ]);
  });

  test('when part A is empty and there is no session, then the Office is warned; the document still builds', () => {
    const doc = buildProgramme({
      body,
      month: '2023-05',
      series: [briefing],
      directory,
      occurrences: [],
      items: [],
      settings: settings({ partA: '' }),
    });
    expect(doc.warnings).toEqual([
      'Chưa có nội dung phần A (nhiệm vụ trọng tâm) của tháng này.',
      'Tháng này chưa có phiên họp nào.',
    ]);
    expect(doc.partB.sections.map((s) => s.text)).toEqual([
      'Các hội nghị chuyên đề, UBND huyện sẽ có lịch cụ thể riêng./.',
    ]);
  });

  test('when describing standing slots, then common rules read as the Office writes them', () => {
    expect(describeRecurrence('FREQ=WEEKLY;BYDAY=TH', '14:00')).toBe('vào chiều thứ Năm hằng tuần');
    expect(describeRecurrence('FREQ=MONTHLY;BYDAY=2TH', '08:00')).toBe('vào sáng thứ Năm tuần thứ hai hằng tháng');
    expect(describeRecurrence('FREQ=MONTHLY;BYDAY=-1FR', '14:00')).toBe('vào chiều thứ Sáu tuần cuối cùng hằng tháng');
    expect(describeRecurrence('FREQ=MONTHLY;BYMONTHDAY=25', '08:00')).toBe('vào sáng ngày 25 hằng tháng');
    expect(describeRecurrence('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '08:00')).toBeNull();
    expect(describeRecurrence('FREQ=WEEKLY;BYDAY=MO,TH', '08:00')).toBeNull();
  });
});
