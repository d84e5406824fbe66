import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { DateTime } from 'luxon';

/**
 * Every setting of the service, read from the environment once at start-up. Each entry names its
 * environment variable, describes it and gives its default; `.env.example` mirrors this list.
 * An invalid value stops the boot with a message naming the variable.
 */
const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A default computed from the settings read before it (they are read in the order of `settings`). */
type DerivedDefault = (earlier: Record<string, unknown>) => string;

export const settings = {
  NODE_ENV: {
    description:
      'production: no seed on an empty database unless SEED_ON_EMPTY=true, and unsafe settings ' +
      '(an http:// public URL other than localhost, a sender without a real domain) stop the start-up. ' +
      'development (default) or test: neither.',
    schema: z.enum(['development', 'production', 'test']),
    default: 'development',
  },
  PORT: {
    description: 'TCP port of the HTTP server (0 picks a free one).',
    schema: z.coerce.number().int().min(0).max(65535),
    default: '3000',
  },
  HOST: {
    description: 'Address the HTTP server binds to.',
    schema: z.string().min(1),
    default: '0.0.0.0',
  },
  PUBLIC_BASE_URL: {
    description: 'Public https URL of the service, used in feed links, emails and documents.',
    schema: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')),
    default: ((c) => `http://localhost:${String(c.PORT)}`) as DerivedDefault,
  },
  MONGODB_URI: {
    description:
      'MongoDB connection string. Unset: a local MongoDB-compatible server is started (mongod, else FerretDB with SQLite, else mongodb-memory-server) with its data under DATA_DIR.',
    schema: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
    default: undefined,
  },
  DATA_DIR: {
    description: 'Folder for the local database (used only when MONGODB_URI is unset).',
    schema: z.string().min(1),
    default: './data',
  },
  LOCAL_DB_KIND: {
    description:
      'Force the kind of local database started when MONGODB_URI is unset: mongod, ferretdb or memory-server (unset: the first available, in that order).',
    schema: z.enum(['mongod', 'ferretdb', 'memory-server']).optional(),
    default: undefined,
  },
  DEFAULT_TIME_ZONE: {
    description: 'IANA time zone given to new meeting series and bodies when none is sent.',
    schema: z.string().refine((zone) => DateTime.now().setZone(zone).isValid, 'is not a known IANA time zone'),
    default: 'Asia/Ho_Chi_Minh',
  },
  SEED_ON_EMPTY: {
    description:
      'Load the seed schedule (seeds/) when the database has no bodies yet. ' +
      'Default: true, false when NODE_ENV=production.',
    schema: booleanString,
    default: ((c) => (c.NODE_ENV === 'production' ? 'false' : 'true')) as DerivedDefault,
  },
  LOG_LEVEL: {
    description: 'debug, info, warn, error or silent.',
    schema: z.enum(['debug', 'info', 'warn', 'error', 'silent']),
    default: 'info',
  },
  TRUST_PROXY: {
    description: "Express 'trust proxy' setting: false, true, or a hop count, when behind a reverse proxy.",
    schema: z
      .string()
      .transform((v) => (v === 'true' ? true : v === 'false' ? false : Number.isInteger(Number(v)) ? Number(v) : v)),
    default: 'false',
  },
  WEB_SESSION_HOURS: {
    description: 'Hours a web sign-in (API key pasted into the sign-in page) stays valid.',
    schema: z.coerce
      .number()
      .min(0.25)
      .max(24 * 30),
    default: '12',
  },
  AUTH_INVALID_KEY_LIMIT: {
    description:
      'Invalid API keys one client address may present per window (API Authorization/X-API-Key header and web sign-in together) before getting 429 (valid keys are never limited).',
    schema: z.coerce.number().int().min(1).max(100000),
    default: '20',
  },
  AUTH_INVALID_KEY_WINDOW_SECONDS: {
    description: 'Sliding window of AUTH_INVALID_KEY_LIMIT, in seconds.',
    schema: z.coerce.number().int().min(1).max(86400),
    default: '600',
  },
  FEED_PAST_MONTHS: {
    description:
      'iCal feeds cover whole months: this many before the current one (the window moves on the 1st, so an unchanged feed keeps its ETag all month).',
    schema: z.coerce.number().int().min(0).max(24),
    default: '3',
  },
  FEED_FUTURE_MONTHS: {
    description: 'iCal feeds cover this many whole months after the current one.',
    schema: z.coerce.number().int().min(1).max(36),
    default: '12',
  },
  FEED_REFRESH_MINUTES: {
    description: 'Refresh interval suggested to calendar clients (REFRESH-INTERVAL, X-PUBLISHED-TTL), in minutes.',
    schema: z.coerce.number().int().min(5).max(10080),
    default: '60',
  },
  FEED_CACHE_MB: {
    description: 'Memory for rendered iCal feeds per instance, in megabytes (least recently used dropped first).',
    schema: z.coerce.number().int().min(1).max(4096),
    default: '64',
  },
  FEED_INVALID_TOKEN_LIMIT: {
    description:
      'Unknown or revoked private-feed tokens one client address may present per window before getting 429 (valid feeds are never limited).',
    schema: z.coerce.number().int().min(1).max(100000),
    default: '20',
  },
  FEED_INVALID_TOKEN_WINDOW_SECONDS: {
    description: 'Sliding window of FEED_INVALID_TOKEN_LIMIT, in seconds.',
    schema: z.coerce.number().int().min(1).max(86400),
    default: '600',
  },
  READ_MODEL_POLL_MS: {
    description:
      'How often (ms) an instance reads the schedule version to learn of edits made through other instances; ' +
      'they show within this time plus one reload of the in-memory schedule. 0: never (a single instance).',
    schema: z.coerce.number().int().min(0).max(60000),
    default: '500',
  },
  // --- email reminders (issue 4) ---
  REMINDERS_ENABLED: {
    description:
      'Run the reminders job (planning + sending every minute). false: the API still lists the outbox, nothing is sent.',
    schema: booleanString,
    default: 'true',
  },
  SMTP_URL: {
    description:
      'Mail server, e.g. smtp://user:pass@mail.example.gov.vn:587 or smtps://...:465 (pooled connections). Unset: emails are written as .eml files to MAIL_OUTBOX_DIR instead of being sent.',
    schema: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
      .optional(),
    default: undefined,
  },
  MAIL_FROM: {
    description: 'Sender of every email ("Name <address>"); also the ORGANIZER of emailed calendar updates.',
    schema: z
      .string()
      .trim()
      .min(3)
      .max(200)
      .regex(/@/, 'must contain an email address')
      .regex(/@[^@\s<>]+\.[^@\s<>.]+>?$/, 'the address must have a domain (name@domain.tld)')
      .transform((s) => s.normalize('NFC')),
    default: 'Văn phòng HĐND và UBND <no-reply@lich-hop.invalid>',
  },
  MAIL_OUTBOX_DIR: {
    description: 'Folder for .eml files when SMTP_URL is unset. Default: outbox under DATA_DIR.',
    schema: z.string().min(1),
    default: ((c) => `${String(c.DATA_DIR).replace(/\/+$/, '')}/outbox`) as DerivedDefault,
  },
  OFFICE_EMAIL: {
    description:
      "The Office's address(es) for escalations (overdue items), comma-separated. A body whose reminder settings name an office agency uses that agency's addresses instead.",
    schema: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.email('must be a comma-separated list of email addresses'))),
    default: '',
  },
} as const;

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates every setting; throws `ConfigError` naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, setting] of Object.entries<Settings[keyof Settings]>(settings)) {
    const fallback: unknown = setting.default;
    const unset = env[name] === undefined || env[name] === '';
    const raw = !unset ? env[name] : typeof fallback === 'function' ? (fallback as DerivedDefault)(out) : fallback;
    const parsed = (setting.schema as z.ZodType).safeParse(raw);
    if (parsed.success) out[name] = parsed.data;
    else {
      // connection strings may carry a password: never print it, even in a refusal
      const shown =
        typeof raw === 'string' && /_(?:URL|URI)$/.test(name)
          ? raw.replace(/\/\/([^:/?#@]*):[^@]*@/, '//$1:***@')
          : raw;
      problems.push(`${name}=${JSON.stringify(shown)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  const config = out as Config;
  if (config.NODE_ENV === 'production') {
    const unsafe = productionProblems(config);
    const why = 'NODE_ENV=production refuses these settings (see "Deploying" in the README).';
    if (unsafe.length) throw new ConfigError([...unsafe, why]);
  }
  return config;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Top-level domains reserved by RFC 2606/6761: mail from them is refused by every real mail server. */
const RESERVED_TLDS = new Set(['invalid', 'example', 'test', 'localhost', 'local']);

/** The sender's address in MAIL_FROM (`Name <a@b>` or `a@b`). */
function senderAddress(mailFrom: string): string {
  return (/<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom).trim();
}

/**
 * Settings a production start-up refuses: feeds, emails and documents would carry links nobody can
 * reach (or that calendar services refuse), or emails would come from a domain that cannot pass SPF/DKIM.
 */
export function productionProblems(config: Config): string[] {
  const problems: string[] = [];
  const url = new URL(config.PUBLIC_BASE_URL);
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    problems.push(
      `PUBLIC_BASE_URL=${JSON.stringify(config.PUBLIC_BASE_URL)}: must be an https:// URL in production ` +
        '(Google Calendar and Outlook fetch feeds only over https; put the service behind a TLS proxy, see deploy/)',
    );
  }
  const domain = senderAddress(config.MAIL_FROM).split('@')[1]?.toLowerCase() ?? '';
  const tld = domain.split('.').pop() ?? '';
  if (RESERVED_TLDS.has(tld)) {
    problems.push(
      `MAIL_FROM=${JSON.stringify(config.MAIL_FROM)}: the sender's domain "${domain}" ` +
        'cannot receive or authenticate mail; ' +
        'set the Office\'s real address, e.g. "Văn phòng HĐND và UBND <lich-hop@lucngan.gov.vn>"',
    );
  }
  return problems;
}

/** Settings that work in production but deserve a warning at start-up. */
export function productionWarnings(config: Config): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const warnings: string[] = [];
  if (!config.SMTP_URL && config.REMINDERS_ENABLED) {
    warnings.push(`SMTP_URL is unset: reminders are written as .eml files to ${config.MAIL_OUTBOX_DIR}, none is sent`);
  }
  if (!config.MONGODB_URI) {
    warnings.push('MONGODB_URI is unset: the service runs its own local database (see "Deploying")');
  }
  if (config.LOG_LEVEL === 'debug') warnings.push('LOG_LEVEL=debug in production');
  return warnings;
}

export interface EnvFileResult {
  /** The file read, absolute; null when none was. */
  path: string | null;
  /** Variables taken from it (those the environment did not set). */
  applied: string[];
  /** Variables of the file that the environment already set (the environment wins). */
  overridden: string[];
}

/**
 * Reads a `.env` file into `env` without overriding what the environment already has. The file is
 * ENV_FILE when set (it must exist; ENV_FILE=none reads nothing), else `.env` in the working
 * directory if there is one. Same syntax as Node's `--env-file` (`util.parseEnv`).
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): EnvFileResult {
  const chosen = env.ENV_FILE?.trim();
  if (chosen === 'none') return { path: null, applied: [], overridden: [] };
  const file = resolve(cwd, chosen || '.env');
  if (!existsSync(file)) {
    if (chosen) throw new ConfigError([`ENV_FILE=${JSON.stringify(chosen)}: no such file (${file})`]);
    return { path: null, applied: [], overridden: [] };
  }
  const values = parseEnv(readFileSync(file, 'utf8'));
  const applied: string[] = [];
  const overridden: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (env[name] === undefined) {
      env[name] = value;
      applied.push(name);
    } else overridden.push(name);
  }
  return { path: file, applied: applied.sort(), overridden: overridden.sort() };
}
