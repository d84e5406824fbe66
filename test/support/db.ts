/**
 * Per-test-file databases on the server chosen by test/support/global-setup.ts, so that
 * test files can run in parallel without seeing each other's data.
 */
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { mongo } from 'mongoose';

const uris = new Map<string, string>();

function baseUri(): string {
  const uri = process.env.TEST_MONGODB_BASE_URI ?? process.env.MONGODB_URI;
  if (!uri) {
    throw new Error(
      'TEST_MONGODB_BASE_URI is not set: run integration tests with `npm run test:integration` ' +
        '(jest --selectProjects integration), whose global setup provides a database',
    );
  }
  return uri;
}

/** The running test file's path, when called inside jest. */
function currentTestPath(): string | undefined {
  const expectGlobal = (globalThis as { expect?: { getState?: () => { testPath?: string } } }).expect;
  return expectGlobal?.getState?.().testPath ?? undefined;
}

/** Database names valid on MongoDB and FerretDB v1 (which allows only [A-Za-z0-9_-], at most 63). */
function slug(s: string): string {
  return (
    s
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'test'
  );
}

/**
 * Replaces the database in a MongoDB connection string. When the original URI carries
 * credentials and a database but no authSource, that database stays the authSource.
 */
export function withDatabase(uri: string, dbName: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/)([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/.exec(uri.trim());
  if (!m) throw new Error(`not a MongoDB connection string: ${uri.replace(/\/\/[^@/]*@/, '//***@')}`);
  const [, scheme = '', authority = '', pathPart = '', query = ''] = m;
  const originalDb = decodeURIComponent(pathPart.replace(/^\//, ''));
  let q = query.replace(/^\?/, '');
  if (authority.includes('@') && originalDb && !/(^|&)authSource=/i.test(q)) {
    q = `${q ? `${q}&` : ''}authSource=${encodeURIComponent(originalDb)}`;
  }
  return `${scheme}${authority}/${dbName}${q ? `?${q}` : ''}`;
}

/**
 * A connection string for a database of this test file's own (the same for repeated calls
 * with the same `name` in one file). `name` defaults to the test file's name.
 */
export function testDatabaseUri(name?: string): string {
  const key = name ?? '';
  let uri = uris.get(key);
  if (!uri) {
    const base = name ?? path.basename(currentTestPath() ?? 'test').replace(/\.(test|spec)\.[cm]?[jt]sx?$/, '');
    const unique = `${process.pid.toString(36)}${randomBytes(3).toString('hex')}`;
    uri = withDatabase(baseUri(), `t_${slug(base)}_${unique}`);
    uris.set(key, uri);
  }
  return uri;
}

/** Drops the database named in `uri` (for afterAll). */
export async function dropTestDatabase(uri: string): Promise<void> {
  const client = new mongo.MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    await client.db().dropDatabase();
  } finally {
    await client.close();
  }
}
