/**
 * The API description and its page: /openapi.json describes every route's parameters, bodies and
 * replies from the zod schemas (real replies are checked against the reply schemas here), /api-docs
 * serves Swagger UI from the npm package without any other site, and public reads carry CORS
 * headers while writes do not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import request from 'supertest';
import { z } from 'zod';
import {
  agencyReply,
  agendaItemReply,
  apiRoutes,
  bodyReply,
  healthReply,
  occurrenceReply,
  officialReply,
  seriesReply,
} from '../../src/api-description';
import { directiveOpenApi } from '../../src/directives/routes';
import { feedOpenApi } from '../../src/feeds/routes';
import type { ApiRoute } from '../../src/http/openapi';
import { programmeImportOpenApi } from '../../src/publishing/import-routes';
import { publishingOpenApi } from '../../src/publishing/routes';
import { toPlanned } from '../../src/reminders/plan';
import { reminderOpenApi } from '../../src/reminders/routes';
import { projectRoot } from '../../src/shared/paths';
import { PUBLIC_BASE_URL, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(async () => t.close());

type Doc = {
  servers: { url: string }[];
  paths: Record<
    string,
    Record<
      string,
      {
        parameters: { name: string; in: string; schema: Record<string, unknown> }[];
        responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
      }
    >
  >;
};

describe('OpenAPI description', () => {
  test('when /openapi.json is read, then servers is PUBLIC_BASE_URL and every route documents its success reply', async () => {
    const doc = (await request(t.app).get('/openapi.json').expect(200)).body as Doc;
    expect(doc.servers).toEqual([{ url: PUBLIC_BASE_URL }]);
    const ops = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.entries(methods).map(([m, op]) => ({ p, m, op })),
    );
    expect(ops.length).toBe(apiRoutes().length);
    expect(ops.length).toBeGreaterThan(90);
    for (const { p, m, op } of ops) {
      const success = Object.keys(op.responses).find((s) => s.startsWith('2'));
      expect([p, m, success]).toEqual([p, m, expect.any(String)]);
      expect(op.responses['4XX']?.content?.['application/json']?.schema).toBeDefined();
    }
    // Every JSON reply has a schema (README "The API"): none is left as a bare "JSON object".
    const undescribed = apiRoutes().filter((r) => !r.response && !r.media && r.method !== 'delete');
    expect(undescribed.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    for (const { p, m, op } of ops) {
      const success = Object.entries(op.responses).find(([s]) => s.startsWith('2'))![1];
      const json = success.content?.['application/json']?.schema as Record<string, unknown> | undefined;
      if (json) expect([m, p, json]).not.toEqual([m, p, { type: 'object' }]);
    }
    // A reply schema generated from zod, with nested agenda items.
    const list = doc.paths['/api/occurrences']!.get!.responses['200']!.content!['application/json']!.schema as Record<
      string,
      any
    >;
    expect(
      list.properties.occurrences.items.properties.agenda.items.properties.preparingAgencies.items.properties.role.enum,
    ).toEqual(['lead', 'coordinating']);
    // Parameters carry the constraints their routes check.
    const from = doc.paths['/api/occurrences']!.get!.parameters.find((x) => x.name === 'from')!;
    expect(from.schema.pattern ?? from.schema.format).toBeDefined();
  });

  test('when real replies are checked against the documented reply schemas, then they conform', async () => {
    const check = async (url: string, schema: z.ZodType) => {
      const res = await request(t.app).get(url).set('Authorization', t.officeKey).expect(200);
      const parsed = schema.safeParse(res.body);
      if (!parsed.success) throw new Error(`${url}: ${z.prettifyError(parsed.error)}`);
    };
    await check('/healthz', healthReply);
    await check('/api/bodies', z.object({ bodies: z.array(bodyReply).min(1) }));
    await check('/api/bodies/ubnd', bodyReply);
    await check('/api/agencies', z.object({ agencies: z.array(agencyReply).min(1) }));
    await check('/api/officials', z.object({ officials: z.array(officialReply).min(1) }));
    await check('/api/series', z.object({ series: z.array(seriesReply).min(1) }));
    const occs = await request(t.app).get('/api/occurrences?from=2023-05-01&to=2023-05-31').expect(200);
    expect(occs.body.occurrences.length).toBeGreaterThan(5);
    for (const occ of occs.body.occurrences) expect(occurrenceReply.safeParse(occ).error).toBeUndefined();
    const withAgenda = occs.body.occurrences.find((o: { agenda: unknown[] }) => o.agenda.length > 0);
    await check(
      `/api/occurrences/${encodeURIComponent(withAgenda.id)}/agenda`,
      z.object({ items: z.array(agendaItemReply).min(1) }),
    );
  });
});

describe('API documentation page', () => {
  test('when /api-docs is opened, then Swagger UI comes from this service only, reading /openapi.json', async () => {
    const page = await request(t.app).get('/api-docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Tài liệu API');
    const urls = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.filter((u) => /^(?:https?:)?\/\//.test(u))).toEqual([]);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    for (const u of urls.filter((x) => x.startsWith('/api-docs/'))) {
      const asset = await request(t.app).get(u).expect(200);
      expect(asset.headers['content-type']).toMatch(/css|javascript|png/);
    }
    const init = await request(t.app).get('/api-docs/init.js').expect(200);
    expect(init.text).toContain("url: '/openapi.json'");
    expect(init.text).toContain('validatorUrl: null');
    // Only the files the page uses are served from the package.
    await request(t.app).get('/api-docs/assets/package.json').expect(404);
    await request(t.app).get('/api-docs/assets/swagger-ui-bundle.js.map').expect(404);
  });

  test('when the home page is opened, then it links to the API documentation', async () => {
    const home = await request(t.app).get('/').expect(200);
    expect(home.text).toContain('href="/api-docs"');
  });
});

describe('CORS', () => {
  const origin = 'https://cong-thong-tin.example.vn';
  test('when another site reads public data, then it may: feeds, documents, API reads, the description', async () => {
    for (const url of [
      '/feeds/public/ubnd.ics',
      '/api/occurrences?from=2023-05-01&to=2023-05-07',
      '/programmes/ubnd/2023-05',
      '/openapi.json',
    ]) {
      const res = await request(t.app).get(url).set('Origin', origin);
      expect([url, res.status, res.headers['access-control-allow-origin']]).toEqual([url, 200, '*']);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
    const pre = await request(t.app)
      .options('/feeds/public/ubnd.ics')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'if-none-match')
      .expect(204);
    expect(pre.headers['access-control-allow-headers']).toMatch(/If-None-Match/);
    expect(pre.headers['access-control-allow-headers']).not.toMatch(/authorization/i);
  });
  test('when another site tries to write, then no CORS header allows it and the preflight is refused', async () => {
    const pre = await request(t.app)
      .options('/api/series')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const post = await request(t.app)
      .post('/api/series')
      .set('Origin', origin)
      .set('Authorization', t.officeKey)
      .send({});
    expect(post.status).toBe(400);
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    const page = await request(t.app).get('/lich/ubnd/thang/2023-05').set('Origin', origin).expect(200);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });
});

/**
 * Real replies of every component against the reply schemas of /openapi.json, read with an
 * independent JSON Schema (2020-12) validator rather than the zod schemas they were generated from.
 */
describe('Replies against the OpenAPI document', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const checked = new Set<string>();
  let doc: Doc;
  type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Calls a route and checks its JSON reply against the schema the document gives its status; returns the body. */
  const conforms = async (
    method: Method,
    path: string,
    url: string,
    options: { body?: unknown; status?: number | number[]; auth?: string } = {},
  ) => {
    const op = doc.paths[path]?.[method];
    if (!op) throw new Error(`not in the document: ${method} ${path}`);
    let req = request(t.app)
      [method](url)
      .set('Authorization', options.auth ?? t.officeKey);
    if (options.body !== undefined) req = req.send(options.body as object);
    const res = await req;
    const expected = [options.status ?? 200].flat();
    if (!expected.includes(res.status)) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    const documented = op.responses[String(res.status)] ?? op.responses['2XX'];
    const schema = documented?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method} ${path}: no JSON schema for ${res.status}`);
    const body = res.body as Record<string, any>;
    const validate = ajv.compile(schema);
    if (!validate(body)) {
      throw new Error(`${method} ${url}: ${ajv.errorsText(validate.errors, { dataVar: 'reply', separator: '\n' })}`);
    }
    checked.add(`${method} ${path}`);
    return body;
  };

  beforeAll(async () => {
    doc = (await request(t.app).get('/openapi.json').expect(200)).body as Doc;
  });

  test('when core routes are called, then their replies conform', async () => {
    await conforms('get', '/healthz', '/healthz');
    await conforms('get', '/api/bodies', '/api/bodies');
    await conforms('get', '/api/occurrences', '/api/occurrences?from=2023-05-01&to=2023-05-31');
    await conforms('get', '/api/calendar/holidays', '/api/calendar/holidays?year=2023');
    await conforms('get', '/api/keys', '/api/keys');
  });

  test('when feed links and tokens are used, then their replies conform', async () => {
    await conforms('get', '/api/feeds/links', '/api/feeds/links?body=ubnd&alarm=1d');
    const created = await conforms('post', '/api/feed-tokens', '/api/feed-tokens', {
      body: { kind: 'official', subjectCode: 'chu-tich-ubnd', label: 'điện thoại' },
      status: 201,
    });
    await conforms('get', '/api/feed-tokens', '/api/feed-tokens');
    await conforms('get', '/api/feed-tokens/{id}', `/api/feed-tokens/${created.token.id}`);
    const rotate = `/api/feed-tokens/${created.token.id}/rotate`;
    const rotated = await conforms('post', '/api/feed-tokens/{id}/rotate', rotate, { status: 201 });
    expect(rotated.replaced.id).toBe(created.token.id);
    await conforms('post', '/api/feed-tokens/{id}/revoke', `/api/feed-tokens/${rotated.token.id}/revoke`);
    await conforms('delete', '/api/feed-tokens/{id}', `/api/feed-tokens/${rotated.token.id}`);
  });

  test('when programmes and schedules are drafted, set and published, then the replies conform', async () => {
    const month = '/api/programmes/ubnd/2023-05';
    await conforms('get', '/api/programmes/{body}/{month}/draft', `${month}/draft`);
    await conforms('get', '/api/programmes/{body}/{month}/settings', `${month}/settings`);
    await conforms('put', '/api/programmes/{body}/{month}/part-a', `${month}/part-a`, {
      body: { markdown: '### 1. Nhiệm vụ trọng tâm\n\n- Hoàn thành **kế hoạch** tháng.' },
    });
    await conforms('patch', '/api/programmes/{body}/{month}/settings', `${month}/settings`, {
      body: { signerName: 'Nguyễn Văn A' },
    });
    const first = await conforms('post', '/api/programmes/{body}/{month}/publish', `${month}/publish`, {
      body: { documentNumber: '45' },
      status: 201,
    });
    expect(first.comparison).toBeNull();
    await conforms('patch', '/api/programmes/{body}/{month}/settings', `${month}/settings`, {
      body: { signerName: 'Trần Thị B' },
    });
    const second = await conforms('post', '/api/programmes/{body}/{month}/publish', `${month}/publish`, {
      body: { note: 'Đổi người ký' },
      status: 201,
    });
    expect(second.comparison).not.toBeNull();
    await conforms('get', '/api/programmes/{body}/{month}/versions', `${month}/versions`);
    await conforms('get', '/programmes/{body}/{month}/compare', '/programmes/ubnd/2023-05/compare?format=json');
    const week = '/api/schedules/ubnd/2023-W21';
    await conforms('get', '/api/schedules/{body}/{week}/draft', `${week}/draft`);
    await conforms('post', '/api/schedules/{body}/{week}/publish', `${week}/publish`, { body: {}, status: 201 });
    await conforms('get', '/api/schedules/{body}/{week}/versions', `${week}/versions`);
    const all = await conforms('get', '/api/publications', '/api/publications');
    expect(all.publications.length).toBe(3);
  });

  test('when a programme text is previewed for import, then the plan conforms', async () => {
    const text = readFileSync(join(projectRoot(), '..', 'shared', 'seeds', '003_bed89d1f3f7829d9.txt'), 'utf8');
    const url = '/api/programmes/ubnd/2023-05/import?dryRun=1';
    const plan = await conforms('post', '/api/programmes/{body}/{month}/import', url, { body: { text } });
    expect(plan.sessions.length).toBeGreaterThan(0);
  });

  test('when the reminder outbox, opt-outs and settings are read and changed, then the replies conform', async () => {
    const dueAt = new Date(t.clock.now().getTime() + 86_400_000);
    const planned = toPlanned({
      kind: 'preparation',
      occurrenceId: 'ubnd-thuong-ky_20230523T0800',
      itemNumber: 1,
      recipient: { email: 'tckh@lucngan.example', name: 'Phòng TC-KH', agencyCode: 'phong-tc-kh', officialCode: null },
      grouped: true,
      bodyCode: 'ubnd',
      dueAt,
      expiresAt: new Date(dueAt.getTime() + 7 * 86_400_000),
      data: { item: { number: 1, title: 'Báo cáo' } },
    });
    await t.services.reminders.deliveries.insertNew([{ planned, state: 'pending', reason: null }], t.clock.now());
    const list = await conforms('get', '/api/deliveries', '/api/deliveries');
    expect(list.deliveries.length).toBeGreaterThan(0);
    await conforms('get', '/api/deliveries/{key}', `/api/deliveries/${encodeURIComponent(planned.key)}`);
    const upcoming = await conforms('get', '/api/agencies/{code}/reminders', '/api/agencies/phong-tc-kh/reminders');
    expect(upcoming.reminders.length).toBe(1);
    const optOut = { email: 'a@lucngan.example', kind: 'digest' };
    await conforms('post', '/api/opt-outs', '/api/opt-outs', { body: optOut, status: 201 });
    await conforms('get', '/api/opt-outs', '/api/opt-outs');
    await conforms('get', '/api/bodies/{code}/reminder-settings', '/api/bodies/ubnd/reminder-settings');
    await conforms('patch', '/api/bodies/{code}/reminder-settings', '/api/bodies/ubnd/reminder-settings', {
      body: { digestWeekday: null, preparationOffsets: [5, 1] },
    });
  });

  test('when notices and directives are read, created and followed up, then the replies conform', async () => {
    const seed = 'tb-huyen-uy-2023-05-11';
    await conforms('get', '/api/notices', '/api/notices');
    await conforms('get', '/api/notices/{id}', `/api/notices/${seed}`);
    await conforms('get', '/api/notices/{id}/document', `/api/notices/${seed}/document?format=json`);
    await conforms('get', '/api/directives', `/api/directives?notice=${seed}`);
    await conforms('get', '/api/directives/{id}', `/api/directives/${seed}-1`);
    await conforms('get', '/api/directives/{id}/history', `/api/directives/${seed}-1/history`);
    await conforms('get', '/api/follow-up-report', '/api/follow-up-report?body=huyen-uy&from=2023-05-01&to=2023-05-31');
    await conforms('get', '/api/bodies/{code}/directive-settings', '/api/bodies/huyen-uy/directive-settings');
    await conforms('patch', '/api/bodies/{code}/directive-settings', '/api/bodies/huyen-uy/directive-settings', {
      body: { offsets: [2, 0] },
    });
    const text = readFileSync(join(projectRoot(), '..', 'shared', 'seeds', '000_10ea36eaf0f3fc08.txt'), 'utf8');
    const preview = await conforms('post', '/api/notices/import/preview', '/api/notices/import/preview', {
      body: { text },
    });
    expect(preview.directives.length).toBeGreaterThan(0);

    const notice = await conforms('post', '/api/notices', '/api/notices', {
      status: 201,
      body: {
        bodyCode: 'ubnd',
        title: 'Kết luận giao ban ngày 18/5/2023',
        occurrenceId: 'ubnd-giao-ban-thu-nam_20230518T1400',
        sections: ['1. Về kinh tế'],
        directives: [
          {
            section: 0,
            text: 'Giao Phòng Tài chính - Kế hoạch tham mưu kế hoạch vốn.',
            assignees: [{ kind: 'agency', code: 'phong-tc-kh' }],
            dueAt: '2023-05-31T17:00:00+07:00',
          },
        ],
      },
    });
    const id = notice.id as string;
    await conforms('patch', '/api/notices/{id}', `/api/notices/${id}`, { body: { preamble: 'Ngày 15/5/2023, ...' } });
    await conforms('post', '/api/notices/{id}/directives', `/api/notices/${id}/directives`, {
      body: { text: 'Các cơ quan, đơn vị thực hiện nghiêm túc.', cadence: 'monthly' },
      status: 201,
    });
    await conforms('post', '/api/notices/{id}/issue', `/api/notices/${id}/issue`, {
      body: { number: '46/TB-UBND', date: '2023-05-16' },
    });
    await conforms('post', '/api/notices/{id}/follow-up-agenda-item', `/api/notices/${id}/follow-up-agenda-item`, {
      status: 201,
    });
    const d1 = `${id}-1`;
    await conforms('patch', '/api/directives/{id}', `/api/directives/${d1}`, {
      body: {
        assignees: [
          { kind: 'agency', code: 'phong-tc-kh' },
          { kind: 'body', code: 'ubnd', role: 'coordinating' },
        ],
      },
    });
    await conforms('post', '/api/directives/{id}/status', `/api/directives/${d1}/status`, {
      body: { status: 'in-progress' },
    });
    await conforms('post', '/api/directives/{id}/reports', `/api/directives/${d1}/reports`, {
      body: { text: 'Đã xây dựng dự thảo kế hoạch.', documentNumber: '12/KH-TCKH' },
      status: 201,
    });
    await conforms('post', '/api/directives/{id}/extension', `/api/directives/${d1}/extension`, {
      body: { reason: 'Chờ số liệu.', proposedDueAt: '2023-06-15T17:00:00+07:00' },
      status: 201,
    });
    const decision = `/api/directives/${d1}/extension/decision`;
    const decided = await conforms('post', '/api/directives/{id}/extension/decision', decision, {
      body: { decision: 'granted' },
    });
    expect(decided.deadlineHistory.length).toBeGreaterThan(0);
    await conforms('get', '/api/directives/{id}/history', `/api/directives/${d1}/history`);
  });

  test('then every component had replies checked', () => {
    const components: [string, ApiRoute[]][] = [
      ['feeds', feedOpenApi],
      ['publishing', publishingOpenApi],
      ['programme import', programmeImportOpenApi],
      ['reminders', reminderOpenApi],
      ['directives', directiveOpenApi],
    ];
    for (const [name, routes] of components) {
      const seen = routes.filter((r) => checked.has(`${r.method} ${r.path}`)).length;
      expect([name, seen > 0]).toEqual([name, true]);
    }
    expect(checked.size).toBeGreaterThanOrEqual(50);
  });
});
