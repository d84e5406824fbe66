import { planFeed } from '../../../src/feeds/plan';
import { renderCalendar } from '../../../src/feeds/render';
import { feedRrule } from '../../../src/feeds/rrule-text';
import { DEFAULT_OPTIONS } from '../../../src/feeds/types';
import { WorkingCalendar } from '../../../src/calendar/working-days';
import { expandRule } from '../../../src/meetings/recurrence';
import { makeSeries } from '../meetings/fixtures';
import { directory, SETTINGS, WINDOW } from './fixtures';
import { endOfDay, readFeed, startOfDay } from './ical-oracle';

const RULES: [string, string][] = [
  ['FREQ=WEEKLY;BYDAY=TH', '2023-01-05'],
  ['FREQ=WEEKLY', '2022-11-16'],
  ['FREQ=WEEKLY;BYDAY=MO,WE,FR', '2023-03-01'],
  ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', '2019-01-01'],
  ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=SU', '2021-06-03'],
  ['FREQ=MONTHLY;BYMONTHDAY=25', '2023-01-25'],
  ['FREQ=MONTHLY', '2020-01-31'],
  ['FREQ=MONTHLY;BYDAY=2TH', '2023-05-11'],
  ['FREQ=MONTHLY;BYDAY=-1FR', '2022-01-01'],
  ['FREQ=MONTHLY;BYDAY=TU;BYSETPOS=4', '2022-01-01'],
  ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2022-12-01'],
  ['FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=20', '2021-02-20'],
  ['FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20', '2015-12-20'],
  ['FREQ=YEARLY', '2016-02-29'],
  ['FREQ=DAILY;INTERVAL=10', '2023-01-01'],
  ['FREQ=WEEKLY;BYDAY=TH;COUNT=10', '2023-03-02'],
  ['FREQ=WEEKLY;BYDAY=TH;UNTIL=20231231', '2023-03-02'],
  ['FREQ=MONTHLY;BYMONTHDAY=-1;BYMONTH=1,4,7,10', '2020-01-31'],
];

describe('feedRrule', () => {
  test('when a rule has implicit parts, then they are spelled out and UNTIL is UTC', () => {
    expect(feedRrule('FREQ=WEEKLY', '2023-05-04', new Date('2024-05-30T07:00:00Z'))).toBe(
      'FREQ=WEEKLY;UNTIL=20240530T070000Z;BYDAY=TH',
    );
    expect(feedRrule('FREQ=YEARLY;COUNT=3', '2016-02-29', new Date('2024-02-29T01:00:00Z'))).toBe(
      'FREQ=YEARLY;UNTIL=20240229T010000Z;BYMONTH=2;BYMONTHDAY=29',
    );
    expect(
      feedRrule('FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;WKST=SU', '2023-01-01', new Date('2024-01-01T00:00:00Z')),
    ).toBe('FREQ=MONTHLY;UNTIL=20240101T000000Z;INTERVAL=2;BYDAY=-1FR;WKST=SU');
  });

  test.each(RULES)(
    "when the series rule is %s from %s, then ical.js expands the feed to exactly the rule's dates in the window",
    (rrule, startDate) => {
      const series = makeSeries({
        id: 's',
        rrule,
        startDate,
        holidayPolicy: 'keep',
        startTime: '07:30',
        durationMinutes: 90,
      });
      const data = {
        series: [series],
        overrides: [],
        meetings: [],
        items: [],
        directory: directory(),
        calendar: new WorkingCalendar([]),
        adjustments: [],
      };
      const text = renderCalendar(planFeed(data, { kind: 'body', code: 'ubnd' }, DEFAULT_OPTIONS, WINDOW, SETTINGS));
      const read = readFeed(text, startOfDay(WINDOW.from), endOfDay(WINDOW.to));
      expect(read.events.map((e) => e.localStart)).toEqual(expandRule(series, WINDOW.from, WINDOW.to));
      expect(read.events.every((e) => e.end!.getTime() - e.start.getTime() === 90 * 60_000)).toBe(true);
    },
  );
});
