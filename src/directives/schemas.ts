/** Request schemas of the directives API (the web forms parse with the same). */
import { z } from 'zod';
import { code, instant, localDate, localTime, multilineText, requiredText, text } from '../shared/schemas';
import { ASSIGNEE_KINDS, ASSIGNEE_ROLES, CADENCES, DIRECTIVE_STATUSES, NOTICE_KINDS, NOTICE_STATUSES } from './types';

export const assigneeInput = z.strictObject({
  kind: z.enum(ASSIGNEE_KINDS),
  code,
  role: z.enum(ASSIGNEE_ROLES).default('lead'),
});

/** A notice's number as offices write it: "123-TB/HU", "45/TB-UBND" (empty while drafted). */
export const noticeNumber = text(60).refine(
  (s) => s === '' || /^[0-9A-Za-zĐđ][0-9A-Za-zĐđ./-]*$/u.test(s),
  'must look like 123-TB/HU or 45/TB-UBND',
);

const signerInput = z.strictObject({
  authority: text(120).default(''),
  title: text(120).default(''),
  name: text(120).default(''),
});

const directiveFields = {
  /** Index into the notice's sections, or null. */
  section: z.number({ error: 'must be a section index' }).int().min(0).max(50).nullable().default(null),
  text: requiredText(5000, { multiline: true }),
  assignees: z.array(assigneeInput).max(20).default([]),
  dueAt: instant.nullable().default(null),
  cadence: z.enum(CADENCES).nullable().default(null),
};

export const directiveInput = z.strictObject(directiveFields);

export const noticeInput = z.strictObject({
  bodyCode: code,
  kind: z.enum(NOTICE_KINDS).default('directive-opinions'),
  number: noticeNumber.default(''),
  date: localDate.nullable().default(null),
  title: requiredText(1000),
  occurrenceId: z.string().min(1).max(200).nullable().default(null),
  signer: signerInput.default({ authority: '', title: '', name: '' }),
  recipients: z.array(text(300)).max(60).default([]),
  preamble: multilineText(10_000).default(''),
  sections: z.array(requiredText(300)).max(50).default([]),
  directives: z.array(directiveInput).max(300).default([]),
});

export const noticePatch = z
  .strictObject({
    kind: z.enum(NOTICE_KINDS).optional(),
    number: noticeNumber.optional(),
    date: localDate.nullable().optional(),
    title: requiredText(1000).optional(),
    occurrenceId: z.string().min(1).max(200).nullable().optional(),
    signer: signerInput.optional(),
    recipients: z.array(text(300)).max(60).optional(),
    preamble: multilineText(10_000).optional(),
    sections: z.array(requiredText(300)).max(50).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { error: 'must change at least one field' });

export const issueInput = z.strictObject({ number: noticeNumber.optional(), date: localDate.optional() });

export const directivePatch = z
  .strictObject({
    text: requiredText(5000, { multiline: true }).optional(),
    section: z.number({ error: 'must be a section index' }).int().min(0).max(50).nullable().optional(),
    assignees: z.array(assigneeInput).max(20).optional(),
    dueAt: instant.nullable().optional(),
    cadence: z.enum(CADENCES).nullable().optional(),
    /** Why the deadline changes (kept in the deadline history). */
    reason: multilineText(1000).optional(),
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'reason'), { error: 'must change at least one field' });

export const statusInput = z.strictObject({ status: z.enum(DIRECTIVE_STATUSES), note: multilineText(1000).optional() });

export const reportInput = z.strictObject({
  /** The report's own date; default today. */
  date: localDate.optional(),
  text: requiredText(5000, { multiline: true }),
  link: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) link' })
    .max(1000)
    .nullable()
    .optional(),
  documentNumber: text(100).nullable().optional(),
});

export const extensionInput = z.strictObject({
  reason: requiredText(2000, { multiline: true }),
  proposedDueAt: instant,
});
export const extensionDecisionInput = z.strictObject({
  decision: z.enum(['granted', 'refused']),
  dueAt: instant.optional(),
  note: multilineText(1000).optional(),
});

/** An import: text (pasted or a .txt) or a .docx as base64; the body and meeting when the Office knows them. */
export const importInput = z
  .strictObject({
    text: withLimit(z.string({ error: 'must be text' }), 200_000).optional(),
    docxBase64: z.string().max(7_000_000, 'the file is too large (at most 5 MB)').optional(),
    bodyCode: code.optional(),
    occurrenceId: z.string().min(1).max(200).optional(),
    status: z.enum(NOTICE_STATUSES).default('draft'),
  })
  .refine((i) => (i.text !== undefined) !== (i.docxBase64 !== undefined), {
    error: 'give either text or docxBase64',
    path: ['text'],
  });

function withLimit(s: z.ZodString, max: number): z.ZodString {
  return s.max(max, `must be at most ${max} characters`);
}

export const listQuery = z.strictObject({ body: code.optional(), status: z.enum(NOTICE_STATUSES).optional() });

export const directiveQuery = z.strictObject({
  notice: z.string().min(1).max(200).optional(),
  agency: code.optional(),
  official: code.optional(),
  body: code.optional(),
  status: z
    .enum([...DIRECTIVE_STATUSES, 'open', 'overdue'] as const, {
      error: `must be one of ${[...DIRECTIVE_STATUSES, 'open', 'overdue'].join(', ')}`,
    })
    .optional(),
  dueBefore: localDate.optional(),
});

export const reportQuery = z.strictObject({
  body: code,
  from: localDate,
  to: localDate,
  format: z.enum(['json', 'html', 'docx', 'xlsx']).default('json'),
});

export const documentQuery = z.strictObject({ format: z.enum(['html', 'docx', 'json']).default('html') });

export const settingsInput = z
  .strictObject({
    offsets: z
      .array(z.number({ error: 'must be a number' }).int().min(0).max(30))
      .max(10)
      .optional(),
    reminderTime: localTime.optional(),
    reportMonthDay: z.number().int().min(1).max(31).optional(),
    reportWeekday: z.number().int().min(1).max(7).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { error: 'must change at least one field' });

export const idParams = z.strictObject({ id: z.string().min(1).max(200) });

export type NoticeInput = z.output<typeof noticeInput>;
export type NoticePatch = z.output<typeof noticePatch>;
export type DirectiveInput = z.output<typeof directiveInput>;
export type DirectivePatchInput = z.output<typeof directivePatch>;
export type ImportInput = z.output<typeof importInput>;
export type DirectiveQuery = z.output<typeof directiveQuery>;
export type SettingsInput = z.output<typeof settingsInput>;
