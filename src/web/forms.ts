/**
 * Form helpers: fields that show their value and their error, and the state of a failed submit
 * (the values as typed, and each problem placed next to its field). Forms post to the server and
 * go through the same zod schemas and use cases as the API.
 */
import type { Response } from 'express';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { html, type SafeHtml } from '../shared/html';
import { messageVi, problemVi } from './messages';

const CONFLICT_VI = 'Không lưu được vì dữ liệu vừa thay đổi; hãy tải lại trang rồi thử lại.';

export type FormValues = Record<string, string | string[] | undefined>;

type Option = { value: string; label: string };

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

/** Select options from codes and their labels. @example optionsOf({ lead: 'Chủ trì' }, ['lead']) */
export const optionsOf = (labels: Record<string, string>, keys: readonly string[]): Option[] =>
  keys.map((k) => ({ value: k, label: labels[k] ?? k }));

/** A query parameter as text: its value when it is one string, else the fallback (absent, repeated or nested). */
export const textOf = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

/** Empty text → undefined (an optional field left blank). */
export const optional = (v: string): string | undefined => (v.trim() === '' ? undefined : v);

/** A number typed in a form; text that is not a number is passed on as is so the schema reports it. */
export function numberOf(v: string): number | string | undefined {
  if (v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

const itemNumberParam = z
  .string()
  .regex(/^[1-9]\d{0,2}$/)
  .transform(Number);

/**
 * The item number in a page address (`.../noi-dung/<number>/...`): a positive whole number, else
 * there is no such page (404), never a database cast failure.
 * @example itemNumberOf('ubnd-phien-hop_20230525T0800', '7') === 7
 */
export function itemNumberOf(occurrenceId: string, raw: unknown): number {
  const parsed = itemNumberParam.safeParse(raw);
  if (!parsed.success) throw new NotFoundError('Agenda item', `${occurrenceId}/${String(raw)}`);
  return parsed.data;
}

/**
 * The state of a failed submit: each problem goes to the longest form field its path starts with
 * (`attendees.officials.0` → `attendees.officials`), the rest to `general`.
 */
export function failedForm(
  err: unknown,
  values: FormValues,
  fields: string[],
  aliases: Record<string, string> = {},
): FormState | null {
  if (!(err instanceof ValidationError) && !(err instanceof ConflictError)) return null;
  const state: FormState = { values, errors: {}, general: null };
  const general: string[] = [];
  let unclaimed = false;
  for (const d of err.details) {
    const path = aliases[d.field] ?? d.field;
    const field = fields.filter((f) => path === f || path.startsWith(`${f}.`)).sort((a, b) => b.length - a.length)[0];
    const said = problemVi(d.problem);
    if (field) state.errors[field] = state.errors[field] ? `${state.errors[field]}; ${said}` : said;
    else if (err instanceof ConflictError) unclaimed = true;
    else general.push(`${d.field}: ${problemVi(d.problem)}`);
  }
  // A conflict no field claims is told as a whole, in Vietnamese (the domain's message is English).
  if (err instanceof ConflictError && (unclaimed || !err.details.length)) general.push(messageVi(err) ?? CONFLICT_VI);
  if (general.length || !Object.keys(state.errors).length) {
    state.general = general.join(' ') || 'Không lưu được: kiểm tra lại các ô.';
  }
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

const idOf = (name: string) => `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
const valueOf = (o: { name: string; state?: FormState | undefined; value?: string | undefined }) => {
  const v = o.state?.values[o.name];
  return v !== undefined ? (Array.isArray(v) ? v.join(', ') : v) : (o.value ?? '');
};

/** A field: its label, the control, a hint, and the error of a failed submit next to it. */
function wrap(o: FieldOptions, control: SafeHtml): SafeHtml {
  const error = o.state?.errors[o.name];
  const id = idOf(o.name);
  const hint = o.hint ? html`<div class="hint">${o.hint}</div>` : '';
  const problem = error ? html`<div class="field-error" id="${id}-error" role="alert">${error}</div>` : '';
  return html`<div class="field${error ? ' has-error' : ''}" data-field="${o.name}">\
<label for="${id}">${o.label}</label>${control}${hint}${problem}</div>`;
}

export function input(o: FieldOptions): SafeHtml {
  const id = idOf(o.name);
  const value = o.type === 'password' ? '' : valueOf(o);
  const invalid = o.state?.errors[o.name] ? html` aria-invalid="true" aria-describedby="${id}-error"` : '';
  const type = o.type ?? 'text';
  return wrap(o, html`<input id="${id}" type="${type}" name="${o.name}" value="${value}"${invalid}${o.attrs ?? ''}>`);
}

export function textarea(o: FieldOptions & { tall?: boolean }): SafeHtml {
  const tall = o.tall ? html` class="tall"` : '';
  return wrap(o, html`<textarea id="${idOf(o.name)}" name="${o.name}"${tall}>${valueOf(o)}</textarea>`);
}

export function select(o: FieldOptions & { options: Option[]; blank?: string }): SafeHtml {
  const current = valueOf(o);
  const blank = o.blank !== undefined ? html`<option value="">${o.blank}</option>` : '';
  const options = o.options.map(
    (x) => html`<option value="${x.value}"${x.value === current ? html` selected` : ''}>${x.label}</option>`,
  );
  return wrap(o, html`<select id="${idOf(o.name)}" name="${o.name}">${blank}${options}</select>`);
}

export function checkboxes(o: FieldOptions & { options: Option[]; checked?: string[] }): SafeHtml {
  const fromState = o.state ? many(o.state.values, o.name) : null;
  const checked = new Set(fromState ?? o.checked ?? []);
  const boxes = o.options.map((x) => {
    const on = checked.has(x.value) ? html` checked` : '';
    return html`<label><input type="checkbox" name="${o.name}" value="${x.value}"${on}> ${x.label}</label>`;
  });
  return wrap(o, html`<div class="checks" id="${idOf(o.name)}">${boxes}</div>`);
}

/**
 * Runs a form's use case: on success redirects (POST-redirect-GET) to what `action` returns; on a
 * validation or conflict error re-renders the page with the values kept and the errors placed.
 */
export async function submitForm(
  res: Response,
  opts: {
    values: FormValues;
    fields: string[];
    aliases?: Record<string, string>;
    action: () => Promise<string>;
    rerender: (state: FormState) => Promise<string>;
  },
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
export function form(
  action: string,
  csrf: string,
  body: SafeHtml,
  opts: { id?: string; className?: string; state?: FormState | undefined } = {},
): SafeHtml {
  const id = opts.id ? html` id="${opts.id}"` : '';
  const general = opts.state?.general ? html`<p class="error-box" role="alert">${opts.state.general}</p>` : '';
  return html`<form method="post" action="${action}" novalidate class="${opts.className ?? 'stack'}"${id}>\
${csrfField(csrf)}${general}${body}</form>`;
}
