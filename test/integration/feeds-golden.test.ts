/**
 * Golden iCalendar files of the seed, compared byte for byte. The clock is fixed (1/5/2023) and
 * the seed's stored timestamps are set to a fixed instant, so the files depend only on the data
 * and the code. After an intended change, rewrite them with
 *   UPDATE_GOLDEN=1 npx jest --selectProjects integration --testPathPatterns feeds-golden
 * and review the diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { endOfDay, physicalLines, readFeed, startOfDay } from '../unit/feeds/ical-oracle';

const GOLDEN_DIR = path.join(__dirname, '..', 'golden', 'feeds');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const STORED_AT = new Date('2023-04-28T02:00:00Z');

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  const db = t.services.conn.db!;
  for (const name of ['series', 'occurrenceOverrides', 'meetings', 'agendaItems']) {
    await db.collection(name).updateMany({}, { $set: { updatedAt: STORED_AT } });
  }
  // The seeded holiday decisions (a decided Tết stamps the meetings it moves or cancels).
  await db.collection('calendarAdjustments').updateMany({}, { $set: { createdAt: STORED_AT } });
  await t.services.meetingRepo.bumpScheduleVersion();
});
afterAll(() => t.close());

async function bytesOf(urlPath: string): Promise<Buffer> {
  const res = await request(t.app)
    .get(urlPath)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return res.body as Buffer;
}

function compareWithGolden(file: string, actual: Buffer): void {
  const goldenPath = path.join(GOLDEN_DIR, file);
  if (UPDATE || !fs.existsSync(goldenPath)) {
    if (!UPDATE) throw new Error(`missing golden file ${goldenPath}: run with UPDATE_GOLDEN=1 to create it`);
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(goldenPath, actual);
  }
  const expected = fs.readFileSync(goldenPath);
  expect(actual.toString('utf8')).toBe(expected.toString('utf8'));
  expect(Buffer.compare(actual, expected)).toBe(0);
}

describe('golden feeds of the seed', () => {
  test.each([
    ['ubnd.ics', '/feeds/public/ubnd.ics'],
    ['ubnd-expanded.ics', '/feeds/public/ubnd.ics?expand=1'],
    ['huyen-uy.ics', '/feeds/public/huyen-uy.ics'],
  ])('when %s is rendered for the seed, then it equals the golden file byte for byte', async (file, urlPath) => {
    const bytes = await bytesOf(urlPath);
    compareWithGolden(file, bytes);
    // And it is well-formed: CRLF lines of at most 75 octets that ical.js reads.
    for (const line of physicalLines(bytes.toString('utf8'))) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(readFeed(bytes.toString('utf8'), startOfDay('2023-02-01'), endOfDay('2024-04-30')).events.length).toBeGreaterThan(0);
  });

  test("when an agency's private feed is rendered for the seed, then it equals its golden file (whatever the token)", async () => {
    const res = await request(t.app).post('/api/feed-tokens').set('Authorization', t.officeKey).send({ kind: 'agency', subjectCode: 'phong-tc-kh' }).expect(201);
    compareWithGolden('agency-phong-tc-kh.ics', await bytesOf(new URL(res.body.url).pathname));
  });
});
