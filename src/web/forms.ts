/**
 * Form helpers: fields that show their value and their error, and the state of a failed submit
 * (the values as typed, and each problem placed next to its field). Forms post to the server and
 * go through the same zod schemas and use cases as the API.
 */
import type { Response } from 'express';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { html, type SafeHtml } from '../publishing/html';
import { statusInput } from '../agenda/schemas';
import type { ItemStatus } from '../agenda/types';
import { parseWith } from '../http/validate';
import { messageVi, problemVi } from './messages';

const CONFLICT_VI = 'Không lưu được vì dữ liệu vừa thay đổi; hãy tải lại trang rồi thử lại.';

export type FormValues = Record<string, string | string[] | undefined>;

/** A form as shown: its values and errors by field; `general` holds problems no field claims. */
export interface FormState {
  values: FormValues;
  errors: Record<string, string>;
  general: string | null;
}

export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: {}, general: null });

/** One value from a urlencoded body (the last one if repeated). */
export function one(body: FormValues, name: string): string {
  const v = body[name];
  return (Array.isArray(v) ? v[v.length - 1] : v) ?? '';
}

/** All values of a repeated field (checkboxes). */
export function many(body: FormValues, name: string): string[] {
  const v = body[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Empty text → undefined (an optional field left blank). */
export const optional = (v: string): string | undefined => (v.trim() === '' ? undefined : v);

/** A number typed in a form; text that is not a number is passed on as is so the schema reports it. */
export function numberOf(v: string): number | string | undefined {
  if (v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

const itemNumberParam = z.string().regex(/^[1-9]\d{0,2}$/).transform(Number);

/**
 * The item number in a page address (`.../noi-dung/<number>/...`): a positive whole number, else
 * there is no such page (404), never a database cast failure.
 * @example itemNumberOf('ubnd-phien-hop_20230525T0800', '7') === 7
 */
/** The item status posted by a status form, checked by the API's own schema. */
export function itemStatusOf(body: FormValues): ItemStatus {
  return parseWith(statusInput, { status: one(body, 'status') }).status;
}

export function itemNumberOf(occurrenceId: string, raw: unknown): number {
  const parsed = itemNumberParam.safeParse(raw);
  if (!parsed.success) throw new NotFoundError('Agenda item', `${occurrenceId}/${String(raw)}`);
  return parsed.data;
}

/**
 * The state of a failed submit: each problem goes to the longest form field its path starts with
 * (`attendees.officials.0` → `attendees.officials`), the rest to `general`.
 */
export function failedForm(err: unknown, values: FormValues, fields: string[], aliases: Record<string, string> = {}): FormState | null {
  if (!(err instanceof ValidationError) && !(err instanceof ConflictError)) return null;
  const state: FormState = { values, errors: {}, general: null };
  const general: string[] = [];
  let unclaimed = false;
  for (const d of err.details) {
    const path = aliases[d.field] ?? d.field;
    const field = fields.filter((f) => path === f || path.startsWith(`${f}.`)).sort((a, b) => b.length - a.length)[0];
    if (field) state.errors[field] = state.errors[field] ? `${state.errors[field]}; ${problemVi(d.problem)}` : problemVi(d.problem);
    else if (err instanceof ConflictError) unclaimed = true;
    else general.push(`${d.field}: ${problemVi(d.problem)}`);
  }
  // A conflict no field claims is told as a whole, in Vietnamese (the domain's message is English).
  if (err instanceof ConflictError && (unclaimed || !err.details.length)) general.push(messageVi(err) ?? CONFLICT_VI);
  if (general.length || !Object.keys(state.errors).length) state.general = general.join(' ') || 'Không lưu được: kiểm tra lại các ô.';
  return state;
}

interface FieldOptions {
  name: string;
  label: string;
  state?: FormState | undefined;
  value?: string | undefined;
  hint?: string;
  type?: 'text' | 'date' | 'time' | 'number' | 'password';
  attrs?: SafeHtml;
}

function wrap(o: FieldOptions, control: SafeHtml): SafeHtml {
  const error = o.state?.errors[o.name];
  const id = `f-${o.name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
  return html`<div class="field${error ? ' has-error' : ''}" data-field="${o.name}"><label for="${id}">${o.label}</label>${control}${o.hint ? html`<div class="hint">${o.hint}</div>` : ''}${error ? html`<div class="field-error" id="${id}-error" role="alert">${error}</div>` : ''}</div>`;
}

const idOf = (name: string) => `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
const valueOf = (o: { name: string; state?: FormState | undefined; value?: string | undefined }) => {
  const v = o.state?.values[o.name];
  return v !== undefined ? (Array.isArray(v) ? v.join(', ') : v) : (o.value ?? '');
};

export function input(o: FieldOptions): SafeHtml {
  const err = o.state?.errors[o.name];
  return wrap(o, html`<input id="${idOf(o.name)}" type="${o.type ?? 'text'}" name="${o.name}" value="${o.type === 'password' ? '' : valueOf(o)}"${err ? html` aria-invalid="true" aria-describedby="${idOf(o.name)}-error"` : ''}${o.attrs ?? ''}>`);
}

export function textarea(o: FieldOptions & { tall?: boolean }): SafeHtml {
  return wrap(o, html`<textarea id="${idOf(o.name)}" name="${o.name}"${o.tall ? html` class="tall"` : ''}>${valueOf(o)}</textarea>`);
}

export function select(o: FieldOptions & { options: { value: string; label: string }[]; blank?: string }): SafeHtml {
  const current = valueOf(o);
  return wrap(
    o,
    html`<select id="${idOf(o.name)}" name="${o.name}">${o.blank !== undefined ? html`<option value="">${o.blank}</option>` : ''}${o.options.map((x) => html`<option value="${x.value}"${x.value === current ? html` selected` : ''}>${x.label}</option>`)}</select>`,
  );
}

export function checkboxes(o: FieldOptions & { options: { value: string; label: string }[]; checked?: string[] }): SafeHtml {
  const fromState = o.state ? many(o.state.values, o.name) : null;
  const checked = new Set(fromState ?? o.checked ?? []);
  return wrap(o, html`<div class="checks" id="${idOf(o.name)}">${o.options.map((x) => html`<label><input type="checkbox" name="${o.name}" value="${x.value}"${checked.has(x.value) ? html` checked` : ''}> ${x.label}</label>`)}</div>`);
}

/**
 * Runs a form's use case: on success redirects (POST-redirect-GET) to what `action` returns; on a
 * validation or conflict error re-renders the page with the values kept and the errors placed.
 */
export async function submitForm(
  res: Response,
  opts: { values: FormValues; fields: string[]; aliases?: Record<string, string>; action: () => Promise<string>; rerender: (state: FormState) => Promise<string> },
): Promise<void> {
  let to: string;
  try {
    to = await opts.action();
  } catch (err) {
    const state = failedForm(err, opts.values, opts.fields, opts.aliases);
    if (!state) throw err;
    res.status(err instanceof ConflictError ? 409 : 400).send(await opts.rerender(state));
    return;
  }
  res.redirect(303, to);
}

export const csrfField = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}">`;

/** A form that posts to the server; the browser's own checks are off so the server's messages show. */
export function form(action: string, csrf: string, body: SafeHtml, opts: { id?: string; className?: string; state?: FormState | undefined } = {}): SafeHtml {
  return html`<form method="post" action="${action}" novalidate class="${opts.className ?? 'stack'}"${opts.id ? html` id="${opts.id}"` : ''}>${csrfField(csrf)}${opts.state?.general ? html`<p class="error-box" role="alert">${opts.state.general}</p>` : ''}${body}</form>`;
}
