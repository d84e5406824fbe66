/**
 * The Government's decisions on days off as the seed records them (seeds/holiday-decisions.json),
 * and what they change: the announced spans instead of the computed defaults, and the meetings that
 * fall on them.
 */
import { decidesSame } from '../../../src/calendar/adjustments';
import { decisionLabel, type CalendarAdjustment } from '../../../src/calendar/holidays';
import { WorkingCalendar } from '../../../src/calendar/working-days';
import { expandSeries } from '../../../src/meetings/occurrences';
import { readHolidayDecisions } from '../../../src/seed/load';
import { makeSeries } from '../meetings/fixtures';

const decisions: CalendarAdjustment[] = readHolidayDecisions();
const withDecisions = new WorkingCalendar(decisions);
const withoutDecisions = new WorkingCalendar([]);

/** Days off (true) and working days (false) of a list of dates. */
const offDays = (cal: WorkingCalendar, dates: string[]) => dates.map((d) => !cal.isWorkingDay(d));

describe('the seeded decisions', () => {
  it('each has a document number and date, and no two decide the same thing', () => {
    expect(decisions.length).toBeGreaterThanOrEqual(14);
    for (const d of decisions) {
      expect(d.documentNumber).toMatch(/^(Công văn|Thông báo) số \d+\/[A-ZĐ-]+/);
      expect(d.documentDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const [i, a] of decisions.entries())
      for (const b of decisions.slice(i + 1)) expect(decidesSame(a, b)).toBe(false);
  });

  it('2023: Tết from Friday 20/1 to Thursday 26/1 (Công văn 8056/VPCP-KGVX), Quốc khánh 1/9 - 4/9', () => {
    expect(offDays(withDecisions, ['2023-01-19', '2023-01-20', '2023-01-26', '2023-01-27'])).toEqual([
      false,
      true,
      true,
      false,
    ]);
    // The computed default would have had 20/1 worked and 27/1 off.
    expect(offDays(withoutDecisions, ['2023-01-20', '2023-01-27'])).toEqual([false, true]);
    expect(withDecisions.dayOff('2023-01-20')).toEqual({
      date: '2023-01-20',
      name: 'Tết Nguyên đán',
      kind: 'holiday',
      documentNumber: 'Công văn số 8056/VPCP-KGVX',
      documentDate: '2022-12-01',
    });
    expect(offDays(withDecisions, ['2023-08-31', '2023-09-01', '2023-09-04', '2023-09-05'])).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(withDecisions.dayOff('2023-09-04')?.kind).toBe('compensatory');
  });

  it('2024: Tết from Thursday 8/2 to Wednesday 14/2 (Công văn 8662/VPCP-KGVX), 30/4 swap with Saturday 4/5, Quốc khánh 31/8 - 3/9', () => {
    expect(offDays(withDecisions, ['2024-02-07', '2024-02-08', '2024-02-14', '2024-02-15'])).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(offDays(withoutDecisions, ['2024-02-08', '2024-02-15'])).toEqual([false, true]);
    expect(decisionLabel(withDecisions.dayOff('2024-02-08')!)).toBe('Công văn số 8662/VPCP-KGVX ngày 03/11/2023');
    expect(withDecisions.dayOff('2024-04-29')).toMatchObject({
      kind: 'decision',
      documentNumber: 'Công văn số 2450/VPCP-KGVX',
    });
    expect(withDecisions.isWorkingDay('2024-05-04')).toBe(true); // a make-up Saturday
    expect(offDays(withDecisions, ['2024-08-30', '2024-09-02', '2024-09-03', '2024-09-04'])).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(withDecisions.dayOff('2024-09-03')?.documentNumber).toBe('Công văn số 8662/VPCP-KGVX');
  });

  it('2025: Tết from Saturday 25/1 to Sunday 2/2 including Monday 27/1 (Công văn 8726/VPCP-KGVX), 2/5 swapped with Saturday 26/4, Quốc khánh 30/8 - 2/9', () => {
    expect(offDays(withDecisions, ['2025-01-24', '2025-01-27', '2025-02-02', '2025-02-03'])).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(withoutDecisions.isWorkingDay('2025-01-27')).toBe(true);
    expect(withDecisions.dayOff('2025-01-27')).toMatchObject({
      name: 'Tết Nguyên đán',
      documentNumber: 'Công văn số 8726/VPCP-KGVX',
    });
    expect(withDecisions.dayOff('2025-05-02')).toMatchObject({
      kind: 'decision',
      documentNumber: 'Công văn số 8726/VPCP-KGVX',
    });
    expect(withDecisions.isWorkingDay('2025-04-26')).toBe(true);
    expect(offDays(withDecisions, ['2025-08-29', '2025-09-01', '2025-09-02', '2025-09-03'])).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('2026: Tết from Saturday 14/2 to Sunday 22/2 (Thông báo 9441/TB-BNV), Quốc khánh 29/8 - 2/9 with Monday 31/8 swapped for Saturday 22/8', () => {
    expect(offDays(withDecisions, ['2026-02-13', '2026-02-16', '2026-02-20', '2026-02-23'])).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(withDecisions.dayOff('2026-02-17')).toMatchObject({
      name: 'Tết Nguyên đán',
      documentNumber: 'Thông báo số 9441/TB-BNV',
    });
    expect(offDays(withDecisions, ['2026-08-28', '2026-08-31', '2026-09-01', '2026-09-02', '2026-09-03'])).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(withDecisions.isWorkingDay('2026-08-22')).toBe(true);
  });
});

describe('meetings on the decided days', () => {
  const thursdays = makeSeries({ holidayPolicy: 'skip', startDate: '2024-01-04' });
  const february = { from: '2024-02-01', to: '2024-02-29' };

  it('the Thursday briefing of 8/2/2024 falls in the decided Tết span: skipped, naming the decision; 15/2 is a working day again', () => {
    const occs = expandSeries(thursdays, [], february, withDecisions);
    const byDate = Object.fromEntries(occs.map((o) => [o.originalLocalStart.slice(0, 10), o]));
    expect(byDate['2024-02-08']).toMatchObject({
      status: 'cancelled',
      reason: 'Trùng ngày nghỉ: Tết Nguyên đán (theo Công văn số 8662/VPCP-KGVX ngày 03/11/2023)',
    });
    expect(byDate['2024-02-08']!.holiday).toEqual({
      name: 'Tết Nguyên đán',
      policy: 'skip',
      originalDate: '2024-02-08',
      documentNumber: 'Công văn số 8662/VPCP-KGVX',
      documentDate: '2023-11-03',
    });
    expect(byDate['2024-02-15']).toMatchObject({ status: 'scheduled', holiday: null });
    // Without the decision the computed default gets both wrong.
    const computed = Object.fromEntries(
      expandSeries(thursdays, [], february, withoutDecisions).map((o) => [o.originalLocalStart.slice(0, 10), o.status]),
    );
    expect([computed['2024-02-08'], computed['2024-02-15']]).toEqual(['scheduled', 'cancelled']);
  });

  it('a monthly session on the 25th in January 2025 goes to Friday 24/1, not to Monday 27/1 (a day off by decision)', () => {
    const session = makeSeries({
      id: 'phien-hop',
      kind: 'regular-session',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=25',
      startDate: '2024-12-25',
      startTime: '08:00',
      holidayPolicy: 'next-working-day',
    });
    const january = { from: '2025-01-01', to: '2025-01-31' };
    expect(expandSeries(session, [], january, withDecisions).map((o) => o.localStart)).toEqual(['2025-01-24T08:00']);
    expect(expandSeries(session, [], january, withoutDecisions).map((o) => o.localStart)).toEqual(['2025-01-27T08:00']);
  });
});
