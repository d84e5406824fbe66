import { localToUtc } from '../../../src/meetings/local-time';
import { detectChanges, stateOf, type ChangeInput } from '../../../src/reminders/changes';
import type { NotifiedState } from '../../../src/reminders/types';
import { directory, item, links, session, ZONE } from './fixtures';

const now = new Date('2023-05-10T03:00:00Z');
const baseline = stateOf(session(), new Date('2023-05-01T00:00:00Z'));

function input(fields: Partial<ChangeInput> & { notified?: Map<string, NotifiedState> }): ChangeInput {
  return {
    now,
    occurrences: [session()],
    items: [item(1), item(2, { preparingAgencies: [{ code: 'thanh-tra', role: 'lead' }] })],
    notified: new Map([[baseline.occurrenceId, baseline]]),
    directory: directory(),
    links,
    optedOut: () => false,
    organizer: { name: 'Văn phòng HĐND và UBND', email: 'no-reply@lucngan.example' },
    ...fields,
  };
}

function moved(localStart: string, sequence = 2) {
  const startUtc = localToUtc(localStart, ZONE);
  return session({ localStart, startUtc, endUtc: new Date(startUtc.getTime() + 240 * 60_000), sequence });
}

describe('change notices (pure)', () => {
  test('when an occurrence is seen for the first time, then its state is recorded and nothing is sent', () => {
    const r = detectChanges(input({ notified: new Map() }));
    expect(r.notices).toEqual([]);
    expect(r.states.map((s) => [s.occurrenceId, s.sequence])).toEqual([[baseline.occurrenceId, 1]]);
  });

  test('when the meeting moved after its state was recorded, then attendees and preparing agencies get one REQUEST each, keyed by the new SEQUENCE', () => {
    const r = detectChanges(input({ occurrences: [moved('2023-05-30T08:00')] }));
    expect(r.notices.map((n) => n.key)).toEqual([
      'change:ubnd-phien-hop-thuong-ky_20230525T0800:-:chutich@lucngan.example:2',
      'change:ubnd-phien-hop-thuong-ky_20230525T0800:-:vanphong@lucngan.example:2',
      'change:ubnd-phien-hop-thuong-ky_20230525T0800:-:tckh@lucngan.example:2',
      'change:ubnd-phien-hop-thuong-ky_20230525T0800:-:thanhtra@lucngan.example:2',
    ]);
    expect(r.notices[0]!.data).toMatchObject({
      change: 'moved',
      previousWhen: '08:00, Thứ Ba ngày 23/5/2023',
      newWhen: '08:00, Thứ Ba ngày 30/5/2023',
      ical: {
        method: 'REQUEST',
        uid: 'ubnd-phien-hop-thuong-ky@lich-hop',
        recurrenceId: '2023-05-25T08:00',
        start: '2023-05-30T08:00',
        sequence: 2,
      },
    });
    expect(r.notices[0]!.expiresAt).toEqual(localToUtc('2023-05-30T08:00', ZONE));
    expect(r.states[0]!.sequence).toBe(2);
  });

  test('when the meeting is cancelled, then the notice is a CANCEL useful until the old start', () => {
    const r = detectChanges(input({ occurrences: [session({ status: 'cancelled', sequence: 2 })] }));
    expect(r.notices).toHaveLength(4);
    expect(r.notices[0]!.data).toMatchObject({ change: 'cancelled', ical: { method: 'CANCEL' } });
    expect(r.notices[0]!.expiresAt).toEqual(baseline.startUtc);
  });

  test('when only the title changed, or the read is stale, then nothing is sent', () => {
    const retitled = detectChanges(
      input({ occurrences: [session({ title: 'Phiên họp thường kỳ tháng 5', sequence: 2 })] }),
    );
    expect(retitled.notices).toEqual([]);
    expect(retitled.states).toHaveLength(1);
    const stale = detectChanges(input({ occurrences: [moved('2023-05-30T08:00', 1)] }));
    expect(stale).toEqual({ notices: [], states: [] });
  });

  test('when the meeting (at its later time) is already over, then no notice is planned', () => {
    const r = detectChanges(input({ now: new Date('2023-06-01T00:00:00Z'), occurrences: [moved('2023-05-30T08:00')] }));
    expect(r.notices).toEqual([]);
  });
});
