import { resolve } from 'node:path';
import { createServer, type Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { loadHolidayDecisions, loadSeed } from './seed/load';
import { loadProgrammeSeeds } from './publishing/seed';
import { feedSettingsFromConfig } from './feeds';
import { keyThrottleFromConfig } from './access/throttle';
import { createServices, type Services } from './services';
import { startReminderJob } from './reminders';
import { systemClock } from './shared/clock';
import { connectDatabase, ensureIndexes } from './shared/db';
import { startLocalDatabase, type LocalDatabase } from './shared/local-db';
import { createLogger, type Logger } from './shared/logger';
import { completePendingIntents, INTENT_PASS_INTERVAL_MS } from './shared/intents';

export const DATABASE_NAME = 'lichhop';

export interface Context {
  config: Config;
  logger: Logger;
  services: Services;
  close(): Promise<void>;
}

/** Config → database (local one when MONGODB_URI is unset) → services; optionally the seed. */
export async function bootstrap(options: { seed: boolean; onDatabaseLost?: (err: Error) => void }): Promise<Context> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  let local: LocalDatabase | null = null;
  let uri = config.MONGODB_URI;
  if (!uri) {
    local = await startLocalDatabase({
      dataDir: resolve(config.DATA_DIR, 'db'),
      log: (msg) => logger.info(msg),
      warn: (msg) => logger.warn(msg),
      onGiveUp: (err) => {
        logger.error(err.message);
        if (options.onDatabaseLost) options.onDatabaseLost(err);
        else process.exit(1);
      },
    });
    uri = `${local.uri}/${DATABASE_NAME}`;
    logger.info(`local database (${local.kind}) listening at ${local.uri}, data in ${resolve(config.DATA_DIR, 'db')}`);
  }
  const conn = await connectDatabase(uri);
  const services = createServices(conn, { defaultTimeZone: config.DEFAULT_TIME_ZONE, publicBaseUrl: config.PUBLIC_BASE_URL, webSessionHours: config.WEB_SESSION_HOURS, feeds: feedSettingsFromConfig(config), keyThrottle: keyThrottleFromConfig(config) }, systemClock, logger);
  await ensureIndexes(conn);
  if (options.seed && config.SEED_ON_EMPTY && (await services.orgRepos.bodies.count()) === 0) {
    const report = await loadSeed(services);
    logger.info('empty database: seed loaded', { created: report.created, warnings: report.warnings.length });
    logger.info('programme part A seeded', { months: await loadProgrammeSeeds(services) });
  }
  if (options.seed) {
    // The Government's holiday decisions are reference data: an existing database gets new ones too (idempotent).
    const added = await loadHolidayDecisions(services);
    if (added) logger.info('holiday decisions added', { added });
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

/** Finishes changes that a crash (of any instance) left half-done; see src/shared/intents.ts. */
async function completionPass(ctx: Context, minAgeMs: number): Promise<void> {
  const report = await completePendingIntents(ctx.services.intents, ctx.services.intentHandlers, { minAgeMs, logger: ctx.logger });
  if (report.completed || report.failed || report.unknown) ctx.logger.info('completion pass', { ...report });
}

/** Binds the HTTP server; a taken or forbidden port is an error naming PORT, not a silent non-listener. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'is already in use' : err.code === 'EACCES' ? 'needs privileges this process does not have' : `cannot be used (${err.code ?? err.message})`;
      reject(new Error(`PORT=${port} on HOST=${host} ${why}: set PORT to a free port.`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      resolve();
    });
  });
}

async function main(): Promise<void> {
  let fatal: (reason: string, err: unknown) => void = (_reason, err) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    process.exit(1);
  };
  const ctx = await bootstrap({ seed: true, onDatabaseLost: (err) => fatal('local database lost', err) });
  const { config, logger } = ctx;
  const app = createApp(ctx.services, { trustProxy: config.TRUST_PROXY });
  const server = createServer(app);

  let stopping = false;
  let passTimer: NodeJS.Timeout | undefined;
  let reminders: ReturnType<typeof startReminderJob> | undefined;
  const shutdown = async (signal: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(code || 1), 15_000);
    force.unref();
    clearInterval(passTimer);
    try {
      if (server.listening) await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections?.();
      await reminders?.stop();
      await ctx.close();
    } catch (err) {
      logger.error('error while shutting down', { error: String((err as Error)?.stack ?? err) });
      code ||= 1;
    }
    logger.info('stopped');
    process.exit(code);
  };
  fatal = (reason, err) => {
    logger.error(reason, { error: String((err as Error)?.stack ?? err) });
    void shutdown(reason, 1);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('unhandledRejection', (reason) => fatal('unhandled promise rejection', reason));
  process.on('uncaughtException', (err) => fatal('uncaught exception', err));

  // Changes a crash left half-done are finished before the first request is served.
  await completionPass(ctx, 0);
  try {
    await listen(server, config.PORT, config.HOST);
  } catch (err) {
    logger.error((err as Error).message);
    await shutdown('listen failed', 1);
    return;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info(`HTTP server listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port} (public URL ${config.PUBLIC_BASE_URL})`);
  reminders = startReminderJob(ctx.services.reminders, config, logger); // issue 4: every minute, after the server is up
  let passing = false;
  passTimer = setInterval(() => {
    if (passing) return;
    passing = true;
    completionPass(ctx, INTENT_PASS_INTERVAL_MS)
      .catch((err) => logger.warn('completion pass failed; it runs again shortly', { error: String(err) }))
      .finally(() => (passing = false));
  }, INTENT_PASS_INTERVAL_MS);
  passTimer.unref();
}

if (require.main === module) {
  main().catch((err) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`Start-up failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
