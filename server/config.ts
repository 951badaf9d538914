// Server configuration from environment variables. `loadConfig` is pure (the environment is
// passed in), so tests check every rule without touching `process.env`. A bad value stops the
// start with a message naming the variable: a server that silently falls back to a default port
// or database is harder to debug than one that refuses to start.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * Fastify's `trustProxy`: whose X-Forwarded-For to believe for the client address (the
 * per-address rate limits). false: nobody's (the server is reached directly); true: every
 * proxy's; a number: that many proxies in front; a list: proxies at these addresses/ranges.
 */
export type TrustProxy = boolean | number | string[];

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  dataDir: string;
  /**
   * Load example data (its own demo quarter) on the first start of an empty database, and
   * print a demo code. Never with NODE_ENV=production.
   */
  demoData: boolean;
  trustProxy: TrustProxy;
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
  const production = env.NODE_ENV?.trim() === 'production';
  return {
    port: parsePort(env.PORT),
    host: nonEmpty(env, 'HOST') ?? '0.0.0.0',
    database: databaseUrl
      ? { kind: 'postgres', url: parsePostgresUrl(databaseUrl) }
      : { kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) },
    dataDir,
    demoData: parseDemoData(env.DEMO_DATA, production),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
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

/** Demo data defaults to on, but to off in production, where switching it on is refused. */
function parseDemoData(raw: string | undefined, production: boolean): boolean {
  const demoData = parseSwitch('DEMO_DATA', raw, !production);
  if (demoData && production) {
    throw new ConfigError(
      'DEMO_DATA ist eingeschaltet, aber NODE_ENV=production: Beispieldaten und ihre ' +
        'veröffentlichten PINs gehören nicht auf einen echten Server. Bitte DEMO_DATA ' +
        'weglassen oder auf off setzen.',
    );
  }
  return demoData;
}

/** Names proxy-addr (Fastify's trustProxy) knows for address ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim().toLowerCase();
  if (!value) return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 100) throw trustProxyError(raw);
    return hops === 0 ? false : hops;
  }
  if (['true', 'on', 'yes', 'ja'].includes(value)) return true;
  if (['false', 'off', 'no', 'nein'].includes(value)) return false;
  const entries = value.split(',').map((entry) => entry.trim());
  if (!entries.every((entry) => PROXY_RANGE_NAMES.includes(entry) || isAddressOrRange(entry))) {
    throw trustProxyError(raw);
  }
  return entries;
}

/** `203.0.113.7`, `10.0.0.0/8`, `::1`, `fd00::/8`. */
function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function trustProxyError(raw: string | undefined): ConfigError {
  return new ConfigError(
    'TRUST_PROXY muss true/false, eine Anzahl Proxys (z. B. 1) oder eine mit Kommas ' +
      `getrennte Liste von Adressen/Netzen (z. B. 127.0.0.1,10.0.0.0/8) sein, ist aber "${raw}".`,
  );
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

/** Bytes of the backup key (AES-256). */
export const BACKUP_KEY_BYTES = 32;

/**
 * The key `npm run backup` encrypts with and `npm run restore` decrypts with: `BACKUP_KEY`
 * (base64 of 32 random bytes) or `BACKUP_KEY_FILE` (a file holding that text, for secret
 * stores that hand out files). Undefined when neither is set. Not part of `loadConfig`: only
 * the backup commands need it, and a secret kept out of the server's config cannot end up in
 * a log of it. `readFile` is passed in so the rules are testable without files. Error messages
 * never repeat the value: it is, or was meant to be, a secret.
 */
export function loadBackupKey(
  env: Env,
  readFile: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): Buffer | undefined {
  const inline = nonEmpty(env, 'BACKUP_KEY');
  const file = nonEmpty(env, 'BACKUP_KEY_FILE');
  if (inline && file) {
    throw new ConfigError('Bitte nur eines von beiden setzen: BACKUP_KEY oder BACKUP_KEY_FILE.');
  }
  if (inline) return parseBackupKey(inline, 'BACKUP_KEY');
  if (!file) return undefined;
  let text: string;
  try {
    text = readFile(file);
  } catch {
    throw new ConfigError(
      `BACKUP_KEY_FILE nennt die Datei „${file}“, die sich nicht lesen lässt. ` +
        'Gibt es sie, und darf der Benutzer des Servers sie lesen?',
    );
  }
  return parseBackupKey(text.trim(), `der Datei ${file} (BACKUP_KEY_FILE)`);
}

function parseBackupKey(text: string, where: string): Buffer {
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (!key || key.length !== BACKUP_KEY_BYTES) {
    throw new ConfigError(
      `Der Schlüssel in ${where} ist ungültig: erwartet werden ${BACKUP_KEY_BYTES} zufällige ` +
        'Bytes in Base64 (44 Zeichen, das letzte ist ein „=“), dort stehen ' +
        `${text.length} Zeichen, die das nicht sind. Einen neuen Schlüssel erzeugt: ` +
        'npm run backup -- --new-key',
    );
  }
  // 32 random bytes have about 30 different values; a placeholder such as "AAAA…A=" has one.
  if (new Set(key).size < 16) {
    throw new ConfigError(
      `Der Schlüssel in ${where} ist nicht zufällig (zu viele gleiche Bytes), vielleicht ein ` +
        'Platzhalter. Einen neuen Schlüssel erzeugt: npm run backup -- --new-key',
    );
  }
  return key;
}
