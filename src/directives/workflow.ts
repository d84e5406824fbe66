/**
 * The workflow of one directive as pure decisions: given the directive as read, who acts and what
 * they ask, the directive as it must be written (with its history entry), null when nothing
 * changes, or a typed error. The service applies the result with an optimistic write (the
 * directive's `rev`), so a decision is always made on what is stored.
 *
 *   assigned ──► in-progress ──► reported-done ──► done (the Office confirms)
 *       └──────────────┴─────────────┴──► cancelled (the Office, with a reason)
 *   reported-done ──► in-progress (the Office sends it back); done ──► in-progress (reopened);
 *   cancelled ──► assigned (the Office restores it).
 * A progress report on an assigned directive moves it to in-progress. An extension is requested
 * by the assignee (reason, proposed deadline) and granted or refused by the Office; every change
 * of deadline is kept in `deadlineHistory`.
 */
import type { Principal } from '../access/api-keys';
import type { Official } from '../organisation/types';
import { ConflictError, ForbiddenError, ValidationError } from '../shared/errors';
import { isOpen } from './deadlines';
import type { Assignee, Cadence, Directive, DirectiveStatus, HistoryEntry, ProgressReport } from './types';

/** Who may move a directive from one status to another. */
export const TRANSITIONS: Record<
  DirectiveStatus,
  Partial<Record<DirectiveStatus, readonly ('office' | 'agency')[]>>
> = {
  assigned: { 'in-progress': ['office', 'agency'], 'reported-done': ['office', 'agency'], cancelled: ['office'] },
  'in-progress': { 'reported-done': ['office', 'agency'], cancelled: ['office'] },
  'reported-done': { done: ['office'], 'in-progress': ['office'], cancelled: ['office'] },
  done: { 'in-progress': ['office'] },
  cancelled: { assigned: ['office'] },
};

export const actorName = (p: Pick<Principal, 'name' | 'role'>): string => `${p.name} (${p.role})`;

/**
 * Whether an agency key acts for one of the directive's assignees: its agency, or an official of
 * its agency. A body (UBND huyện) is answered for by the Office.
 */
export function isOwn(
  d: Pick<Directive, 'assignees'>,
  agencyCode: string | null,
  officials: ReadonlyMap<string, Pick<Official, 'agencyCode'>>,
): boolean {
  if (!agencyCode) return false;
  return d.assignees.some(
    (a) =>
      (a.kind === 'agency' && a.code === agencyCode) ||
      (a.kind === 'official' && officials.get(a.code)?.agencyCode === agencyCode),
  );
}

function mustBeAllowed(d: Directive, p: Principal, officials: ReadonlyMap<string, Pick<Official, 'agencyCode'>>): void {
  if (p.role === 'office') return;
  if (p.role !== 'agency' || !isOwn(d, p.agencyCode, officials))
    throw new ForbiddenError("An agency key may act only on its own agency's directives.");
}

function entry(at: Date, by: string, action: string, changes: HistoryEntry['changes']): HistoryEntry {
  return { at, by, action, changes };
}

function withEntry(d: Directive, next: Partial<Directive>, h: HistoryEntry): Directive {
  return { ...d, ...next, history: [...d.history, h], rev: d.rev + 1, updatedAt: h.at };
}

/** A status change asked by `p`; `note` is required to cancel. */
export function decideStatus(
  d: Directive,
  to: DirectiveStatus,
  p: Principal,
  officials: ReadonlyMap<string, Pick<Official, 'agencyCode'>>,
  now: Date,
  note?: string | null,
): Directive | null {
  mustBeAllowed(d, p, officials);
  if (d.status === to) return null;
  const who = TRANSITIONS[d.status][to];
  if (!who)
    throw new ConflictError(`A directive that is '${d.status}' cannot become '${to}'.`, [
      { field: 'status', problem: `cannot go from ${d.status} to ${to}` },
    ]);
  if (!who.includes(p.role as 'office' | 'agency'))
    throw new ForbiddenError(`Only the Office may set '${to}' on a directive that is '${d.status}'.`);
  if (to === 'cancelled' && !note?.trim())
    throw ValidationError.field('note', 'a reason is required to cancel a directive');
  const next: Partial<Directive> = { status: to, statusNote: note?.trim() || null };
  if (to === 'reported-done') next.reportedDoneAt = now;
  if (to === 'done') next.doneAt = now;
  if (to === 'in-progress' || to === 'assigned') {
    next.doneAt = null;
    next.reportedDoneAt = to === 'assigned' ? null : d.reportedDoneAt;
  }
  if (to === 'in-progress' && d.status === 'reported-done') next.reportedDoneAt = null;
  const changes: HistoryEntry['changes'] = { status: { from: d.status, to } };
  if (note?.trim()) changes.note = { from: null, to: note.trim() };
  return withEntry(d, next, entry(now, actorName(p), 'status', changes));
}

export interface ReportInput {
  date: string;
  text: string;
  link?: string | null | undefined;
  documentNumber?: string | null | undefined;
}

/** A progress report; on an assigned directive it also marks the work as started. */
export function decideReport(
  d: Directive,
  input: ReportInput,
  p: Principal,
  officials: ReadonlyMap<string, Pick<Official, 'agencyCode'>>,
  now: Date,
  id: string,
): Directive {
  mustBeAllowed(d, p, officials);
  if (d.status === 'done' || d.status === 'cancelled')
    throw new ConflictError(`The directive is '${d.status}': no more progress reports.`, [
      { field: 'status', problem: `is ${d.status}` },
    ]);
  const report: ProgressReport = {
    id,
    at: now,
    by: actorName(p),
    date: input.date,
    text: input.text,
    link: input.link ?? null,
    documentNumber: input.documentNumber ?? null,
  };
  const changes: HistoryEntry['changes'] = {
    report: { from: null, to: input.text.length > 200 ? `${input.text.slice(0, 197)}...` : input.text },
  };
  const next: Partial<Directive> = { reports: [...d.reports, report] };
  if (d.status === 'assigned') {
    next.status = 'in-progress';
    changes.status = { from: 'assigned', to: 'in-progress' };
  }
  return withEntry(d, next, entry(now, actorName(p), 'report', changes));
}

export interface ExtensionInput {
  reason: string;
  proposedDueAt: Date;
}

/** A request to extend the deadline: open, with a deadline, none pending, a later date. */
export function decideExtensionRequest(
  d: Directive,
  input: ExtensionInput,
  p: Principal,
  officials: ReadonlyMap<string, Pick<Official, 'agencyCode'>>,
  now: Date,
  id: string,
): Directive {
  mustBeAllowed(d, p, officials);
  if (!isOpen(d))
    throw new ConflictError(`The directive is '${d.status}': its deadline can no longer be extended.`, [
      { field: 'status', problem: `is ${d.status}` },
    ]);
  if (!d.dueAt)
    throw new ConflictError('The directive has no deadline to extend.', [
      { field: 'dueAt', problem: 'there is no deadline' },
    ]);
  if (d.extensions.some((e) => e.state === 'requested'))
    throw new ConflictError('An extension request is already waiting for the Office.', [
      { field: 'extension', problem: 'one is already requested' },
    ]);
  if (input.proposedDueAt.getTime() <= d.dueAt.getTime())
    throw ValidationError.field('proposedDueAt', 'must be later than the current deadline');
  const request = {
    id,
    requestedAt: now,
    requestedBy: actorName(p),
    reason: input.reason,
    proposedDueAt: input.proposedDueAt,
    state: 'requested' as const,
    decidedAt: null,
    decidedBy: null,
    note: null,
    grantedDueAt: null,
  };
  return withEntry(
    d,
    { extensions: [...d.extensions, request] },
    entry(now, actorName(p), 'extension-requested', {
      extension: { from: null, to: { reason: input.reason, proposedDueAt: input.proposedDueAt.toISOString() } },
    }),
  );
}

export interface ExtensionDecision {
  decision: 'granted' | 'refused';
  dueAt?: Date | undefined;
  note?: string | null | undefined;
}

/** The Office grants (the proposed or another deadline) or refuses the pending request. */
export function decideExtension(d: Directive, input: ExtensionDecision, p: Principal, now: Date): Directive {
  if (p.role !== 'office') throw new ForbiddenError('Only the Office decides on extensions.');
  const pending = d.extensions.find((e) => e.state === 'requested');
  if (!pending)
    throw new ConflictError('There is no extension request waiting.', [
      { field: 'extension', problem: 'none is requested' },
    ]);
  const by = actorName(p);
  const note = input.note?.trim() || null;
  if (input.decision === 'refused') {
    const extensions = d.extensions.map((e) =>
      e.id === pending.id ? { ...e, state: 'refused' as const, decidedAt: now, decidedBy: by, note } : e,
    );
    return withEntry(
      d,
      { extensions },
      entry(now, by, 'extension-refused', {
        extension: { from: 'requested', to: 'refused' },
        ...(note ? { note: { from: null, to: note } } : {}),
      }),
    );
  }
  const granted = input.dueAt ?? pending.proposedDueAt;
  if (d.dueAt && granted.getTime() <= d.dueAt.getTime())
    throw ValidationError.field('dueAt', 'must be later than the current deadline');
  const extensions = d.extensions.map((e) =>
    e.id === pending.id
      ? { ...e, state: 'granted' as const, decidedAt: now, decidedBy: by, note, grantedDueAt: granted }
      : e,
  );
  const deadlineHistory = [
    ...d.deadlineHistory,
    { at: now, by, from: d.dueAt, to: granted, reason: `Gia hạn: ${pending.reason}` },
  ];
  return withEntry(
    d,
    { extensions, deadlineHistory, dueAt: granted, dueTimeAssumed: false },
    entry(now, by, 'extension-granted', {
      dueAt: { from: d.dueAt?.toISOString() ?? null, to: granted.toISOString() },
      extension: { from: 'requested', to: 'granted' },
    }),
  );
}

export interface DirectivePatch {
  text?: string | undefined;
  section?: number | null | undefined;
  assignees?: Assignee[] | undefined;
  dueAt?: Date | null | undefined;
  dueTimeAssumed?: boolean | undefined;
  cadence?: Cadence | null | undefined;
  /** Why the deadline changes (kept in the deadline history). */
  reason?: string | undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The Office edits a directive: assigns it, sets or changes its deadline (kept in the deadline
 * history) or its cadence, corrects its text or section. Warnings the edit answers are dropped:
 * assigning clears "no assignee", a deadline or a cadence clears "no deadline".
 */
export function decidePatch(
  d: Directive,
  patch: DirectivePatch,
  p: Principal,
  now: Date,
  warningsAnswered: (w: string, kind: 'assignee' | 'deadline') => boolean,
): Directive | null {
  if (p.role !== 'office') throw new ForbiddenError('Only the Office edits a directive.');
  const by = actorName(p);
  const next: Partial<Directive> = {};
  const changes: HistoryEntry['changes'] = {};
  const set = <K extends keyof Directive>(key: K, value: Directive[K]) => {
    if (same(d[key], value)) return;
    next[key] = value;
    changes[key] = {
      from: d[key] instanceof Date ? d[key].toISOString() : (d[key] ?? null),
      to: value instanceof Date ? value.toISOString() : (value ?? null),
    };
  };
  if (patch.text !== undefined) set('text', patch.text);
  if (patch.section !== undefined) set('section', patch.section);
  if (patch.assignees !== undefined) set('assignees', patch.assignees);
  if (patch.cadence !== undefined) set('cadence', patch.cadence);
  if (patch.dueAt !== undefined && (patch.dueAt?.getTime() ?? null) !== (d.dueAt?.getTime() ?? null)) {
    set('dueAt', patch.dueAt);
    next.deadlineHistory = [
      ...d.deadlineHistory,
      { at: now, by, from: d.dueAt, to: patch.dueAt, reason: patch.reason?.trim() || 'Văn phòng điều chỉnh thời hạn' },
    ];
  }
  if (patch.dueTimeAssumed !== undefined) set('dueTimeAssumed', patch.dueTimeAssumed);
  else if (next.dueAt !== undefined) next.dueTimeAssumed = false;
  if (!Object.keys(changes).length) return null;
  const assigned = (next.assignees ?? d.assignees).length > 0;
  const timed =
    (next.dueAt !== undefined ? next.dueAt : d.dueAt) !== null ||
    (next.cadence !== undefined ? next.cadence : d.cadence) !== null;
  const warnings = d.warnings.filter(
    (w) => !((assigned && warningsAnswered(w, 'assignee')) || (timed && warningsAnswered(w, 'deadline'))),
  );
  if (!same(warnings, d.warnings)) next.warnings = warnings;
  if (patch.reason?.trim() && changes.dueAt) changes.reason = { from: null, to: patch.reason.trim() };
  return withEntry(d, next, entry(now, by, 'updated', changes));
}
