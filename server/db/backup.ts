// Backups (`npm run backup`): one format for SQLite and PostgreSQL, so a backup of either can be
// restored into either (restore.ts). A logical dump, read through Kysely in one snapshot
// (a read-only transaction; PostgreSQL: REPEATABLE READ), so the server may keep running:
//
//   {"format":"quartiersbuch-backup","version":1,"createdAt":…,"source":"sqlite","migrations":[…]}
//   {"table":"quarters","columns":["id","name",…]}
//   ["q-test","Testquartier",…]                      one line per row, in primary-key order
//   {"end":"quarters","rows":2}
//   … every table, parents before the tables whose foreign keys point to them …
//   {"complete":true,"tables":23}
//
// one JSON value per line, gzip-compressed (node:zlib) and encrypted (backup-cipher.ts) as it
// is written: rows are read a batch at a time (keyset pagination on the primary key), never
// the whole database at once. `migrations` names the schema the rows fit: restore migrates an
// empty database to exactly that state before inserting them. Which tables and columns there
// are comes from the catalog (backup-schema.ts), so a table added later is included.
// The file holds the same personal data as the database: created 0600 in a folder 0700, like
// the database itself (database.ts), and encrypted with the key from BACKUP_KEY.
import { chmodSync, createWriteStream, mkdirSync, openSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { encryptStream } from './backup-cipher';
import { appliedMigrations, readTableShapes, type TableShape } from './backup-schema';
import { dialectOf, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './database';
import type { Database } from './tables';

export const BACKUP_FORMAT = 'quartiersbuch-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** Rows read per query while dumping. */
const READ_BATCH = 1000;

/** A column value as both databases store this schema's columns (text and integer). */
export type CellValue = string | number | null;

export interface BackupHead {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  source: 'sqlite' | 'postgres';
  migrations: string[];
}

/**
 * Progress of a long backup or restore: after every batch of a table and when it is done;
 * `of`: the table's rows in all, when known (restore).
 */
export type Progress = (event: { table: string; rows: number; of?: number; done: boolean }) => void;

/** For the commands: a line per table on stderr, and one per 50 000 rows of a long table. */
export function progressOnStderr(): Progress {
  let shown = 0;
  return ({ table, rows, of, done }) => {
    const count = of === undefined ? `${rows}` : `${rows} von ${of}`;
    const noun = (of ?? rows) === 1 ? 'Zeile' : 'Zeilen';
    if (done) {
      console.error(`  ${table}: ${count} ${noun}`);
      shown = 0;
    } else if (rows - shown >= 50_000) {
      console.error(`  ${table}: ${count} ${noun} …`);
      shown = rows;
    }
  };
}

export interface BackupSummary {
  tables: number;
  rows: number;
}

/** `quartiersbuch-2026-11-25T14-30-00.qbbackup`: sortable, and safe on every file system. */
export function backupFileName(now: Date): string {
  return `quartiersbuch-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.qbbackup`;
}

export interface BackupOptions {
  onProgress?: Progress;
  now?: Date;
  /** Rows per query (tests make it small, so every table is read in several pages). */
  readBatch?: number;
}

/**
 * Writes a backup of `db` into the new file `file` (refuses to overwrite one), encrypted with
 * `key`. A backup that fails halfway leaves no file behind.
 */
export async function writeBackup(
  db: Kysely<Database>,
  key: Buffer,
  file: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const summary: BackupSummary = { tables: 0, rows: 0 };
  const dump = dumpLines(db, summary, {
    onProgress: options.onProgress ?? (() => undefined),
    now: options.now ?? new Date(),
    readBatch: options.readBatch ?? READ_BATCH,
  });
  await writeEncryptedLines(dump, key, file);
  return summary;
}

/**
 * Compresses and encrypts `lines` (each one JSON value, without its newline) into the new file
 * `file`, 0600, in a folder created 0700 if missing. Used by writeBackup, and by tests to build
 * a backup that the app would never write.
 */
export async function writeEncryptedLines(
  lines: AsyncIterable<string> | Iterable<string>,
  key: Buffer,
  file: string,
): Promise<void> {
  mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  // 'wx': never overwrite an older backup. chmod: exactly 0600, whatever the umask.
  const fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
  chmodSync(file, PRIVATE_FILE_MODE);
  try {
    // The write stream owns the descriptor from here on and closes it, also on failure.
    await pipeline(
      Readable.from(withNewlines(lines)),
      createGzip(),
      encryptStream(key),
      createWriteStream('', { fd }),
    );
  } catch (err) {
    unlinkSync(file);
    throw err;
  }
}

async function* withNewlines(lines: AsyncIterable<string> | Iterable<string>) {
  // Many short lines per write: one Buffer per row would cost more than the row.
  let text = '';
  for await (const line of lines) {
    text += `${line}\n`;
    if (text.length >= 64 * 1024) {
      yield Buffer.from(text, 'utf8');
      text = '';
    }
  }
  if (text) yield Buffer.from(text, 'utf8');
}

async function* dumpLines(
  db: Kysely<Database>,
  summary: BackupSummary,
  { onProgress, now, readBatch }: Required<BackupOptions>,
): AsyncGenerator<string> {
  // One snapshot for the whole dump: rows a push commits meanwhile are either all in (they
  // were committed before it began) or all out.
  const tx = await db
    .startTransaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute();
  try {
    const head: BackupHead = {
      format: BACKUP_FORMAT,
      version: BACKUP_FORMAT_VERSION,
      createdAt: now.toISOString(),
      source: dialectOf(tx),
      migrations: await appliedMigrations(tx),
    };
    yield JSON.stringify(head);
    const tables = await readTableShapes(tx);
    for (const table of tables) {
      yield JSON.stringify({ table: table.name, columns: table.columns });
      let rows = 0;
      for await (const batch of readRows(tx, table, readBatch)) {
        for (const row of batch) yield JSON.stringify(row);
        rows += batch.length;
        onProgress({ table: table.name, rows, done: false });
      }
      yield JSON.stringify({ end: table.name, rows });
      onProgress({ table: table.name, rows, done: true });
      summary.tables += 1;
      summary.rows += rows;
    }
    yield JSON.stringify({ complete: true, tables: tables.length });
  } finally {
    await tx.rollback().execute();
  }
}

/** The rows of `table` in primary-key order, a batch at a time, as arrays in column order. */
async function* readRows(
  db: Kysely<Database>,
  table: TableShape,
  readBatch: number,
): AsyncGenerator<CellValue[][]> {
  const columns = sql.join(table.columns.map((column) => sql.ref(column)));
  const key = sql.join(table.primaryKey.map((column) => sql.ref(column)));
  // Pages need a key to continue after; every table of this schema has one (house rule).
  if (table.primaryKey.length === 0) throw new Error(`backup: ${table.name} has no primary key`);
  const keyAt = table.primaryKey.map((column) => table.columns.indexOf(column));
  let after: CellValue[] | undefined;
  for (;;) {
    // A row-value comparison, (a, b) > (x, y): both databases take it and use the key's index.
    const where = after ? sql`where (${key}) > (${sql.join(after)})` : sql``;
    const { rows } = await sql<Record<string, unknown>>`
      select ${columns} from ${sql.table(table.name)} ${where}
      order by ${key} limit ${readBatch}`.execute(db);
    if (rows.length === 0) return;
    const batch = rows.map((row) => table.columns.map((column) => cell(table, column, row)));
    yield batch;
    const last = batch[batch.length - 1] ?? [];
    after = keyAt.map((index) => {
      const value = last[index];
      if (value === null || value === undefined) {
        throw new Error(`backup: ${table.name} has a row with an empty primary key`);
      }
      return value;
    });
    if (rows.length < readBatch) return;
  }
}

function cell(table: TableShape, column: string, row: Record<string, unknown>): CellValue {
  const value = row[column];
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  // The schema has only text and integer columns (migration 0001); a new type needs a way
  // into JSON and back here before it can be backed up.
  throw new Error(`backup: ${table.name}.${column} holds a ${typeof value}, not text or integer`);
}
