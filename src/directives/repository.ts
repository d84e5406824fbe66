/**
 * Data access of notices (with their directives embedded); plain objects only.
 *
 * Why embedded: a notice and its directives are written together when a notice is stored (an
 * import confirmed, the seed), and MongoDB (like the local FerretDB) writes one document
 * atomically, never several: one insert stores all or nothing, no intent needed. A change to one
 * directive is one conditional update of the notice that touches that directive's array element
 * by its index (`directives.<i>`), guarded by the element's id and revision (so a concurrent
 * change of the same directive, or an edit that moved it, makes the write miss and the use case
 * read again), and bumps the notice's `rev`. Changes of different directives never conflict.
 *
 * Measured on the local FerretDB v1.24 (test/integration/directives-storage.test.ts): filters and
 * updates on index paths (`directives.3.rev`, `$set: {'directives.3': …}`) work; the positional
 * operator (`directives.$`) fails ("Cannot create field '$'"), `arrayFilters` are not supported
 * and `$elemMatch` on embedded documents matches nothing, so none of them is used.
 */
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { isDuplicateKey, plain } from '../shared/db';
import { NOTICE_KINDS, NOTICE_STATUSES, type Directive, type HistoryEntry, type Notice } from './types';

const noticeSchema = new Schema(
  {
    _id: String,
    bodyCode: { type: String, required: true },
    kind: { type: String, enum: NOTICE_KINDS, required: true },
    number: { type: String, default: '' },
    date: { type: String, default: null },
    title: { type: String, default: '' },
    occurrenceId: { type: String, default: null },
    meetingDate: { type: String, default: null },
    signer: { type: Schema.Types.Mixed, default: () => ({ authority: '', title: '', name: '' }) },
    recipients: { type: [String], default: [] },
    status: { type: String, enum: NOTICE_STATUSES, required: true },
    preamble: { type: String, default: '' },
    sections: { type: [String], default: [] },
    directives: { type: [Schema.Types.Mixed], default: [] },
    warnings: { type: [String], default: [] },
    history: { type: [Schema.Types.Mixed], default: [] },
    source: { type: String, default: 'manual' },
    issuedAt: { type: Date, default: null },
    issuedBy: { type: String, default: null },
    nextSeq: { type: Number, default: 1 },
    rev: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'notices', minimize: false },
);
noticeSchema.index({ bodyCode: 1, status: 1 });

function model(conn: Connection): Model<Record<string, unknown>> {
  return (conn.models.Notice ?? conn.model('Notice', noticeSchema)) as Model<Record<string, unknown>>;
}

/** A stored instant is a Date; an older document may hold a string or a number; anything else is an invalid date. */
const dateOrNull = (v: unknown): Date | null =>
  v instanceof Date ? v : v ? new Date(typeof v === 'string' || typeof v === 'number' ? String(v) : NaN) : null;

/** Fills defaults an older document may lack and turns stored instants back into Dates. */
function toDirective(raw: Record<string, unknown>): Directive {
  const d = raw as unknown as Directive;
  return {
    ...d,
    section: d.section ?? null,
    assignees: d.assignees ?? [],
    dueAt: dateOrNull(d.dueAt),
    dueTimeAssumed: d.dueTimeAssumed,
    cadence: d.cadence ?? null,
    statusNote: d.statusNote ?? null,
    reportedDoneAt: dateOrNull(d.reportedDoneAt),
    doneAt: dateOrNull(d.doneAt),
    reports: (d.reports ?? []).map((r) => ({
      ...r,
      at: dateOrNull(r.at)!,
      link: r.link ?? null,
      documentNumber: r.documentNumber ?? null,
    })),
    extensions: (d.extensions ?? []).map((e) => ({
      ...e,
      requestedAt: dateOrNull(e.requestedAt)!,
      proposedDueAt: dateOrNull(e.proposedDueAt)!,
      decidedAt: dateOrNull(e.decidedAt),
      grantedDueAt: dateOrNull(e.grantedDueAt),
      note: e.note ?? null,
      decidedBy: e.decidedBy ?? null,
    })),
    deadlineHistory: (d.deadlineHistory ?? []).map((c) => ({
      ...c,
      at: dateOrNull(c.at)!,
      from: dateOrNull(c.from),
      to: dateOrNull(c.to),
    })),
    warnings: d.warnings ?? [],
    history: (d.history ?? []).map((h) => ({ ...h, at: dateOrNull(h.at)! })),
    rev: Number(d.rev ?? 0),
    updatedAt: dateOrNull(d.updatedAt)!,
  };
}

function toNotice(doc: unknown): Notice {
  const n = plain<Notice>(doc);
  return {
    ...n,
    number: n.number ?? '',
    date: n.date ?? null,
    occurrenceId: n.occurrenceId ?? null,
    meetingDate: n.meetingDate ?? null,
    signer: { ...{ authority: '', title: '', name: '' }, ...(n.signer ?? {}) },
    directives: ((n.directives ?? []) as unknown as Record<string, unknown>[]).map(toDirective),
    history: (n.history ?? []).map((h) => ({ ...h, at: dateOrNull(h.at)! })),
    rev: Number(n.rev ?? 0),
    nextSeq: Number(n.nextSeq ?? 1),
  };
}

export interface NoticeFilter {
  bodyCode?: string | undefined;
  status?: string | undefined;
}

/** Notice fields a notice-level write may set (never `directives`' elements one by one). */
export type NoticeFields = Partial<Omit<Notice, 'id' | 'createdAt' | 'history' | 'rev'>>;

export function noticeRepository(conn: Connection) {
  const M = model(conn);
  return {
    /** Stores a whole notice with its directives in one insert; false when the id is taken. */
    async insert(notice: Notice): Promise<boolean> {
      const { id, ...rest } = notice;
      try {
        await M.collection.insertOne({ _id: id, ...rest } as never);
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    },
    async get(id: string): Promise<Notice | null> {
      const doc = await M.findById(String(id)).lean();
      return doc ? toNotice(doc) : null;
    },
    async list(filter: NoticeFilter = {}): Promise<Notice[]> {
      const q: Record<string, string> = {};
      if (filter.bodyCode) q.bodyCode = String(filter.bodyCode);
      if (filter.status) q.status = String(filter.status);
      const docs = await M.find(q).lean();
      return docs
        .map(toNotice)
        .sort(
          (a, b) =>
            (b.date ?? b.meetingDate ?? '').localeCompare(a.date ?? a.meetingDate ?? '') || (a.id < b.id ? -1 : 1),
        );
    },
    async count(): Promise<number> {
      return M.countDocuments({});
    },
    /**
     * Notice-level optimistic write: applies only if the notice is still at revision `rev`.
     * Null when it changed meanwhile (read again and recompute).
     */
    async updateIfRev(
      id: string,
      rev: number,
      set: NoticeFields,
      history: HistoryEntry | null,
    ): Promise<Notice | null> {
      const update: Record<string, unknown> = { $set: set, $inc: { rev: 1 } };
      if (history) update.$push = { history };
      const doc = await M.findOneAndUpdate({ _id: String(id), rev: Number(rev) }, update, {
        returnDocument: 'after',
      }).lean();
      return doc ? toNotice(doc) : null;
    },
    /**
     * Directive-level optimistic write: replaces the directive at `index` only if that element is
     * still directive `directiveId` at revision `rev`. Null when it changed or moved meanwhile.
     */
    async replaceDirective(
      noticeId: string,
      index: number,
      directiveId: string,
      rev: number,
      next: Directive,
      updatedAt: Date,
    ): Promise<Notice | null> {
      const i = Number(index);
      const filter = {
        _id: String(noticeId),
        [`directives.${i}.id`]: String(directiveId),
        [`directives.${i}.rev`]: rev === 0 ? trusted({ $in: [0, null] }) : Number(rev),
      };
      const doc = await M.findOneAndUpdate(
        filter,
        { $set: { [`directives.${i}`]: next, updatedAt }, $inc: { rev: 1 } },
        { returnDocument: 'after' },
      ).lean();
      return doc ? toNotice(doc) : null;
    },
    async remove(id: string): Promise<void> {
      await M.deleteOne({ _id: String(id) });
    },
  };
}

export type NoticeRepository = ReturnType<typeof noticeRepository>;
