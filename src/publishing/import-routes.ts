/**
 * `POST /api/programmes/{body}/{month}/import[?dryRun=1]`: the programme's text as JSON
 * `{text, expect?}`, as `text/plain`, as a raw `.docx`, or as a multipart form with a `file`
 * (.txt or .docx) and optionally `text` and `expect`. The dry run answers what would be stored
 * (200, nothing written); without it the import is stored whole (201) or refused (400 with every
 * problem, 409 when `expect` no longer matches the preview).
 */
import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../http/auth';
import type { ApiRoute, ReplyOf } from '../http/openapi';
import { fileOf, isMultipart, readMultipart } from '../http/upload';
import { inputOf, parseWith, validate } from '../http/validate';
import { code, multilineText } from '../shared/schemas';
import type { ImportPlan } from './import-plan';
import type { ImportResult, ProgrammeImportService } from './import-service';
import { uploadedText } from './import-text';
import { monthPeriod } from './periods';
import { importPlanReply, importReply } from './replies';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const params = z.strictObject({ body: code, month: monthPeriod });
const query = z.strictObject({ dryRun: z.enum(['1', 'true', '0', 'false']).optional() });
/** The programme as JSON; `expect` is the fingerprint of the preview the Office reviewed. */
export const importInput = z.strictObject({
  text: multilineText(500_000).refine((t) => t.trim() !== '', 'must not be empty'),
  expect: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'must be the fingerprint of a preview')
    .optional(),
});

/** The text and fingerprint from whichever form the request has. */
async function importBody(req: Request): Promise<{ text: string; expect?: string | undefined }> {
  if (isMultipart(req)) {
    const form = await readMultipart(req, { maxFileBytes: MAX_UPLOAD_BYTES });
    const file = fileOf(form, MAX_UPLOAD_BYTES);
    const text = file ? await uploadedText(file, file.field) : (form.fields.text ?? '');
    return parseWith(importInput, { text, ...(form.fields.expect ? { expect: form.fields.expect } : {}) });
  }
  if (Buffer.isBuffer(req.body))
    return parseWith(importInput, {
      text: await uploadedText({ name: 'upload.docx', type: DOCX_TYPE, data: req.body }, 'body'),
    });
  if (typeof req.body === 'string') return parseWith(importInput, { text: req.body });
  return parseWith(importInput, req.body ?? {});
}

/** The plan as the API shows it: agency names beside codes, the session each lands on. */
export function planView(plan: ImportPlan, dryRun: boolean): ReplyOf<typeof importPlanReply> {
  return {
    dryRun,
    body: plan.bodyCode,
    month: plan.month,
    fingerprint: plan.fingerprint,
    importable: plan.problems.length === 0,
    problems: plan.problems,
    warnings: plan.warnings,
    documentNumber: plan.documentNumber,
    partA: { status: plan.partAStatus, markdown: plan.partA },
    sessions: plan.sessions.map((s) => ({
      label: s.label,
      heading: s.heading,
      line: s.line,
      kind: s.kind,
      body: s.bodyCode,
      target: s.target,
      agenda: s.agenda,
      existingItems: s.existingItems,
      items: s.items,
      agendaWarnings: s.agendaWarnings,
      assignments: s.assignments,
    })),
    notes: plan.notes,
    recipients: plan.recipients,
    signature: plan.signature,
  };
}

export function programmeImportRoutes(service: ProgrammeImportService): Router {
  const r = Router();
  const parsers: RequestHandler[] = [
    express.text({ type: 'text/plain', limit: '1mb' }),
    express.raw({ type: [DOCX_TYPE, 'application/octet-stream'], limit: MAX_UPLOAD_BYTES }),
  ];
  r.post(
    '/programmes/:body/:month/import',
    requireRole('office'),
    ...parsers,
    validate({ params, query }),
    async (req, res) => {
      const { params: where, query: q } = inputOf<z.output<typeof params>, z.output<typeof query>>(res);
      const { body, month } = where;
      const dryRun = ['1', 'true'].includes(q.dryRun ?? '');
      const input = await importBody(req);
      if (dryRun) {
        res.json(planView(await service.preview(body, month, input.text), true));
        return;
      }
      const result: ImportResult = await service.confirm(body, month, input.text, input.expect, actorOf(res));
      res.status(result.stored ? 201 : 200).json({
        ...planView(result.plan, false),
        stored: result.stored,
        occurrences: result.occurrenceIds,
        itemsStored: result.items,
      });
    },
  );
  return r;
}

/** This component's routes in the OpenAPI description (assembled by src/api-description.ts). */
export const programmeImportOpenApi: ApiRoute[] = [
  {
    method: 'post',
    path: '/api/programmes/{body}/{month}/import',
    summary:
      'Import a monthly programme from its text: JSON {text, expect?}, text/plain, a raw .docx, or multipart/form-data with a .txt/.docx `file` (and optional `text`, `expect`). ?dryRun=1 answers what is recognised (part A, sessions, items, agencies, warnings, blocking problems, fingerprint) and stores nothing; without it the import is stored whole (201), refused with every problem (400), or refused when `expect` no longer matches the preview (409)',
    auth: 'office',
    body: importInput,
    querySchema: query,
    query: { dryRun: '1 or true: preview only, nothing stored' },
    response: importReply,
  },
];
