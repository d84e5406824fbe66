import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(() => t.close());

const validSeries = {
  title: 'Hội nghị giao ban khối nội chính',
  kind: 'briefing',
  bodyCode: 'ubnd',
  chairCode: 'chu-tich-ubnd',
  attendees: { officials: ['pct-ubnd'], agencies: ['cong-an'] },
  startTime: '08:00',
  durationMinutes: 120,
  rrule: 'FREQ=MONTHLY;BYDAY=1MO',
  startDate: '2023-06-05',
  holidayPolicy: 'next-working-day',
};

async function seriesCount(): Promise<number> {
  return (await request(t.app).get('/api/series').expect(200)).body.series.length;
}

function expectError(res: request.Response, status: number, field?: string, problem?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.body.error.code).toEqual(expect.any(String));
  expect(res.body.error.message).toEqual(expect.any(String));
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  if (field) {
    const detail = res.body.error.details.find((d: any) => d.field === field);
    expect(detail).toBeDefined();
    if (problem) expect(detail.problem).toMatch(problem);
  }
}

describe('bad input', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['an invalid RRULE', { rrule: 'FREQ=FORTNIGHTLY' }, 'rrule', /FREQ/i],
    ['an unknown time zone', { timeZone: 'Asia/Hanoi_City' }, 'timeZone', /time zone/],
    ['an end before the start', { endDate: '2023-01-01' }, 'endDate', /before startDate/],
    ['a malformed date', { startDate: '2023-13-45' }, 'startDate', /date/],
    ['an operator object where a string belongs', { bodyCode: { $gt: '' } }, 'bodyCode', /string/],
    ['a time out of range', { startTime: '25:00' }, 'startTime', /HH:mm/],
    ['an unknown field', { colour: 'red' }, 'colour', /not a known field/],
  ];
  test.each(cases)(
    'when a series has %s, then 400 names the field and nothing is stored',
    async (_name, patch, field, problem) => {
      const before = await seriesCount();
      const res = await request(t.app)
        .post('/api/series')
        .set('Authorization', t.officeKey)
        .send({ ...validSeries, ...patch });
      expectError(res, 400, field, problem);
      expect(await seriesCount()).toBe(before);
    },
  );

  test('when a series names an unknown body, chair and agency, then every reference is reported at once', async () => {
    const res = await request(t.app)
      .post('/api/series')
      .set('Authorization', t.officeKey)
      .send({
        ...validSeries,
        bodyCode: 'tinh-uy',
        chairCode: 'nobody',
        attendees: { officials: [], agencies: ['phong-x'] },
      });
    expectError(res, 400, 'bodyCode', /unknown body 'tinh-uy'/);
    expect(res.body.error.details.map((d: any) => d.field).sort()).toEqual([
      'attendees.agencies.0',
      'bodyCode',
      'chairCode',
    ]);
  });

  test('when the JSON body is malformed, then 400 invalid_json', async () => {
    const res = await request(t.app)
      .post('/api/series')
      .set('Authorization', t.officeKey)
      .set('Content-Type', 'application/json')
      .send('{"title": ');
    expectError(res, 400, 'body');
    expect(res.body.error.code).toBe('invalid_json');
  });

  test('when a query carries an operator object, then it is rejected as a field problem', async () => {
    const res = await request(t.app).get('/api/occurrences?from[$gt]=&to=2023-05-31');
    expectError(res, 400, 'query.from');
  });

  test('when the occurrence window is reversed or too long, then 400 names "to"', async () => {
    expectError(
      await request(t.app).get('/api/occurrences?from=2023-05-31&to=2023-05-01'),
      400,
      'query.to',
      /before from/,
    );
    expectError(
      await request(t.app).get('/api/occurrences?from=2020-01-01&to=2023-05-01'),
      400,
      'query.to',
      /400 days/,
    );
  });

  test('when adding two items with the same number, then 400 and no item is stored', async () => {
    const id = 'ubnd-giao-ban-thu-nam_20230601T1400'; // an occurrence without agenda
    const res = await request(t.app)
      .post(`/api/occurrences/${id}/agenda`)
      .set('Authorization', t.officeKey)
      .send({
        items: [
          { number: 1, title: 'A' },
          { number: 1, title: 'B' },
        ],
      });
    expectError(res, 400, 'items.1.number', /duplicates item 1/);
    expect((await request(t.app).get(`/api/occurrences/${id}/agenda`).expect(200)).body.items).toEqual([]);
  });

  test('when an item number is already on the agenda, then 409 names it', async () => {
    const res = await request(t.app)
      .post('/api/occurrences/ubnd-phien-hop-thuong-ky_20230523T0800/agenda')
      .set('Authorization', t.officeKey)
      .send({ number: 3, title: 'Trùng số' });
    expectError(res, 409, 'number', /item 3 already exists/);
  });

  test('when a batch has one unknown agency, then nothing of the batch is stored', async () => {
    const id = 'ubnd-giao-ban-thu-nam_20230608T1400'; // an occurrence without agenda
    const res = await request(t.app)
      .post(`/api/occurrences/${id}/agenda`)
      .set('Authorization', t.officeKey)
      .send({
        items: [
          { number: 1, title: 'A', preparingAgencies: [{ code: 'phong-tc-kh' }] },
          { number: 2, title: 'B', preparingAgencies: [{ code: 'phong-ma' }] },
        ],
      });
    expectError(res, 400, 'items.1.preparingAgencies.0.code', /unknown agency/);
    expect((await request(t.app).get(`/api/occurrences/${id}/agenda`).expect(200)).body.items).toEqual([]);
  });

  test('when an id is unknown, then 404 in the same JSON shape', async () => {
    expectError(await request(t.app).get('/api/occurrences/ubnd-phien-hop-thuong-ky_20230524T0800'), 404);
    expectError(await request(t.app).get('/api/occurrences/nothing-here'), 404);
    expectError(await request(t.app).get('/api/series/nope'), 404);
    expectError(await request(t.app).get('/api/nope'), 404);
  });
});

describe('access control', () => {
  test('when a write has no key, then 401; with a reader key, then 403', async () => {
    expectError(await request(t.app).post('/api/series').send(validSeries), 401);
    const reader = await t.keyFor('reader');
    expectError(await request(t.app).post('/api/series').set('Authorization', reader).send(validSeries), 403);
    expectError(
      await request(t.app).post('/api/series').set('Authorization', 'Bearer lh_not-a-real-key').send(validSeries),
      401,
    );
  });

  test('when an agency key sets a status, then only on its own items and only preparing/submitted', async () => {
    const id = 'ubnd-phien-hop-thuong-ky_20230523T0800';
    const thanhTra = await t.keyFor('agency', 'thanh-tra');
    await request(t.app)
      .post(`/api/occurrences/${id}/agenda/7/status`)
      .set('Authorization', thanhTra)
      .send({ status: 'submitted' })
      .expect(200);
    expectError(
      await request(t.app)
        .post(`/api/occurrences/${id}/agenda/1/status`)
        .set('Authorization', thanhTra)
        .send({ status: 'submitted' }),
      403,
    );
    expectError(
      await request(t.app)
        .post(`/api/occurrences/${id}/agenda/7/status`)
        .set('Authorization', thanhTra)
        .send({ status: 'ready' }),
      403,
    );
    expectError(
      await request(t.app)
        .post(`/api/occurrences/${id}/agenda/7/status`)
        .set('Authorization', thanhTra)
        .send({ status: 'done' }),
      400,
      'status',
    );
  });

  test('when a key is revoked, then it stops working at once', async () => {
    const { key, secret } = await t.services.apiKeys.create({ name: 'tạm', role: 'office', agencyCode: null });
    await request(t.app).get('/api/keys').set('Authorization', `Bearer ${secret}`).expect(200);
    await request(t.app).post(`/api/keys/${key.id}/revoke`).set('Authorization', t.officeKey).expect(200);
    expectError(await request(t.app).get('/api/keys').set('Authorization', `Bearer ${secret}`), 401);
    const listed = (await request(t.app).get('/api/keys').set('Authorization', t.officeKey).expect(200)).body.keys;
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(JSON.stringify(listed)).not.toMatch(/"hash"/);
  });
});
