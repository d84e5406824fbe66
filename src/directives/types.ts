/**
 * Plain types of the directives component: a notice of directives (Thông báo ý kiến chỉ đạo /
 * kết luận) issued after a meeting, and its directives (the tasks it assigns), with their
 * follow-up (progress reports, extensions, statuses) and history.
 *
 * A notice and its directives are ONE document (`notices` collection): storing a notice with its
 * directives (a confirmed import, a seed) is one insert, so it is all or nothing without an
 * intent; a change to one directive is one conditional update of that document (see
 * repository.ts for the operators the local FerretDB supports).
 */

/** ý kiến chỉ đạo / kết luận / thông báo giao nhiệm vụ. */
export const NOTICE_KINDS = ['directive-opinions', 'conclusions', 'task-assignment'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_STATUSES = ['draft', 'issued'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/**
 * assigned → in-progress → reported-done (by the assignee) → done (confirmed by the Office);
 * cancelled (with a reason) from any open status. An extension request does not change the status.
 */
export const DIRECTIVE_STATUSES = ['assigned', 'in-progress', 'reported-done', 'done', 'cancelled'] as const;
export type DirectiveStatus = (typeof DIRECTIVE_STATUSES)[number];

/** Statuses in which the assignee still owes the work (reminders, overdue). */
export const OPEN_STATUSES: readonly DirectiveStatus[] = ['assigned', 'in-progress'];

/** An assignee is an agency (Phòng Nội vụ), a body (UBND huyện) or an official (Chủ tịch UBND huyện). */
export const ASSIGNEE_KINDS = ['agency', 'body', 'official'] as const;
export type AssigneeKind = (typeof ASSIGNEE_KINDS)[number];

/** lead = chủ trì; coordinating = phối hợp. */
export const ASSIGNEE_ROLES = ['lead', 'coordinating'] as const;
export type AssigneeRole = (typeof ASSIGNEE_ROLES)[number];

/** Reporting cadence of a standing task (nhiệm vụ thường xuyên), which has no deadline. */
export const CADENCES = ['weekly', 'monthly', 'quarterly'] as const;
export type Cadence = (typeof CADENCES)[number];

export interface Assignee {
  kind: AssigneeKind;
  code: string;
  role: AssigneeRole;
}

/** A progress report (báo cáo kết quả) from the assignee or the Office. */
export interface ProgressReport {
  id: string;
  /** When it was recorded. */
  at: Date;
  by: string;
  /** The report's own date (local `YYYY-MM-DD`), e.g. of the document that reports. */
  date: string;
  text: string;
  link: string | null;
  documentNumber: string | null;
}

export const EXTENSION_STATES = ['requested', 'granted', 'refused'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

/** A request to extend the deadline (gia hạn), and the Office's decision. */
export interface ExtensionRequest {
  id: string;
  requestedAt: Date;
  requestedBy: string;
  reason: string;
  proposedDueAt: Date;
  state: ExtensionState;
  decidedAt: Date | null;
  decidedBy: string | null;
  note: string | null;
  /** The deadline granted (the proposed one unless the Office set another). */
  grantedDueAt: Date | null;
}

/** One change of a deadline, kept forever (the deadline history). */
export interface DeadlineChange {
  at: Date;
  by: string;
  from: Date | null;
  to: Date | null;
  reason: string;
}

export interface HistoryEntry {
  at: Date;
  by: string;
  action: string;
  /** field → {from, to} */
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** One directive (a task) of a notice: a paragraph of it, verbatim, with its follow-up. */
export interface Directive {
  /** `<noticeId>-<seq>`: stable, never reused within the notice. */
  id: string;
  seq: number;
  /** Position in the notice, 1-based. */
  number: number;
  /** Index into the notice's `sections`, or null when the notice has none. */
  section: number | null;
  /** The paragraph, verbatim. */
  text: string;
  assignees: Assignee[];
  /** Deadline (thời hạn), or null: none given, or a standing task. */
  dueAt: Date | null;
  /** True when the source gave a date only: the time (17:00) is the end of the office day. */
  dueTimeAssumed: boolean;
  /** Reporting cadence of a standing task (no deadline). */
  cadence: Cadence | null;
  status: DirectiveStatus;
  /** Why it was cancelled (or the Office's note on the last status change). */
  statusNote: string | null;
  reportedDoneAt: Date | null;
  doneAt: Date | null;
  reports: ProgressReport[];
  extensions: ExtensionRequest[];
  deadlineHistory: DeadlineChange[];
  /** Gaps in the source (no assignee, no deadline, unknown names): shown, never guessed. */
  warnings: string[];
  history: HistoryEntry[];
  /** Revision of this directive: a change applies only to the revision it was computed from. */
  rev: number;
  updatedAt: Date;
}

export interface Signer {
  /** "T/L BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"... */
  authority: string;
  /** "CHÁNH VĂN PHÒNG", "CHỦ TỊCH"... */
  title: string;
  name: string;
}

/** A notice of directives (Thông báo ý kiến chỉ đạo / kết luận / giao nhiệm vụ). */
export interface Notice {
  id: string;
  /** The issuing body (cơ quan ban hành). */
  bodyCode: string;
  kind: NoticeKind;
  /** "123-TB/HU", "45/TB-UBND"; empty while drafted (or when the source lacks it). */
  number: string;
  /** Issue date (local `YYYY-MM-DD`), or null. */
  date: string | null;
  /** The summary (trích yếu) as written. */
  title: string;
  /** The meeting it came from, or null. */
  occurrenceId: string | null;
  /** Local date of that meeting as the notice states it ("Ngày 11 tháng 5 năm 2023, ..."). */
  meetingDate: string | null;
  signer: Signer;
  /** Nơi nhận, one line each. */
  recipients: string[];
  status: NoticeStatus;
  /** The opening paragraph(s) before the first directive. */
  preamble: string;
  /** Section headings as written, e.g. "1. Về công tác Đảng, đoàn thể". */
  sections: string[];
  directives: Directive[];
  warnings: string[];
  history: HistoryEntry[];
  /** Where it came from: entered, imported (text/docx) or the seed. */
  source: 'manual' | 'text' | 'docx' | 'seed';
  issuedAt: Date | null;
  issuedBy: string | null;
  /** Next directive seq. */
  nextSeq: number;
  /** Revision of the notice: grows with every change, a directive's included. */
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A directive with the notice it belongs to (what lists, boards, reminders and feeds work on). */
export interface DirectiveRef {
  notice: Notice;
  directive: Directive;
}

/** Parses a directive id into its notice id and seq; null when malformed. */
export function parseDirectiveId(id: string): { noticeId: string; seq: number } | null {
  const m = /^(.+)-(\d{1,6})$/.exec(id);
  return m ? { noticeId: m[1]!, seq: Number(m[2]) } : null;
}

export const directiveId = (noticeId: string, seq: number): string => `${noticeId}-${seq}`;
