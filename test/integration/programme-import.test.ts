/**
 * Importing the monthly programme from its text (issue 12, point 6) through the API and the real
 * database: the text of seed 003 gives the same agenda, agencies and warnings as the seed loader
 * (compared with a database the loader filled), nothing is stored by the dry run, the confirmed
 * import is stored whole, again nothing the second time, and a crash in the middle is finished by
 * the completion pass. The dry run's JSON is a golden file (`npm run golden:update` rewrites it; review
 * the diff).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import request from 'supertest';
import { readSeed, loadSeed, type SeedFile } from '../../src/seed/load';
import { completePendingIntents } from '../../src/shared/intents';
import { projectRoot } from '../../src/shared/paths';
import { startTestApp, type TestApp } from '../support/app';
import { expectGolden, GOLDEN_ROOT } from '../support/golden';

jest.setTimeout(180_000);

const SESSION = 'ubnd-phien-hop-thuong-ky_20230523T0800';
const SOURCE = readFileSync(join(projectRoot(), '..', 'shared', 'seeds', '003_bed89d1f3f7829d9.txt'), 'utf8');
const URL = '/api/programmes/ubnd/2023-05/import';
const GOLDEN = join(GOLDEN_ROOT, 'programme-import');

/** A missing golden file fails (support/golden.ts); `npm run golden:update` rewrites them. */
const golden = (name: string, actual: string) => expectGolden(join(GOLDEN, name), actual, { finalNewline: true });

/** The seed as the loader reads it, without the agenda the programme's text carries. */
function withoutAgenda(seed: SeedFile): SeedFile {
  return { ...seed, occurrences: seed.occurrences.map(({ agenda: _agenda, ...o }) => o) };
}

async function importDb(name: string): Promise<TestApp> {
  const t = await startTestApp({ seed: false, name });
  await loadSeed(t.services, withoutAgenda(readSeed()));
  return t;
}

/** What an agenda says, without ids and timestamps. */
async function agendaOf(t: TestApp) {
  const items = await t.services.agenda.list([SESSION]);
  return items.map((i) => ({
    number: i.number,
    title: i.title,
    kind: i.kind,
    preparingAgencies: i.preparingAgencies,
    warnings: i.warnings,
    dueAt: i.dueAt?.toISOString(),
    status: i.status,
    seriesId: i.seriesId,
  }));
}

/** The programme's text as a Word file: one paragraph per block of the text. */
async function asDocx(text: string): Promise<Buffer> {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] }));
}

let seeded: TestApp;
let t: TestApp;
beforeAll(async () => {
  [seeded, t] = await Promise.all([startTestApp({ seed: true, name: 'seeded' }), importDb('import')]);
});
afterAll(async () => {
  await seeded?.close();
  await t?.close();
});

describe('importing the May 2023 programme from its text', () => {
  let fingerprint: string;

  test('when the text is sent for a dry run, then everything recognised and every warning is answered, and nothing is stored', async () => {
    const res = await request(t.app)
      .post(`${URL}?dryRun=1`)
      .set('Authorization', t.officeKey)
      .type('text/plain')
      .send(SOURCE)
      .expect(200);
    expect(res.body).toMatchObject({ dryRun: true, importable: true, problems: [], partA: { status: 'new' } });
    const [s] = res.body.sessions;
    expect(s).toMatchObject({
      kind: 'regular-session',
      body: 'ubnd',
      agenda: 'new',
      target: { action: 'existing', occurrenceId: SESSION, start: '2023-05-23T08:00' },
    });
    expect(s.items.map((i: { number: number }) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15]);
    expect(s.assignments.map((a: { lead: { code: string } }) => a.lead.code)).toEqual([
      'phong-tc-kh',
      'thanh-tra',
      'cong-an',
      'vp-hdnd-ubnd',
      'phong-noi-vu',
    ]);
    fingerprint = res.body.fingerprint;
    golden('seed-003.dry-run.json', JSON.stringify(res.body, null, 2));
    expect(await t.services.agenda.list([SESSION])).toEqual([]);
    expect(await t.services.intents.count()).toBe(0);
    expect((await t.services.publishing.settings('ubnd', '2023-05')).partA).toBe('');
  });

  test('when the same programme comes as a .txt or a .docx upload, or as JSON, then the dry run recognises the same', async () => {
    const txt = await request(t.app)
      .post(`${URL}?dryRun=1`)
      .set('Authorization', t.officeKey)
      .attach('file', Buffer.from(SOURCE, 'utf8'), 'chuong-trinh-thang-5.txt')
      .expect(200);
    expect(txt.body.fingerprint).toBe(fingerprint);
    const docx = await request(t.app)
      .post(`${URL}?dryRun=1`)
      .set('Authorization', t.officeKey)
      .attach('file', await asDocx(SOURCE), 'chuong-trinh-thang-5.docx')
      .expect(200);
    expect(docx.body.sessions[0].items).toEqual(
      (
        await request(t.app)
          .post(`${URL}?dryRun=1`)
          .set('Authorization', t.officeKey)
          .send({ text: SOURCE })
          .expect(200)
      ).body.sessions[0].items,
    );
    expect(docx.body.fingerprint).toBe(fingerprint);
    const raw = await request(t.app)
      .post(`${URL}?dryRun=true`)
      .set('Authorization', t.officeKey)
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .send(await asDocx(SOURCE))
      .expect(200);
    expect(raw.body.fingerprint).toBe(fingerprint);
  });

  test('when the request is wrong, then every problem is named and nothing is stored', async () => {
    await request(t.app).post(`${URL}?dryRun=1`).type('text/plain').send(SOURCE).expect(401);
    await request(t.app)
      .post(`${URL}?dryRun=1`)
      .set('Authorization', await t.keyFor('agency', 'thanh-tra'))
      .type('text/plain')
      .send(SOURCE)
      .expect(403);
    const bad = await request(t.app)
      .post('/api/programmes/ubnd/2023-13/import?dryRun=maybe')
      .set('Authorization', t.officeKey)
      .send({ text: SOURCE })
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'params.month',
      'query.dryRun',
    ]);
    const empty = await request(t.app).post(URL).set('Authorization', t.officeKey).send({ text: '  ' }).expect(400);
    expect(empty.body.error.details).toEqual([{ field: 'text', problem: 'must not be empty' }]);
    const doc = await request(t.app)
      .post(`${URL}?dryRun=1`)
      .set('Authorization', t.officeKey)
      .attach('file', Buffer.from('\xd0\xcf\x11\xe0 not a docx', 'latin1'), 'cu.doc')
      .expect(400);
    expect(doc.body.error.details[0]).toMatchObject({
      field: 'file',
      problem: expect.stringContaining('old Word .doc'),
    });
    const june = await request(t.app)
      .post('/api/programmes/ubnd/2023-06/import')
      .set('Authorization', t.officeKey)
      .send({ text: SOURCE })
      .expect(400);
    expect(june.body.error.details).toEqual([
      { field: 'text', problem: 'Mục I: ngày họp 23/5/2023 không thuộc tháng 6/2023 của chương trình.' },
    ]);
    await request(t.app)
      .post('/api/programmes/khong-co/2023-05/import?dryRun=1')
      .set('Authorization', t.officeKey)
      .send({ text: SOURCE })
      .expect(404);
    expect(await t.services.agenda.list([SESSION])).toEqual([]);
  });

  test("when confirmed with the preview's fingerprint, then the agenda, its agencies and warnings are exactly what the seed loader stores, and part A is saved", async () => {
    const res = await request(t.app)
      .post(URL)
      .set('Authorization', t.officeKey)
      .send({ text: SOURCE, expect: fingerprint })
      .expect(201);
    expect(res.body).toMatchObject({ stored: true, occurrences: [SESSION], itemsStored: 14 });
    expect(await agendaOf(t)).toEqual(await agendaOf(seeded));
    const [imported, loaded] = await Promise.all([
      t.services.meetings.getOccurrence(SESSION),
      seeded.services.meetings.getOccurrence(SESSION),
    ]);
    expect(imported.warnings).toEqual(loaded.warnings);
    expect(imported.warnings).toEqual(
      expect.arrayContaining(['Văn bản nguồn không có nội dung số 12 (danh sách chuyển từ 11 sang 13).']),
    );
    expect(imported.localStart).toBe('2023-05-23T08:00');
    expect((await t.services.orgRepos.agencies.list()).map((a) => a.code)).toEqual(
      (await seeded.services.orgRepos.agencies.list()).map((a) => a.code),
    );
    const partA = (await t.services.publishing.settings('ubnd', '2023-05')).partA;
    expect(partA).toBe(res.body.partA.markdown);
    golden('seed-003.part-a.md', partA);
    expect(await t.services.intents.count()).toBe(0);
    const history = await t.services.agenda.history(SESSION, 1);
    expect(history[0]).toMatchObject({
      action: 'created',
      changes: { source: { to: 'chương trình công tác tháng 5/2023 (nhập từ văn bản)' } },
    });
  });

  test('when the same text is confirmed again, then nothing new is stored; an outdated fingerprint is refused', async () => {
    const again = await request(t.app).post(URL).set('Authorization', t.officeKey).send({ text: SOURCE }).expect(200);
    expect(again.body).toMatchObject({
      stored: false,
      itemsStored: 0,
      sessions: [{ agenda: 'unchanged' }],
      partA: { status: 'unchanged' },
    });
    expect(again.body.warnings).toContain('Văn bản này đã được nhập: không có gì mới để lưu.');
    expect(await t.services.agenda.list([SESSION])).toHaveLength(14);
    const stale = await request(t.app)
      .post(URL)
      .set('Authorization', t.officeKey)
      .send({ text: SOURCE, expect: fingerprint })
      .expect(409);
    expect(stale.body.error.details).toEqual([{ field: 'expect', problem: 'does not match the current preview' }]);
  });
});

describe('an import that is interrupted or overtaken', () => {
  test('when the process dies after storing the items, then the completion pass finishes the import as if nothing happened', async () => {
    const c = await importDb('crash');
    try {
      const plan = await c.services.programmeImport.preview('ubnd', '2023-05', SOURCE);
      const meetings = c.services.meetings;
      const real = meetings.addOccurrenceWarnings;
      meetings.addOccurrenceWarnings = async () => {
        throw new Error('killed'); // the process dies here: items stored, warnings and part A not
      };
      await expect(
        c.services.programmeImport.confirm('ubnd', '2023-05', SOURCE, plan.fingerprint, 'test'),
      ).rejects.toThrow('killed');
      meetings.addOccurrenceWarnings = real;
      expect(await c.services.agenda.list([SESSION])).toHaveLength(14);
      expect((await meetings.getOccurrence(SESSION)).warnings).not.toContain(
        'Văn bản nguồn không có nội dung số 12 (danh sách chuyển từ 11 sang 13).',
      );
      expect(await c.services.intents.count()).toBe(1);

      const report = await completePendingIntents(c.services.intents, c.services.intentHandlers);
      expect(report).toEqual({ completed: 1, failed: 0, unknown: 0 });
      expect(await agendaOf(c)).toEqual(await agendaOf(seeded));
      expect((await meetings.getOccurrence(SESSION)).warnings).toEqual(
        (await seeded.services.meetings.getOccurrence(SESSION)).warnings,
      );
      expect((await c.services.publishing.settings('ubnd', '2023-05')).partA).toBe(plan.partA);
      expect(await c.services.intents.count()).toBe(0);
    } finally {
      await c.close();
    }
  });

  test('when someone adds an item after the preview, then confirming is refused and nothing of the import is stored', async () => {
    const c = await importDb('overtaken');
    try {
      const plan = await c.services.programmeImport.preview('ubnd', '2023-05', SOURCE);
      await c.services.agenda.addItems(
        SESSION,
        [{ number: 1, title: 'Báo cáo khác', kind: 'report', preparingAgencies: [], leaderCode: null }],
        'test',
      );
      const res = await request(c.app)
        .post(URL)
        .set('Authorization', c.officeKey)
        .send({ text: SOURCE, expect: plan.fingerprint })
        .expect(400);
      expect(res.body.error.details).toEqual([
        { field: 'text', problem: expect.stringContaining('đã có chương trình (1 nội dung) khác với văn bản') },
      ]);
      expect((await c.services.agenda.list([SESSION])).map((i) => i.title)).toEqual(['Báo cáo khác']);
      expect((await c.services.publishing.settings('ubnd', '2023-05')).partA).toBe('');
    } finally {
      await c.close();
    }
  });

  test('when an item number is taken between the check and the write, then the import undoes its items and stores nothing else', async () => {
    const c = await importDb('race');
    try {
      const plan = await c.services.programmeImport.preview('ubnd', '2023-05', SOURCE);
      const repo = c.services.agendaRepo;
      const insert = repo.insertWithIds;
      // Another change takes number 15 in the instant between the import's last check and its write.
      repo.insertWithIds = async (records, history) => {
        repo.insertWithIds = insert;
        await c.services.agenda.addItems(
          SESSION,
          [{ number: 15, title: 'Nội dung bổ sung', kind: 'other', preparingAgencies: [], leaderCode: null }],
          'other',
        );
        return insert(records, history);
      };
      await expect(
        c.services.programmeImport.confirm('ubnd', '2023-05', SOURCE, plan.fingerprint, 'test'),
      ).rejects.toThrow(/taken by another change/);
      expect((await c.services.agenda.list([SESSION])).map((i) => i.title)).toEqual(['Nội dung bổ sung']);
      expect((await c.services.meetings.getOccurrence(SESSION)).warnings).not.toContain(
        'Văn bản nguồn không có nội dung số 12 (danh sách chuyển từ 11 sang 13).',
      );
      expect((await c.services.publishing.settings('ubnd', '2023-05')).partA).toBe('');
      // The conflict is final: no intent is left for the completion pass to redo.
      expect(await c.services.intents.count()).toBe(0);
      expect(await completePendingIntents(c.services.intents, c.services.intentHandlers)).toMatchObject({
        completed: 0,
      });
      expect(await c.services.agenda.list([SESSION])).toHaveLength(1);
    } finally {
      await c.close();
    }
  });
});
