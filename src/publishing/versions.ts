/**
 * Freezing a document into a numbered version, and the fingerprint that tells whether the data
 * still says the same thing as a version. Pure.
 */
import { createHash } from 'node:crypto';
import { versionLabel } from './format';
import { placeDateLine } from '../shared/wording';
import type { DocumentHeader, PublicationInfo, PublishedDocument } from './types';

/**
 * A hash of what the document says (meetings, agendas, parts, signature, list), leaving out what
 * publishing itself fills in (number, date, revision label) and the Office's warnings.
 */
export function fingerprint(doc: PublishedDocument): string {
  const { header, revisionLabel, publication, warnings, ...content } = doc;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export interface FreezeInput {
  version: number;
  documentNumber: string | null;
  /** Local date `YYYY-MM-DD` printed in the place-date line. */
  issueDate: string;
  publishedAt: string;
  publishedBy: string;
  /** The number template ("Số: {number}/CTr-UBND"), or null for an unnumbered document. */
  numberTemplate: string | null;
}

/** The document as published: number and date filled in, revision label set. Does not modify `doc`. */
export function freeze<D extends PublishedDocument>(doc: D, input: FreezeInput): D {
  const publication: PublicationInfo = {
    version: input.version,
    label: versionLabel(input.version),
    documentNumber: input.documentNumber,
    issueDate: input.issueDate,
    publishedAt: input.publishedAt,
    publishedBy: input.publishedBy,
  };
  return {
    ...structuredClone(doc),
    header: {
      ...doc.header,
      numberLine: input.numberTemplate
        ? input.numberTemplate.replace('{number}', input.documentNumber ?? '...')
        : doc.header.numberLine,
      placeDateLine: placeDateLine(doc.body.place, input.issueDate),
    },
    revisionLabel: input.version > 1 ? `(${versionLabel(input.version)})` : null,
    publication,
  };
}

/** The issue date printed on a published version (versions frozen before it was recorded: the day of publishing). */
export function printedIssueDate(doc: PublishedDocument): string | null {
  const p = doc.publication as Partial<PublicationInfo> | null;
  return p?.issueDate ?? p?.publishedAt?.slice(0, 10) ?? null;
}

/**
 * The date a new version carries, and whether someone chose it: the date given when publishing;
 * else the month's saved date, on a first issue or when it is later than the latest version's
 * date (the Office set a new one); else today. A revision thus never silently reuses the first
 * issue's date.
 * @example chooseIssueDate({ requested: undefined, saved: '2023-05-05', latest: '2023-05-05', today: '2023-05-20' }) → { date: '2023-05-20', chosen: false }
 */
export function chooseIssueDate(o: {
  requested: string | undefined;
  saved: string | null;
  latest: string | null;
  today: string;
}): { date: string; chosen: boolean } {
  if (o.requested) return { date: o.requested, chosen: true };
  if (o.saved && (o.latest === null || o.saved > o.latest)) return { date: o.saved, chosen: true };
  return { date: o.today, chosen: false };
}

/**
 * Whether two headers print the same: issuer, number line, motto; the place-date line only when
 * `withDate` (a date someone chose; the default "today" is no correction of its own).
 */
export function sameHeader(a: DocumentHeader, b: DocumentHeader, withDate: boolean): boolean {
  const key = (h: DocumentHeader) =>
    JSON.stringify([h.issuerParent, h.issuer, h.numberLine, h.nation, h.motto, withDate ? h.placeDateLine : '']);
  return key(a) === key(b);
}

/** The document for the public: without the Office's warnings. */
export function publicView<D extends PublishedDocument>(doc: D): Omit<D, 'warnings'> {
  const { warnings, ...rest } = doc;
  return rest;
}
