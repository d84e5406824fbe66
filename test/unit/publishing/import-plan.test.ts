/**
 * Deciding what an import does before anything is written: where each session lands, agencies
 * matched, the seed loader's warnings, blocking problems, and a fingerprint of it all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgendaItem } from '../../../src/agenda/types';
import { parseProgrammeText } from '../../../src/publishing/import-programme';
import { planImport, type PlanContext } from '../../../src/publishing/import-plan';
import { projectRoot } from '../../../src/shared/paths';
import { body, briefing, directory, meeting, occurrences, regular } from './fixtures';

const SOURCE = readFileSync(join(projectRoot(), '..', 'shared', 'seeds', '003_bed89d1f3f7829d9.txt'), 'utf8');
const MAY = { from: '2023-05-01', to: '2023-05-31' };
const agencies = [
  ...[...directory.agencies.values()].map((a) => ({
    code: a.code,
    name: a.name,
    shortName: a.shortName,
    bodyCode: a.bodyCode,
  })),
  { code: 'phong-noi-vu', name: 'Phòng Nội vụ', shortName: 'Phòng Nội vụ', bodyCode: 'ubnd' },
];

function ctx(fields: Partial<PlanContext> = {}): PlanContext {
  return {
    bodyCode: 'ubnd',
    month: '2023-05',
    bodies: [body],
    agencies,
    series: [briefing, regular],
    occurrences: occurrences(MAY),
    items: [],
    currentPartA: '',
    ...fields,
  };
}

describe('planning the import of the May 2023 programme', () => {
  const parsed = parseProgrammeText(SOURCE);

  test("when the month's regular session is on another day, then it is moved to 23/5 and gets the 14 items with their agencies", () => {
    const plan = planImport(parsed, ctx());
    expect(plan.problems).toEqual([]);
    const s = plan.sessions[0]!;
    expect(s.target).toEqual({
      action: 'move',
      occurrenceId: 'thuong-ky_20230525T0800',
      from: '2023-05-25T08:00',
      start: '2023-05-23T08:00',
    });
    expect(s.agenda).toBe('new');
    const agenciesOf = (n: number) => s.items.find((i) => i.number === n)!.preparingAgencies.map((a) => a.code);
    expect(agenciesOf(1)).toEqual(['tckh']);
    expect(agenciesOf(8)).toEqual(['thanh-tra', 'cong-an']);
    expect(agenciesOf(14)).toEqual(['phong-noi-vu']);
    expect(agenciesOf(9)).toEqual([]);
  });

  test("when planned, then the warnings are the seed loader's: item 12 missing, item 8 claimed twice, items 9, 13, 15 prepared by nobody", () => {
    const s = planImport(parsed, ctx()).sessions[0]!;
    expect(s.agendaWarnings).toEqual([
      'Văn bản nguồn không có nội dung số 12 (danh sách chuyển từ 11 sang 13).',
      'Văn bản giao "Văn phòng HĐND và UBND huyện chuẩn bị nội dung 10, 11, 12" nhưng không có nội dung số 12 trong danh sách.',
    ]);
    const warned = s.items.filter((i) => i.warnings.length).map((i) => [i.number, i.warnings]);
    expect(warned).toEqual([
      [
        8,
        [
          'Nội dung 8 được giao cho 2 cơ quan: Thanh tra huyện ("Thanh tra huyện chuẩn bị nội dung 7, 8"); Công an huyện ("Công an huyện chuẩn bị nội dung 8").',
        ],
      ],
      [9, ['Văn bản nguồn không giao cơ quan chuẩn bị nội dung 9.']],
      [13, ['Văn bản nguồn không giao cơ quan chuẩn bị nội dung 13.']],
      [15, ['Văn bản nguồn không giao cơ quan chuẩn bị nội dung 15.']],
    ]);
  });

  test('when an occurrence already stands on the date, or there is none that month, or no series at all, then it is used, an extra session, or a one-off meeting', () => {
    const onDay = occurrences(MAY, [
      {
        occurrenceId: 'thuong-ky_20230525T0800',
        seriesId: 'thuong-ky',
        originalStart: '2023-05-25T08:00',
        start: '2023-05-23T08:00',
        durationMinutes: null,
        location: null,
        cancelled: false,
        reason: 'x',
        attendees: null,
        title: null,
        description: null,
        warnings: [],
        sequence: 1,
        updatedAt: new Date(),
      },
    ]);
    expect(planImport(parsed, ctx({ occurrences: onDay })).sessions[0]!.target).toEqual({
      action: 'existing',
      occurrenceId: 'thuong-ky_20230525T0800',
      start: '2023-05-23T08:00',
    });
    expect(
      planImport(parsed, ctx({ occurrences: occurrences(MAY).filter((o) => o.seriesId !== 'thuong-ky') })).sessions[0]!
        .target,
    ).toEqual({
      action: 'extra',
      occurrenceId: 'thuong-ky-2023-05-23',
      seriesId: 'thuong-ky',
      start: '2023-05-23T08:00',
      timeAssumed: false,
    });
    expect(planImport(parsed, ctx({ series: [briefing] })).sessions[0]!.target).toMatchObject({
      action: 'meeting',
      occurrenceId: 'ubnd-regular-session-2023-05-23',
      start: '2023-05-23T08:00',
      timeAssumed: true,
    });
  });

  test('when the Thursday briefing has a series, then the note names it', () => {
    expect(planImport(parsed, ctx()).notes.find((n) => n.label === 'III')).toMatchObject({
      kind: 'weekly',
      seriesId: 'giao-ban',
    });
  });

  test('when an agency is unknown or the agenda already differs, then the import is blocked with the reason', () => {
    const plan = planImport(parsed, ctx({ agencies: agencies.filter((a) => a.code !== 'cong-an') }));
    expect(plan.problems).toEqual([
      'Không nhận ra cơ quan "Công an huyện" (câu "Công an huyện chuẩn bị nội dung 8"): hãy thêm cơ quan này vào danh mục hoặc sửa tên trong văn bản.',
    ]);
    const other: AgendaItem = {
      id: 'x',
      occurrenceId: 'thuong-ky_20230525T0800',
      number: 1,
      title: 'Khác',
    } as AgendaItem;
    expect(planImport(parsed, ctx({ items: [{ ...other, preparingAgencies: [] }] })).problems).toEqual([
      expect.stringContaining('đã có chương trình (1 nội dung) khác với văn bản'),
    ]);
  });

  test('when the programme is of another month, or a session falls outside it, then it is blocked', () => {
    const june = ctx({ month: '2023-06', occurrences: occurrences({ from: '2023-06-01', to: '2023-06-30' }) });
    expect(planImport(parsed, june).problems).toEqual([
      'Mục I: ngày họp 23/5/2023 không thuộc tháng 6/2023 của chương trình.',
    ]);
  });

  test('when the same data is planned twice, then the fingerprint is the same; when part A or the data differ, then it changes', () => {
    const a = planImport(parsed, ctx());
    expect(planImport(parsed, ctx()).fingerprint).toBe(a.fingerprint);
    expect(planImport(parsed, ctx({ currentPartA: parsed.partA! })).fingerprint).not.toBe(a.fingerprint);
    expect(planImport(parsed, ctx({ currentPartA: parsed.partA! })).partAStatus).toBe('unchanged');
    expect(planImport(parsed, ctx({ currentPartA: 'Phần A cũ' }))).toMatchObject({
      partAStatus: 'replaces',
      warnings: expect.arrayContaining(['Phần A đã soạn cho tháng 5/2023 sẽ được thay bằng phần A của văn bản.']),
    });
    expect(
      planImport(parsed, ctx({ occurrences: occurrences(MAY).filter((o) => o.seriesId !== 'thuong-ky') })).fingerprint,
    ).not.toBe(a.fingerprint); // another target
    expect(planImport(parsed, ctx({ occurrences: occurrences(MAY, [], [meeting({})]) })).fingerprint).toBe(
      a.fingerprint,
    ); // an unrelated meeting
  });
});
