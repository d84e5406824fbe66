/**
 * Dispatching from the outbox against a real SMTP server and the real database: several
 * dispatchers, transient and permanent SMTP failures, a dispatcher that dies holding a claim.
 */
import request from 'supertest';
import { smtpMailer, type Mailer } from '../../src/mail/transport';
import { DEFAULT_LEASE_MS, dispatcherOf } from '../../src/reminders/dispatcher';
import { loadEmailTemplates } from '../../src/reminders/email-templates';
import { toPlanned } from '../../src/reminders/plan';
import { deliveryRepository } from '../../src/reminders/repository';
import { parseSender } from '../../src/reminders/render';
import type { PlannedDelivery } from '../../src/reminders/types';
import { silentLogger } from '../../src/shared/logger';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(120_000);

const MAIL_FROM = 'Văn phòng HĐND và UBND huyện <no-reply@lucngan.example>';
const NOW = new Date('2023-05-22T01:00:00Z'); // Monday 22/5/2023 08:00 +07
const templates = loadEmailTemplates();

let t: TestApp;
let sink: SmtpSink;
const mailers: Mailer[] = [];

beforeAll(async () => {
  t = await startTestApp({ seed: false, now: NOW.toISOString() });
  sink = await startSmtpSink();
});
afterAll(async () => {
  for (const m of mailers) m.close();
  await sink.close();
  await t.close();
});
beforeEach(() => {
  t.clock.set(NOW);
  sink.received.length = 0;
  sink.attempts = 0;
  sink.reply = () => 250;
});

/** An agenda email to one address, due at `dueAt`, useful for 30 days. */
function agendaFor(i: number, dueAt = NOW): PlannedDelivery {
  return toPlanned({
    kind: 'agenda',
    occurrenceId: `hop-thu-${i % 50}`,
    itemNumber: null,
    recipient: { email: `canbo${i}@lucngan.example`, name: `Cán bộ số ${i}`, agencyCode: null, officialCode: null },
    grouped: false,
    bodyCode: 'ubnd',
    dueAt,
    expiresAt: new Date(dueAt.getTime() + 30 * 86_400_000),
    data: {
      meeting: {
        occurrenceId: `hop-thu-${i % 50}`,
        title: 'Phiên họp thường kỳ UBND huyện',
        bodyName: 'Ủy ban nhân dân huyện Lục Ngạn',
        when: '08:00, Thứ Ba ngày 23/5/2023',
        date: '23/5/2023',
        location: 'Hội trường UBND huyện',
        chair: 'Chủ tịch UBND huyện',
        cancelled: false,
        link: 'https://lich.example.gov.vn/lich/ubnd/thang/2023-05',
      },
      items: [
        {
          number: 1,
          title: 'Báo cáo tình hình kinh tế - xã hội tháng 5',
          agencies: 'Phòng Tài chính - Kế hoạch (chủ trì)',
          due: '',
          leader: '',
          status: 'đã giao',
        },
      ],
      hasItems: true,
    },
  });
}

function dispatcher(owner: string, url = sink.url, batchSize?: number) {
  const mailer = smtpMailer({ smtpUrl: url, from: MAIL_FROM, outboxDir: '', timeoutMs: 5_000 });
  mailers.push(mailer);
  const r = t.services.reminders;
  return dispatcherOf({
    deliveries: r.deliveries,
    stores: r.stores,
    mailer,
    templates,
    links: r.links,
    sender: parseSender(MAIL_FROM),
    clock: t.clock,
    logger: silentLogger,
    owner,
    random: () => 0.5,
    ...(batchSize ? { batchSize } : {}),
  });
}

async function enqueue(list: PlannedDelivery[]) {
  const res = await t.services.reminders.deliveries.insertNew(
    list.map((planned) => ({ planned, state: 'pending' as const, reason: null })),
    t.clock.now(),
  );
  expect(res.inserted).toBe(list.length);
}

describe('dispatching the outbox', () => {
  test('when two dispatchers work on 500 due deliveries at once, then exactly 500 distinct messages arrive', async () => {
    const list = Array.from({ length: 500 }, (_, i) => agendaFor(i));
    await enqueue(list);
    // Small batches, so that both go back to the outbox many times while the other is sending.
    const [a, b] = await Promise.all([
      dispatcher('dispatcher-a', sink.url, 50).dispatch(),
      dispatcher('dispatcher-b', sink.url, 50).dispatch(),
    ]);
    expect(a.sent + b.sent).toBe(500);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect(sink.received).toHaveLength(500);
    expect(new Set(sink.received.map((m) => m.mail.messageId)).size).toBe(500);
    expect(new Set(sink.received.map((m) => m.to.join(','))).size).toBe(500);
    const counts = await t.services.reminders.deliveries.countByState();
    expect(counts).toMatchObject({ pending: 0, sent: 500 });
    // Planning the same keys again creates nothing.
    const again = await t.services.reminders.deliveries.insertNew(
      list.map((planned) => ({ planned, state: 'pending' as const, reason: null })),
      t.clock.now(),
    );
    expect(again).toEqual({ inserted: 0, existing: 500 });
  });

  test('when the SMTP server answers 421 and then 250, then the delivery is retried after its backoff and delivered once', async () => {
    sink.reply = (attempt) => (attempt === 1 ? 421 : 250);
    const d = agendaFor(1000);
    await enqueue([d]);
    const one = dispatcher('retrier');
    expect(await one.dispatch()).toMatchObject({ sent: 0, retrying: 1 });
    const waiting = (await t.services.reminders.deliveries.getOpen(d.key))!;
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1 });
    expect(waiting.lastError).toContain('421');
    expect(waiting.nextAttemptAt.getTime() - NOW.getTime()).toBe(45_000); // 30 s + half of 30 s jitter
    expect(await one.dispatch()).toMatchObject({ sent: 0, retrying: 0 }); // not before its time
    t.clock.set(new Date(NOW.getTime() + 46_000));
    expect(await one.dispatch()).toMatchObject({ sent: 1 });
    expect(sink.attempts).toBe(2);
    expect(sink.received).toHaveLength(1);
    expect((await t.services.reminders.deliveries.get(d.key))!).toMatchObject({
      state: 'sent',
      attempts: 2,
      lastError: null,
    });
  });

  test('when the SMTP server answers 550, then the delivery is dead-lettered at once, never retried by itself, and the Office can retry it', async () => {
    sink.reply = () => 550;
    const d = agendaFor(2000);
    await enqueue([d]);
    const one = dispatcher('permanent');
    expect(await one.dispatch()).toMatchObject({ dead: 1, sent: 0 });
    for (const hours of [1, 6, 24, 24 * 7]) {
      t.clock.set(new Date(NOW.getTime() + hours * 3_600_000));
      expect(await one.dispatch()).toMatchObject({ dead: 0, sent: 0, retrying: 0 });
    }
    expect(sink.attempts).toBe(1);
    const list = await request(t.app).get('/api/deliveries?state=dead').set('Authorization', t.officeKey).expect(200);
    expect(list.body.deliveries).toEqual([
      expect.objectContaining({
        key: d.key,
        state: 'dead',
        attempts: 1,
        reason: 'rejected permanently by the mail server',
      }),
    ]);
    expect(list.body.counts.dead).toBe(1);
    expect(list.body.deliveries[0].lastError).toContain('550');

    sink.reply = () => 250;
    const key = encodeURIComponent(d.key);
    const retried = await request(t.app)
      .post(`/api/deliveries/${key}/retry`)
      .set('Authorization', t.officeKey)
      .expect(200);
    expect(retried.body).toMatchObject({ state: 'pending', attempts: 0 });
    await request(t.app).post(`/api/deliveries/${key}/retry`).set('Authorization', t.officeKey).expect(409);
    expect(await one.dispatch()).toMatchObject({ sent: 1 });
    expect(sink.received).toHaveLength(1);
    const after = await request(t.app).get(`/api/deliveries/${key}`).set('Authorization', t.officeKey).expect(200);
    expect(after.body).toMatchObject({ state: 'sent', attempts: 1 });
  });

  test('when a dispatcher dies between claiming a delivery and sending it, then another sends it once the lease has expired', async () => {
    const d = agendaFor(3000);
    await enqueue([d]);
    const repo = t.services.reminders.deliveries;
    const [claimed] = await repo.candidates(NOW, 10);
    const locks = await repo.lockMany([claimed!], 'killed-dispatcher', NOW, DEFAULT_LEASE_MS);
    expect(locks.has(d.key)).toBe(true); // ... and then the process is killed: no send, no write
    const survivor = dispatcher('survivor');
    expect(await survivor.dispatch()).toMatchObject({ sent: 0, busy: 1 });
    t.clock.set(new Date(NOW.getTime() + DEFAULT_LEASE_MS - 1_000));
    expect(await survivor.dispatch()).toMatchObject({ sent: 0, busy: 1 });
    t.clock.set(new Date(NOW.getTime() + DEFAULT_LEASE_MS + 1_000));
    expect(await survivor.dispatch()).toMatchObject({ sent: 1 });
    expect(sink.received.map((m) => m.to[0])).toEqual(['canbo3000@lucngan.example']);
    expect(await survivor.dispatch()).toMatchObject({ sent: 0 });
  });

  test('when a dispatcher dies after recording a send but before clearing the outbox, then the delivery is never sent again', async () => {
    const d = agendaFor(3500);
    await enqueue([d]);
    const repo = t.services.reminders.deliveries;
    const [claimed] = await repo.candidates(NOW, 10);
    const lock = (await repo.lockMany([claimed!], 'crashed-dispatcher', NOW, DEFAULT_LEASE_MS)).get(d.key)!;
    await repo.finish(lock, claimed!, { state: 'sent', attempts: 1, sentAt: NOW }, NOW); // ... then killed before dropOpen
    expect(await repo.getOpen(d.key)).not.toBeNull();
    t.clock.set(new Date(NOW.getTime() + DEFAULT_LEASE_MS + 1_000));
    expect(await dispatcher('after-crash').dispatch()).toMatchObject({ sent: 0, skipped: 1 });
    expect(sink.attempts).toBe(0);
    expect(await repo.getOpen(d.key)).toBeNull();
    expect((await repo.get(d.key))!).toMatchObject({ state: 'sent', attempts: 1 });
  });

  test('when the mail server cannot be reached, then the delivery waits for a retry instead of being lost', async () => {
    const closed = await startSmtpSink();
    await closed.close(); // its port now refuses connections
    const d = agendaFor(4000);
    await enqueue([d]);
    expect(await dispatcher('unreachable', closed.url).dispatch()).toMatchObject({ retrying: 1 });
    expect((await t.services.reminders.deliveries.getOpen(d.key))!).toMatchObject({ state: 'pending', attempts: 1 });
    t.clock.set(new Date(NOW.getTime() + 60_000));
    expect(await dispatcher('reachable').dispatch()).toMatchObject({ sent: 1 });
  });

  test('when a planner died between registering a key and inserting its delivery, then a later pass recovers it, and only then', async () => {
    const d = agendaFor(6000, new Date(NOW.getTime() + 10 * 86_400_000)); // not due during these tests
    const keys = t.services.conn.collection('deliveryKeys');
    await keys.insertOne({ _id: d.key as never, createdAt: new Date(NOW.getTime() - 30_000) });
    const repo = t.services.reminders.deliveries;
    const row = [{ planned: d, state: 'pending' as const, reason: null }];
    expect(await repo.insertNew(row, NOW)).toEqual({ inserted: 0, existing: 1 }); // registered 30 s ago: its planner may still be at work
    const other = deliveryRepository(t.services.conn); // as in a fresh process: nothing cached
    expect(await other.insertNew(row, new Date(NOW.getTime() + 5 * 60_000))).toEqual({ inserted: 1, existing: 0 });
    expect((await repo.getOpen(d.key))!.state).toBe('pending');
    expect(await other.insertNew(row, new Date(NOW.getTime() + 5 * 60_000))).toEqual({ inserted: 0, existing: 1 });
  });

  test('when a delivery is past its expiry when its turn comes, then it is expired, not sent', async () => {
    const d = agendaFor(5000, new Date(NOW.getTime() - 40 * 86_400_000)); // due long ago, expired 10 days ago
    await enqueue([d]);
    expect(await dispatcher('late').dispatch()).toMatchObject({ expired: 1, sent: 0 });
    expect(sink.attempts).toBe(0);
    expect((await t.services.reminders.deliveries.get(d.key))!.state).toBe('expired');
  });
});
