/**
 * Replies of the directives API, as zod schemas: the OpenAPI description generates their JSON Schema
 * (src/api-description.ts), test/integration/api-docs.test.ts checks real replies against it, and the
 * view functions (./views) return `ReplyOf` them, so the description and the code cannot drift.
 * Loose objects: a reply may gain fields; every field listed is present.
 */
import { z } from 'zod';
import type { ReplyOf } from '../http/openapi';
import {
  ASSIGNEE_KINDS,
  ASSIGNEE_ROLES,
  CADENCES,
  DIRECTIVE_STATUSES,
  EXTENSION_STATES,
  NOTICE_KINDS,
  NOTICE_STATUSES,
} from './types';

const PROGRESS = [
  'done-on-time',
  'done-late',
  'on-track',
  'overdue',
  'not-due',
  'standing',
  'no-deadline',
  'cancelled',
] as const;
const offsetTime = z.string().describe("ISO 8601 date-time with the offset of the issuing body's zone");
const localDate = z.string().describe('YYYY-MM-DD');
const signer = z.looseObject({ authority: z.string(), title: z.string(), name: z.string() });
const assignee = z.looseObject({
  kind: z.enum(ASSIGNEE_KINDS),
  code: z.string(),
  name: z.string(),
  role: z.enum(ASSIGNEE_ROLES),
});
const report = {
  date: localDate,
  text: z.string(),
  link: z.string().nullable(),
  documentNumber: z.string().nullable(),
  by: z.string(),
  at: offsetTime.nullable(),
};
const deadlineChange = z.looseObject({
  at: offsetTime.nullable(),
  by: z.string(),
  from: offsetTime.nullable(),
  to: offsetTime.nullable(),
  reason: z.string(),
});

/** A directive as `directiveView` shows it. */
export const directiveReply = z
  .looseObject({
    id: z.string(),
    noticeId: z.string(),
    noticeNumber: z.string(),
    noticeTitle: z.string(),
    noticeStatus: z.enum(NOTICE_STATUSES),
    bodyCode: z.string(),
    number: z.number().int(),
    sectionIndex: z.number().int().nullable(),
    section: z.string().nullable(),
    text: z.string(),
    assignees: z.array(assignee),
    dueAt: offsetTime.nullable(),
    dueTimeAssumed: z.boolean(),
    cadence: z.enum(CADENCES).nullable(),
    standing: z.boolean(),
    status: z.enum(DIRECTIVE_STATUSES),
    statusNote: z.string().nullable(),
    progress: z.enum(PROGRESS),
    progressLabel: z.string(),
    overdue: z.boolean(),
    overdueDays: z.number().int(),
    dueThisWeek: z.boolean(),
    reportedDoneAt: offsetTime.nullable(),
    doneAt: offsetTime.nullable(),
    latestReport: z.looseObject(report).nullable(),
    reports: z.array(z.looseObject({ id: z.string(), ...report })),
    extension: z
      .looseObject({
        id: z.string(),
        reason: z.string(),
        proposedDueAt: offsetTime.nullable(),
        requestedBy: z.string(),
        requestedAt: offsetTime.nullable(),
      })
      .nullable()
      .describe('the pending extension request'),
    extensions: z.array(
      z.looseObject({
        id: z.string(),
        state: z.enum(EXTENSION_STATES),
        reason: z.string(),
        proposedDueAt: offsetTime.nullable(),
        requestedBy: z.string(),
        requestedAt: offsetTime.nullable(),
        decidedBy: z.string().nullable(),
        decidedAt: offsetTime.nullable(),
        note: z.string().nullable(),
        grantedDueAt: offsetTime.nullable(),
      }),
    ),
    deadlineHistory: z.array(deadlineChange),
    warnings: z.array(z.string()),
    rev: z.number().int(),
    updatedAt: offsetTime.nullable(),
  })
  .describe('A directive with its notice, assignees, deadline, status and follow-up');
export type DirectiveReply = ReplyOf<typeof directiveReply>;

const noticeFields = {
  id: z.string(),
  bodyCode: z.string(),
  bodyName: z.string(),
  kind: z.enum(NOTICE_KINDS),
  number: z.string(),
  date: localDate.nullable(),
  title: z.string(),
  occurrenceId: z.string().nullable(),
  meetingDate: localDate.nullable(),
  signer,
  recipients: z.array(z.string()),
  status: z.enum(NOTICE_STATUSES),
  preamble: z.string(),
  sections: z.array(z.string()),
  warnings: z.array(z.string()),
  source: z.enum(['manual', 'text', 'docx', 'seed']),
  issuedAt: offsetTime.nullable(),
  issuedBy: z.string().nullable(),
  rev: z.number().int(),
  counts: z.looseObject({
    directives: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
    unassigned: z.number().int(),
  }),
};
/** A notice as `noticeView` shows it. */
export const noticeReply = z
  .looseObject({ ...noticeFields, directives: z.array(directiveReply) })
  .describe('A notice with its directives');
export type NoticeReply = ReplyOf<typeof noticeReply>;
export const noticesReply = z
  .looseObject({ notices: z.array(z.looseObject(noticeFields)) })
  .describe('Notices without their directives, newest first');
export const directivesReply = z.looseObject({ directives: z.array(directiveReply) }).describe('Directives');

/** What an import recognised, as `previewView` (./views) shows it. */
export const importPreviewReply = z
  .looseObject({
    dryRun: z.literal(true),
    source: z.enum(['text', 'docx']),
    notice: z.looseObject({
      bodyCode: z.string().nullable(),
      bodyName: z.string().nullable(),
      kind: z.enum(NOTICE_KINDS),
      number: z.string(),
      date: localDate.nullable(),
      title: z.string(),
      meetingDate: localDate.nullable(),
      occurrenceId: z.string().nullable(),
      signer,
      recipients: z.array(z.string()),
      preamble: z.string(),
      sections: z.array(z.string()),
      warnings: z.array(z.string()),
    }),
    directives: z.array(
      z.looseObject({
        number: z.number().int(),
        sectionIndex: z.number().int().nullable(),
        section: z.string().nullable().optional(),
        text: z.string(),
        assignees: z.array(assignee),
        dueAt: offsetTime.nullable(),
        dueTimeAssumed: z.boolean(),
        cadence: z.enum(CADENCES).nullable(),
        warnings: z.array(z.string()),
      }),
    ),
  })
  .describe('What would be stored (nothing is)');
export const importReply = z
  .union([importPreviewReply, noticeReply])
  .describe('The preview (dry run, 200) or the stored notice with its directives (201)');

const header = z.looseObject({
  issuerParent: z.string(),
  issuer: z.string(),
  numberLine: z.string(),
  placeDateLine: z.string(),
  nation: z.string(),
  motto: z.string(),
});
const signatureBlock = z.looseObject({ authority: z.string(), title: z.string(), signerName: z.string() });
/** The notice in official form (`noticeDocument` in ./documents), format=json. */
export const noticeDocumentReply = z
  .looseObject({
    id: z.string(),
    draft: z.boolean(),
    header,
    type: z.literal('THÔNG BÁO'),
    summary: z.string(),
    preamble: z.array(z.string()),
    sections: z.array(z.looseObject({ heading: z.string().nullable(), paragraphs: z.array(z.string()) })),
    recipients: z.array(z.string()),
    signature: signatureBlock,
    title: z.string(),
  })
  .describe('The document model (format=json); otherwise HTML or DOCX');

/** The follow-up report (`buildFollowUp` in ./documents), format=json. */
export const followUpReply = z
  .looseObject({
    bodyCode: z.string(),
    bodyName: z.string(),
    from: localDate,
    to: localDate,
    asOf: z.string().describe('local YYYY-MM-DDTHH:mm'),
    header,
    type: z.literal('BÁO CÁO'),
    summary: z.string(),
    counts: z.array(z.looseObject({ progress: z.enum(PROGRESS), label: z.string(), count: z.number().int() })),
    total: z.number().int(),
    rows: z.array(
      z.looseObject({
        no: z.number().int(),
        directiveId: z.string(),
        notice: z.string(),
        section: z.string().nullable(),
        text: z.string(),
        assignees: z.string(),
        deadline: z.string(),
        status: z.string(),
        progress: z.enum(PROGRESS),
        progressLabel: z.string(),
        latestReport: z.string(),
        overdueDays: z.number().int(),
      }),
    ),
    signature: signatureBlock,
    recipients: z.array(z.string()),
  })
  .describe('The report model (format=json); otherwise HTML, DOCX or XLSX');

export const followUpItemReply = z
  .looseObject({
    occurrenceId: z.string(),
    created: z.boolean(),
    item: z.looseObject({ number: z.number().int(), title: z.string(), kind: z.string(), status: z.string() }),
  })
  .describe('The agenda item (201 when added, 200 when it was there already)');

export const directiveHistoryReply = z
  .looseObject({
    history: z.array(
      z.looseObject({
        at: z.string().describe('ISO 8601 instant'),
        by: z.string(),
        action: z.string(),
        changes: z.record(z.string(), z.looseObject({ from: z.unknown(), to: z.unknown() })),
      }),
    ),
    deadlineHistory: z.array(deadlineChange),
  })
  .describe('Who changed what and when, and the deadline history');

export const directiveSettingsReply = z
  .looseObject({
    bodyCode: z.string(),
    offsets: z.array(z.number().int()).describe('working days before a deadline; 0 = on the day'),
    reminderTime: z.string().describe('HH:mm'),
    reportMonthDay: z.number().int(),
    reportWeekday: z.number().int(),
  })
  .describe("A body's directive reminder settings, defaults filled in");
