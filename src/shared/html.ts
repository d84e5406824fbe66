/**
 * The one HTML escaper of the service, and a tiny HTML builder on it: pages (src/web), documents
 * (programme, weekly schedule, notices), emails (src/reminders/template.ts) and the opt-out page
 * all escape through here.
 *
 * `html` escapes every interpolated value unless it is already `SafeHtml` (built by `html` or
 * `raw`). Arrays are concatenated; null, undefined and false print nothing.
 *
 * The escaped set `& < > " '` is enough for text and for quoted attribute values, which is all our
 * markup uses (attributes are always quoted); control characters are dropped, whatever the data
 * holds (see ./control-chars.ts).
 *
 * @example html`<p>${'<b>'}</p>`.toString() === '<p>&lt;b&gt;</p>'
 */
import { stripControls } from './control-chars';

/** Markup that is safe to print as it is: built by `html`, or trusted and marked by `raw`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and quoted attribute values; control characters (C0 but tab and
 * line breaks, DEL) are dropped.
 * @example escapeHtml('a < b & "c"') === 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeHtml(value: unknown): string {
  return stripControls(String(value)).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function piece(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(value);
}

/**
 * Builds markup from a template literal, escaping every value that is not `SafeHtml`.
 * @example html`<a href="${url}">${name}</a>`
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks trusted markup (already sanitised or built here) as safe. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
