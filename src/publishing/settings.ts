/**
 * What the Office sets per body and month besides the schedule data: part A (key tasks), the
 * signature block, the distribution list, the issue date and the number line. A month without its
 * own record takes the latest earlier month's signature, list and number line (never its part A),
 * and with no record at all the defaults of `templates/programme/defaults.json` by body kind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Body } from '../organisation/types';
import { projectRoot } from '../shared/paths';
import { localDate, text, withoutControls } from '../shared/schemas';

export interface ProgrammeSettings {
  bodyCode: string;
  /** `YYYY-MM`. */
  month: string;
  /** Part A as Markdown. */
  partA: string;
  signatureAuthority: string;
  signatureTitle: string;
  signerName: string;
  recipients: string[];
  /** Date printed in "<place>, ngày ..."; null: the publication date (dots in a draft). */
  issueDate: string | null;
  /** "Số: {number}/CTr-UBND"; `{number}` is replaced by the document number, or "..." before publication. */
  numberTemplate: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface BodyDefaults {
  signatureAuthority: string;
  signatureTitle: string;
  numberTemplate: string;
  recipients: string[];
  nation?: string;
  motto?: string;
}

let cached: Record<string, BodyDefaults> | null = null;

function defaultsFile(): Record<string, BodyDefaults> {
  if (!cached) {
    const raw = JSON.parse(
      readFileSync(join(projectRoot(), 'templates', 'programme', 'defaults.json'), 'utf8'),
    ) as Record<string, unknown>;
    delete raw.$comment;
    cached = raw as Record<string, BodyDefaults>;
  }
  return cached;
}

/** Defaults for a body by kind and level ("kind/level", then "kind/*", then "*"). */
export function bodyDefaults(body: Pick<Body, 'kind' | 'level'>): BodyDefaults {
  const all = defaultsFile();
  return all[`${body.kind}/${body.level}`] ?? all[`${body.kind}/*`] ?? all['*']!;
}

/** The settings in force for a month: its own, else inherited from `previous` (never part A), else the defaults. */
export function resolveSettings(
  body: Pick<Body, 'code' | 'kind' | 'level'>,
  month: string,
  own: Partial<ProgrammeSettings> | null,
  previous: Partial<ProgrammeSettings> | null,
): ProgrammeSettings {
  const d = bodyDefaults(body);
  const pick = <K extends keyof ProgrammeSettings>(key: K, fallback: ProgrammeSettings[K]): ProgrammeSettings[K] =>
    own?.[key] ?? previous?.[key] ?? fallback;
  return {
    bodyCode: body.code,
    month,
    partA: own?.partA ?? '',
    signatureAuthority: pick('signatureAuthority', d.signatureAuthority),
    signatureTitle: pick('signatureTitle', d.signatureTitle),
    signerName: pick('signerName', ''),
    recipients: pick('recipients', d.recipients),
    issueDate: own?.issueDate ?? null,
    numberTemplate: pick('numberTemplate', d.numberTemplate),
    updatedAt: own?.updatedAt ?? null,
    updatedBy: own?.updatedBy ?? null,
  };
}

/** Turns the Office's textarea into list lines: trimmed, empty lines dropped, NFC. */
export function recipientLines(textValue: string): string[] {
  return textValue
    .normalize('NFC')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export const partAInput = z.strictObject({
  markdown: withoutControls(z.string({ error: 'must be text (Markdown)' }), { multiline: true }).max(
    100_000,
    'must be at most 100000 characters',
  ),
});

export const settingsInput = z
  .strictObject({
    signatureAuthority: text(120).optional(),
    signatureTitle: text(120).optional(),
    signerName: text(120).optional(),
    recipients: z.array(text(300)).max(60).optional(),
    issueDate: localDate.nullable().optional(),
    numberTemplate: text(120)
      .refine((t) => t.includes('{number}'), 'must contain {number} where the document number goes')
      .optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { error: 'must change at least one field' });

export type SettingsInput = z.output<typeof settingsInput>;
