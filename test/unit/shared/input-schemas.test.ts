import { z } from 'zod';
import { firstControl, stripControls } from '../../../src/shared/control-chars';
import {
  instant,
  localDate,
  localDateTime,
  multilineText,
  requiredText,
  text,
  withoutControls,
} from '../../../src/shared/schemas';
import { FailureThrottle } from '../../../src/shared/rate-limit';

const problems = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('dates and date-times', () => {
  test('when a date lies in 1970-2100, then it is accepted, the ends included', () => {
    for (const d of ['1970-01-01', '2023-05-23', '2100-12-31']) expect(localDate.parse(d)).toBe(d);
    expect(localDateTime.parse('2100-12-31T23:59')).toBe('2100-12-31T23:59');
    expect(instant.parse('1970-01-01T00:00:00+07:00')).toEqual(new Date('1969-12-31T17:00:00Z'));
  });

  test('when a date lies outside 1970-2100, then the one problem says the range', () => {
    for (const d of ['1969-12-31', '2101-01-01', '3101-01-05', '0000-02-02'])
      expect(problems(localDate, d)).toEqual(['must be between 1970-01-01 and 2100-12-31']);
    expect(problems(localDateTime, '2101-01-01T08:00')).toEqual(['must be between 1970-01-01 and 2100-12-31']);
    expect(problems(instant, '2101-01-01T00:00:00Z')).toEqual(['must be between 1970-01-01 and 2100-12-31']);
    expect(problems(instant, '1969-12-31T23:00:00-05:00')).toEqual(['must be between 1970-01-01 and 2100-12-31']);
  });

  test('when a date is malformed or not real, then only that problem is reported', () => {
    expect(problems(localDate, 'abc')).toEqual(['must be a date YYYY-MM-DD']);
    expect(problems(localDate, '2023-02-29')).toEqual(['is not a real calendar date']);
    expect(problems(localDate, '2023-05-01\n')).toEqual(['must be a date YYYY-MM-DD']);
    expect(problems(localDate, 20230501)).toEqual(['must be a date YYYY-MM-DD']);
  });

  test('when the JSON schema is generated, then it states the format and the year range', () => {
    const json = z.toJSONSchema(localDate, { io: 'input' }) as { pattern: string; format: string };
    expect(json.format).toBe('date');
    const re = new RegExp(json.pattern);
    expect(['1970-01-01', '2100-12-31', '1999-09-30'].every((d) => re.test(d))).toBe(true);
    expect(['1969-12-31', '2101-01-01', '2023-13-01', '2023-00-10'].some((d) => re.test(d))).toBe(false);
  });
});

describe('text fields', () => {
  const C0_BUT_TAB_AND_BREAKS = [...Array(32).keys()]
    .filter((c) => ![9, 10, 13].includes(c))
    .map((c) => String.fromCharCode(c));

  test('when one-line text carries any C0 control but tab, or DEL, then it is refused naming the character', () => {
    for (const c of [...C0_BUT_TAB_AND_BREAKS, '\u007f']) {
      const [problem] = problems(text(100), `a${c}b`);
      expect(problem).toBe(
        `must not contain control characters (found U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`,
      );
    }
    expect(problems(text(100), 'a\nb')).toEqual(['must be a single line (no line breaks)']);
    expect(problems(requiredText(100), 'a\r\nb')).toEqual(['must be a single line (no line breaks)']);
    expect(text(100).parse('  a\tb  ')).toBe('a\tb');
  });

  test('when multi-line text carries line breaks and tabs, then they are kept; other controls are refused', () => {
    expect(multilineText(100).parse('Dòng 1\r\nDòng 2\n\tcột')).toBe('Dòng 1\r\nDòng 2\n\tcột');
    for (const c of [...C0_BUT_TAB_AND_BREAKS, '\u007f'])
      expect(problems(multilineText(100), `a\n${c}`)[0]).toMatch(/^must not contain control characters/);
    expect(problems(withoutControls(z.string(), { multiline: true }), '# A\n\n\u0000')).toEqual([
      'must not contain control characters (found U+0000)',
    ]);
  });

  test('when C1 characters, non-breaking spaces or Vietnamese letters are written, then they are text', () => {
    expect(text(100).parse('Ủy ban\u00a0nhân dân – “Lục Ngạn”')).toBe('Ủy ban\u00a0nhân dân – “Lục Ngạn”');
  });
});

describe('stripControls', () => {
  test('when output is made from stored text, then the forbidden controls are dropped', () => {
    expect(stripControls('a\u0000b\u0007c\u001bd\u007fe')).toBe('abcde');
    expect(stripControls('a\r\nb\tc')).toBe('a\r\nb\tc');
    expect(stripControls('a\r\nb\u000bc', { multiline: false })).toBe('a bc');
    expect(firstControl('ab\u0007', false)).toBe('U+0007');
    expect(firstControl('a\nb', true)).toBeNull();
  });
});

describe('FailureThrottle', () => {
  test('when an address fails more than the limit within the window, then it must wait; others are unaffected', () => {
    let now = new Date('2023-05-01T00:00:00Z');
    const throttle = new FailureThrottle({ limit: 2, windowSeconds: 60 }, () => now);
    expect(throttle.fail('a')).toBe(0);
    expect(throttle.fail('a')).toBe(0);
    expect(throttle.fail('a')).toBe(60);
    expect(throttle.fail('b')).toBe(0);
    now = new Date('2023-05-01T00:00:30Z');
    expect(throttle.fail('a')).toBe(30);
    now = new Date('2023-05-01T00:02:00Z');
    expect(throttle.fail('a')).toBe(0);
  });
});
