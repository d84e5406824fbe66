/**
 * Document addresses (`/programmes/<body>/<YYYY-MM>[.docx|.json]`, `/schedules/<body>/<YYYY-Www>`):
 * parsing their segments. A malformed segment names no document: NotFound (404), never a
 * validation error or a server error. Used by the document routes and the web pages alike.
 */
import { stripControls } from '../shared/control-chars';
import { NotFoundError } from '../shared/errors';
import { code } from '../shared/schemas';
import { monthPeriod, weekPeriod } from './periods';
import type { DocumentKind } from './types';

export type DocumentFormat = 'html' | 'docx' | 'json';

/** A period and an optional format, nothing else (no control characters, no line breaks: `$` ends the string). */
const FILE = /^(\d{4}-W?\d{2})(?:\.(docx|json|html))?$/;

/** A value from an address as echoed in an error message: printable and short. */
export function sanitisedId(value: string): string {
  const printable = stripControls(value, { multiline: false });
  return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}

/** The format named by a suffix; html when there is none. */
export function formatOf(suffix: string | undefined): DocumentFormat {
  return suffix === 'docx' || suffix === 'json' ? suffix : 'html';
}

/**
 * Splits "2023-05.docx" into the period and format. A malformed name (a bad period or suffix,
 * control characters, encoded line breaks) names no document: NotFound, never a server error.
 * @example documentFile('2023-05.docx', 'programme') // { period: '2023-05', format: 'docx' }
 */
export function documentFile(file: string, kind: DocumentKind): { period: string; format: DocumentFormat } {
  const m = FILE.exec(file);
  const period = m?.[1];
  if (!period || !(kind === 'programme' ? monthPeriod : weekPeriod).safeParse(period).success) {
    throw new NotFoundError(kind === 'programme' ? 'Programme' : 'Schedule', sanitisedId(file));
  }
  return { period, format: formatOf(m[2]) };
}

/** A body code in a document address; a malformed one names no document (404, not 400). */
export function documentBody(raw: unknown): string {
  const parsed = code.safeParse(raw);
  if (!parsed.success) throw new NotFoundError('Body', sanitisedId(String(raw)));
  return parsed.data;
}

/** A document period in an address; a malformed one names no document (404, not 400). */
export function documentPeriod(kind: DocumentKind, raw: unknown): string {
  const parsed = (kind === 'programme' ? monthPeriod : weekPeriod).safeParse(raw);
  if (!parsed.success) throw new NotFoundError('Period', sanitisedId(String(raw)));
  return parsed.data;
}
