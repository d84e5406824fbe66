/** The API shapes of notices and directives (instants with the body's offset, names for codes). Pure. */
import type { ReplyOf } from '../http/openapi';
import { toOffsetIso } from '../meetings/local-time';
import type { Directory } from '../meetings/views';
import { deadlineOfDate, isDueThisWeek, isOverdue, overdueDays, progressOf } from './deadlines';
import type { DirectiveReply, importPreviewReply, NoticeReply } from './replies';
import type { ImportPreview } from './service';
import type { Assignee, Directive, Notice } from './types';
import { PROGRESS_LABELS } from '../shared/wording';

export function assigneeName(a: Pick<Assignee, 'kind' | 'code'>, dir: Directory): string {
  if (a.kind === 'agency') return dir.agencies.get(a.code)?.name ?? a.code;
  if (a.kind === 'body') return dir.bodies.get(a.code)?.shortName || dir.bodies.get(a.code)?.name || a.code;
  return dir.officials.get(a.code)?.name ?? a.code;
}

export const zoneOf = (notice: Pick<Notice, 'bodyCode'>, dir: Directory, fallback: string): string =>
  dir.bodies.get(notice.bodyCode)?.timeZone ?? fallback;

export function directiveView(
  notice: Notice,
  d: Directive,
  dir: Directory,
  now: Date,
  fallbackZone: string,
): DirectiveReply {
  const zone = zoneOf(notice, dir, fallbackZone);
  const at = (x: Date | null) => (x ? toOffsetIso(x, zone) : null);
  const progress = progressOf(d, now);
  const latest = d.reports[d.reports.length - 1] ?? null;
  return {
    id: d.id,
    noticeId: notice.id,
    noticeNumber: notice.number,
    noticeTitle: notice.title,
    noticeStatus: notice.status,
    bodyCode: notice.bodyCode,
    number: d.number,
    sectionIndex: d.section,
    section: d.section === null ? null : (notice.sections[d.section] ?? null),
    text: d.text,
    assignees: d.assignees.map((a) => ({ kind: a.kind, code: a.code, name: assigneeName(a, dir), role: a.role })),
    dueAt: at(d.dueAt),
    dueTimeAssumed: d.dueTimeAssumed,
    cadence: d.cadence,
    standing: !d.dueAt && d.cadence !== null,
    status: d.status,
    statusNote: d.statusNote,
    progress,
    progressLabel: PROGRESS_LABELS[progress],
    overdue: isOverdue(d, now),
    overdueDays: overdueDays(d, now, zone),
    dueThisWeek: isDueThisWeek(d, now, zone),
    reportedDoneAt: at(d.reportedDoneAt),
    doneAt: at(d.doneAt),
    latestReport: latest
      ? {
          date: latest.date,
          text: latest.text,
          link: latest.link,
          documentNumber: latest.documentNumber,
          by: latest.by,
          at: at(latest.at),
        }
      : null,
    reports: d.reports.map((r) => ({
      id: r.id,
      date: r.date,
      text: r.text,
      link: r.link,
      documentNumber: r.documentNumber,
      by: r.by,
      at: at(r.at),
    })),
    extension: (() => {
      const e = d.extensions.find((x) => x.state === 'requested');
      return e
        ? {
            id: e.id,
            reason: e.reason,
            proposedDueAt: at(e.proposedDueAt),
            requestedBy: e.requestedBy,
            requestedAt: at(e.requestedAt),
          }
        : null;
    })(),
    extensions: d.extensions.map((e) => ({
      id: e.id,
      state: e.state,
      reason: e.reason,
      proposedDueAt: at(e.proposedDueAt),
      requestedBy: e.requestedBy,
      requestedAt: at(e.requestedAt),
      decidedBy: e.decidedBy,
      decidedAt: at(e.decidedAt),
      note: e.note,
      grantedDueAt: at(e.grantedDueAt),
    })),
    deadlineHistory: d.deadlineHistory.map((c) => ({
      at: at(c.at),
      by: c.by,
      from: at(c.from),
      to: at(c.to),
      reason: c.reason,
    })),
    warnings: d.warnings,
    rev: d.rev,
    updatedAt: at(d.updatedAt),
  };
}
export type DirectiveView = ReturnType<typeof directiveView>;

export function noticeView(notice: Notice, dir: Directory, now: Date, fallbackZone: string): NoticeReply {
  const directives = notice.directives.map((d) => directiveView(notice, d, dir, now, fallbackZone));
  return {
    id: notice.id,
    bodyCode: notice.bodyCode,
    bodyName: dir.bodies.get(notice.bodyCode)?.name ?? notice.bodyCode,
    kind: notice.kind,
    number: notice.number,
    date: notice.date,
    title: notice.title,
    occurrenceId: notice.occurrenceId,
    meetingDate: notice.meetingDate,
    signer: notice.signer,
    recipients: notice.recipients,
    status: notice.status,
    preamble: notice.preamble,
    sections: notice.sections,
    warnings: notice.warnings,
    source: notice.source,
    issuedAt: notice.issuedAt ? toOffsetIso(notice.issuedAt, zoneOf(notice, dir, fallbackZone)) : null,
    issuedBy: notice.issuedBy,
    rev: notice.rev,
    counts: {
      directives: directives.length,
      open: directives.filter((d) => d.status === 'assigned' || d.status === 'in-progress').length,
      overdue: directives.filter((d) => d.overdue).length,
      unassigned: directives.filter((d) => !d.assignees.length).length,
    },
    directives,
  };
}
export type NoticeView = ReturnType<typeof noticeView>;

/** What an import recognised, as the dry run returns it (names for codes, deadlines as instants). */
export function previewView(
  p: ImportPreview,
  dir: Directory,
  fallbackZone: string,
): ReplyOf<typeof importPreviewReply> {
  const n = p.imported;
  const zone = (n.bodyCode && dir.bodies.get(n.bodyCode)?.timeZone) || fallbackZone;
  return {
    dryRun: true,
    source: p.source,
    notice: {
      bodyCode: n.bodyCode,
      bodyName: n.bodyCode ? (dir.bodies.get(n.bodyCode)?.name ?? n.bodyCode) : null,
      kind: n.kind,
      number: n.number,
      date: n.date,
      title: n.title,
      meetingDate: n.meetingDate,
      occurrenceId: p.occurrenceId,
      signer: n.signer,
      recipients: n.recipients,
      preamble: n.preamble,
      sections: n.sections,
      warnings: p.warnings,
    },
    directives: n.directives.map((d, i) => ({
      number: i + 1,
      sectionIndex: d.section,
      section: d.section === null ? null : n.sections[d.section],
      text: d.text,
      assignees: d.assignees.map((a) => ({ ...a, name: assigneeName(a, dir) })),
      dueAt: d.due ? toOffsetIso(deadlineOfDate(d.due, zone), zone) : null,
      dueTimeAssumed: d.due !== null,
      cadence: d.cadence,
      warnings: d.warnings,
    })),
  };
}
