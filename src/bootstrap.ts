import { resolve } from 'node:path';
import { ConfigError, loadConfig, loadEnvFile, productionWarnings, type Config } from './config';
import { loadHolidayDecisions, loadSeed } from './seed/load';
import { loadProgrammeSeeds } from './publishing/seed';
import { feedSettingsFromConfig } from './feeds';
import { keyThrottleFromConfig } from './access/throttle';
import { createServices, type Services } from './services';
import { systemClock } from './shared/clock';
import { connectDatabase, ensureIndexes } from './shared/db';
import { startLocalDatabase, type LocalDatabase } from './shared/local-db';
import { createLogger, type Logger } from './shared/logger';

/** The database the service uses on a server whose connection string names none (mongoose would pick `test`). */
export const DATABASE_NAME = 'lichhop';

export interface Context {
  config: Config;
  logger: Logger;
  services: Services;
  /** Closes the database connection and the local database; rejects with the first failure (after trying all). */
  close(): Promise<void>;
}

/**
 * A connection string with a database: `mongodb://host:27017` and `mongodb://host:27017/?replicaSet=rs0`
 * get `/lichhop` (with credentials, also `authSource=admin`, where the driver checked them before);
 * one that names a database is kept as it is.
 */
export function withDefaultDatabase(uri: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/.exec(uri.trim());
  if (!m) return uri;
  const [, authority = '', path = '', query = ''] = m;
  if (path.length > 1) return uri.trim();
  // Without a database in the path the driver checks credentials against `admin`; naming one would move that
  // check to it, so a user of `admin` (the usual root user) keeps `authSource=admin`.
  const keepAuthSource = authority.includes('@') && !/[?&]authSource=/i.test(query);
  const q = keepAuthSource ? (query.length > 1 ? `${query}&authSource=admin` : '?authSource=admin') : query;
  return `${authority}/${DATABASE_NAME}${q}`;
}

/** A connection string fit for a log line: the password, if any, replaced by `***`. */
export function redactUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:/?#@]*):[^@/?#]*@/, '$1:***@');
}

/**
 * Start-up shared by the server and the CLIs: `.env` → settings → database (a local one when
 * MONGODB_URI is unset) → services and indexes; optionally the seed of an empty database and the
 * Government's holiday decisions.
 */
export async function bootstrap(options: { seed: boolean; onDatabaseLost?: (err: Error) => void }): Promise<Context> {
  const envFile = loadEnvFile();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError && envFile.path)
      throw new ConfigError([...err.problems, `(settings read from ${envFile.path} and the environment)`]);
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (envFile.path) {
    logger.info(`settings read from ${envFile.path} and the environment (the environment wins)`, {
      fromFile: envFile.applied,
      ...(envFile.overridden.length ? { environmentWins: envFile.overridden } : {}),
    });
  } else logger.info('settings read from the environment (no .env file in the working directory)');
  logger.info(`mode ${config.NODE_ENV}`);
  for (const warning of productionWarnings(config)) logger.warn(warning);

  let local: LocalDatabase | null = null;
  let uri: string;
  if (config.MONGODB_URI) {
    uri = withDefaultDatabase(config.MONGODB_URI);
    logger.info(`database MONGODB_URI=${redactUri(uri)}`);
  } else {
    const dataDir = resolve(config.DATA_DIR, 'db');
    local = await startLocalDatabase({
      dataDir,
      log: (msg) => logger.info(msg),
      warn: (msg) => logger.warn(msg),
      onGiveUp: (err) => {
        logger.error(err.message);
        if (options.onDatabaseLost) options.onDatabaseLost(err);
        else process.exit(1);
      },
    });
    uri = `${local.uri}/${DATABASE_NAME}`;
    logger.info(
      `local database (${local.kind}) listening at ${uri}, data in ${dataDir}; while this process runs, ` +
        `another instance or a CLI uses it with MONGODB_URI=${uri}`,
    );
  }
  let conn;
  try {
    conn = await connectDatabase(uri);
  } catch (err) {
    await local?.stop().catch(() => undefined);
    throw err;
  }
  const services = createServices(
    conn,
    {
      defaultTimeZone: config.DEFAULT_TIME_ZONE,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      webSessionHours: config.WEB_SESSION_HOURS,
      feeds: feedSettingsFromConfig(config),
      keyThrottle: keyThrottleFromConfig(config),
      readModel: { pollMs: config.READ_MODEL_POLL_MS }, // in-memory schedule (issue 10)
    },
    systemClock,
    logger,
  );
  await ensureIndexes(conn);
  if (options.seed && (await services.orgRepos.bodies.count()) === 0) {
    if (config.SEED_ON_EMPTY) {
      const report = await loadSeed(services);
      logger.info('empty database: seed loaded', { created: report.created, warnings: report.warnings.length });
      logger.info('programme part A seeded', { months: await loadProgrammeSeeds(services) });
    } else {
      logger.warn(
        'empty database: no seed loaded (SEED_ON_EMPTY=false); create bodies through the API or run `npm run seed`',
      );
    }
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
      const errors: unknown[] = [];
      // feed tokens' last-fetch figures (issue 3): losing them is not worth failing the shutdown, but it is logged
      await services.feeds
        .flushFetchStats()
        .catch((err: unknown) => logger.warn('feed fetch statistics not saved', { error: String(err) }));
      await conn.close().catch((err: unknown) => errors.push(err));
      await local?.stop().catch((err: unknown) => errors.push(err));
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1) throw new AggregateError(errors, 'closing the database failed');
    },
  };
}

export { ConfigError };
