/**
 * Builds the real app against this test file's own database on the real local server:
 * `const t = await startTestApp({ seed: true })`, then `request(t.app)` with `t.officeKey`.
 */
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { loadSeed } from '../../src/seed/load';
import { createServices, type Services } from '../../src/services';
import { fixedClock } from '../../src/shared/clock';
import { connectDatabase, ensureIndexes } from '../../src/shared/db';
import { silentLogger } from '../../src/shared/logger';
import { dropTestDatabase, testDatabaseUri } from './db';

export interface TestApp {
  app: Express;
  services: Services;
  clock: ReturnType<typeof fixedClock>;
  uri: string;
  /** Bearer header value of an office key. */
  officeKey: string;
  /** Creates a key for an agency (role agency) or a reader. */
  keyFor(role: 'agency' | 'reader' | 'office', agencyCode?: string): Promise<string>;
  close(): Promise<void>;
}

export const PUBLIC_BASE_URL = 'https://lich.example.gov.vn';

export async function startTestApp(options: { seed?: boolean; now?: string; name?: string } = {}): Promise<TestApp> {
  const uri = testDatabaseUri(options.name);
  const conn = await connectDatabase(uri);
  const clock = fixedClock(options.now ?? '2023-05-01T01:00:00Z');
  const services = createServices(
    conn,
    { defaultTimeZone: 'Asia/Ho_Chi_Minh', publicBaseUrl: PUBLIC_BASE_URL },
    clock,
    silentLogger,
  );
  await ensureIndexes(conn);
  if (options.seed) await loadSeed(services);
  const app = createApp(services);
  const keyFor = async (role: 'agency' | 'reader' | 'office', agencyCode?: string) =>
    `Bearer ${(await services.apiKeys.create({ name: `test ${role} ${agencyCode ?? ''}`.trim(), role, agencyCode: agencyCode ?? null })).secret}`;
  const officeKey = await keyFor('office');
  return {
    app,
    services,
    clock,
    uri,
    officeKey,
    keyFor,
    async close() {
      await dropTestDatabase(uri).catch(() => undefined);
      await conn.close();
    },
  };
}
