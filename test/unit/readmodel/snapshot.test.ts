/** The in-memory schedule answers like the repositories' queries: filters, sort orders, patches. */
import type { AgendaItem } from '../../../src/agenda/types';
import type { Meeting, Series } from '../../../src/meetings/types';
import type { Body } from '../../../src/organisation/types';
import { ScheduleSnapshot } from '../../../src/readmodel/snapshot';

const at = new Date('2023-05-01T00:00:00Z');
const series = (id: string, bodyCode: string) => ({ id, bodyCode, sequence: 0, updatedAt: at }) as unknown as Series;
const meeting = (id: string, start: string, bodyCode = 'ubnd') =>
  ({ id, start, bodyCode, seriesId: null, updatedAt: at }) as unknown as Meeting;
const item = (occurrenceId: string, number: number, dueAt: string | null, agency = 'tckh') =>
  ({
    id: `${occurrenceId}#${number}`,
    occurrenceId,
    number,
    dueAt: dueAt ? new Date(dueAt) : null,
    preparingAgencies: [{ code: agency, role: 'lead' }],
    rev: 0,
  }) as unknown as AgendaItem;
const body = (code: string, kind: string, level = 'district') => ({ code, kind, level, name: code }) as unknown as Body;

function snapshot() {
  return new ScheduleSnapshot({
    version: 3,
    updatedAt: at,
    series: [series('b', 'ubnd'), series('a', 'hdnd'), series('c', 'ubnd')],
    overrides: [],
    meetings: [
      meeting('m2', '2023-05-23T08:00'),
      meeting('m1', '2023-05-02T14:00'),
      meeting('m3', '2023-06-01T08:00', 'hdnd'),
    ],
    items: [
      item('occ-b', 2, '2023-05-18T10:00:00Z'),
      item('occ-a', 1, null, 'noi-vu'),
      item('occ-b', 1, '2023-05-10T10:00:00Z'),
      item('occ-a', 2, '2023-05-12T10:00:00Z'),
    ],
    bodies: [body('ubnd', 'people-committee'), body('huyen-uy', 'party-committee'), body('hdnd', 'people-council')],
    agencies: [],
    officials: [],
    adjustments: [],
  });
}

describe('ScheduleSnapshot', () => {
  test('when series and meetings are listed, then they are filtered and sorted as the database sorts them', () => {
    const s = snapshot();
    expect(s.listSeries().map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(s.listSeries({ bodyCode: 'ubnd' }).map((x) => x.id)).toEqual(['b', 'c']);
    expect(s.listMeetings().map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    // The repository's window: start >= fromDate and start <= `${toDate}T99` (the whole last day).
    expect(s.listMeetings({ fromDate: '2023-05-02', toDate: '2023-05-23' }).map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(s.listMeetings({ fromDate: '2023-05-03', bodyCode: 'ubnd' }).map((m) => m.id)).toEqual(['m2']);
  });

  test('when agenda items are listed, then by occurrence and number, by due date with undated first, and by agency', () => {
    const s = snapshot();
    expect(s.listByOccurrences(['occ-b', 'occ-a', 'occ-b']).map((i) => i.id)).toEqual([
      'occ-a#1',
      'occ-a#2',
      'occ-b#1',
      'occ-b#2',
    ]);
    expect(s.listAllItems().map((i) => i.id)).toEqual(['occ-a#1', 'occ-a#2', 'occ-b#1', 'occ-b#2']);
    expect(
      s.listDueBetween(new Date('2023-05-11T00:00:00Z'), new Date('2023-05-18T10:00:00Z')).map((i) => i.id),
    ).toEqual(['occ-a#2', 'occ-b#2']);
    expect(s.listByAgency('tckh').map((i) => i.id)).toEqual(['occ-b#1', 'occ-a#2', 'occ-b#2']);
    expect(s.getItem('occ-b', 2)?.id).toBe('occ-b#2');
    expect(s.getItem('occ-b', 3)).toBeNull();
  });

  test('when bodies are listed, then in their political order', () => {
    expect(
      snapshot()
        .listOrg<Body>('bodies')
        .map((b) => b.code),
    ).toEqual(['huyen-uy', 'hdnd', 'ubnd']);
  });

  test('when a write is patched in, then every derived list shows it', () => {
    const s = snapshot();
    expect(s.listMeetings().length).toBe(3); // builds the sorted list
    s.setMeeting(meeting('m0', '2023-04-30T08:00'));
    expect(s.listMeetings().map((m) => m.id)).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(s.listByOccurrences(['occ-a']).length).toBe(2);
    s.setItem(item('occ-a', 3, '2023-05-01T10:00:00Z'));
    s.deleteItem('occ-a#1');
    expect(s.listByOccurrences(['occ-a']).map((i) => i.number)).toEqual([2, 3]);
    expect(s.listByAgency('tckh')[0]!.id).toBe('occ-a#3');
    s.setSeries({ ...series('a', 'ubnd'), sequence: 1 });
    expect(s.listSeries({ bodyCode: 'ubnd' }).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  test('when a caller mutates a returned record under jest, then it fails loudly', () => {
    const s = snapshot();
    const first = s.listSeries()[0]! as { bodyCode: string };
    expect(() => {
      first.bodyCode = 'x';
    }).toThrow(TypeError);
    // The returned arrays are the caller's own.
    const list = s.listSeries();
    list.pop();
    expect(s.listSeries()).toHaveLength(3);
  });
});
