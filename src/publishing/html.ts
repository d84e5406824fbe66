/**
 * A tiny HTML builder with escaping by default: every interpolated value is escaped unless it is
 * already `SafeHtml` (built by `html` or `raw`). Arrays are concatenated; null, undefined and false
 * print nothing.
 *
 * @example html`<p>${'<b>'}</p>`.toString() === '<p>&lt;b&gt;</p>'
 */
import { stripControls } from '../shared/control-chars';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML; control characters (C0 but tab and line breaks, DEL) are dropped, whatever the data holds. */
export function escapeHtml(value: unknown): string {
  return stripControls(String(value)).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function piece(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(value);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks trusted markup (already sanitised or built here) as safe. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
