import { RRule } from 'rrule';
import { ValidationError } from '../../../src/shared/errors';
import type { FieldProblem } from '../../../src/shared/errors';
import {
  MAX_OCCURRENCES_PER_CALL,
  expandRule,
  normaliseRrule,
  ruleFrequency,
  validateRrule,
} from '../../../src/meetings/recurrence';

const rule = (rrule: string, startDate = '2023-01-01', startTime = '08:00', endDate: string | null = null) => ({
  rrule,
  startDate,
  startTime,
  endDate,
});

/**
 * How far rrule may walk for each query `fn` makes, in years: from the rule's DTSTART to the end of
 * its walk. On a rule with no date left rrule walks every period up to its last year (9999),
 * whatever UNTIL says (it checks UNTIL on dates found), so this span bounds the work by
 * construction, without measuring time on a shared machine.
 */
function walkedYears(fn: () => unknown): number[] {
  const queries = [jest.spyOn(RRule.prototype, 'after'), jest.spyOn(RRule.prototype, 'between')];
  try {
    fn();
    const rules = queries.flatMap((q) => q.mock.contexts as RRule[]);
    const startYears = rules.map((r) => r.options.dtstart.getUTCFullYear());
    return startYears.map((year) => 9999 - year);
  } finally {
    for (const q of queries) q.mockRestore();
  }
}

/** The first field problem of the ValidationError `fn` throws. */
function problemOf(fn: () => unknown): FieldProblem | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.details[0];
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('validateRrule', () => {
  it.each([
    'FREQ=WEEKLY;BYDAY=TH',
    'FREQ=MONTHLY;BYMONTHDAY=23',
    'FREQ=MONTHLY;BYDAY=-1FR',
    'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=4',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
    'RRULE:FREQ=WEEKLY;BYDAY=TH',
    'freq=weekly;byday=th;',
    'FREQ=YEARLY;BYMONTH=12;BYDAY=-1FR;COUNT=5',
    'FREQ=MONTHLY;BYMONTHDAY=25;UNTIL=20231231',
    'FREQ=MONTHLY;BYMONTHDAY=25;UNTIL=20231231T235959',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
  ])('when the rule is %s, then it is accepted', (text) => {
    expect(validateRrule(text)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['BYDAY=TH', /FREQ is missing/],
    ['FREQ=HOURLY', /FREQ=HOURLY is not allowed/],
    ['FREQ=MINUTELY;INTERVAL=30', /FREQ=MINUTELY is not allowed/],
    ['FREQ=FORTNIGHTLY', /Unknown FREQ/],
    ['FREQ=WEEKLY;BYDAY=TH;DTSTART=20230105T140000', /DTSTART must not be inside the rule/],
    ['DTSTART;TZID=Asia/Ho_Chi_Minh:20230105T140000\nRRULE:FREQ=WEEKLY', /single RRULE value/],
    ['FREQ=WEEKLY;TZID=Asia/Ho_Chi_Minh', /TZID must not be inside the rule/],
    ['FREQ=MONTHLY;UNTIL=20231231T170000Z', /without a time zone/],
    ['FREQ=MONTHLY;UNTIL=20230231', /UNTIL=20230231 is invalid/],
    ['FREQ=WEEKLY;COUNT=5;UNTIL=20231231', /COUNT and UNTIL cannot be used together/],
    ['FREQ=WEEKLY;BYDAY=TH;BYHOUR=14', /BYHOUR is not allowed/],
    ['FREQ=YEARLY;BYWEEKNO=20', /BYWEEKNO is not supported/],
    ['FREQ=WEEKLY;BYDAY=THURSDAY', /BYDAY item 'THURSDAY' is invalid/],
    ['FREQ=WEEKLY;BYDAY=-1FR', /needs FREQ=MONTHLY or FREQ=YEARLY/],
    ['FREQ=MONTHLY;BYDAY=6MO', /between -5 and 5/],
    ['FREQ=MONTHLY;BYDAY=0MO', /BYDAY item '0MO' is invalid/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /BYMONTHDAY=32 is invalid/],
    ['FREQ=MONTHLY;BYMONTHDAY=0', /BYMONTHDAY=0 is invalid/],
    ['FREQ=WEEKLY;BYMONTHDAY=1', /cannot be used with FREQ=WEEKLY/],
    ['FREQ=MONTHLY;BYMONTH=13', /BYMONTH=13 is invalid/],
    ['FREQ=WEEKLY;INTERVAL=0', /INTERVAL=0 is invalid/],
    ['FREQ=WEEKLY;COUNT=-2', /COUNT=-2 is invalid/],
    ['FREQ=WEEKLY;COUNT=1,2', /COUNT takes one number/],
    ['FREQ=MONTHLY;BYSETPOS=2', /BYSETPOS needs BYDAY/],
    ['FREQ=WEEKLY;BYDAY=TH;BYDAY=FR', /BYDAY appears more than once/],
    ['FREQ=WEEKLY;BYDAY=', /BYDAY needs a value/],
    ['FREQ=WEEKLY;X-NAME=1', /Unknown part 'X-NAME=1'/],
    ['FREQ=WEEKLY;WKST=XX', /WKST=XX is invalid/],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', /never produces a date/],
    ['FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=31', /never produces a date/],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6', /never produces a date/],
    ['FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=15', /never produces a date/],
  ])('when the rule is %j, then it is rejected with a message', (text, message) => {
    expect(validateRrule(text)).toMatch(message);
  });

  it('when a never-matching daily rule is checked, then rrule walks 29 years (not to year 9999 from now)', () => {
    const check = () => expect(validateRrule('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30')).toMatch(/never produces a date/);
    const walked = walkedYears(check);
    expect(walked).toEqual([29]); // one probe, from 9970
  });
});

describe('normaliseRrule', () => {
  it('when a rule has a prefix, blanks, lower case or a trailing semicolon, then they are removed and FREQ comes first', () => {
    expect(normaliseRrule(' RRULE:byday=TH; freq=weekly; ')).toBe('FREQ=WEEKLY;BYDAY=TH');
    expect(normaliseRrule('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=4')).toBe('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=4');
  });

  it('when the frequency is asked, then it is read from the rule', () => {
    expect(ruleFrequency('RRULE:FREQ=MONTHLY;BYMONTHDAY=23')).toBe('MONTHLY');
    expect(() => ruleFrequency('FREQ=HOURLY')).toThrow(ValidationError);
  });
});

describe('expandRule', () => {
  it('when the Thursday briefing is expanded over May 2023, then it gives the four Thursdays at 14:00', () => {
    const thursdays = rule('FREQ=WEEKLY;BYDAY=TH', '2023-01-05', '14:00');
    expect(expandRule(thursdays, '2023-05-01', '2023-05-31')).toEqual([
      '2023-05-04T14:00',
      '2023-05-11T14:00',
      '2023-05-18T14:00',
      '2023-05-25T14:00',
    ]);
  });

  it('when the window bounds fall on occurrences, then both bounds are included', () => {
    const thursdays = rule('FREQ=WEEKLY;BYDAY=TH', '2023-01-05', '23:59');
    expect(expandRule(thursdays, '2023-05-04', '2023-05-11')).toEqual(['2023-05-04T23:59', '2023-05-11T23:59']);
  });

  it('when a rule takes the 4th Tuesday, then BYSETPOS=4 and BYDAY=4TU give the same dates', () => {
    const expected = [
      '2023-01-24T08:00',
      '2023-02-28T08:00',
      '2023-03-28T08:00',
      '2023-04-25T08:00',
      '2023-05-23T08:00',
      '2023-06-27T08:00',
    ];
    expect(expandRule(rule('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=4'), '2023-01-01', '2023-06-30')).toEqual(expected);
    expect(expandRule(rule('FREQ=MONTHLY;BYDAY=4TU'), '2023-01-01', '2023-06-30')).toEqual(expected);
  });

  it('when a rule takes the last Friday or every other Monday, then the dates follow the calendar', () => {
    expect(expandRule(rule('FREQ=MONTHLY;BYDAY=-1FR'), '2023-04-01', '2023-06-30')).toEqual([
      '2023-04-28T08:00',
      '2023-05-26T08:00',
      '2023-06-30T08:00',
    ]);
    expect(expandRule(rule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '2023-05-01'), '2023-05-01', '2023-06-05')).toEqual([
      '2023-05-01T08:00',
      '2023-05-15T08:00',
      '2023-05-29T08:00',
    ]);
  });

  it('when the series has an end date, then it is inclusive and nothing comes after it', () => {
    const monthly = rule('FREQ=MONTHLY;BYMONTHDAY=23', '2023-01-01', '08:00', '2023-03-23');
    expect(expandRule(monthly, '2023-01-01', '2023-12-31')).toEqual([
      '2023-01-23T08:00',
      '2023-02-23T08:00',
      '2023-03-23T08:00',
    ]);
  });

  it('when the rule has COUNT, then it counts from the start date, not from the window', () => {
    const five = rule('FREQ=WEEKLY;BYDAY=TH;COUNT=5', '2023-05-01', '14:00');
    expect(expandRule(five, '2023-05-20', '2023-12-31')).toEqual(['2023-05-25T14:00', '2023-06-01T14:00']);
  });

  it('when the rule has a date-only UNTIL, then that whole day is included', () => {
    const until = rule('FREQ=MONTHLY;BYMONTHDAY=23;UNTIL=20230323', '2023-01-01', '16:00');
    expect(expandRule(until, '2023-01-01', '2023-12-31')).toEqual([
      '2023-01-23T16:00',
      '2023-02-23T16:00',
      '2023-03-23T16:00',
    ]);
  });

  it('when the window is before the start, after the end or reversed, then nothing is generated', () => {
    const thursdays = rule('FREQ=WEEKLY;BYDAY=TH', '2023-05-01', '14:00', '2023-06-30');
    expect(expandRule(thursdays, '2023-01-01', '2023-04-30')).toEqual([]);
    expect(expandRule(thursdays, '2023-07-01', '2023-07-31')).toEqual([]);
    expect(expandRule(thursdays, '2023-05-31', '2023-05-01')).toEqual([]);
  });

  it('when a rule never matches, then the expansion still ends after a walk of at most 30 years', () => {
    // Not a valid series (validateRrule refuses it), but expansion must not hang on it either.
    const never = rule('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30');
    const walked = walkedYears(() => expect(expandRule(never, '2023-01-01', '2023-12-31')).toEqual([]));
    expect(walked).toEqual([29]); // the probe only: no expansion of a rule known to be empty
  });

  it('when a valid rule has no date left (every 7 days from a Tuesday, on Mondays), then rrule walks < 401 years', () => {
    const mondays = rule('FREQ=DAILY;INTERVAL=7;BYDAY=MO', '2023-05-02');
    expect(validateRrule(mondays.rrule)).toBeNull();
    const walked = walkedYears(() => expect(expandRule(mondays, '2023-01-01', '2023-12-31')).toEqual([]));
    // The probe (30 years), then the expansion shifted by whole 400-year cycles: less than 401 years
    // to walk after the window instead of the 7,976 years from 2023 to 9999.
    expect(walked).toHaveLength(2);
    expect(walked[0]).toBe(29);
    expect(walked[1]).toBeGreaterThan(0);
    expect(walked[1]).toBeLessThanOrEqual(401);
  });

  it('when the window holds more occurrences than the cap, then a ValidationError says so', () => {
    const daily = rule('FREQ=DAILY', '2000-01-01');
    expect(expandRule(daily, '2000-01-01', '2013-09-08')).toHaveLength(MAX_OCCURRENCES_PER_CALL);
    expect(() => expandRule(daily, '2000-01-01', '2013-09-09')).toThrow(ValidationError);
    expect(problemOf(() => expandRule(daily, '2000-01-01', '2013-09-09'))).toEqual({
      field: 'window',
      problem: 'More than 5000 occurrences between 2000-01-01 and 2013-09-09. Ask for a shorter period.',
    });
  });

  it('when the rule or a date is invalid, then a ValidationError names the field', () => {
    expect(problemOf(() => expandRule(rule('FREQ=HOURLY'), '2023-01-01', '2023-01-31'))?.field).toBe('rrule');
    expect(problemOf(() => expandRule(rule('FREQ=DAILY'), '2023-02-30', '2023-03-31'))?.field).toBe('fromDate');
    expect(
      problemOf(() => expandRule(rule('FREQ=DAILY', '2023-01-01', '8:00'), '2023-01-01', '2023-03-31'))?.field,
    ).toBe('startTime');
  });

  it('when rules are expanded, then the result is the same whatever the host zone (floating times)', () => {
    // The same assertions run under TZ=UTC, Asia/Ho_Chi_Minh and America/Los_Angeles.
    expect(expandRule(rule('FREQ=DAILY', '2023-03-11', '23:30'), '2023-03-11', '2023-03-13')).toEqual([
      '2023-03-11T23:30',
      '2023-03-12T23:30',
      '2023-03-13T23:30',
    ]);
    expect(expandRule(rule('FREQ=WEEKLY;BYDAY=SU', '2023-03-01', '02:30'), '2023-03-01', '2023-03-31')).toContain(
      '2023-03-12T02:30',
    );
  });
});
