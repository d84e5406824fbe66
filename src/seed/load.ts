import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { applyAssignments } from '../agenda/import';
import { adjustmentInput, type AdjustmentInput } from '../calendar/adjustments';
import { itemInput } from '../agenda/schemas';
import { projectRoot } from '../shared/paths';
import { parseWith } from '../http/validate';
import { seriesInput } from '../meetings/schemas';
import { occurrenceId } from '../meetings/types';
import type { AgendaService } from '../agenda/service';
import type { AdjustmentRepository } from '../calendar/adjustments';
import { loadDirectivesSeed, type DirectivesSeedDeps } from '../directives/seed';
import type { MeetingsService } from '../meetings/service';
import { agencyInput, bodyInput, officialInput } from '../organisation/schemas';
import { code, localDate, localTime, requiredText } from '../shared/schemas';

/** What recording the holiday decisions needs: the adjustments, and the meetings to re-time due dates. */
export interface HolidayDecisionsDeps {
  adjustments: AdjustmentRepository;
  meetings: MeetingsService;
}

/**
 * What loading the seed needs, declared here so that the seed depends on the components it uses and
 * not on the composition root (src/services.ts); the app's services provide all of it.
 */
export interface SeedDeps extends HolidayDecisionsDeps, DirectivesSeedDeps {
  agenda: AgendaService;
}

const seedFile = z.object({
  source: z.object({ documents: z.array(z.string()), notes: z.array(z.string()) }),
  bodies: z.array(bodyInput),
  agencies: z.array(agencyInput),
  officials: z.array(officialInput),
  series: z.array(seriesInput.and(z.object({ warnings: z.array(z.string()).default([]) }))),
  occurrences: z.array(
    z.strictObject({
      series: code,
      originalDate: localDate,
      move: z.strictObject({ date: localDate, time: localTime, reason: requiredText(1000) }).optional(),
      agenda: z
        .strictObject({
          items: z.array(itemInput),
          assignments: z.array(z.strictObject({ agencyCode: code, items: z.string(), text: z.string() })),
        })
        .optional(),
    }),
  ),
});
export type SeedFile = z.output<typeof seedFile>;

export const DEFAULT_SEED = 'luc-ngan-2023-05.json';
/** The Government's yearly decisions on days off (Tết spans, the day next to 2/9, swaps). */
export const HOLIDAY_DECISIONS_SEED = 'holiday-decisions.json';

export function readSeed(file = join(projectRoot(), 'seeds', DEFAULT_SEED)): SeedFile {
  return parseWith(seedFile, JSON.parse(readFileSync(file, 'utf8')), 'seed');
}

/** Each decision as the API takes it, plus where it was checked (`sources`, kept in the file only). */
const decisionsFile = z.object({
  source: z.object({ notes: z.array(z.string()) }),
  decisions: z.array(z.looseObject({ sources: z.array(z.string()).min(1, 'name at least one source') })),
});

export function readHolidayDecisions(file = join(projectRoot(), 'seeds', HOLIDAY_DECISIONS_SEED)): AdjustmentInput[] {
  const parsed = parseWith(decisionsFile, JSON.parse(readFileSync(file, 'utf8')), 'holiday decisions');
  return parsed.decisions.map(({ sources: _sources, ...decision }, i) =>
    parseWith(adjustmentInput, decision, `decisions.${i}`),
  );
}

/**
 * Records the seeded official decisions that the database lacks (idempotent: a decision about the
 * same day or Tết already there, seeded or entered by the Office, is kept as it is). When any is
 * added, documents-due dates are re-timed and the schedule version bumped, as after the API's own
 * POST /api/calendar/adjustments. Returns how many were added.
 */
export async function loadHolidayDecisions(
  s: HolidayDecisionsDeps,
  decisions: AdjustmentInput[] = readHolidayDecisions(),
): Promise<number> {
  let added = 0;
  for (const d of decisions) if (await s.adjustments.ensure(d)) added++;
  if (added) await s.meetings.calendarChanged();
  return added;
}

export interface SeedReport {
  created: Record<'bodies' | 'agencies' | 'officials' | 'series' | 'agendaItems' | 'adjustments', number>;
  warnings: string[];
}

/**
 * Loads a seed through the same use cases as the API, so it obeys every rule, with the official
 * holiday decisions (`seeds/holiday-decisions.json`). Idempotent: what exists (by code or id, or a
 * decision about the same day) is left alone, and an agenda is loaded only onto an occurrence that
 * has none; so it also brings an existing database the decisions it lacks.
 */
export async function loadSeed(s: SeedDeps, seed: SeedFile = readSeed()): Promise<SeedReport> {
  const report: SeedReport = {
    created: { bodies: 0, agencies: 0, officials: 0, series: 0, agendaItems: 0, adjustments: 0 },
    warnings: [],
  };
  const by = 'seed';
  // The working calendar first: due dates of the seeded agenda are computed on it.
  report.created.adjustments = await loadHolidayDecisions(s);
  for (const b of seed.bodies)
    if (!(await s.orgRepos.bodies.get(b.code))) {
      await s.organisation.createBody(b);
      report.created.bodies++;
    }
  for (const a of seed.agencies)
    if (!(await s.orgRepos.agencies.get(a.code))) {
      await s.organisation.createAgency(a);
      report.created.agencies++;
    }
  for (const o of seed.officials)
    if (!(await s.orgRepos.officials.get(o.code))) {
      await s.organisation.createOfficial(o);
      report.created.officials++;
    }
  for (const { warnings, ...series } of seed.series) {
    if (await s.meetingRepo.getSeries(series.id!)) continue;
    await s.meetings.createSeries(series);
    if (warnings.length) await s.meetingRepo.updateSeries(series.id!, { warnings });
    report.created.series++;
  }
  for (const occ of seed.occurrences) {
    const series = (await s.meetingRepo.getSeries(occ.series))!;
    const id = occurrenceId(series.id, `${occ.originalDate}T${series.startTime}`);
    const current = await s.meetings.getOccurrence(id);
    if (occ.move && current.localStart !== `${occ.move.date}T${occ.move.time}`) {
      await s.meetings.moveOccurrence(id, { date: occ.move.date, time: occ.move.time, reason: occ.move.reason });
    }
    if (occ.agenda && !(await s.agenda.list([id])).length) {
      const agencies = new Map((await s.orgRepos.agencies.list()).map((a) => [a.code, a.name]));
      const applied = applyAssignments(
        occ.agenda.items.map((i) => i.number),
        occ.agenda.assignments,
        (c) => agencies.get(c) ?? c,
      );
      const byNumber = new Map(applied.items.map((i) => [i.number, i]));
      const items = occ.agenda.items.map((i) => ({
        ...i,
        preparingAgencies: byNumber.get(i.number)!.preparingAgencies,
      }));
      await s.agenda.addItems(id, items, by, {
        warnings: occ.agenda.items.map((i) => byNumber.get(i.number)!.warnings),
      });
      if (applied.agendaWarnings.length) await s.meetings.addOccurrenceWarnings(id, applied.agendaWarnings);
      report.created.agendaItems += items.length;
      report.warnings.push(...applied.agendaWarnings, ...applied.items.flatMap((i) => i.warnings));
    }
  }
  // The notice of directives of the 11/5/2023 briefing and the officials it names (seeds/directives-2023-05.json, issue 9).
  await loadDirectivesSeed(s);
  return report;
}
