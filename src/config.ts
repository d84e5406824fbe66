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

export const settings = {
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
    default: 'http://localhost:3000',
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
    description: 'Force the kind of local database started when MONGODB_URI is unset: mongod, ferretdb or memory-server (unset: the first available, in that order).',
    schema: z.enum(['mongod', 'ferretdb', 'memory-server']).optional(),
    default: undefined,
  },
  DEFAULT_TIME_ZONE: {
    description: 'IANA time zone given to new meeting series and bodies when none is sent.',
    schema: z.string().refine((zone) => DateTime.now().setZone(zone).isValid, 'is not a known IANA time zone'),
    default: 'Asia/Ho_Chi_Minh',
  },
  SEED_ON_EMPTY: {
    description: 'Load the seed schedule (seeds/) when the database has no bodies yet.',
    schema: booleanString,
    default: 'true',
  },
  LOG_LEVEL: {
    description: 'debug, info, warn, error or silent.',
    schema: z.enum(['debug', 'info', 'warn', 'error', 'silent']),
    default: 'info',
  },
  TRUST_PROXY: {
    description: "Express 'trust proxy' setting: false, true, or a hop count, when behind a reverse proxy.",
    schema: z.string().transform((v) => (v === 'true' ? true : v === 'false' ? false : Number.isInteger(Number(v)) ? Number(v) : v)),
    default: 'false',
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
  for (const [name, setting] of Object.entries(settings) as [string, Settings[keyof Settings]][]) {
    const raw = env[name] === undefined || env[name] === '' ? setting.default : env[name];
    const parsed = (setting.schema as z.ZodType).safeParse(raw);
    if (parsed.success) out[name] = parsed.data;
    else problems.push(`${name}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length) throw new ConfigError(problems);
  return out as Config;
}
