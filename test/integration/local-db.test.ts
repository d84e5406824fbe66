/**
 * The database used by integration tests (a local FerretDB/mongod, or MONGODB_URI) supports
 * what the application relies on: CRUD, unique indexes, and findOneAndUpdate.
 */
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
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
  expect((await Room.find({ code: { $in: ['P501', 'P502'] } }).sort({ code: 1 }).lean()).map((r) => r.name)).toEqual([
    'Phòng 501',
    'Phòng 502',
  ]);
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

  const before = await Room.findOneAndUpdate({ code: 'P301' }, { $inc: { capacity: 1 } }, { returnDocument: 'before' }).lean();
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
