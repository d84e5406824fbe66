/**
 * The database used by integration tests (a local FerretDB/mongod, or MONGODB_URI) supports
 * what the application relies on: CRUD, unique indexes, findOneAndUpdate, and writes that are
 * atomic per document under concurrency (as MongoDB guarantees; FerretDB v1 alone is not, so
 * tools/localdb serialises writes in front of it).
 */
import mongoose, { mongo, Schema, type Connection, type Model } from 'mongoose';
import { dropTestDatabase, testDatabaseUri } from '../support/db';

interface Room {
  code: string;
  name: string;
  capacity: number;
  tags: string[];
  updatedAt?: Date;
}

const uri = testDatabaseUri();
let conn: Connection;
let Room: Model<Room>;

const roomSchema = new Schema<Room>(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    capacity: { type: Number, required: true },
    tags: { type: [String], default: [] },
    updatedAt: Date,
  },
  { autoIndex: false },
);
roomSchema.index({ code: 1 }, { unique: true });

beforeAll(async () => {
  conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  Room = conn.model<Room>('Room', roomSchema);
});

afterAll(async () => {
  await conn?.close();
  await dropTestDatabase(uri);
});

test('each test file gets its own database', () => {
  expect(conn.db?.databaseName).toMatch(/^t_local-db_[a-z0-9]+$/);
  expect(testDatabaseUri()).toBe(uri);
});

test('inserts and reads back documents', async () => {
  const created = await Room.create({ code: 'P101', name: 'Phòng họp số 1', capacity: 20, tags: ['tầng 1'] });

  const found = await Room.findById(created._id).lean();
  expect(found).toMatchObject({ code: 'P101', name: 'Phòng họp số 1', capacity: 20, tags: ['tầng 1'] });

  const byFilter = await Room.find({ capacity: { $gte: 10 }, code: { $in: ['P101', 'P999'] } }).lean();
  expect(byFilter.map((r) => r.code)).toEqual(['P101']);
});

test('a unique index rejects duplicates with code 11000', async () => {
  await Room.createIndexes();

  const indexes = await Room.collection.indexes();
  expect(indexes).toEqual(expect.arrayContaining([expect.objectContaining({ key: { code: 1 }, unique: true })]));

  await Room.create({ code: 'P201', name: 'Hội trường', capacity: 200 });
  await expect(Room.create({ code: 'P201', name: 'Trùng mã', capacity: 5 })).rejects.toMatchObject({ code: 11000 });
  expect(await Room.countDocuments({ code: 'P201' })).toBe(1);
});

test('an update that would create a duplicate is rejected and changes nothing', async () => {
  await Room.createIndexes();
  await Room.create([
    { code: 'P501', name: 'Phòng 501', capacity: 5 },
    { code: 'P502', name: 'Phòng 502', capacity: 6 },
  ]);

  // MongoDB answers 11000; FerretDB v1 (SQLite) answers InternalError (code 1) for updates,
  // although it does give 11000 for inserts and upserts. Application code must not rely on
  // 11000 from an update.
  const err: unknown = await Room.updateOne({ code: 'P502' }, { $set: { code: 'P501' } }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  expect([11000, 1]).toContain((err as { code?: number }).code);
  expect(
    (
      await Room.find({ code: { $in: ['P501', 'P502'] } })
        .sort({ code: 1 })
        .lean()
    ).map((r) => r.name),
  ).toEqual(['Phòng 501', 'Phòng 502']);
});

test('findOneAndUpdate (without projection) returns the updated or original document', async () => {
  await Room.create({ code: 'P301', name: 'Phòng 301', capacity: 10 });
  const when = new Date('2026-01-02T03:04:05.678Z');

  const updated = await Room.findOneAndUpdate(
    { code: 'P301' },
    { $set: { name: 'Phòng 301 (mới)', updatedAt: when }, $inc: { capacity: 5 }, $push: { tags: 'có máy chiếu' } },
    { returnDocument: 'after' },
  ).lean();
  expect(updated).toMatchObject({ code: 'P301', name: 'Phòng 301 (mới)', capacity: 15, tags: ['có máy chiếu'] });
  expect(updated?.updatedAt?.toISOString()).toBe(when.toISOString());

  const before = await Room.findOneAndUpdate(
    { code: 'P301' },
    { $inc: { capacity: 1 } },
    { returnDocument: 'before' },
  ).lean();
  expect(before?.capacity).toBe(15);
  expect((await Room.findOne({ code: 'P301' }).lean())?.capacity).toBe(16);

  const upserted = await Room.findOneAndUpdate(
    { code: 'P401' },
    { $setOnInsert: { name: 'Phòng 401', capacity: 8 } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  expect(upserted).toMatchObject({ code: 'P401', name: 'Phòng 401', capacity: 8 });

  const missing = await Room.findOneAndUpdate({ code: 'nope' }, { $set: { capacity: 1 } }, { returnDocument: 'after' });
  expect(missing).toBeNull();
});

/**
 * Many writers on one document at the same time, each on its own connection. MongoDB applies
 * every update to a document atomically; FerretDB v1 by itself reads, modifies in memory and
 * replaces, so concurrent writers overwrite each other (measured before tools/localdb's write
 * gate: 50 `$inc` ended at 2-5, 50 conditional updates from one revision all "won").
 */
describe('writes are atomic per document under concurrency', () => {
  const N = 50;
  let client: mongo.MongoClient;
  let db: mongo.Db;

  interface Doc {
    _id: string;
    rev?: number;
    n?: number;
    count?: number;
    items?: number[];
    tags?: string[];
  }

  const coll = (name: string) => db.collection<Doc>(name);
  const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);
  const tally = (values: unknown[]) => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    return counts;
  };

  beforeAll(async () => {
    client = new mongo.MongoClient(uri, { maxPoolSize: N, minPoolSize: N, serverSelectionTimeoutMS: 10_000 });
    let ready = 0;
    client.on('connectionReady', () => (ready += 1));
    await client.connect();
    db = client.db();
    // Open the whole pool first, so that the N operations below really run side by side
    // instead of queueing for connections being established.
    const deadline = Date.now() + 20_000;
    while (ready < N && Date.now() < deadline) {
      await Promise.all(range(N).map(() => db.command({ ping: 1 })));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    await client?.close();
  });

  test(`${N} conditional updates from the same revision: exactly one wins, round after round`, async () => {
    const c = coll('cas_rounds');
    await c.insertOne({ _id: 'doc', rev: 0 });
    const winnersPerRound: number[] = [];
    const rounds = 5;
    for (let rev = 0; rev < rounds; rev++) {
      const results = await Promise.all(
        range(N).map(() => c.updateOne({ _id: 'doc', rev }, { $set: { rev: rev + 1 } })),
      );
      winnersPerRound.push(results.filter((r) => r.modifiedCount === 1).length);
    }
    const final = await c.findOne({ _id: 'doc' });
    expect({ winnersPerRound, finalRev: final?.rev }).toEqual({
      winnersPerRound: range(rounds).map(() => 1),
      finalRev: rounds,
    });
  });

  test('racing optimistic writers: every revision has exactly one winner', async () => {
    const c = coll('cas_race');
    const target = 50;
    const writers = 10;
    await c.insertOne({ _id: 'doc', rev: 0 });
    const wonRevisions: number[] = [];
    await Promise.all(
      range(writers).map(async () => {
        for (;;) {
          const current = (await c.findOne({ _id: 'doc' }))?.rev ?? 0;
          if (current >= target) return;
          const r = await c.updateOne({ _id: 'doc', rev: current }, { $set: { rev: current + 1 } });
          if (r.modifiedCount === 1) wonRevisions.push(current + 1);
        }
      }),
    );
    const final = await c.findOne({ _id: 'doc' });
    const duplicated = [...tally(wonRevisions)].filter(([, n]) => n > 1).length;
    expect({ wins: wonRevisions.length, revisionsWonTwiceOrMore: duplicated, finalRev: final?.rev }).toEqual({
      wins: target,
      revisionsWonTwiceOrMore: 0,
      finalRev: target,
    });
    expect([...wonRevisions].sort((a, b) => a - b)).toEqual(range(target, 1));
  });

  test(`${N} concurrent $inc add up`, async () => {
    const c = coll('inc');
    await c.insertOne({ _id: 'doc', n: 0 });
    const results = await Promise.all(range(N).map(() => c.updateOne({ _id: 'doc' }, { $inc: { n: 1 } })));
    expect({
      modified: results.filter((r) => r.modifiedCount === 1).length,
      n: (await c.findOne({ _id: 'doc' }))?.n,
    }).toEqual({ modified: N, n: N });
  });

  test(`${N} concurrent $push keep every element`, async () => {
    const c = coll('push');
    await c.insertOne({ _id: 'doc', items: [] });
    await Promise.all(range(N).map((i) => c.updateOne({ _id: 'doc' }, { $push: { items: i } })));
    const items = (await c.findOne({ _id: 'doc' }))?.items ?? [];
    expect(items.length).toBe(N);
    expect([...items].sort((a, b) => a - b)).toEqual(range(N));
  });

  test(`${N} concurrent $addToSet of distinct values keep every value, of one value keep one`, async () => {
    const c = coll('add_to_set');
    await c.insertMany([
      { _id: 'distinct', tags: [] },
      { _id: 'same', tags: [] },
    ]);
    await Promise.all([
      ...range(N).map((i) => c.updateOne({ _id: 'distinct' }, { $addToSet: { tags: `t${i}` } })),
      ...range(N).map(() => c.updateOne({ _id: 'same' }, { $addToSet: { tags: 'only' } })),
    ]);
    const distinct = (await c.findOne({ _id: 'distinct' }))?.tags ?? [];
    const same = (await c.findOne({ _id: 'same' }))?.tags ?? [];
    expect({ distinct: distinct.length, same }).toEqual({ distinct: N, same: ['only'] });
    expect(new Set(distinct)).toEqual(new Set(range(N).map((i) => `t${i}`)));
  });

  test(`${N} concurrent findOneAndUpdate $inc each see a different value`, async () => {
    const c = coll('find_and_modify');
    await c.insertOne({ _id: 'doc', n: 0 });
    const docs = await Promise.all(
      range(N).map(() => c.findOneAndUpdate({ _id: 'doc' }, { $inc: { n: 1 } }, { returnDocument: 'after' })),
    );
    const seen = docs.map((d) => d?.n ?? -1).sort((a, b) => a - b);
    expect({ distinctValues: tally(seen).size, final: (await c.findOne({ _id: 'doc' }))?.n }).toEqual({
      distinctValues: N,
      final: N,
    });
    expect(seen).toEqual(range(N, 1));
  });

  test(`${N} concurrent deleteOne of one document: exactly one deletes it`, async () => {
    const c = coll('delete');
    await c.insertOne({ _id: 'doc', n: 0 });
    const results = await Promise.all(range(N).map(() => c.deleteOne({ _id: 'doc' })));
    expect(results.filter((r) => r.deletedCount === 1).length).toBe(1);
    expect(await c.countDocuments({})).toBe(0);
  });

  test('20 concurrent upserts of one new _id make one document that counts all of them', async () => {
    const c = coll('upsert');
    const M = 20;
    const outcomes = await Promise.allSettled(
      range(M).map(() => c.updateOne({ _id: 'new' }, { $inc: { count: 1 } }, { upsert: true })),
    );
    const failed = outcomes.filter((o) => o.status === 'rejected').map((o) => String(o.reason));
    const upserted = outcomes.filter((o) => o.status === 'fulfilled' && o.value.upsertedCount === 1).length;
    expect({
      failed,
      upserted,
      docs: await c.countDocuments({}),
      count: (await c.findOne({ _id: 'new' }))?.count,
    }).toEqual({
      failed: [],
      upserted: 1,
      docs: 1,
      count: M,
    });

    // The same with findOneAndUpdate: each caller sees its own count.
    const docs = await Promise.all(
      range(M).map(() =>
        c.findOneAndUpdate({ _id: 'new2' }, { $inc: { count: 1 } }, { upsert: true, returnDocument: 'after' }),
      ),
    );
    expect(docs.map((d) => d?.count ?? -1).sort((a, b) => a - b)).toEqual(range(M, 1));
    expect(await c.countDocuments({ _id: 'new2' })).toBe(1);
  });

  test('an unacknowledged write (w: 0) is applied and leaves its connection usable', async () => {
    const single = new mongo.MongoClient(uri, { maxPoolSize: 1, serverSelectionTimeoutMS: 10_000 });
    try {
      const c = single.db(db.databaseName).collection<Doc>('unacknowledged');
      await c.insertOne({ _id: 'a', n: 1 }, { writeConcern: { w: 0 } });
      // The next command on the same (only) connection must get its own answer.
      const deadline = Date.now() + 10_000;
      let found = await c.findOne({ _id: 'a' });
      while (!found && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        found = await c.findOne({ _id: 'a' });
      }
      expect(found).toEqual({ _id: 'a', n: 1 });
      expect(await single.db(db.databaseName).command({ ping: 1 })).toMatchObject({ ok: 1 });
    } finally {
      await single.close();
    }
  });
});
