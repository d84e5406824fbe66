/**
 * Every feed variant checked by a strict, independent validator: ical4j (Java) parses each with
 * its CalendarBuilder and checks it with Calendar.validate() (tools/ical-validate, built by
 * scripts/setup.sh). One JVM checks all the files. Variants: each body's public feed (including
 * the People's Council, which has no meeting) with every option, and every official's and agency's
 * private feed, over the seed plus a move, a cancellation, an extra session and a one-off meeting.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

const ROOT = path.join(__dirname, '..', '..');
const JAR = path.join(ROOT, 'tools', 'ical-validate', 'target', 'ical-validate.jar');
const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
const HAVE_JAVA = !java.error && java.status === 0;

if (!HAVE_JAVA) {
  // Only when Java truly cannot be had: say so loudly rather than fail.
  console.warn(
    [
      '',
      '#################################################################################',
      '# SKIPPED: the strict iCalendar validation of the feeds (ical4j) needs Java.     #',
      '# Install a JDK and Maven (apt-get install default-jdk-headless maven), then run #',
      '# bash scripts/setup.sh, which builds tools/ical-validate.                      #',
      '#################################################################################',
      '',
    ].join('\n'),
  );
}

const OPTIONS = [
  '',
  '?expand=1',
  '?cancelled=show',
  '?alarm=1d',
  '?kind=briefing',
  '?kind=council-session',
  '?expand=1&cancelled=show&alarm=30m',
];
const PRIVATE_OPTIONS = ['', '?expand=1', '?cancelled=show&alarm=1h'];

let t: TestApp;
let dir: string;

async function text(urlPath: string): Promise<string> {
  const res = await request(t.app)
    .get(urlPath)
    .buffer(true)
    .parse((r, cb) => {
      let data = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (data += c));
      r.on('end', () => cb(null, data));
    })
    .expect(200);
  return res.body as string;
}

(HAVE_JAVA ? describe : describe.skip)('strict validation of every feed variant (ical4j)', () => {
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lich-hop-feeds-'));
    const office = (r: request.Test) =>
      r.set('Authorization', t.officeKey).expect((res) => {
        if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      });
    await office(
      request(t.app)
        .post('/api/occurrences/ubnd-giao-ban-thu-nam_20230608T1400/move')
        .send({ date: '2023-06-09', time: '08:00', reason: 'Trùng lịch họp của Tỉnh ủy' }),
    );
    await office(
      request(t.app)
        .post('/api/occurrences/ubnd-giao-ban-thu-nam_20230615T1400/cancel')
        .send({ reason: 'Chủ tịch đi công tác' }),
    );
    await office(
      request(t.app)
        .post('/api/series/ubnd-phien-hop-thuong-ky/extra-sessions')
        .send({ date: '2023-06-23', reason: 'Phiên họp thường kỳ tháng 6/2023' }),
    );
    await office(
      request(t.app)
        .post('/api/meetings')
        .send({
          title: 'Hội nghị sơ kết 6 tháng đầu năm 2023',
          kind: 'thematic-conference',
          bodyCode: 'ubnd',
          chairCode: 'chu-tich-ubnd',
          attendees: { officials: ['pct-ubnd'], agencies: ['thanh-tra'] },
          location: 'Hội trường UBND huyện',
          date: '2023-07-20',
          time: '08:00',
          durationMinutes: 240,
          description: '',
        }),
    );
  });
  afterAll(async () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  test('when every feed variant is rendered, then ical4j parses and validates each without error, and every event states its end', async () => {
    if (!fs.existsSync(JAR))
      throw new Error(`${JAR} is missing: run bash scripts/setup.sh (it builds tools/ical-validate with Maven)`);
    const files: string[] = [];
    const save = (name: string, body: string) => {
      const file = path.join(dir, `${name.replace(/[^a-z0-9-]+/gi, '_')}.ics`);
      fs.writeFileSync(file, body);
      files.push(file);
      return body;
    };
    const bodies = (await request(t.app).get('/api/bodies').expect(200)).body;
    const bodyCodes: string[] = (Array.isArray(bodies) ? bodies : bodies.bodies).map((b: { code: string }) => b.code);
    expect(bodyCodes).toEqual(expect.arrayContaining(['huyen-uy', 'hdnd', 'ubnd']));
    for (const body of bodyCodes)
      for (const q of OPTIONS) save(`public-${body}${q}`, await text(`/feeds/public/${body}.ics${q}`));

    const subjects: [string, string][] = [];
    const list = async (what: string) => {
      const res = (await request(t.app).get(`/api/${what}`).expect(200)).body;
      return (Array.isArray(res) ? res : res[what]) as { code: string }[];
    };
    for (const o of await list('officials')) subjects.push(['official', o.code]);
    for (const a of await list('agencies')) subjects.push(['agency', a.code]);
    for (const [kind, code] of subjects) {
      const res = await request(t.app)
        .post('/api/feed-tokens')
        .set('Authorization', t.officeKey)
        .send({ kind, subjectCode: code })
        .expect(201);
      const feedPath = new URL(res.body.url).pathname;
      for (const q of PRIVATE_OPTIONS) save(`${kind}-${code}${q}`, await text(`${feedPath}${q}`));
    }

    // The People's Council has no meeting: its feed is a calendar with only its VTIMEZONE.
    const council = fs.readFileSync(
      files.find((f) => path.basename(f) === 'public-hdnd.ics')!,
      'utf8',
    );
    expect(council).not.toContain('BEGIN:VEVENT');
    expect(council).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n');

    // Every VEVENT states its end (DTEND or DURATION), documents-due events included.
    let dueEvents = 0;
    for (const f of files) {
      const unfolded = fs.readFileSync(f, 'utf8').replace(/\r\n[ \t]/g, '');
      for (const event of unfolded.split('BEGIN:VEVENT\r\n').slice(1)) {
        const own = event.slice(0, event.indexOf('END:VEVENT'));
        expect(/^(DTEND|DURATION)[;:]/m.test(own) ? 'has an end' : `${path.basename(f)}: ${own.slice(0, 120)}`).toBe(
          'has an end',
        );
        if (/^UID:due_/m.test(own)) dueEvents++;
      }
    }
    expect(dueEvents).toBeGreaterThan(0);

    const run = spawnSync('java', ['-jar', JAR, dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const lines = run.stdout.split('\n').filter(Boolean);
    const problems = lines.filter((l) => l.startsWith('FAIL'));
    expect(problems).toEqual([]);
    expect(run.stderr.trim()).toBe('');
    expect(lines.filter((l) => l.startsWith('OK')).length).toBe(files.length);
    expect(run.status).toBe(0);
    expect(files.length).toBe(bodyCodes.length * OPTIONS.length + subjects.length * PRIVATE_OPTIONS.length);
  });
});
