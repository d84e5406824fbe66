/**
 * The form helper of the web pages: one POST route per form, always the same story.
 *
 * 1. The page's address parts are read (a malformed or unknown one is the error page: 400 or 404).
 * 2. The posted values are read into the use case's input and parsed with its zod schema (the API's own).
 * 3. The use case runs; on success the browser is sent on (303, POST-redirect-GET) with a notice.
 * 4. On a validation problem (400) or a conflict (409) the page is drawn again with the values as
 *    typed and each problem in Vietnamese next to its field; nothing was stored. Other errors
 *    (not found, forbidden, database down) go to the error page as everywhere else.
 *
 * @example
 *   const post = formRoutes(router, { params: (req) => String(req.params.id), redraw: occurrencePage });
 *   post('/van-phong/cuoc-hop/:id/huy', {
 *     key: 'cancel',
 *     fields: ['reason'],
 *     schema: cancelInput,
 *     read: (v) => ({ reason: one(v, 'reason') }),
 *     act: async (input, id) => { await meetings.cancelOccurrence(id, input.reason); return `...?ok=cancelled`; },
 *   });
 */
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { parseWith } from '../http/validate';
import { submitForm, textOf, type FormState, type FormValues } from './forms';

/** Draws a page again with the state of its failed forms, by form key. */
export type Redraw<P> = (res: Response, params: P, forms: Record<string, FormState>) => Promise<string>;

/** The page the forms belong to: how its address is read and how it is drawn again. */
export interface FormPage<P> {
  params: (req: Request, res: Response) => P | Promise<P>;
  redraw: Redraw<P>;
}

/** A form without input (a button): the posted fields are not read. */
export const NO_INPUT = z.object({});

export interface FormSpec<P, S extends z.ZodType> {
  /** The key of this form's state when the page is drawn again (e.g. 'move', `status-7`). */
  key: string | ((params: P) => string);
  /** The form's fields: a problem whose path starts with one of them is shown next to it. */
  fields: readonly string[];
  /** Problem paths of the input that belong to a form field of another name (`dueAt` → `dueDate`). */
  aliases?: Record<string, string>;
  /** The use case's input schema. */
  schema: S;
  /** The schema's input from the posted values (default: the values as posted). May throw a ValidationError. */
  read?: (values: FormValues, params: P, res: Response) => unknown;
  /** Runs the use case; returns where the browser goes next. */
  act: (input: z.output<S>, params: P, res: Response, values: FormValues) => Promise<string>;
  /** The values to show again on failure when they are not the posted ones. */
  shown?: (params: P) => FormValues;
}

/**
 * Binds form routes to a page: `post(path, spec)` registers one form of it on the router.
 * A problem is shown with the form whose `key` the page's `redraw` looks up.
 */
export function formRoutes<P>(router: Router, page: FormPage<P>) {
  return function post<S extends z.ZodType>(path: string, spec: FormSpec<P, S>): void {
    router.post(path, async (req, res) => {
      const params = await page.params(req, res);
      const values = (req.body ?? {}) as FormValues;
      const key = typeof spec.key === 'function' ? spec.key(params) : spec.key;
      await submitForm(res, {
        values: spec.shown ? spec.shown(params) : values,
        fields: [...spec.fields],
        ...(spec.aliases ? { aliases: spec.aliases } : {}),
        action: async () => {
          const raw = spec.read ? await spec.read(values, params, res) : values;
          return spec.act(parseWith(spec.schema, raw), params, res, values);
        },
        rerender: (state) => page.redraw(res, params, { [key]: state }),
      });
    });
  };
}

/** The notice shown after a redirect (`?ok=<key>`), from a page family's table. */
export const noticeOf =
  (table: Record<string, string>) =>
  (ok: unknown): string | null =>
    table[textOf(ok)] ?? null;
