/**
 * expandRule skips ahead (moves DTSTART forward) and shifts by 400-year cycles for speed and to
 * bound rrule's work. Both must give exactly what plain rrule gives from the real start: this
 * compares them on rules chosen to exercise rrule's DTSTART-derived defaults (weekday, day of month,
 * month), INTERVAL phases, WKST and BYSETPOS.
 */
import { RRule } from 'rrule';
import { expandRule } from '../../../src/meetings/recurrence';
import { fromFloating, toFloating } from '../../../src/meetings/local-time';

const RULES = [
  'FREQ=DAILY',
  'FREQ=DAILY;INTERVAL=10;BYDAY=MO',
  'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29',
  'FREQ=WEEKLY',
  'FREQ=WEEKLY;BYMONTH=3,9',
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
  'FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,MO,SA',
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;BYSETPOS=-1',
  'FREQ=MONTHLY',
  'FREQ=MONTHLY;INTERVAL=5;BYMONTH=1,7',
  'FREQ=MONTHLY;BYMONTHDAY=23',
  'FREQ=MONTHLY;BYMONTHDAY=-1,15',
  'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=4',
  'FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR',
  'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
  'FREQ=YEARLY',
  'FREQ=YEARLY;BYMONTH=2,3',
  'FREQ=YEARLY;INTERVAL=3;BYMONTH=1,5,12;BYDAY=-1FR',
  'FREQ=YEARLY;BYDAY=20MO',
  'FREQ=MONTHLY;BYMONTHDAY=23;UNTIL=20240615',
  'FREQ=WEEKLY;BYDAY=TH;COUNT=40',
];
const STARTS = ['2015-01-31', '2016-02-29', '2019-12-30', '2021-06-17'];
const WINDOWS = [
  ['2023-05-01', '2023-05-31'],
  ['2023-12-20', '2024-03-10'],
  ['2016-01-01', '2016-04-30'],
];

/** Plain rrule from the real start, on floating values: the reference. */
function oracle(rrule: string, start: string, from: string, to: string): string[] {
  const rule = new RRule({ ...RRule.parseString(rrule), dtstart: toFloating(`${start}T07:30`) });
  return rule.between(toFloating(`${from}T00:00`), toFloating(`${to}T23:59`), true).map(fromFloating);
}

describe('expandRule against plain rrule', () => {
  it.each(RULES)(
    'when %s is expanded from several starts over several windows, then it matches plain rrule',
    (rrule) => {
      let compared = 0;
      for (const start of STARTS) {
        for (const [from, to] of WINDOWS) {
          const expected = oracle(rrule, start, from!, to!);
          expect({
            start,
            from,
            dates: expandRule({ rrule, startDate: start, startTime: '07:30', endDate: null }, from!, to!),
          }).toEqual({
            start,
            from,
            dates: expected,
          });
          compared += expected.length;
        }
      }
      expect(compared).toBeGreaterThan(0);
    },
  );
});
