/**
 * Golden iCalendar files of the seed, compared byte for byte. The clock is fixed (1/5/2023) and
 * the seed's stored timestamps are set to a fixed instant, so the files depend only on the data
 * and the code. A missing file fails. After an intended change, rewrite them with
 * `npm run golden:update` and review the diff.
 */
import * as path from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { expectGolden, GOLDEN_ROOT } from '../support/golden';
import { endOfDay, physicalLines, readFeed, startOfDay } from '../unit/feeds/ical-oracle';

const GOLDEN_DIR = path.join(GOLDEN_ROOT, 'feeds');
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

/** As text first (a readable diff), then byte for byte. */
function compareWithGolden(file: string, actual: Buffer): void {
  expectGolden(path.join(GOLDEN_DIR, file), actual.toString('utf8'));
  expectGolden(path.join(GOLDEN_DIR, file), actual);
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
    for (const line of physicalLines(bytes.toString('utf8')))
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(
      readFeed(bytes.toString('utf8'), startOfDay('2023-02-01'), endOfDay('2024-04-30')).events.length,
    ).toBeGreaterThan(0);
  });

  test("when an agency's private feed is rendered for the seed, then it equals its golden file (whatever the token)", async () => {
    const res = await request(t.app)
      .post('/api/feed-tokens')
      .set('Authorization', t.officeKey)
      .send({ kind: 'agency', subjectCode: 'phong-tc-kh' })
      .expect(201);
    compareWithGolden('agency-phong-tc-kh.ics', await bytesOf(new URL(res.body.url).pathname));
  });
});
