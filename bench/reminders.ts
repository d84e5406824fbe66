/**
 * `npm run bench:reminders`: plan and dispatch 10,000 reminders into a local SMTP server, with two
 * reminder runners (as two instances would) working on the same outbox at the same time.
 *
 * Data: a body with 50 agencies (one address each) and 50 meetings on Tuesday 17/6/2025, each
 * with 10 agenda items prepared by 5 agencies: 2,500 (item, address) pairs, each with the default
 * preparation reminders 7, 3, 1 working days before the documents are due (Thursday 12/6 17:00)
 * and on the due day: 10,000 reminders, sent in four passes at their four times. Digests are off
 * for the body and no escalation address is set, so only the 10,000 reminders are sent.
 * BENCH_REMINDER_MEETINGS=10 runs a fifth of it (2,000 reminders).
 *
 * Printed: planning time, dispatch time and deliveries per second of each pass (the reminders of
 * one meeting to one agency at one time go out as one email: 2,500 reminders make 1,600 emails per
 * pass); duplicates (emails received more than once) and losses (reminders not recorded as sent in
 * an email the server received) over the run, checked against the Message-IDs the server
 * received, and the outbox's final state.
 *
 * Database: MONGODB_URI, else a throwaway local one (FerretDB/SQLite here). SMTP: smtp-server
 * on a loopback port in this process, counting Message-IDs without parsing bodies.
 */
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { smtpMailer, type Mailer } from '../src/mail/transport';
import { reminderRunner } from '../src/reminders';
import { createServices, type Services } from '../src/services';
import { fixedClock } from '../src/shared/clock';
import { connectDatabase, ensureIndexes } from '../src/shared/db';
import { startLocalDatabase } from '../src/shared/local-db';
import { createLogger } from '../src/shared/logger';

const AGENCIES = 50;
/** BENCH_REMINDER_MEETINGS makes a shorter run (each meeting adds 200 reminders); 50 by default. */
const MEETINGS = Number(process.env.BENCH_REMINDER_MEETINGS ?? 50);
const ITEMS = 10;
const AGENCIES_PER_ITEM = 5;
const EXPECTED = MEETINGS * ITEMS * AGENCIES_PER_ITEM * 4;
const MAIL_FROM = 'Văn phòng HĐND và UBND huyện <no-reply@bench.example>';
// Meetings Tuesday 17/6/2025 08:00: documents due Thursday 12/6 17:00; reminders 3/6, 9/6, 11/6, 12/6 08:00.
const PASSES = [
  '2025-06-03T08:01:00+07:00',
  '2025-06-09T08:01:00+07:00',
  '2025-06-11T08:01:00+07:00',
  '2025-06-12T08:01:00+07:00',
];
const TOPICS = [
  'công tác cải cách hành chính',
  'tiến độ giải phóng mặt bằng',
  'thu ngân sách nhà nước',
  'phòng, chống thiên tai',
  'chuyển đổi số',
  'xây dựng nông thôn mới',
];

async function createData(s: Services): Promise<void> {
  await s.organisation.createBody({
    code: 'bench',
    name: 'Ủy ban nhân dân huyện Thử Nghiệm',
    shortName: 'UBND huyện',
    kind: 'people-committee',
    level: 'district',
    place: 'Thử Nghiệm',
    parentName: 'TỈNH BẮC GIANG',
    documentDueWorkingDays: 3,
  } as never);
  await s.reminders.stores.settings.patch('bench', { digestWeekday: null });
  for (let a = 0; a < AGENCIES; a++) {
    await s.organisation.createAgency({
      code: `co-quan-${a}`,
      name: `Phòng chuyên môn số ${a + 1}`,
      shortName: `Phòng ${a + 1}`,
      bodyCode: 'bench',
      emails: [`co-quan-${a}@bench.example`],
    });
  }
  for (let m = 0; m < MEETINGS; m++) {
    const meeting = await s.meetings.createMeeting({
      id: `hop-${m}`,
      title: `Hội nghị chuyên đề về ${TOPICS[m % TOPICS.length]} (số ${m + 1})`,
      kind: 'thematic-conference',
      bodyCode: 'bench',
      chairCode: null,
      attendees: { officials: [], agencies: [] },
      location: 'Hội trường UBND huyện',
      date: '2025-06-17',
      time: '08:00',
      durationMinutes: 180,
      description: '',
    } as never);
    const items = Array.from({ length: ITEMS }, (_, k) => ({
      number: k + 1,
      kind: 'report',
      title: `Báo cáo kết quả thực hiện nhiệm vụ ${TOPICS[k % TOPICS.length]}; phương hướng, nhiệm vụ thời gian tới (nội dung ${k + 1})`,
      preparingAgencies: Array.from({ length: AGENCIES_PER_ITEM }, (_, j) => ({
        code: `co-quan-${(m + k * 7 + j * 11) % AGENCIES}`,
        role: j === 0 ? 'lead' : 'coordinating',
      })),
      leaderCode: null,
    }));
    await s.agenda.addItems(meeting.id, items as never, 'bench');
  }
}

/** A minimal SMTP sink: records each message's Message-ID (no body parsing). */
async function startSink(): Promise<{ url: string; ids: string[]; close(): Promise<void> }> {
  const ids: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 16_384) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1];
        ids.push(id ?? '(none)');
        callback();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, ids, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/** The connection string with its database replaced (credentials and options kept). */
function withDatabase(uri: string, db: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?#]*)(?:\/[^?#]*)?(\?[^#]*)?$/.exec(uri.trim());
  if (!m) throw new Error('MONGODB_URI is not a MongoDB connection string');
  return `${m[1]}/${db}${m[2] ?? ''}`;
}

async function main(): Promise<void> {
  let uri = process.env.MONGODB_URI?.trim();
  let stopDb: () => Promise<void> = () => Promise.resolve();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lich-hop-bench-reminders-'));
  if (!uri) {
    const db = await startLocalDatabase({ dataDir: dir, log: () => undefined });
    uri = db.uri;
    stopDb = () => db.stop();
    console.log(`database: local ${db.kind} (throwaway, ${dir})`);
  } else console.log('database: MONGODB_URI');
  const dbName = `bench_reminders_${process.pid}`;
  const conn = await connectDatabase(withDatabase(uri, dbName));
  const sink = await startSink();
  const mailers: Mailer[] = [];
  try {
    const clock = fixedClock(PASSES[0]!);
    const logger = createLogger('warn');
    const services = createServices(
      conn,
      { defaultTimeZone: 'Asia/Ho_Chi_Minh', publicBaseUrl: 'https://lich.bench.example' },
      clock,
      logger,
    );
    await ensureIndexes(conn);
    let t0 = Date.now();
    await createData(services);
    console.log(
      `schedule: ${AGENCIES} agencies, ${MEETINGS} meetings x ${ITEMS} items x ${AGENCIES_PER_ITEM} agencies (${Date.now() - t0} ms to create)`,
    );

    // Two instances: each its own services on its own connection, its own SMTP pool, same outbox.
    const conn2 = await connectDatabase(withDatabase(uri, dbName));
    const services2 = createServices(
      conn2,
      { defaultTimeZone: 'Asia/Ho_Chi_Minh', publicBaseUrl: 'https://lich.bench.example' },
      clock,
      logger,
    );
    const runners = [services, services2].map((s, i) => {
      const mailer = smtpMailer({ smtpUrl: sink.url, from: MAIL_FROM, outboxDir: '' });
      mailers.push(mailer);
      return reminderRunner(s.reminders, {
        mailer,
        mailFrom: MAIL_FROM,
        officeEmails: [],
        clock,
        dispatch: { owner: `instance-${i + 1}`, concurrency: 8 },
      });
    });

    const rows: string[] = [];
    let totalMs = 0;
    let totalSent = 0;
    let totalMessages = 0;
    for (const at of PASSES) {
      clock.set(at);
      t0 = Date.now();
      const plans = await Promise.all(runners.map((r) => r.planner.plan(clock.now(), 'bench')));
      const planMs = Date.now() - t0;
      t0 = Date.now();
      const sends = await Promise.all(runners.map((r) => r.dispatcher.dispatch()));
      const sendMs = Date.now() - t0;
      const sent = sends.reduce((n, s) => n + s.sent, 0);
      const messages = sends.reduce((n, s) => n + s.messages, 0);
      totalMs += planMs + sendMs;
      totalSent += sent;
      totalMessages += messages;
      rows.push(
        `${at}  planned ${plans[0]!.planned} (inserted ${plans.reduce((n, p) => n + p.inserted, 0)}) in ${planMs} ms; ` +
          `sent ${sent} in ${messages} emails (instance 1: ${sends[0]!.sent}, instance 2: ${sends[1]!.sent}) in ${sendMs} ms = ${Math.round((sent * 1000) / Math.max(1, sendMs))} deliveries/s ` +
          `[instance 1 ms: ${JSON.stringify(sends[0]!.ms)}; instance 2 ms: ${JSON.stringify(sends[1]!.ms)}]`,
      );
      console.log(rows[rows.length - 1]);
    }
    await conn2.close();

    // Check what the server received against what should have been sent: every reminder recorded
    // as sent, with the Message-ID of an email the server received exactly once.
    const received = sink.ids;
    const distinct = new Set(received);
    const expectedKeys = new Set<string>();
    for (let m = 0; m < MEETINGS; m++) {
      for (let k = 1; k <= ITEMS; k++) {
        for (let j = 0; j < AGENCIES_PER_ITEM; j++) {
          const a = (m + (k - 1) * 7 + j * 11) % AGENCIES;
          for (const offset of [7, 3, 1, 0])
            expectedKeys.add(`preparation:hop-${m}:${k}:co-quan-${a}@bench.example:${offset}`);
        }
      }
    }
    const log = await conn
      .collection('deliveryLog')
      .find({}, { projection: { state: 1, messageId: 1 } })
      .toArray();
    const sentIds = new Map(log.filter((d) => d.state === 'sent').map((d) => [String(d._id), String(d.messageId)]));
    const emails = new Set(sentIds.values());
    const duplicates = received.length - distinct.size;
    const losses = [...expectedKeys].filter((k) => !sentIds.has(k) || !distinct.has(sentIds.get(k)!)).length;
    const unexpected = [...distinct].filter((id) => !emails.has(id)).length;
    const counts = await services.reminders.deliveries.countByState();
    console.log('');
    console.log(
      `expected ${EXPECTED} reminders (distinct keys ${expectedKeys.size}); recorded sent ${sentIds.size} in ${emails.size} emails; received ${received.length} emails, distinct ${distinct.size}`,
    );
    console.log(`duplicates: ${duplicates}   losses: ${losses}   unexpected: ${unexpected}`);
    console.log(`outbox: ${JSON.stringify(counts)}`);
    console.log(
      `overall: ${totalSent} deliveries (${totalMessages} emails) planned and dispatched in ${(totalMs / 1000).toFixed(1)} s = ${Math.round((totalSent * 1000) / totalMs)} deliveries/s`,
    );
    if (duplicates || losses || unexpected || totalSent !== EXPECTED) process.exitCode = 1;
  } finally {
    for (const m of mailers) m.close();
    await sink.close();
    await conn.close();
    await stopDb();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
