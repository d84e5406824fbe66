/**
 * Loads `seeds/directives-2023-05.json`: the notice of directives of the 11/5/2023 briefing (seed
 * 000), exactly as the document states it, with the organisation it needs. Idempotent: what exists
 * (an official by code, a notice by id) is left alone. The file holds what the importer
 * recognises from the document's text; test/integration/directives-import.test.ts checks that
 * importing the text gives the same notice (golden).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseWith } from '../http/validate';
import type { MeetingRepository } from '../meetings/repository';
import { occurrenceId } from '../meetings/types';
import { agencyInput, officialInput } from '../organisation/schemas';
import type { OrganisationRepositories } from '../organisation/repository';
import type { OrganisationService } from '../organisation/service';
import { projectRoot } from '../shared/paths';
import { code, localDate } from '../shared/schemas';
import type { ImportedNotice } from './importer';
import type { DirectivesService } from './service';
import { ASSIGNEE_KINDS, ASSIGNEE_ROLES, CADENCES, NOTICE_KINDS, NOTICE_STATUSES } from './types';

export const DIRECTIVES_SEED = 'directives-2023-05.json';

const importedDirective = z.strictObject({
  section: z.number().int().min(0).nullable(),
  text: z.string().min(1),
  assignees: z.array(z.strictObject({ kind: z.enum(ASSIGNEE_KINDS), code, role: z.enum(ASSIGNEE_ROLES) })),
  due: localDate.nullable(),
  cadence: z.enum(CADENCES).nullable(),
  warnings: z.array(z.string()),
});

const seedNotice = z.strictObject({
  id: code,
  status: z.enum(NOTICE_STATUSES),
  occurrence: z.strictObject({ series: code, originalDate: localDate }).nullable(),
  bodyCode: code,
  kind: z.enum(NOTICE_KINDS),
  number: z.string(),
  date: localDate.nullable(),
  title: z.string(),
  meetingDate: localDate.nullable(),
  signer: z.strictObject({ authority: z.string(), title: z.string(), name: z.string() }),
  recipients: z.array(z.string()),
  preamble: z.string(),
  sections: z.array(z.string()),
  directives: z.array(importedDirective),
  warnings: z.array(z.string()),
});

const seedFile = z.strictObject({
  source: z.strictObject({ document: z.string(), notes: z.array(z.string()) }),
  agencies: z.array(agencyInput),
  officials: z.array(officialInput),
  notices: z.array(seedNotice),
});
export type DirectivesSeed = z.output<typeof seedFile>;
export type SeedNotice = z.output<typeof seedNotice>;

export function readDirectivesSeed(file = join(projectRoot(), 'seeds', DIRECTIVES_SEED)): DirectivesSeed {
  return parseWith(seedFile, JSON.parse(readFileSync(file, 'utf8')), 'directives seed');
}

/** The seed notice as the importer's output (what the golden test compares). */
export function asImported(n: SeedNotice): ImportedNotice {
  const { id: _id, status: _status, occurrence: _occ, ...imported } = n;
  return imported;
}

export interface DirectivesSeedDeps {
  organisation: OrganisationService;
  orgRepos: OrganisationRepositories;
  meetingRepo: MeetingRepository;
  directives: DirectivesService;
}

/** Loads the seed; returns how many notices were stored. */
export async function loadDirectivesSeed(
  s: DirectivesSeedDeps,
  seed: DirectivesSeed = readDirectivesSeed(),
): Promise<number> {
  for (const a of seed.agencies) if (!(await s.orgRepos.agencies.get(a.code))) await s.organisation.createAgency(a);
  for (const o of seed.officials) if (!(await s.orgRepos.officials.get(o.code))) await s.organisation.createOfficial(o);
  let stored = 0;
  for (const n of seed.notices) {
    let occId: string | null = null;
    if (n.occurrence) {
      const series = await s.meetingRepo.getSeries(n.occurrence.series);
      if (series) occId = occurrenceId(series.id, `${n.occurrence.originalDate}T${series.startTime}`);
    }
    if (
      await s.directives.storeSeedNotice({ id: n.id, imported: asImported(n), occurrenceId: occId, status: n.status })
    )
      stored++;
  }
  return stored;
}
