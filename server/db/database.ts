// Opens the server database: one SQLite file by default, PostgreSQL when DATABASE_URL is set.
// Everything above this file is dialect-neutral Kysely; the few places that must know the
// dialect (health report, tests) ask `dialectOf`.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase as KyselySqliteDatabase,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import type { Database } from './tables';

export type DialectName = 'sqlite' | 'postgres';

/** How long a SQLite writer waits for another process's lock (e.g. `npm run demo:remove`). */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Prepared SQLite statements kept for reuse, by SQL text. */
const SQLITE_STATEMENT_CACHE_SIZE = 500;

export interface OpenOptions {
  /** PostgreSQL: an idle pooled connection broke (e.g. the database restarted). */
  onConnectionError?: (err: Error) => void;
}

export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Kysely<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url, options) : openSqlite(config.file);
}

/** The database holds notes about vulnerable people: only the server's own user may read it. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates `file` empty with mode 0600 unless it exists (SQLite then opens an empty file as a
 * new database), or narrows an existing one to 0600; folders it creates get 0700. SQLite gives
 * its -wal and -shm files the mode of the database file.
 */
export function preparePrivateFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

function openSqlite(file: string): Kysely<Database> {
  preparePrivateFile(file);
  const sqlite = new SqliteDatabase(file);
  // WAL lets a pull read a consistent snapshot while a writer commits, and lets a second
  // process (the demo:remove CLI) read while the server runs. `synchronous = FULL`: a push
  // acknowledged to a device must survive a power cut (G2). Set explicitly: better-sqlite3 is
  // built to open a file that is already in WAL mode (every start after the first) with
  // NORMAL, which may lose the last commits in a power cut.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // A savepoint keeps the original of every page it changes (a push: its one savepoint, about
  // 1 MB for 200 entries); in a temp file, SQLite's default, that cost a third of each insert.
  // In memory instead. Crash safety does not depend on it: after a crash, an uncommitted
  // transaction is never part of the database. Sorts no index serves use memory too; the big
  // reads here follow indexes.
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // Files left from an older version, or created under a lax umask before this check.
  for (const companion of [`${file}-wal`, `${file}-shm`]) {
    if (existsSync(companion)) chmodSync(companion, PRIVATE_FILE_MODE);
  }
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
}

/**
 * The database as Kysely's SQLite driver sees it, with prepared statements kept by SQL text.
 * The driver prepares every query anew, which cost a push more time than running its
 * statements (docs/benchmarks.md, measure 4). Reusing a statement is safe: the driver runs
 * each one to completion (`all` or `run`) on the single connection before the next query, and
 * SQLite prepares a kept statement again by itself after a schema change (migrations). A
 * statement still busy in a stream (`iterate`) is not handed out twice: that query gets a new
 * one. Texts differ mostly by the length of IN lists; a full cache simply starts over.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (!statement || statement.busy) {
        if (statements.size >= SQLITE_STATEMENT_CACHE_SIZE) statements.clear();
        statement = sqlite.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

function openPostgres(url: string, options: OpenOptions): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Without a listener, an idle connection's error would crash the process. The pool drops
  // that connection and the next query opens a new one; requests in flight fail on their own.
  pool.on('error', options.onConnectionError ?? (() => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * The dialect behind a Kysely instance or transaction. `getExecutor` is marked internal in
 * Kysely's typings but is the only handle that transactions share with their parent; the
 * database tests run this on both dialects, so an upgrade that breaks it fails a test.
 */
export function dialectOf(db: Kysely<Database>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

const compiledTexts = new Map<string, string>();

/**
 * The SQL of a statement whose text depends only on the dialect and `shape`, compiled by Kysely
 * once: building and compiling the same INSERT for every entry of a push cost more than running
 * it (docs/benchmarks.md, measure 4). The caller passes the values in the order they were
 * compiled with (rows with the same keys in the same order, none undefined).
 */
export function compiledOnce(
  db: Kysely<Database>,
  shape: string,
  compile: () => { sql: string },
): string {
  const key = `${dialectOf(db)} ${shape}`;
  let text = compiledTexts.get(key);
  if (text === undefined) {
    text = compile().sql;
    compiledTexts.set(key, text);
  }
  return text;
}
