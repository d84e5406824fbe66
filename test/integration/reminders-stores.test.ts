/**
 * Errors swallowed only when they are exactly the expected ones, against the real local database:
 * recording the states change notices are based on tolerates duplicate keys (another planner
 * recorded the same first sighting) and nothing else. A bulk insert's error carries the code of
 * its first write error, so a batch with a duplicate first and another failure after it looks
 * like a duplicate-key error (E11000) at first sight: it must still fail.
 */
import { connectDatabase, isDuplicateKey, onlyDuplicateKeys } from '../../src/shared/db';
import { reminderStores, type ReminderStores } from '../../src/reminders/stores';
import type { NotifiedState } from '../../src/reminders/types';
import { dropTestDatabase, testDatabaseUri } from '../support/db';
import type { Connection } from 'mongoose';

const T = new Date('2023-05-01T00:00:00Z');
const state = (occurrenceId: string, sequence = 1): NotifiedState => ({
  occurrenceId,
  sequence,
  cancelled: false,
  startUtc: new Date('2023-05-23T01:00:00Z'),
  endUtc: new Date('2023-05-23T05:00:00Z'),
  location: 'Hội trường UBND huyện',
  localStart: '2023-05-23T08:00',
  updatedAt: T,
});
/** A state the server refuses: an array cannot be an `_id` (write error 53 on MongoDB and FerretDB alike). */
const refused = (): NotifiedState => ({ ...state('x'), occurrenceId: ['not', 'an', 'id'] as unknown as string });

let conn: Connection;
let uri: string;
let stores: ReminderStores;
beforeAll(async () => {
  uri = testDatabaseUri();
  conn = await connectDatabase(uri);
  stores = reminderStores(conn);
});
afterAll(async () => {
  await dropTestDatabase(uri).catch(() => undefined);
  await conn.close();
});

/** The error the database gives for an unordered insert (none: null). */
async function bulkError(docs: Record<string, unknown>[]): Promise<unknown> {
  try {
    await conn.db!.collection('probe').insertMany(docs, { ordered: false });
    return null;
  } catch (err) {
    return err;
  }
}

describe('errors the reminders stores tolerate', () => {
  test('when the same first sightings are recorded twice (two planners), then the second run succeeds', async () => {
    await stores.notified.record([state('a'), state('b')], new Set());
    await expect(stores.notified.record([state('a'), state('b'), state('c')], new Set())).resolves.toBeUndefined();
    expect([...(await stores.notified.getMany(['a', 'b', 'c'])).keys()].sort()).toEqual(['a', 'b', 'c']);
  });

  test('when a batch has a duplicate first and a refused document after it, then recording fails', async () => {
    await stores.notified.record([state('d')], new Set());
    const err = await stores.notified.record([state('d'), refused(), state('e')], new Set()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    // What made the old check swallow it: the error's own code is the first write error's, E11000.
    expect(isDuplicateKey(err)).toBe(true);
    expect((err as { writeErrors: { code: number }[] }).writeErrors.map((w) => w.code)).toEqual([11000, 53]);
    expect(onlyDuplicateKeys(err)).toBe(false);
    // The unordered insert still stored the valid one.
    expect((await stores.notified.getMany(['e'])).has('e')).toBe(true);
  });

  test('when a batch has only a refused document, then recording fails', async () => {
    await expect(stores.notified.record([refused()], new Set())).rejects.toMatchObject({
      writeErrors: [expect.objectContaining({ code: 53 })],
    });
  });

  test('when an address opts out twice, then the second time is a no-op', async () => {
    await stores.optOuts.add('tckh@lucngan.example', 'digest', 'link', T);
    await expect(stores.optOuts.add('tckh@lucngan.example', 'digest', 'link', T)).resolves.toMatchObject({
      kind: 'digest',
    });
    expect((await stores.optOuts.all()).filter((o) => o.email === 'tckh@lucngan.example')).toHaveLength(1);
  });

  test('when an unordered insert fails, then only all-duplicate errors count as duplicates', async () => {
    expect(await bulkError([{ _id: 'p' }])).toBeNull();
    const duplicates = await bulkError([{ _id: 'p' }, { _id: 'q' }, { _id: 'q' }]);
    expect(onlyDuplicateKeys(duplicates)).toBe(true);
    const mixed = await bulkError([{ _id: 'p' }, { _id: 'r', $bad: 1 }]);
    expect([isDuplicateKey(mixed), onlyDuplicateKeys(mixed)]).toEqual([true, false]);
    const single = await conn
      .db!.collection('probe')
      .insertOne({ _id: 'p' } as never)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect([isDuplicateKey(single), onlyDuplicateKeys(single)]).toEqual([true, true]);
    expect(onlyDuplicateKeys(new Error('E11000 in the message only'))).toBe(false);
    expect(onlyDuplicateKeys(null)).toBe(false);
  });
});
