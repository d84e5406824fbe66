import { WorkingCalendar } from '../../../src/calendar/working-days';
import {
  DEFAULT_REPORT_SCHEDULE,
  deadlineOfDate,
  isDueThisWeek,
  isOverdue,
  overdueDays,
  overdueWorkingDays,
  progressOf,
  reportRequestDates,
} from '../../../src/directives/deadlines';
import type { Directive } from '../../../src/directives/types';

const ZONE = 'Asia/Ho_Chi_Minh';
const cal = new WorkingCalendar([]);
const at = (iso: string) => new Date(iso);
const d = (over: Partial<Directive> = {}): Directive => ({
  id: 'n-1',
  seq: 1,
  number: 1,
  section: null,
  text: 't',
  assignees: [],
  dueAt: deadlineOfDate('2023-05-19', ZONE),
  dueTimeAssumed: true,
  cadence: null,
  status: 'assigned',
  statusNote: null,
  reportedDoneAt: null,
  doneAt: null,
  reports: [],
  extensions: [],
  deadlineHistory: [],
  warnings: [],
  history: [],
  rev: 0,
  updatedAt: at('2023-05-11T00:00:00Z'),
  ...over,
});

describe('deadlines', () => {
  test('when a deadline is a date only, then it is 17:00 local that day, whatever the host zone', () => {
    expect(deadlineOfDate('2023-05-19', ZONE).toISOString()).toBe('2023-05-19T10:00:00.000Z');
  });

  test('when the deadline has passed on an open directive, then it is overdue by calendar days (at least 1) and working days', () => {
    expect(isOverdue(d(), at('2023-05-19T09:59:00Z'))).toBe(false);
    expect(isOverdue(d(), at('2023-05-19T10:01:00Z'))).toBe(true);
    expect(overdueDays(d(), at('2023-05-19T11:00:00Z'), ZONE)).toBe(1); // the same evening
    expect(overdueDays(d(), at('2023-05-22T01:00:00Z'), ZONE)).toBe(3); // Monday 22/5 08:00
    expect(overdueWorkingDays(d(), at('2023-05-22T01:00:00Z'), ZONE, cal)).toBe(1); // the weekend does not count
    expect(overdueDays(d({ status: 'reported-done' }), at('2023-05-22T01:00:00Z'), ZONE)).toBe(0);
  });

  test('when a deadline falls over the 30/4-1/5 holidays, then working days skip them', () => {
    const due = d({ dueAt: deadlineOfDate('2023-04-28', ZONE) });
    expect(overdueWorkingDays(due, at('2023-05-04T02:00:00Z'), ZONE, cal)).toBe(1); // 29/4-3/5/2023 off; 4/5 is the first working day
  });

  test('when a deadline is within this ISO week and not past, then it is due this week', () => {
    expect(isDueThisWeek(d(), at('2023-05-15T02:00:00Z'), ZONE)).toBe(true); // Monday of that week
    expect(isDueThisWeek(d(), at('2023-05-12T02:00:00Z'), ZONE)).toBe(false); // the week before
    expect(isDueThisWeek(d({ status: 'done' }), at('2023-05-15T02:00:00Z'), ZONE)).toBe(false);
  });

  test('when classifying for the follow-up report, then done on time / late, on track, overdue, not due, standing, no deadline, cancelled', () => {
    const now = at('2023-05-22T02:00:00Z');
    expect(progressOf(d({ status: 'reported-done', reportedDoneAt: at('2023-05-18T00:00:00Z') }), now)).toBe(
      'done-on-time',
    );
    expect(progressOf(d({ status: 'done', reportedDoneAt: at('2023-05-20T00:00:00Z') }), now)).toBe('done-late');
    expect(progressOf(d(), now)).toBe('overdue');
    expect(progressOf(d(), at('2023-05-12T00:00:00Z'))).toBe('not-due');
    expect(progressOf(d({ status: 'in-progress' }), at('2023-05-12T00:00:00Z'))).toBe('on-track');
    expect(progressOf(d({ dueAt: null, cadence: 'monthly' }), now)).toBe('standing');
    expect(progressOf(d({ dueAt: null }), now)).toBe('no-deadline');
    expect(progressOf(d({ status: 'cancelled' }), now)).toBe('cancelled');
  });

  test('when report requests of standing tasks fall on a day off, then they move to the previous working day', () => {
    expect(reportRequestDates('monthly', '2023-06-01', '2023-06-30', DEFAULT_REPORT_SCHEDULE, cal)).toEqual([
      '2023-06-23',
    ]); // 25/6/2023 is a Sunday
    expect(reportRequestDates('monthly', '2023-02-01', '2023-03-31', { monthDay: 31, weekday: 5 }, cal)).toEqual([
      '2023-02-28',
      '2023-03-31',
    ]);
    expect(reportRequestDates('quarterly', '2023-01-01', '2023-12-31', DEFAULT_REPORT_SCHEDULE, cal)).toEqual([
      '2023-03-24',
      '2023-06-23',
      '2023-09-25',
      '2023-12-25',
    ]);
    expect(reportRequestDates('weekly', '2023-04-24', '2023-05-07', DEFAULT_REPORT_SCHEDULE, cal)).toEqual([
      '2023-04-28',
      '2023-05-05',
    ]);
  });
});
