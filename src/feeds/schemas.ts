import { z } from 'zod';
import { MEETING_KINDS, type MeetingKind } from '../meetings/types';
import { code, text } from '../shared/schemas';
import { TOKEN_KINDS } from './tokens';
import { CANCELLED_MODES, DEFAULT_OPTIONS, type FeedOptions } from './types';

const UNIT_MINUTES = { m: 1, h: 60, d: 1440, w: 10080 } as const;
/**
 * Alarm offsets offered (minutes before). A fixed list keeps the number of distinct feeds a client
 * can make the service render small (each option set is rendered and cached on its own).
 */
export const ALARM_CHOICES = [5, 10, 15, 30, 60, 120, 180, 1440, 2880, 10080] as const;

/**
 * Feed options in the query string:
 * - `kind=briefing,regular-session`: only these kinds of meeting;
 * - `expand=1`: one plain VEVENT per occurrence;
 * - `cancelled=show`: cancelled occurrences as STATUS:CANCELLED events titled "[HỦY] …"
 *   (default `hide`: EXDATE, or left out when expanded);
 * - `alarm=1d` (or `15m`, `2h`, `1w`, or minutes `1440`; see ALARM_CHOICES): a VALARM that long
 *   before each meeting.
 */
export const feedQuery = z
  .strictObject({
    kind: z
      .string()
      .max(200)
      .transform((s) =>
        [
          ...new Set(
            s
              .split(',')
              .map((k) => k.trim())
              .filter(Boolean),
          ),
        ].sort(),
      )
      .refine(
        (kinds) => kinds.every((k) => (MEETING_KINDS as readonly string[]).includes(k)),
        `must be meeting kinds separated by commas: ${MEETING_KINDS.join(', ')}`,
      ),
    expand: z
      .enum(['1', '0', 'true', 'false'], { error: 'must be 1 or 0' })
      .transform((v) => v === '1' || v === 'true'),
    cancelled: z.enum(CANCELLED_MODES, { error: 'must be hide or show' }),
    alarm: z
      .string()
      .regex(/^\d{1,5}[mhdw]?$/, 'must be minutes (1440) or a duration such as 30m, 2h, 1d, 1w')
      .transform(
        (s) =>
          Number(s.replace(/[mhdw]$/, '')) * UNIT_MINUTES[(/[mhdw]$/.exec(s)?.[0] ?? 'm') as keyof typeof UNIT_MINUTES],
      )
      .refine(
        (m) => (ALARM_CHOICES as readonly number[]).includes(m),
        `must be one of 5m, 10m, 15m, 30m, 1h, 2h, 3h, 1d, 2d, 1w`,
      ),
  })
  .partial()
  .transform((q): FeedOptions => ({
    kinds: (q.kind ?? DEFAULT_OPTIONS.kinds) as MeetingKind[],
    expand: q.expand ?? DEFAULT_OPTIONS.expand,
    cancelled: q.cancelled ?? DEFAULT_OPTIONS.cancelled,
    alarmMinutes: q.alarm ?? DEFAULT_OPTIONS.alarmMinutes,
  }));

/** The canonical query string of options (`?kind=…&expand=1…`, or '' for the defaults): cache keys and links. */
export function optionsQuery(o: FeedOptions): string {
  const parts: string[] = [];
  if (o.kinds.length) parts.push(`kind=${[...o.kinds].sort().join(',')}`);
  if (o.expand) parts.push('expand=1');
  if (o.cancelled !== 'hide') parts.push(`cancelled=${o.cancelled}`);
  if (o.alarmMinutes !== null) parts.push(`alarm=${o.alarmMinutes}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export const tokenInput = z.strictObject({
  kind: z.enum(TOKEN_KINDS, { error: 'must be official or agency' }),
  subjectCode: code,
  label: text(200).optional().default(''),
});
export type TokenInput = z.output<typeof tokenInput>;

export const tokenListQuery = z.strictObject({
  kind: z.enum(TOKEN_KINDS, { error: 'must be official or agency' }).optional(),
  subject: code.optional(),
});
export type TokenListQuery = z.output<typeof tokenListQuery>;

export const linksQuery = z
  .object({ body: code })
  .catchall(z.string())
  .transform(({ body, ...rest }) => ({ body, rest }));
