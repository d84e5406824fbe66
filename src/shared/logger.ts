/**
 * A small structured logger: one JSON line per event on stdout/stderr. Secrets never reach it:
 * callers pass already-redacted values (see `redactUrl`).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel = 'info'): Logger {
  const write = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields });
    (lvl === 'error' || lvl === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = createLogger('silent');

/**
 * Removes secrets from a request path before it is logged: private feed tokens
 * (`/feeds/<token>.ics`) and any `token`/`key` query parameters.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^(\/feeds\/)(?!public\/)[^/?#]+/, '$1[redacted]')
    .replace(/([?&](?:token|key|apiKey)=)[^&#]*/gi, '$1[redacted]');
}
