import express, { Router, type ErrorRequestHandler } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../../src/shared/errors';
import { formRoutes, NO_INPUT, noticeOf } from '../../../src/web/form-route';
import { one, type FormState } from '../../../src/web/forms';

/** A page with one form: the state it is drawn with is echoed as JSON so the test can read it. */
function app(act: (input: { title: string }, id: string) => Promise<string>) {
  const r = Router();
  const drawn: Record<string, FormState>[] = [];
  const post = formRoutes(r, {
    params: (req) => {
      if (req.params.id === 'none') throw new NotFoundError('Page', 'none');
      return String(req.params.id);
    },
    redraw: async (_res, id, forms) => {
      drawn.push(forms);
      return `page ${id}: ${JSON.stringify(forms)}`;
    },
  });
  post('/x/:id/luu', {
    key: (id) => `edit-${id}`,
    fields: ['title'],
    aliases: { name: 'title' },
    schema: z.strictObject({ title: z.string().trim().min(1, 'must not be empty') }),
    read: (v) => ({ title: one(v, 'title') }),
    act: (input, id) => act(input, id),
  });
  post('/x/:id/nut', { key: 'button', fields: [], schema: NO_INPUT, act: async () => '/done' });
  const a = express();
  a.use(express.urlencoded({ extended: false }));
  a.use(r);
  const onError: ErrorRequestHandler = (err: Error, _req, res, _next) => void res.status(418).send(err.name);
  a.use(onError);
  return { app: a, drawn };
}

describe('the form helper', () => {
  test('when the input is valid, then the use case gets the parsed input and the browser goes on (303)', async () => {
    const calls: unknown[] = [];
    const t = app(async (input, id) => {
      calls.push([input, id]);
      return `/x/${id}?ok=saved`;
    });
    const res = await request(t.app).post('/x/7/luu').type('form').send({ title: '  Họp  ', _csrf: 'c' }).expect(303);
    expect(res.headers.location).toBe('/x/7?ok=saved');
    expect(calls).toEqual([[{ title: 'Họp' }, '7']]);
  });

  test('when the schema refuses the input, then the page comes back (400) with the values and the error; nothing is done', async () => {
    const act = jest.fn(async () => '/never');
    const t = app(act);
    const res = await request(t.app).post('/x/7/luu').type('form').send({ title: '   ', other: 'giữ' }).expect(400);
    expect(res.text.startsWith('page 7: ')).toBe(true);
    expect(t.drawn).toEqual([
      { 'edit-7': { values: { title: '   ', other: 'giữ' }, errors: { title: 'không được để trống' }, general: null } },
    ]);
    expect(act).not.toHaveBeenCalled();
  });

  test('when the use case reports a conflict or a problem under another name, then 409 or 400 with it in place', async () => {
    const conflict = app(async () => {
      throw new ConflictError('Something new and English.');
    });
    await request(conflict.app).post('/x/1/luu').type('form').send({ title: 'A' }).expect(409);
    expect(conflict.drawn[0]!['edit-1']!.general).toBe(
      'Không lưu được vì dữ liệu vừa thay đổi; hãy tải lại trang rồi thử lại.',
    );
    const aliased = app(async () => {
      throw ValidationError.field('name', 'must be at most 10 characters');
    });
    await request(aliased.app).post('/x/1/luu').type('form').send({ title: 'A' }).expect(400);
    expect(aliased.drawn[0]!['edit-1']!.errors).toEqual({ title: 'tối đa 10 ký tự' });
  });

  test('when the address names nothing or the use case fails otherwise, then the error page answers', async () => {
    const t = app(async () => {
      throw new NotFoundError('Item', 'x');
    });
    expect((await request(t.app).post('/x/none/luu').type('form').send({ title: 'A' }).expect(418)).text).toBe(
      'NotFoundError',
    );
    expect((await request(t.app).post('/x/1/luu').type('form').send({ title: 'A' }).expect(418)).text).toBe(
      'NotFoundError',
    );
    expect(t.drawn).toEqual([]);
  });

  test('when a form has no input (a button), then posted fields are ignored and it acts', async () => {
    const t = app(async () => '/never');
    expect(
      (await request(t.app).post('/x/1/nut').type('form').send({ anything: 'x' }).expect(303)).headers.location,
    ).toBe('/done');
  });

  test('when a page reads its notice after a redirect, then only a known key of one string gives one', () => {
    const done = noticeOf({ saved: 'Đã lưu.' });
    expect([done('saved'), done('other'), done(undefined), done(['saved'])]).toEqual(['Đã lưu.', null, null, null]);
  });
});
