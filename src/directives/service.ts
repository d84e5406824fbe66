/**
 * Use cases of the directives component: notices (create, import, edit, issue), directives
 * (assign, deadlines, statuses, progress reports, extensions, history), lists and boards, the
 * follow-up report's data and its agenda item.
 *
 * Every write is one atomic write of one notice document (see repository.ts): a new notice with
 * all its directives is one insert; a change of a directive is an optimistic replace of that
 * directive guarded by its revision, retried a bounded number of times on a concurrent change,
 * then 409; a change of the notice's own fields is guarded by the notice's revision.
 */
import type { Principal } from '../access/api-keys';
import type { AgendaService } from '../agenda/service';
import type { AgendaItem } from '../agenda/types';
import { loadWorkingCalendar, type AdjustmentRepository } from '../calendar/adjustments';
import { utcToLocal } from '../meetings/local-time';
import { addDays, shortDate } from '../shared/wording';
import type { MeetingRepository } from '../meetings/repository';
import type { MeetingsService } from '../meetings/service';
import { loadDirectory, type Directory } from '../meetings/views';
import type { OrganisationRepositories } from '../organisation/repository';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../shared/errors';
import { deadlineOfDate, isOpen, isOverdue } from './deadlines';
import { importNotice, linesOfText, type ImportDirectory, type ImportedNotice } from './importer';
import type { NoticeFields, NoticeRepository } from './repository';
import type {
  DirectiveInput,
  DirectivePatchInput,
  DirectiveQuery,
  ImportInput,
  NoticeInput,
  NoticePatch,
} from './schemas';
import type { DirectiveSettingsStore } from './settings';
import {
  directiveId,
  parseDirectiveId,
  type Assignee,
  type Directive,
  type DirectiveRef,
  type DirectiveStatus,
  type HistoryEntry,
  type Notice,
} from './types';
import { WARNINGS } from './wording';
import {
  actorName,
  decideExtension,
  decideExtensionRequest,
  decidePatch,
  decideReport,
  decideStatus,
  isOwn,
  type ExtensionDecision,
  type ExtensionInput,
  type ReportInput,
} from './workflow';
import { paragraphsOfDocx } from './docx-text';

export interface DirectivesDeps {
  repo: NoticeRepository;
  settings: DirectiveSettingsStore;
  orgRepos: OrganisationRepositories;
  meetings: MeetingsService;
  meetingRepo: MeetingRepository;
  agenda: AgendaService;
  adjustments: AdjustmentRepository;
  clock: Clock;
  defaultTimeZone: string;
}

/** Optimistic writes read again this many times after losing to a concurrent change, then 409. */
const CAS_ATTEMPTS = 60;

const pause = (attempt: number) => new Promise((ok) => setTimeout(ok, Math.random() * Math.min(50, 3 * (attempt + 1))));

/** What the importer recognised, before anything is stored (the review page and the JSON dry run). */
export interface ImportPreview {
  imported: ImportedNotice;
  occurrenceId: string | null;
  /** Notice-level warnings, the occurrence's included. */
  warnings: string[];
  source: 'text' | 'docx';
}

export function importDirectory(dir: Directory): ImportDirectory {
  return {
    bodies: [...dir.bodies.values()].map((b) => ({
      code: b.code,
      name: b.name,
      shortName: b.shortName,
      place: b.place,
      kind: b.kind,
    })),
    agencies: [...dir.agencies.values()].map((a) => ({ code: a.code, name: a.name, shortName: a.shortName })),
    officials: [...dir.officials.values()].map((o) => ({ code: o.code, name: o.name, title: o.title })),
  };
}

/** Whether a warning is answered by assigning (`assignee`) or by a deadline or cadence (`deadline`). */
export function warningAnswered(w: string, kind: 'assignee' | 'deadline'): boolean {
  if (kind === 'assignee') return w === WARNINGS.noAssignee || w.startsWith('Không nhận ra cơ quan, đơn vị được giao');
  return (
    w === WARNINGS.noDeadline ||
    w.startsWith('Văn bản không nêu thời hạn') ||
    w.startsWith('Văn bản nêu nhiều ngày') ||
    w === WARNINGS.standing
  );
}

export type DirectivesService = ReturnType<typeof directivesService>;

export function directivesService(deps: DirectivesDeps) {
  const { repo } = deps;
  const now = () => deps.clock.now();
  const entry = (by: string, action: string, changes: HistoryEntry['changes'] = {}): HistoryEntry => ({
    at: now(),
    by,
    action,
    changes,
  });

  async function noticeOrThrow(id: string): Promise<Notice> {
    const n = await repo.get(id);
    if (!n) throw new NotFoundError('Notice', id);
    return n;
  }

  async function zoneOfBody(bodyCode: string): Promise<string> {
    return (await deps.orgRepos.bodies.get(bodyCode))?.timeZone ?? deps.defaultTimeZone;
  }

  /** Every unknown body, agency or official among assignees, as field problems. */
  async function assigneeProblems(
    list: { field: string; a: Pick<Assignee, 'kind' | 'code'> }[],
  ): Promise<FieldProblem[]> {
    if (!list.length) return [];
    const dir = await loadDirectory(deps.orgRepos);
    const known = { agency: dir.agencies, body: dir.bodies, official: dir.officials } as const;
    return list
      .filter(({ a }) => !known[a.kind].has(a.code))
      .map(({ field, a }) => ({ field, problem: `unknown ${a.kind} '${a.code}'` }));
  }

  async function checkNoticeRefs(input: {
    bodyCode?: string | undefined;
    occurrenceId?: string | null | undefined;
    directives?: DirectiveInput[];
  }): Promise<void> {
    const problems: FieldProblem[] = [];
    if (input.bodyCode && !(await deps.orgRepos.bodies.get(input.bodyCode)))
      problems.push({ field: 'bodyCode', problem: `unknown body '${input.bodyCode}'` });
    if (input.occurrenceId) {
      try {
        await deps.meetings.getOccurrence(input.occurrenceId);
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
        problems.push({ field: 'occurrenceId', problem: `no occurrence '${input.occurrenceId}'` });
      }
    }
    problems.push(
      ...(await assigneeProblems(
        (input.directives ?? []).flatMap((d, i) =>
          d.assignees.map((a, k) => ({ field: `directives.${i}.assignees.${k}.code`, a })),
        ),
      )),
    );
    if (problems.length) throw new ValidationError(problems);
  }

  function newDirective(
    noticeId: string,
    seq: number,
    number: number,
    fields: Pick<Directive, 'section' | 'text' | 'assignees' | 'dueAt' | 'dueTimeAssumed' | 'cadence' | 'warnings'>,
    by: string,
    at: Date,
    action = 'created',
  ): Directive {
    return {
      id: directiveId(noticeId, seq),
      seq,
      number,
      ...fields,
      status: 'assigned',
      statusNote: null,
      reportedDoneAt: null,
      doneAt: null,
      reports: [],
      extensions: [],
      deadlineHistory: fields.dueAt
        ? [
            {
              at,
              by,
              from: null,
              to: fields.dueAt,
              reason: action === 'seed' || action === 'imported' ? 'Theo văn bản' : 'Giao khi tạo',
            },
          ]
        : [],
      history: [{ at, by, action, changes: {} }],
      rev: 0,
      updatedAt: at,
    };
  }

  /** Notice-level optimistic change (read, decide, write if unchanged, else again). */
  async function changeNotice(
    id: string,
    decide: (n: Notice) => { set: NoticeFields; history: HistoryEntry } | null,
  ): Promise<Notice> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const n = await noticeOrThrow(id);
      const change = decide(n);
      if (!change) return n;
      const updated = await repo.updateIfRev(
        id,
        n.rev,
        { ...change.set, updatedAt: change.history.at },
        change.history,
      );
      if (updated) return updated;
      await pause(attempt);
    }
    throw new ConflictError(`Notice ${id} is being changed by someone else at the same moment; try again.`);
  }

  /** Directive-level optimistic change: only a concurrent change of the same directive makes it retry. */
  async function changeDirective(
    id: string,
    decide: (n: Notice, d: Directive, dir: Directory) => Directive | null,
  ): Promise<{ notice: Notice; directive: Directive; changed: boolean }> {
    const parsed = parseDirectiveId(id);
    if (!parsed) throw new NotFoundError('Directive', id);
    const dir = await loadDirectory(deps.orgRepos);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const n = await repo.get(parsed.noticeId);
      const index = n ? n.directives.findIndex((d) => d.id === id) : -1;
      if (!n || index < 0) throw new NotFoundError('Directive', id);
      const current = n.directives[index]!;
      const next = decide(n, current, dir);
      if (!next) return { notice: n, directive: current, changed: false };
      const updated = await repo.replaceDirective(n.id, index, id, current.rev, next, next.updatedAt);
      if (updated) {
        if (updated.status === 'issued') await deps.meetingRepo.bumpScheduleVersion(); // private feeds show deadlines
        return { notice: updated, directive: updated.directives.find((d) => d.id === id)!, changed: true };
      }
      await pause(attempt);
    }
    throw new ConflictError(`Directive ${id} is being changed by someone else at the same moment; try again.`);
  }

  const mustBeIssued = (n: Notice) => {
    if (n.status !== 'issued')
      throw new ConflictError('The notice is still a draft: its directives are followed up once it is issued.', [
        { field: 'status', problem: 'notice is a draft' },
      ]);
  };

  /** The meeting a notice came from: the one occurrence of the body on the meeting's date. */
  async function findOccurrence(
    bodyCode: string | null,
    meetingDate: string | null,
  ): Promise<{ occurrenceId: string | null; warning: string | null }> {
    if (!bodyCode || !meetingDate) return { occurrenceId: null, warning: null };
    const found = (await deps.meetings.occurrencesIn({ from: meetingDate, to: meetingDate, bodyCode })).filter(
      (o) => o.status !== 'cancelled',
    );
    if (found.length === 1) return { occurrenceId: found[0]!.id, warning: null };
    return {
      occurrenceId: null,
      warning: found.length
        ? WARNINGS.severalOccurrences(shortDate(meetingDate))
        : WARNINGS.noOccurrence(shortDate(meetingDate)),
    };
  }

  async function preview(input: ImportInput): Promise<ImportPreview> {
    const dir = await loadDirectory(deps.orgRepos);
    if (input.bodyCode && !dir.bodies.has(input.bodyCode))
      throw ValidationError.field('bodyCode', `unknown body '${input.bodyCode}'`);
    let lines: string[];
    let joined = false;
    if (input.docxBase64 !== undefined) {
      try {
        lines = await paragraphsOfDocx(Buffer.from(input.docxBase64, 'base64'));
      } catch {
        throw ValidationError.field('docxBase64', 'is not a readable .docx file');
      }
      joined = true;
    } else lines = linesOfText(input.text ?? '');
    if (!lines.length) throw ValidationError.field(input.docxBase64 !== undefined ? 'docxBase64' : 'text', 'is empty');
    const imported = importNotice(lines, importDirectory(dir), { bodyCode: input.bodyCode }, { joined });
    const warnings = [...imported.warnings];
    let occurrenceId: string | null;
    if (input.occurrenceId) {
      await checkNoticeRefs({ occurrenceId: input.occurrenceId });
      occurrenceId = input.occurrenceId;
    } else {
      const found = await findOccurrence(imported.bodyCode, imported.meetingDate);
      occurrenceId = found.occurrenceId;
      if (found.warning) warnings.push(found.warning);
    }
    return { imported, occurrenceId, warnings, source: input.docxBase64 !== undefined ? 'docx' : 'text' };
  }

  /** A notice built from an import (or the seed): every directive with its warnings, nothing guessed. */
  async function noticeFrom(
    p: {
      id: string;
      imported: ImportedNotice;
      occurrenceId: string | null;
      warnings: string[];
      source: Notice['source'];
      status: Notice['status'];
    },
    by: string,
  ): Promise<Notice> {
    const at = now();
    const { imported } = p;
    if (!imported.bodyCode) throw ValidationError.field('bodyCode', 'the issuing body was not recognised: choose it');
    const zone = await zoneOfBody(imported.bodyCode);
    const action = p.source === 'seed' ? 'seed' : p.source === 'manual' ? 'created' : 'imported';
    return {
      id: p.id,
      bodyCode: imported.bodyCode,
      kind: imported.kind,
      number: imported.number,
      date: imported.date,
      title: imported.title,
      occurrenceId: p.occurrenceId,
      meetingDate: imported.meetingDate,
      signer: imported.signer,
      recipients: imported.recipients,
      status: p.status,
      preamble: imported.preamble,
      sections: imported.sections,
      directives: imported.directives.map((d, i) =>
        newDirective(
          p.id,
          i + 1,
          i + 1,
          {
            section: d.section,
            text: d.text,
            assignees: d.assignees,
            dueAt: d.due ? deadlineOfDate(d.due, zone) : null,
            dueTimeAssumed: d.due !== null,
            cadence: d.cadence,
            warnings: d.warnings,
          },
          by,
          at,
          action,
        ),
      ),
      warnings: p.warnings,
      history: [{ at, by, action, changes: {} }],
      source: p.source,
      issuedAt: p.status === 'issued' ? at : null,
      issuedBy: p.status === 'issued' ? by : null,
      nextSeq: imported.directives.length + 1,
      rev: 0,
      createdAt: at,
      updatedAt: at,
    };
  }

  function issueProblems(n: Pick<Notice, 'number' | 'date' | 'directives'>): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (!n.number) problems.push({ field: 'number', problem: 'a notice needs its number to be issued' });
    if (!n.date) problems.push({ field: 'date', problem: 'a notice needs its date to be issued' });
    if (!n.directives.length)
      problems.push({ field: 'directives', problem: 'a notice needs at least one directive to be issued' });
    return problems;
  }

  async function store(notice: Notice): Promise<Notice> {
    if (!(await repo.insert(notice)))
      throw new ConflictError(`A notice with id '${notice.id}' already exists.`, [
        { field: 'id', problem: 'is already taken' },
      ]);
    if (notice.status === 'issued') await deps.meetingRepo.bumpScheduleVersion();
    return notice;
  }

  /** Directives with their notices, narrowed by a query (the API's `GET /api/directives`). */
  async function listDirectives(q: Partial<DirectiveQuery> = {}): Promise<DirectiveRef[]> {
    const t = now();
    const notices = q.notice ? [await noticeOrThrow(q.notice)] : await repo.list(q.body ? { bodyCode: q.body } : {});
    const officials = q.agency ? new Map((await deps.orgRepos.officials.list()).map((o) => [o.code, o])) : new Map();
    const out: DirectiveRef[] = [];
    for (const notice of notices) {
      if (q.body && notice.bodyCode !== q.body) continue;
      const zone = q.dueBefore ? await zoneOfBody(notice.bodyCode) : deps.defaultTimeZone;
      for (const directive of notice.directives) {
        if (q.agency && !isOwn(directive, q.agency, officials)) continue;
        if (q.official && !directive.assignees.some((a) => a.kind === 'official' && a.code === q.official)) continue;
        if (q.status === 'open' && !isOpen(directive)) continue;
        if (q.status === 'overdue' && !isOverdue(directive, t)) continue;
        if (q.status && q.status !== 'open' && q.status !== 'overdue' && directive.status !== q.status) continue;
        if (q.dueBefore && (!directive.dueAt || utcToLocal(directive.dueAt, zone).slice(0, 10) >= q.dueBefore))
          continue;
        out.push({ notice, directive });
      }
    }
    return out;
  }

  return {
    now,
    directory: () => loadDirectory(deps.orgRepos),
    listNotices: (filter: { bodyCode?: string | undefined; status?: string | undefined } = {}) => repo.list(filter),
    getNotice: noticeOrThrow,
    listDirectives,

    async getDirective(id: string): Promise<DirectiveRef> {
      const parsed = parseDirectiveId(id);
      const notice = parsed ? await repo.get(parsed.noticeId) : null;
      const directive = notice?.directives.find((d) => d.id === id);
      if (!notice || !directive) throw new NotFoundError('Directive', id);
      return { notice, directive };
    },

    /** A new notice (a draft), entered by the Office, with its directives if given. */
    async createNotice(input: NoticeInput, by: string): Promise<Notice> {
      await checkNoticeRefs(input);
      const sectionProblems = input.directives.flatMap((d, i) =>
        d.section !== null && d.section >= input.sections.length
          ? [{ field: `directives.${i}.section`, problem: `there are only ${input.sections.length} sections` }]
          : [],
      );
      if (sectionProblems.length) throw new ValidationError(sectionProblems);
      const id = newId('notice');
      const at = now();
      const notice: Notice = {
        id,
        bodyCode: input.bodyCode,
        kind: input.kind,
        number: input.number,
        date: input.date,
        title: input.title,
        occurrenceId: input.occurrenceId,
        meetingDate: null,
        signer: input.signer,
        recipients: input.recipients,
        status: 'draft',
        preamble: input.preamble,
        sections: input.sections,
        directives: input.directives.map((d, i) =>
          newDirective(
            id,
            i + 1,
            i + 1,
            {
              section: d.section,
              text: d.text,
              assignees: d.assignees,
              dueAt: d.dueAt,
              dueTimeAssumed: false,
              cadence: d.cadence,
              warnings: [],
            },
            by,
            at,
          ),
        ),
        warnings: [],
        history: [{ at, by, action: 'created', changes: {} }],
        source: 'manual',
        issuedAt: null,
        issuedBy: null,
        nextSeq: input.directives.length + 1,
        rev: 0,
        createdAt: at,
        updatedAt: at,
      };
      return store(notice);
    },

    async updateNotice(id: string, patch: NoticePatch, by: string): Promise<Notice> {
      await checkNoticeRefs({ occurrenceId: patch.occurrenceId });
      const updated = await changeNotice(id, (n) => {
        const changes: HistoryEntry['changes'] = {};
        const set: NoticeFields = {};
        for (const [k, v] of Object.entries(patch) as [keyof NoticePatch, unknown][]) {
          if (JSON.stringify(n[k]) !== JSON.stringify(v)) {
            (set as Record<string, unknown>)[k] = v;
            changes[k] = { from: n[k] ?? null, to: v ?? null };
          }
        }
        if (set.sections && n.directives.some((d) => d.section !== null && d.section >= set.sections!.length))
          throw ValidationError.field('sections', 'a directive is filed under a section that would no longer exist');
        if (n.status === 'issued' && ('number' in set || 'date' in set) && issueProblems({ ...n, ...set }).length)
          throw new ValidationError(issueProblems({ ...n, ...set }));
        return Object.keys(changes).length ? { set, history: entry(by, 'updated', changes) } : null;
      });
      if (updated.status === 'issued') await deps.meetingRepo.bumpScheduleVersion();
      return updated;
    },

    /** Issues a draft: it needs a number, a date and directives (given now or before). */
    async issueNotice(
      id: string,
      input: { number?: string | undefined; date?: string | undefined },
      by: string,
    ): Promise<Notice> {
      const issued = await changeNotice(id, (n) => {
        if (n.status === 'issued')
          throw new ConflictError(`Notice ${id} is already issued.`, [
            { field: 'status', problem: 'is already issued' },
          ]);
        const next = { number: input.number ?? n.number, date: input.date ?? n.date };
        const problems = issueProblems({ ...next, directives: n.directives });
        if (problems.length) throw new ValidationError(problems);
        const at = now();
        return {
          set: { ...next, status: 'issued', issuedAt: at, issuedBy: by },
          history: entry(by, 'issued', {
            status: { from: 'draft', to: 'issued' },
            number: { from: n.number, to: next.number },
            date: { from: n.date, to: next.date },
          }),
        };
      });
      await deps.meetingRepo.bumpScheduleVersion();
      return issued;
    },

    /** Adds a directive at the end of a notice (or of a section). */
    async addDirective(noticeId: string, input: DirectiveInput, by: string): Promise<Directive> {
      const problems = await assigneeProblems(input.assignees.map((a, k) => ({ field: `assignees.${k}.code`, a })));
      if (problems.length) throw new ValidationError(problems);
      const updated = await changeNotice(noticeId, (n) => {
        if (input.section !== null && input.section >= n.sections.length)
          throw ValidationError.field('section', `there are only ${n.sections.length} sections`);
        const d = newDirective(
          n.id,
          n.nextSeq,
          n.directives.length + 1,
          {
            section: input.section,
            text: input.text,
            assignees: input.assignees,
            dueAt: input.dueAt,
            dueTimeAssumed: false,
            cadence: input.cadence,
            warnings: [],
          },
          by,
          now(),
        );
        return {
          set: { directives: [...n.directives, d], nextSeq: n.nextSeq + 1 },
          history: entry(by, 'directive-added', { directive: { from: null, to: d.id } }),
        };
      });
      if (updated.status === 'issued') await deps.meetingRepo.bumpScheduleVersion();
      return updated.directives[updated.directives.length - 1]!;
    },

    /** Removes a directive from a draft (an issued notice keeps its directives: cancel one instead). */
    async removeDirective(id: string, by: string): Promise<Notice> {
      const parsed = parseDirectiveId(id);
      if (!parsed) throw new NotFoundError('Directive', id);
      return changeNotice(parsed.noticeId, (n) => {
        if (!n.directives.some((d) => d.id === id)) throw new NotFoundError('Directive', id);
        if (n.status !== 'draft')
          throw new ConflictError('An issued notice keeps its directives: cancel the directive instead.', [
            { field: 'status', problem: 'notice is issued' },
          ]);
        const directives = n.directives.filter((d) => d.id !== id).map((d, i) => ({ ...d, number: i + 1 }));
        return { set: { directives }, history: entry(by, 'directive-removed', { directive: { from: id, to: null } }) };
      });
    },

    /** What the importer recognises, stored nowhere (the review page and `?dryRun`). */
    previewImport: preview,

    /** Stores an import as reviewed: the notice and all its directives in one insert, or nothing. */
    async confirmImport(input: ImportInput, by: string): Promise<Notice> {
      const p = await preview(input);
      const notice = await noticeFrom(
        {
          id: newId('notice'),
          imported: p.imported,
          occurrenceId: p.occurrenceId,
          warnings: p.warnings,
          source: p.source,
          status: input.status,
        },
        by,
      );
      if (input.status === 'issued') {
        const problems = issueProblems(notice);
        if (problems.length) throw new ValidationError(problems);
      }
      return store(notice);
    },

    /** The seed's notices: stored as the document states them (an issued notice may lack its number). */
    async storeSeedNotice(n: {
      id: string;
      imported: ImportedNotice;
      occurrenceId: string | null;
      status: Notice['status'];
    }): Promise<boolean> {
      if (await repo.get(n.id)) return false;
      await store(await noticeFrom({ ...n, warnings: n.imported.warnings, source: 'seed' }, 'seed'));
      return true;
    },

    async patchDirective(id: string, patch: DirectivePatchInput, principal: Principal): Promise<DirectiveRef> {
      if (principal.role !== 'office') throw new ForbiddenError('Only the Office edits a directive.');
      const problems = await assigneeProblems(
        (patch.assignees ?? []).map((a, k) => ({ field: `assignees.${k}.code`, a })),
      );
      if (problems.length) throw new ValidationError(problems);
      const r = await changeDirective(id, (n, d) => {
        if (patch.section !== undefined && patch.section !== null && patch.section >= n.sections.length)
          throw ValidationError.field('section', `there are only ${n.sections.length} sections`);
        return decidePatch(d, patch, principal, now(), warningAnswered);
      });
      return { notice: r.notice, directive: r.directive };
    },

    async setStatus(id: string, status: DirectiveStatus, principal: Principal, note?: string): Promise<DirectiveRef> {
      const r = await changeDirective(id, (n, d, dir) => {
        mustBeIssued(n);
        return decideStatus(d, status, principal, dir.officials, now(), note);
      });
      return { notice: r.notice, directive: r.directive };
    },

    async addReport(
      id: string,
      input: Omit<ReportInput, 'date'> & { date?: string | undefined },
      principal: Principal,
    ): Promise<DirectiveRef> {
      const r = await changeDirective(id, (n, d, dir) => {
        mustBeIssued(n);
        const date =
          input.date ?? utcToLocal(now(), dir.bodies.get(n.bodyCode)?.timeZone ?? deps.defaultTimeZone).slice(0, 10);
        return decideReport(d, { ...input, date }, principal, dir.officials, now(), newId('report'));
      });
      return { notice: r.notice, directive: r.directive };
    },

    async requestExtension(id: string, input: ExtensionInput, principal: Principal): Promise<DirectiveRef> {
      const r = await changeDirective(id, (n, d, dir) => {
        mustBeIssued(n);
        return decideExtensionRequest(d, input, principal, dir.officials, now(), newId('ext'));
      });
      return { notice: r.notice, directive: r.directive };
    },

    async decideExtension(id: string, input: ExtensionDecision, principal: Principal): Promise<DirectiveRef> {
      const r = await changeDirective(id, (n, d) => {
        mustBeIssued(n);
        return decideExtension(d, input, principal, now());
      });
      return { notice: r.notice, directive: r.directive };
    },

    async history(id: string): Promise<HistoryEntry[]> {
      return (await this.getDirective(id)).directive.history;
    },

    /**
     * Adds "Báo cáo kết quả thực hiện ý kiến chỉ đạo" as an item of the next occurrence of the
     * series the notice came from (after today and after that meeting). Once per notice and
     * occurrence: an item with the same title already there is returned as it is.
     */
    async addFollowUpToNextAgenda(
      noticeId: string,
      by: string,
    ): Promise<{ occurrenceId: string; item: AgendaItem; created: boolean }> {
      const n = await noticeOrThrow(noticeId);
      if (!n.occurrenceId)
        throw new ConflictError(
          'The notice is linked to no meeting: there is no series to take the next briefing from.',
          [{ field: 'occurrenceId', problem: 'is not set' }],
        );
      const occ = await deps.meetings.getOccurrence(n.occurrenceId);
      if (!occ.seriesId)
        throw new ConflictError('The meeting belongs to no series: there is no next occurrence.', [
          { field: 'occurrenceId', problem: 'a one-off meeting' },
        ]);
      const today = utcToLocal(now(), occ.timeZone).slice(0, 10);
      const from = [addDays(occ.localStart.slice(0, 10), 1), today].sort()[1]!;
      const next = (await deps.meetings.occurrencesIn({ from, to: addDays(from, 400), bodyCode: occ.bodyCode })).find(
        (o) => o.seriesId === occ.seriesId && o.status !== 'cancelled' && o.startUtc > now(),
      );
      if (!next)
        throw new ConflictError('The series has no later occurrence to put the report on.', [
          { field: 'occurrenceId', problem: 'no later occurrence' },
        ]);
      const title =
        `Báo cáo kết quả thực hiện ý kiến chỉ đạo${n.number ? ` tại Thông báo số ${n.number}` : ''} (${n.title || 'thông báo'}${n.meetingDate ? `, giao ban ngày ${shortDate(n.meetingDate)}` : ''})`.slice(
          0,
          1000,
        );
      const items = await deps.agenda.list([next.id]);
      const existing = items.find((i) => i.title === title);
      if (existing) return { occurrenceId: next.id, item: existing, created: false };
      const number = Math.max(0, ...items.map((i) => i.number)) + 1;
      const [item] = await deps.agenda.addItems(
        next.id,
        [{ number, title, kind: 'report', preparingAgencies: [], leaderCode: null }],
        by,
      );
      return { occurrenceId: next.id, item: item!, created: true };
    },

    settings: async (bodyCode: string) => {
      if (!(await deps.orgRepos.bodies.get(bodyCode))) throw new NotFoundError('Body', bodyCode);
      return deps.settings.get(bodyCode);
    },
    patchSettings: async (bodyCode: string, input: Parameters<DirectiveSettingsStore['patch']>[1]) => {
      if (!(await deps.orgRepos.bodies.get(bodyCode))) throw new NotFoundError('Body', bodyCode);
      return deps.settings.patch(bodyCode, input);
    },
    allSettings: () => deps.settings.all(),
    calendar: () => loadWorkingCalendar(deps.adjustments),
    actorName,
  };
}
