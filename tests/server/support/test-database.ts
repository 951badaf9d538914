// Real databases for server tests: a fresh SQLite file under os.tmpdir(), or a fresh
// PostgreSQL database (CREATE DATABASE … TEMPLATE template0, dropped afterwards), so test files
// running in parallel never share state. PostgreSQL suites skip when no server answers, and fail
// under CI=true (tests/support/requirements.ts).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe } from 'vitest';
import type { DatabaseConfig } from '../../../server/config';
import { openDatabase, type DialectName } from '../../../server/db/database';
import { migrateToLatest } from '../../../server/db/migrate';
import type { Database } from '../../../server/db/tables';
import { PG_URL, postgresAvailable } from '../../support/requirements';

const pgAvailable = await postgresAvailable();

export interface TestDatabase {
  dialect: DialectName;
  config: DatabaseConfig;
  db: Kysely<Database>;
  /** A second, independent connection (pool) to the same database. */
  openAnother(): Kysely<Database>;
  drop(): Promise<void>;
}

/** One `describe` per dialect; the PostgreSQL one skips when PostgreSQL is unavailable. */
export function describeEachDialect(title: string, body: (dialect: DialectName) => void): void {
  describe(`${title} [sqlite]`, () => body('sqlite'));
  describe.skipIf(!pgAvailable)(`${title} [postgres]`, () => body('postgres'));
}

/**
 * A fresh, migrated database for every test of the enclosing describe. The migrations run once
 * per describe, into a template that each test's database is copied from (a file copy on
 * SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL): the same schema, without running every
 * migration again for every test (most of a server test's own time, and of CI's).
 */
export function useFreshDatabase(
  dialect: DialectName,
  options: { migrate?: boolean } = {},
): () => TestDatabase {
  let current: TestDatabase | undefined;
  let template: Promise<TestDatabase> | undefined;
  beforeEach(async () => {
    if (options.migrate === false) {
      current = await createTestDatabase(dialect);
      return;
    }
    template ??= migratedTemplate(dialect);
    current = await copyOfTemplate(await template);
  });
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });
  afterAll(async () => {
    const made = template;
    template = undefined;
    await (await made)?.drop();
  });
  return () => {
    if (!current) throw new Error('useFreshDatabase: only inside a test');
    return current;
  };
}

/** A migrated database with no connection left open, to copy from. */
async function migratedTemplate(dialect: DialectName): Promise<TestDatabase> {
  const template = await createTestDatabase(dialect);
  await migrateToLatest(template.db);
  // SQLite: closing writes the WAL back into the file; PostgreSQL: a template has no sessions.
  await template.db.destroy();
  const { config } = template;
  const drop =
    config.kind === 'sqlite'
      ? async () => rmSync(dirname(config.file), { recursive: true, force: true })
      : () => admin(`drop database if exists ${databaseOf(config.url)} with (force)`);
  return { ...template, drop };
}

const databaseOf = (url: string) => new URL(url).pathname.slice(1);

async function copyOfTemplate(template: TestDatabase): Promise<TestDatabase> {
  if (template.config.kind === 'sqlite') {
    const { dir, file } = newSqliteFile();
    copyFileSync(template.config.file, file);
    return sqliteIn(dir, file);
  }
  return createPostgres(databaseOf(template.config.url));
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  return dialect === 'sqlite' ? createSqlite() : createPostgres();
}

function track(config: DatabaseConfig, cleanup: () => Promise<void>): TestDatabase {
  const opened: Kysely<Database>[] = [];
  const openAnother = () => {
    const db = openDatabase(config);
    opened.push(db);
    return db;
  };
  return {
    dialect: config.kind,
    config,
    db: openAnother(),
    openAnother,
    drop: async () => {
      for (const db of opened) await db.destroy();
      await cleanup();
    },
  };
}

/**
 * A copy of `source` exactly as it is now, as an operator might take one before an
 * upgrade (SQLite: its online backup API; PostgreSQL: CREATE DATABASE … TEMPLATE), for tests
 * that start from exactly that state (`npm run backup` is a logical dump instead, restored
 * migrated to the latest version: backup.test.ts). On PostgreSQL the
 * source's connections are closed first (a template must have none); `source.openAnother()`
 * still reaches it. The copy is dropped by its own `drop`.
 */
export async function copyTestDatabase(source: TestDatabase): Promise<TestDatabase> {
  if (source.config.kind === 'sqlite') {
    const { dir, file } = newSqliteFile();
    const sqlite = new SqliteDatabase(source.config.file, { readonly: true });
    try {
      await sqlite.backup(file);
    } finally {
      sqlite.close();
    }
    return sqliteIn(dir, file);
  }
  await source.db.destroy();
  return createPostgres(databaseOf(source.config.url));
}

function createSqlite(): TestDatabase {
  const { dir, file } = newSqliteFile();
  return sqliteIn(dir, file);
}

/** Where a new test database's file goes (nothing is created there yet but its folder). */
function newSqliteFile(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'qb-server-test-'));
  return { dir, file: join(dir, 'test.sqlite') };
}

function sqliteIn(dir: string, file: string): TestDatabase {
  return track({ kind: 'sqlite', file }, () =>
    Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  );
}

async function createPostgres(template = 'template0'): Promise<TestDatabase> {
  const name = `qb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name} template ${template}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return track({ kind: 'postgres', url: url.toString() }, () =>
    admin(`drop database if exists ${name} with (force)`),
  );
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
