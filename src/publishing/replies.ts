/**
 * Replies of the publishing API and of the programme import, as zod schemas: the OpenAPI description
 * generates their JSON Schema (src/api-description.ts), and test/integration/api-docs.test.ts checks
 * real replies against it. Loose objects: a reply may gain fields; every field listed is present.
 */
import { z } from 'zod';
import { ITEM_KINDS } from '../agenda/types';
import { MEETING_KINDS } from '../meetings/types';

const nameRef = z.looseObject({ code: z.string(), name: z.string() });
const run = z.looseObject({ text: z.string(), bold: z.boolean().optional(), italic: z.boolean().optional() });
const meetingItem = z.looseObject({
  number: z.number().int(),
  title: z.string(),
  agencies: z.array(z.looseObject({ code: z.string(), name: z.string(), role: z.string() })),
});
const meetingEntry = z.looseObject({
  id: z.string(),
  seriesId: z.string().nullable(),
  title: z.string(),
  kind: z.string(),
  start: z.string().describe("local YYYY-MM-DDTHH:mm in the body's zone"),
  end: z.string(),
  status: z.string(),
  location: z.string(),
  chair: nameRef.nullable(),
  officials: z.array(nameRef),
  agencies: z.array(nameRef),
  reason: z.string().nullable(),
  items: z.array(meetingItem),
  timeAssumed: z.literal(true).optional(),
});
const publicationInfo = z.looseObject({
  version: z.number().int(),
  label: z.string(),
  documentNumber: z.string().nullable(),
  issueDate: z.string().optional().describe('YYYY-MM-DD (absent in versions frozen before it was recorded)'),
  publishedAt: z.string(),
  publishedBy: z.string(),
});
const documentBase = {
  schemaVersion: z.literal(1),
  body: z.looseObject({
    code: z.string(),
    name: z.string(),
    shortName: z.string(),
    kind: z.string(),
    place: z.string(),
    parentName: z.string(),
    timeZone: z.string(),
  }),
  header: z.looseObject({
    issuerParent: z.string(),
    issuer: z.string(),
    numberLine: z.string(),
    placeDateLine: z.string(),
    nation: z.string(),
    motto: z.string(),
  }),
  title: z.string(),
  revisionLabel: z.string().nullable(),
  signature: z.looseObject({ authority: z.string(), title: z.string(), signerName: z.string() }),
  recipients: z.array(z.string()),
  meetings: z.array(meetingEntry),
  warnings: z.array(z.string()).describe("the Office's warnings (never printed)"),
  publication: publicationInfo.nullable(),
};
const textBlock = z.union([
  z.looseObject({ type: z.literal('heading'), level: z.number().int(), runs: z.array(run) }),
  z.looseObject({ type: z.literal('paragraph'), runs: z.array(run) }),
  z.looseObject({
    type: z.literal('list'),
    ordered: z.boolean(),
    start: z.number().int(),
    items: z.array(z.array(run)),
  }),
]);
export const programmeDocumentReply = z
  .looseObject({
    ...documentBase,
    type: z.literal('programme'),
    period: z.string().describe('YYYY-MM'),
    year: z.number().int(),
    month: z.number().int(),
    partA: z.looseObject({ markdown: z.string(), html: z.string(), blocks: z.array(textBlock) }),
    partB: z.looseObject({
      heading: z.string(),
      sections: z.array(
        z.looseObject({
          kind: z.enum(['session', 'conferences', 'standing']),
          numeral: z.string(),
          text: z.string(),
          lines: z.array(
            z.union([
              z.looseObject({ type: z.literal('item'), number: z.number().int(), text: z.string() }),
              z.looseObject({ type: z.literal('preparing'), text: z.string() }),
            ]),
          ),
          entries: z.array(z.string()),
          occurrenceIds: z.array(z.string()),
        }),
      ),
    }),
  })
  .describe('The monthly work programme (document model) with the Office warnings');
export const scheduleDocumentReply = z
  .looseObject({
    ...documentBase,
    type: z.literal('schedule'),
    period: z.string().describe('ISO week YYYY-Www'),
    from: z.string(),
    to: z.string(),
    subtitle: z.string(),
    days: z.array(
      z.looseObject({
        date: z.string(),
        weekday: z.string(),
        dateLabel: z.string(),
        lunar: z.string(),
        dayOff: z.string().nullable(),
        entries: z.array(
          z.looseObject({
            occurrenceId: z.string(),
            period: z.string(),
            time: z.string(),
            content: z.string(),
            chair: z.string(),
            attendees: z.string(),
            preparing: z.string(),
            place: z.string(),
            status: z.string(),
            note: z.string(),
          }),
        ),
      }),
    ),
    note: z.string(),
  })
  .describe('The weekly schedule (document model) with the Office warnings');

export const programmeSettingsReply = z
  .looseObject({
    bodyCode: z.string(),
    month: z.string().describe('YYYY-MM'),
    partA: z.string().describe('Markdown'),
    signatureAuthority: z.string(),
    signatureTitle: z.string(),
    signerName: z.string(),
    recipients: z.array(z.string()),
    issueDate: z.string().nullable(),
    numberTemplate: z.string(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .describe('The settings in force for the month (own, inherited or defaults)');

export const publicationReply = z
  .looseObject({
    id: z.string(),
    kind: z.enum(['programme', 'schedule']),
    bodyCode: z.string(),
    period: z.string().describe('YYYY-MM or YYYY-Www'),
    version: z.number().int(),
    label: z.string(),
    documentNumber: z.string().nullable(),
    publishedAt: z.string().describe('ISO 8601 instant'),
    publishedBy: z.string(),
    note: z.string(),
    fingerprint: z.string(),
    scheduleVersion: z.number(),
  })
  .describe('A published version');

const meetingRef = z.looseObject({ id: z.string(), title: z.string(), start: z.string() });
export const comparisonReply = z
  .looseObject({
    added: z.array(meetingRef),
    removed: z.array(meetingRef),
    cancelled: z.array(meetingRef.extend({ reason: z.string().nullable() })),
    restored: z.array(meetingRef),
    moved: z.array(meetingRef.extend({ from: z.string(), to: z.string(), across: z.enum(['out', 'in']).optional() })),
    changed: z.array(meetingRef.extend({ fields: z.array(z.string()) })),
    agenda: z.array(
      z.looseObject({
        meeting: meetingRef,
        added: z.array(meetingItem),
        removed: z.array(meetingItem),
        retitled: z.array(z.looseObject({ number: z.number().int(), from: z.string(), to: z.string() })),
        reassigned: z.array(z.looseObject({ number: z.number().int(), from: z.string(), to: z.string() })),
      }),
    ),
    otherChanges: z.array(z.string()),
    meetingsChanged: z.boolean(),
    periodKind: z.enum(['month', 'week']),
    lines: z.array(z.string()).describe('the changes as Vietnamese sentences'),
  })
  .describe('What changed between two versions');
export const publishReply = z
  .looseObject({ publication: publicationReply, comparison: comparisonReply.nullable() })
  .describe('The new version and what changed since the previous one (null on a first issue)');
export const versionsReply = z.looseObject({ versions: z.array(publicationReply) }).describe('Versions, oldest first');
export const publicationsReply = z
  .looseObject({ publications: z.array(publicationReply) })
  .describe('Every published version');
export const compareReply = z
  .looseObject({ from: z.number().int(), to: z.number().int(), comparison: comparisonReply })
  .describe('The comparison (format=json); otherwise an HTML page');

// --- programme import -----------------------------------------------------------------------------
const plannedAgency = z.looseObject({
  text: z.string(),
  code: z.string().nullable(),
  name: z.string().nullable(),
  how: z.enum(['name', 'short-name', 'initials', 'without-level', 'without-accents']).nullable(),
});
const sessionTarget = z.union([
  z.looseObject({ action: z.literal('existing'), occurrenceId: z.string(), start: z.string() }),
  z.looseObject({ action: z.literal('move'), occurrenceId: z.string(), from: z.string(), start: z.string() }),
  z.looseObject({
    action: z.literal('extra'),
    occurrenceId: z.string(),
    seriesId: z.string(),
    start: z.string(),
    timeAssumed: z.boolean(),
  }),
  z.looseObject({
    action: z.literal('meeting'),
    occurrenceId: z.string(),
    title: z.string(),
    start: z.string(),
    timeAssumed: z.boolean(),
  }),
  z.looseObject({ action: z.literal('skip'), reason: z.string() }),
]);
const halfDay = z.enum(['morning', 'afternoon']).nullable();
/** What the import recognised, as `planView` (./import-routes) shows it. */
export const importPlanReply = z
  .looseObject({
    dryRun: z.boolean(),
    body: z.string(),
    month: z.string(),
    fingerprint: z.string().describe('pass as `expect` to confirm exactly this preview'),
    importable: z.boolean(),
    problems: z.array(z.string()).describe('blocking (Vietnamese)'),
    warnings: z.array(z.string()),
    documentNumber: z.string().nullable(),
    partA: z.looseObject({
      status: z.enum(['none', 'new', 'unchanged', 'replaces']),
      markdown: z.string().nullable(),
    }),
    sessions: z.array(
      z.looseObject({
        label: z.string().nullable(),
        heading: z.string(),
        line: z.number().int(),
        kind: z.enum(MEETING_KINDS),
        body: z.string(),
        target: sessionTarget,
        agenda: z.enum(['new', 'unchanged', 'conflict']),
        existingItems: z.number().int(),
        items: z.array(
          z.looseObject({
            number: z.number().int(),
            title: z.string(),
            kind: z.enum(ITEM_KINDS),
            preparingAgencies: z.array(z.looseObject({ code: z.string(), role: z.enum(['lead', 'coordinating']) })),
            warnings: z.array(z.string()),
          }),
        ),
        agendaWarnings: z.array(z.string()),
        assignments: z.array(
          z.looseObject({
            text: z.string(),
            line: z.number().int(),
            items: z.string(),
            lead: plannedAgency,
            coordinating: z.array(plannedAgency),
          }),
        ),
      }),
    ),
    notes: z.array(
      z.looseObject({
        label: z.string().nullable(),
        text: z.string(),
        line: z.number().int(),
        kind: z.enum(['weekly', 'thematic', 'other']),
        weekday: z.number().int().nullable(),
        halfDay,
        seriesId: z.string().nullable(),
        seriesTitle: z.string().nullable(),
      }),
    ),
    recipients: z.array(z.string()),
    signature: z.array(z.string()),
  })
  .describe('What would be stored (dry run)');
export const importReply = importPlanReply
  .extend({
    stored: z.boolean().optional().describe('false when the same text was imported already (not on a dry run)'),
    occurrences: z.array(z.string()).optional().describe('occurrences whose agenda was stored'),
    itemsStored: z.number().int().optional(),
  })
  .describe('The plan (dry run, 200), or the plan with what was stored (201; 200 when nothing was new)');
