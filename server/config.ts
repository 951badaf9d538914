// Server configuration from environment variables. `loadConfig` is pure (the environment is
// passed in), so tests check every rule without touching `process.env`. A bad value stops the
// start with a message naming the variable: a server that silently falls back to a default port
// or database is harder to debug than one that refuses to start.
import { join } from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  dataDir: string;
  /** Load example data on the first start of an empty database. */
  demoData: boolean;
  /** The built PWA (`npm run build`); served only when the folder exists. */
  staticDir: string;
  logLevel: LogLevel;
  /** Quarter `npm run admin` works on without `--quarter`; unset means "the first quarter". */
  defaultQuarter: string | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

export const SQLITE_FILE_NAME = 'quartiersbuch.sqlite';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Env): Config {
  const dataDir = nonEmpty(env, 'DATA_DIR') ?? './data';
  const databaseUrl = nonEmpty(env, 'DATABASE_URL');
  return {
    port: parsePort(env.PORT),
    host: nonEmpty(env, 'HOST') ?? '0.0.0.0',
    database: databaseUrl
      ? { kind: 'postgres', url: parsePostgresUrl(databaseUrl) }
      : { kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) },
    dataDir,
    demoData: parseSwitch('DEMO_DATA', env.DEMO_DATA, true),
    staticDir: nonEmpty(env, 'STATIC_DIR') ?? './dist',
    logLevel: parseLogLevel(env.LOG_LEVEL),
    defaultQuarter: nonEmpty(env, 'DEFAULT_QUARTER'),
  };
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 8080;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port > 65535) {
    throw new ConfigError(`PORT muss eine ganze Zahl von 0 bis 65535 sein, ist aber "${raw}".`);
  }
  return port;
}

function parsePostgresUrl(raw: string): string {
  if (!/^postgres(?:ql)?:\/\//.test(raw)) {
    throw new ConfigError('DATABASE_URL muss mit postgres:// oder postgresql:// beginnen.');
  }
  return raw;
}

const ON = ['on', '1', 'true', 'yes', 'ja'];
const OFF = ['off', '0', 'false', 'no', 'nein'];

function parseSwitch(name: string, raw: string | undefined, fallback: boolean): boolean {
  const value = raw?.trim().toLowerCase();
  if (!value) return fallback;
  if (ON.includes(value)) return true;
  if (OFF.includes(value)) return false;
  throw new ConfigError(`${name} muss on oder off sein (auch 1/0, true/false), ist aber "${raw}".`);
}

function parseLogLevel(raw: string | undefined): LogLevel {
  const value = raw?.trim().toLowerCase();
  if (!value) return 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === value);
  if (!level) {
    throw new ConfigError(
      `LOG_LEVEL muss einer von ${LOG_LEVELS.join(', ')} sein, ist aber "${raw}".`,
    );
  }
  return level;
}
