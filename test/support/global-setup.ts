/**
 * Jest global setup for the `integration` project.
 *
 * With MONGODB_URI set, tests use that server. Otherwise a local MongoDB-compatible server
 * (see src/shared/local-db.ts) is started in a throwaway directory for the whole run.
 * Either way the base URI is exported as TEST_MONGODB_BASE_URI; test/support/db.ts gives
 * every test file its own database on it.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalDatabase, type LocalDatabase } from '../../src/shared/local-db';

export interface TestDatabaseState {
  db: LocalDatabase;
  dir: string;
}

/** Shared with global-teardown.ts (jest runs both in the same context). */
export const STATE_KEY = '__lichHopTestDatabase__';

export default async function globalSetup(): Promise<void> {
  const external = process.env.MONGODB_URI?.trim();
  if (external) {
    process.env.TEST_MONGODB_BASE_URI = external;
    return;
  }

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lich-hop-testdb-'));
  let db: LocalDatabase;
  try {
    db = await startLocalDatabase({
      dataDir: dir,
      log: (msg) => process.stderr.write(`\n[test db] ${msg}\n`),
    });
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
  process.env.TEST_MONGODB_BASE_URI = db.uri;
  (globalThis as Record<string, unknown>)[STATE_KEY] = { db, dir } satisfies TestDatabaseState;
}
