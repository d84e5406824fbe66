/** Jest global teardown for the `integration` project: stops the local server from global-setup.ts. */
import * as fs from 'node:fs/promises';
import { STATE_KEY, type TestDatabaseState } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const globals = globalThis as Record<string, unknown>;
  const state = globals[STATE_KEY] as TestDatabaseState | undefined;
  if (!state) return;
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- removes the one global set by global-setup.ts (a constant key)
  delete globals[STATE_KEY];
  try {
    await state.db.stop();
  } finally {
    await fs.rm(state.dir, { recursive: true, force: true });
  }
}
