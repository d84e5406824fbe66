import { resolve } from 'node:path';
import type { Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { loadSeed } from './seed/load';
import { loadProgrammeSeeds } from './publishing/seed';
import { feedSettingsFromConfig } from './feeds';
import { createServices, type Services } from './services';
import { startReminderJob } from './reminders';
import { systemClock } from './shared/clock';
import { connectDatabase, ensureIndexes } from './shared/db';
import { startLocalDatabase, type LocalDatabase } from './shared/local-db';
import { createLogger, type Logger } from './shared/logger';

export const DATABASE_NAME = 'lichhop';

export interface Context {
  config: Config;
  logger: Logger;
  services: Services;
  close(): Promise<void>;
}

/** Config → database (local one when MONGODB_URI is unset) → services; optionally the seed. */
export async function bootstrap(options: { seed: boolean }): Promise<Context> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  let local: LocalDatabase | null = null;
  let uri = config.MONGODB_URI;
  if (!uri) {
    local = await startLocalDatabase({ dataDir: resolve(config.DATA_DIR, 'db'), log: (msg) => logger.info(msg) });
    uri = `${local.uri}/${DATABASE_NAME}`;
    logger.info(`local database (${local.kind}) listening at ${local.uri}, data in ${resolve(config.DATA_DIR, 'db')}`);
  }
  const conn = await connectDatabase(uri);
  const services = createServices(conn, { defaultTimeZone: config.DEFAULT_TIME_ZONE, publicBaseUrl: config.PUBLIC_BASE_URL, webSessionHours: config.WEB_SESSION_HOURS, feeds: feedSettingsFromConfig(config) }, systemClock, logger);
  await ensureIndexes(conn);
  if (options.seed && config.SEED_ON_EMPTY && (await services.orgRepos.bodies.count()) === 0) {
    const report = await loadSeed(services);
    logger.info('empty database: seed loaded', { created: report.created, warnings: report.warnings.length });
    logger.info('programme part A seeded', { months: await loadProgrammeSeeds(services) });
  }
  return {
    config,
    logger,
    services,
    async close() {
      await services.feeds.flushFetchStats().catch(() => undefined); // feed tokens' last-fetch figures (issue 3)
      await conn.close();
      await local?.stop();
    },
  };
}

async function main(): Promise<void> {
  const ctx = await bootstrap({ seed: true });
  const { config, logger } = ctx;
  const app = createApp(ctx.services, { trustProxy: config.TRUST_PROXY });
  const server: Server = await new Promise((ok) => {
    const s = app.listen(config.PORT, config.HOST, () => ok(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info(`HTTP server listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port} (public URL ${config.PUBLIC_BASE_URL})`);
  const reminders = startReminderJob(ctx.services.reminders, config, logger); // issue 4: every minute, after the server is up

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await new Promise<void>((ok) => server.close(() => ok()));
    server.closeAllConnections?.();
    await reminders?.stop();
    await ctx.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((err) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`Start-up failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
