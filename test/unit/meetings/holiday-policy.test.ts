import { expandSeries } from '../../../src/meetings/occurrences';
import type { HolidayPolicy } from '../../../src/meetings/types';
import { fakeCalendar, makeOverride, makeSeries } from './fixtures';

const calendar = fakeCalendar();

/** A Monday meeting at 08:00; Monday 1/5/2023 is Labour Day, and 2/5 and 3/5 are days off too. */
const mondays = (holidayPolicy: HolidayPolicy) =>
  makeSeries({
    id: 'hop-thu-hai',
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    startTime: '08:00',
    startDate: '2023-01-02',
    holidayPolicy,
  });

const labourDay = { name: 'Ngày Quốc tế Lao động', originalDate: '2023-05-01' };

describe('holiday policy', () => {
  it("when the policy is 'skip', then the occurrence on the day off is returned cancelled with a Vietnamese reason", () => {
    const [first, second] = expandSeries(mondays('skip'), [], { from: '2023-05-01', to: '2023-05-08' }, calendar);
    expect(first).toMatchObject({
      localStart: '2023-05-01T08:00',
      status: 'cancelled',
      reason: 'Trùng ngày nghỉ: Ngày Quốc tế Lao động',
      holiday: { ...labourDay, policy: 'skip' },
    });
    expect(second).toMatchObject({ localStart: '2023-05-08T08:00', status: 'scheduled', holiday: null });
  });

  it("when the policy is 'next-working-day', then it moves past the whole run of days off, same local time", () => {
    const occ = expandSeries(mondays('next-working-day'), [], { from: '2023-05-01', to: '2023-05-05' }, calendar)[0]!;
    expect(occ).toMatchObject({
      id: 'hop-thu-hai_20230501T0800',
      localStart: '2023-05-04T08:00',
      originalLocalStart: '2023-05-01T08:00',
      status: 'moved',
      reason: 'Trùng ngày nghỉ: Ngày Quốc tế Lao động; dời sang ngày 4/5/2023',
      holiday: { ...labourDay, policy: 'next-working-day' },
    });
    expect(occ.startUtc.toISOString()).toBe('2023-05-04T01:00:00.000Z');
  });

  it("when the policy is 'previous-working-day', then a weekly meeting may move into the previous month and window", () => {
    // Moved to Friday 28/4, before the window of May: it is not in May's schedule but in April's.
    expect(
      expandSeries(mondays('previous-working-day'), [], { from: '2023-05-01', to: '2023-05-07' }, calendar),
    ).toEqual([]);
    const april = expandSeries(mondays('previous-working-day'), [], { from: '2023-04-28', to: '2023-04-28' }, calendar);
    expect(april).toHaveLength(1);
    expect(april[0]).toMatchObject({
      localStart: '2023-04-28T08:00',
      status: 'moved',
      holiday: { ...labourDay, policy: 'previous-working-day' },
    });
  });

  it("when the policy is 'keep', then the occurrence stays on the day off, scheduled but flagged", () => {
    const occ = expandSeries(mondays('keep'), [], { from: '2023-05-01', to: '2023-05-01' }, calendar)[0]!;
    expect(occ).toMatchObject({
      localStart: '2023-05-01T08:00',
      status: 'scheduled',
      reason: null,
      holiday: { ...labourDay, policy: 'keep' },
    });
  });

  it('when a monthly session on the 30th falls on a Saturday whose next working day is in the next month, then it goes to the previous working day', () => {
    const series = makeSeries({
      id: 'hop-30',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=30',
      startTime: '08:00',
      holidayPolicy: 'next-working-day',
    });
    const list = expandSeries(series, [], { from: '2023-09-01', to: '2023-12-31' }, calendar);
    // 30/9 Sat → 29/9 Fri (2/10 is October); 30/10 Mon stays; 30/11 Thu stays; 30/12 Sat → 29/12 (1/1 is a holiday anyway).
    expect(list.map((o) => [o.originalLocalStart, o.localStart, o.status])).toEqual([
      ['2023-09-30T08:00', '2023-09-29T08:00', 'moved'],
      ['2023-10-30T08:00', '2023-10-30T08:00', 'scheduled'],
      ['2023-11-30T08:00', '2023-11-30T08:00', 'scheduled'],
      ['2023-12-30T08:00', '2023-12-29T08:00', 'moved'],
    ]);
    expect(list[0]!.holiday).toEqual({ name: 'Thứ Bảy', policy: 'next-working-day', originalDate: '2023-09-30' });
  });

  it('when a monthly session falls on a day off and the next working day is in the same month, then it goes there', () => {
    const series = makeSeries({
      id: 'ubnd-thuong-ky',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=23',
      startTime: '08:00',
      holidayPolicy: 'next-working-day',
    });
    const occ = expandSeries(series, [], { from: '2023-09-01', to: '2023-09-30' }, calendar)[0]!;
    expect(occ).toMatchObject({
      originalLocalStart: '2023-09-23T08:00',
      localStart: '2023-09-25T08:00',
      status: 'moved',
    });
  });

  it("when a monthly session on the 1st uses 'previous-working-day' and that leaves the month, then it goes to the next working day of the month", () => {
    const series = makeSeries({
      id: 'hop-mung-1',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
      startTime: '08:00',
      holidayPolicy: 'previous-working-day',
    });
    const occ = expandSeries(series, [], { from: '2023-05-01', to: '2023-05-31' }, calendar)[0]!;
    expect(occ).toMatchObject({
      originalLocalStart: '2023-05-01T08:00',
      localStart: '2023-05-04T08:00',
      status: 'moved',
    });
  });

  it('when a yearly meeting moves, then it also stays in its month', () => {
    const series = makeSeries({
      id: 'tong-ket',
      rrule: 'FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=1',
      startTime: '08:00',
      holidayPolicy: 'previous-working-day',
    });
    const occ = expandSeries(series, [], { from: '2023-09-01', to: '2023-09-30' }, calendar)[0]!;
    expect(occ).toMatchObject({ localStart: '2023-09-05T08:00', holiday: { name: 'Nghỉ lễ Quốc khánh' } });
  });

  it('when a weekly meeting moves to the previous working day, then it may leave the month', () => {
    const series = makeSeries({
      id: 'hop-thu-sau',
      rrule: 'FREQ=WEEKLY;BYDAY=FR',
      startTime: '08:00',
      holidayPolicy: 'previous-working-day',
    });
    const occ = expandSeries(series, [], { from: '2023-08-28', to: '2023-09-03' }, calendar)[0]!;
    expect(occ).toMatchObject({
      originalLocalStart: '2023-09-01T08:00',
      localStart: '2023-08-31T08:00',
      status: 'moved',
    });
  });

  it('when an override exists for an occurrence on a day off, then the override wins over the policy but the holiday stays noted', () => {
    const series = mondays('skip');
    const moved = makeOverride(series, '2023-05-01T08:00', { start: '2023-05-05T14:00', reason: 'Họp bù sau kỳ nghỉ' });
    const occ = expandSeries(series, [moved], { from: '2023-05-01', to: '2023-05-05' }, calendar)[0]!;
    expect(occ).toMatchObject({
      localStart: '2023-05-05T14:00',
      status: 'moved',
      reason: 'Họp bù sau kỳ nghỉ',
      warnings: [],
    });
    expect(occ.holiday).toEqual({ ...labourDay, policy: 'skip' });

    const details = makeOverride(mondays('next-working-day'), '2023-05-01T08:00', { location: 'Hội trường' });
    const kept = expandSeries(
      mondays('next-working-day'),
      [details],
      { from: '2023-05-01', to: '2023-05-05' },
      calendar,
    )[0]!;
    expect(kept).toMatchObject({
      localStart: '2023-05-04T08:00',
      status: 'moved',
      location: 'Hội trường',
      overridden: true,
    });

    const cancelled = makeOverride(mondays('keep'), '2023-05-01T08:00', { cancelled: true, reason: 'Nghỉ lễ' });
    expect(
      expandSeries(mondays('keep'), [cancelled], { from: '2023-05-01', to: '2023-05-01' }, calendar)[0],
    ).toMatchObject({
      status: 'cancelled',
      reason: 'Nghỉ lễ',
    });
  });
});
