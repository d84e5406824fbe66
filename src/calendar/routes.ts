import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../http/auth';
import { inputOf, validate } from '../http/validate';
import { NotFoundError } from '../shared/errors';
import { localDate } from '../shared/schemas';
import { adjustmentInput, loadWorkingCalendar, type AdjustmentInput, type AdjustmentRepository } from './adjustments';
import { HOLIDAY_PERIODS, holidaysOfYear } from './holidays';
import { formatLunarShort, solarToLunar } from './lunar';
import { addDays, weekdayLabel } from '../shared/wording';

const year = z.coerce
  .number({ error: 'must be a year' })
  .int()
  .min(1970, 'must be 1970 or later')
  .max(2100, 'must be 2100 or earlier');
export const holidaysQuery = z.strictObject({ year });
export const daysQuery = z
  .strictObject({ from: localDate, to: localDate })
  .refine((q) => q.from <= q.to && Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    error: 'must be after from, within 366 days',
    path: ['to'],
  })
  .refine((q) => q.from >= '1970-02-01' && q.to <= '2100-12-31', {
    error: 'dates must lie between 1970-02-01 and 2100-12-31',
    path: ['from'],
  });

/** /api/calendar: holidays, working days with lunar dates, and the Office's official adjustments. */
export function calendarRoutes(adjustments: AdjustmentRepository, onChange: () => Promise<unknown>): Router {
  const r = Router();
  r.get('/calendar/holidays', validate({ query: holidaysQuery }), async (_req, res) => {
    const { query } = inputOf<never, { year: number }>(res);
    // The statutory rules in force during the year (two in a year the law changed, e.g. 2013), so
    // that a reader sees which law the days come from and whether it was verified.
    const rules = HOLIDAY_PERIODS.filter(
      (p, i) => p.from <= `${query.year}-12-31` && (HOLIDAY_PERIODS[i + 1]?.from ?? '9999') > `${query.year}-01-01`,
    );
    res.json({ year: query.year, rules, holidays: holidaysOfYear(query.year, await adjustments.list()) });
  });
  r.get('/calendar/days', validate({ query: daysQuery }), async (_req, res) => {
    const { query } = inputOf<never, { from: string; to: string }>(res);
    const cal = await loadWorkingCalendar(adjustments);
    const days = [];
    for (let d = query.from; d <= query.to; d = addDays(d, 1)) {
      const lunar = solarToLunar(d);
      days.push({
        date: d,
        weekday: weekdayLabel(d),
        lunar: { ...lunar, label: formatLunarShort(lunar) },
        workingDay: cal.isWorkingDay(d),
        dayOff: cal.dayOff(d),
      });
    }
    res.json({ days });
  });
  r.get('/calendar/adjustments', async (_req, res) => void res.json({ adjustments: await adjustments.list() }));
  r.post('/calendar/adjustments', requireRole('office'), validate({ body: adjustmentInput }), async (_req, res) => {
    const created = await adjustments.create(inputOf<never, never, AdjustmentInput>(res).body);
    await onChange();
    res.status(201).json(created);
  });
  r.delete(
    '/calendar/adjustments/:id',
    requireRole('office'),
    validate({ params: z.strictObject({ id: z.string().max(100) }) }),
    async (_req, res) => {
      const { id } = inputOf<{ id: string }>(res).params;
      if (!(await adjustments.remove(id))) throw new NotFoundError('Adjustment', id);
      await onChange();
      res.status(204).end();
    },
  );
  return r;
}
