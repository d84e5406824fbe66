/**
 * Control characters: what input may carry and what output must never carry. Pure.
 *
 * RFC 5545 (iCalendar TEXT), XML 1.0 (DOCX), HTML and email headers all forbid or mangle the C0
 * controls (U+0000-U+001F) and DEL (U+007F), except the tab and the line breaks where text may span
 * lines. Input is checked by the shared schemas (`text()` in ./schemas.ts); every renderer also
 * strips them, so data stored before the check or loaded from a seed cannot leak them either.
 */

/** C0 controls and DEL that no field accepts: everything but tab, LF and CR. */
export const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Line breaks: accepted only in fields whose text may span lines (descriptions, notes, Markdown). */
export const LINE_BREAKS = /[\r\n]/;

const FORBIDDEN_GLOBAL = new RegExp(FORBIDDEN_CONTROLS.source, 'g');
const ANY_CONTROL_BUT_TAB_GLOBAL = /[\u0000-\u0008\u000A-\u001F\u007F]/g;

/** `U+0007` for the first forbidden character of a value, or null when it has none. */
export function firstControl(value: string, allowLineBreaks: boolean): string | null {
  const m = (allowLineBreaks ? FORBIDDEN_CONTROLS : /[\u0000-\u0008\u000A-\u001F\u007F]/).exec(value);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/**
 * Removes the control characters output must not carry. Multi-line text keeps tab, LF and CR;
 * one-line text keeps only tab and turns line breaks into spaces.
 * @example stripControls('a\u0000b\u0007c') === 'abc'
 * @example stripControls('a\nb', { multiline: false }) === 'a b'
 */
export function stripControls(value: string, options: { multiline?: boolean } = {}): string {
  if (options.multiline === false) return value.replace(/\r\n|\r|\n/g, ' ').replace(ANY_CONTROL_BUT_TAB_GLOBAL, '');
  return value.replace(FORBIDDEN_GLOBAL, '');
}
