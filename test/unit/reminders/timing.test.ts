import { toOffsetIso } from '../../../src/meetings/local-time';
import { agendaTime, digestSlots, overdueTime, preparationTimes } from '../../../src/reminders/timing';
import { calendar, ZONE } from './fixtures';

const iso = (d: Date) => toOffsetIso(d, ZONE);

describe('reminder timing', () => {
  test('when documents are due Thursday 18/5/2023 17:00, then reminders go 7, 3, 1 working days before and on the due day at 08:00', () => {
    const times = preparationTimes(new Date('2023-05-18T10:00:00Z'), ZONE, [7, 3, 1, 0], '08:00', calendar);
    expect(times.map((t) => [t.offset, iso(t.at)])).toEqual([
      [7, '2023-05-09T08:00:00+07:00'],
      [3, '2023-05-15T08:00:00+07:00'],
      [1, '2023-05-17T08:00:00+07:00'],
      [0, '2023-05-18T08:00:00+07:00'],
    ]);
  });

  test('when the working days before the due date span the 30/4-1/5 holidays, then the holidays are skipped', () => {
    // 2023: 29/4 (Sat) to 3/5 are days off; due Thursday 4/5 17:00.
    const times = preparationTimes(new Date('2023-05-04T10:00:00Z'), ZONE, [1, 3], '08:00', calendar);
    expect(times.map((t) => [t.offset, iso(t.at)])).toEqual([
      [3, '2023-04-26T08:00:00+07:00'],
      [1, '2023-04-28T08:00:00+07:00'],
    ]);
  });

  test('when the due-day reminder would not come before the due time, then it is dropped', () => {
    const times = preparationTimes(new Date('2023-05-18T01:00:00Z'), ZONE, [0, 1], '08:00', calendar); // due 08:00
    expect(times.map((t) => t.offset)).toEqual([1]);
  });

  test('when an item is overdue, then the notice goes the next working day at the reminder time', () => {
    expect(iso(overdueTime(new Date('2023-05-18T10:00:00Z'), ZONE, '08:00', calendar))).toBe(
      '2023-05-19T08:00:00+07:00',
    );
    expect(iso(overdueTime(new Date('2023-04-28T10:00:00Z'), ZONE, '08:00', calendar))).toBe(
      '2023-05-04T08:00:00+07:00',
    );
  });

  test('when a meeting is on Tuesday 23/5, then its agenda goes on Monday 22/5; on Thursday 4/5/2023, on Friday 28/4', () => {
    expect(iso(agendaTime('2023-05-23T08:00', ZONE, '08:00', calendar))).toBe('2023-05-22T08:00:00+07:00');
    expect(iso(agendaTime('2023-05-04T14:00', ZONE, '15:00', calendar))).toBe('2023-04-28T15:00:00+07:00');
  });

  test('when listing digest days on Tuesday 16/5/2023, then yesterday Monday and next Monday appear, each useful until midnight', () => {
    const slots = digestSlots(new Date('2023-05-16T02:00:00Z'), ZONE, 1, '07:30');
    expect(slots.map((s) => [s.date, iso(s.at), iso(s.expiresAt)])).toEqual([
      ['2023-05-15', '2023-05-15T07:30:00+07:00', '2023-05-16T00:00:00+07:00'],
      ['2023-05-22', '2023-05-22T07:30:00+07:00', '2023-05-23T00:00:00+07:00'],
    ]);
  });
});
