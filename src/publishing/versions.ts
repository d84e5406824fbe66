/**
 * Freezing a document into a numbered version, and the fingerprint that tells whether the data
 * still says the same thing as a version. Pure.
 */
import { createHash } from 'node:crypto';
import { placeDateLine, versionLabel } from './format';
import type { PublicationInfo, PublishedDocument } from './types';

/**
 * A hash of what the document says (meetings, agendas, parts, signature, list), leaving out what
 * publishing itself fills in (number, date, revision label) and the Office's warnings.
 */
export function fingerprint(doc: PublishedDocument): string {
  const { header, revisionLabel, publication, warnings, ...content } = doc;
  void header;
  void revisionLabel;
  void publication;
  void warnings;
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
    publishedAt: input.publishedAt,
    publishedBy: input.publishedBy,
  };
  return {
    ...structuredClone(doc),
    header: {
      ...doc.header,
      numberLine: input.numberTemplate ? input.numberTemplate.replace('{number}', input.documentNumber ?? '...') : doc.header.numberLine,
      placeDateLine: placeDateLine(doc.body.place, input.issueDate),
    },
    revisionLabel: input.version > 1 ? `(${versionLabel(input.version)})` : null,
    publication,
  };
}

/** The document for the public: without the Office's warnings. */
export function publicView<D extends PublishedDocument>(doc: D): Omit<D, 'warnings'> {
  const { warnings, ...rest } = doc;
  void warnings;
  return rest;
}
