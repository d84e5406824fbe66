import { createServer, type Server } from 'node:http';
import { createApp } from './app';
import { bootstrap, ConfigError, type Context } from './bootstrap';
import { startReminderJob } from './reminders';
import { completePendingIntents, INTENT_PASS_INTERVAL_MS } from './shared/intents';

/** Finishes changes that a crash (of any instance) left half-done; see src/shared/intents.ts. */
async function completionPass(ctx: Context, minAgeMs: number): Promise<void> {
  const report = await completePendingIntents(ctx.services.intents, ctx.services.intentHandlers, {
    minAgeMs,
    logger: ctx.logger,
  });
  if (report.completed || report.failed || report.unknown) ctx.logger.info('completion pass', { ...report });
}

/** Binds the HTTP server; a taken or forbidden port is an error naming PORT, not a silent non-listener. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? 'is already in use'
          : err.code === 'EACCES'
            ? 'needs privileges this process does not have'
            : `cannot be used (${err.code ?? err.message})`;
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
  // Started once the server listens; stopped by shutdown.
  const running: { passTimer?: NodeJS.Timeout; reminders?: ReturnType<typeof startReminderJob> } = {};
  const shutdown = async (signal: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(code || 1), 15_000);
    force.unref();
    clearInterval(running.passTimer);
    // Every step runs whatever the previous one did; each failure is logged and makes the exit code 1.
    const step = async (what: string, run: () => Promise<void> | undefined) => {
      try {
        await run();
      } catch (err) {
        logger.error(`shutdown: ${what} failed`, { error: String((err as Error)?.stack ?? err) });
        code ||= 1;
      }
    };
    await step('closing the HTTP server', () => {
      if (!server.listening) return undefined;
      const closed = new Promise<void>((ok, fail) => server.close((err) => (err ? fail(err) : ok())));
      server.closeIdleConnections();
      return closed;
    });
    server.closeAllConnections();
    await step('stopping the reminders job', () => running.reminders?.stop());
    await step('closing the database', () => ctx.close());
    logger.info(code ? `stopped with errors (exit code ${code})` : 'stopped');
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
  logger.info(
    `HTTP server listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port} (public URL ${config.PUBLIC_BASE_URL})`,
  );
  running.reminders = startReminderJob(ctx.services.reminders, config, logger); // issue 4: every minute, after the server is up
  let passing = false;
  const passTimer = setInterval(() => {
    if (passing) return;
    passing = true;
    completionPass(ctx, INTENT_PASS_INTERVAL_MS)
      .catch((err: unknown) => logger.warn('completion pass failed; it runs again shortly', { error: String(err) }))
      .finally(() => (passing = false));
  }, INTENT_PASS_INTERVAL_MS);
  passTimer.unref();
  running.passTimer = passTimer;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`Start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
