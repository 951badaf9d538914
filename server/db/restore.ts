// Restoring a backup of backup.ts (`npm run restore -- <file>`) into an EMPTY database, SQLite
// or PostgreSQL, whichever the backup came from. Either everything is restored, or the
// database is left as empty as it was:
//
//   1. The database must have no tables at all; otherwise refused, nothing touched.
//   2. First pass over the file: decrypted and checked to the end (the key, every chunk's tag,
//      every line in its place, the row counts) before anything is written. A wrong key, a
//      changed or cut-off file is refused here.
//   3. The backup names the migrations its rows fit: refused if this app lacks one of them
//      (a backup of a newer version); else the database is migrated to exactly that state and
//      its tables and columns must be the backup's.
//   4. Second pass, in one transaction: the rows the migrations wrote (the epoch) are deleted,
//      the backup's inserted table by table in batches, parents first (the backup is written
//      in that order; checked against this database's foreign keys in step 3).
//   5. Migrated to the latest version, as an upgrade would.
//
// Anything failing after step 3 began drops every table again, so the database is empty and
// the restore can simply be repeated.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { BackupFileError, decryptStream } from './backup-cipher';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHead,
  type CellValue,
  type Progress,
} from './backup';
import { listAllTables, MIGRATION_TABLES, readTableShapes } from './backup-schema';
import { MIGRATIONS, migrateTo, migrateToLatest } from './migrate';
import type { Database } from './tables';

/** The restore did not start: a German message saying why; the database was not touched. */
export class RestoreRefusal extends Error {
  override name = 'RestoreRefusal';
}

/** The database already has tables: refused, not touched. */
export class DatabaseNotEmpty extends RestoreRefusal {
  override name = 'DatabaseNotEmpty';
}

/** The restore started and failed; the database was emptied again (German message). */
export class RestoreFailure extends Error {
  override name = 'RestoreFailure';
}

export interface RestoreSummary {
  head: BackupHead;
  tables: number;
  rows: number;
  /** Migrations applied after the rows were in (the backup came from an older version). */
  upgraded: string[];
}

/** Rows per INSERT, at most; fewer for wide tables (bound parameters per statement). */
const INSERT_BATCH = 500;
const MAX_PARAMETERS = 30_000;

export interface RestoreOptions {
  onProgress?: Progress;
  /** Rows per INSERT at most (tests make it small, so tables are written in several). */
  insertBatch?: number;
}

export async function restoreBackup(
  db: Kysely<Database>,
  key: Buffer,
  file: string,
  { onProgress = () => undefined, insertBatch = INSERT_BATCH }: RestoreOptions = {},
): Promise<RestoreSummary> {
  const existing = await listAllTables(db);
  if (existing.length > 0) {
    throw new DatabaseNotEmpty(
      `Die Datenbank ist nicht leer: sie hat schon ${existing.length} ` +
        `${existing.length === 1 ? 'Tabelle' : 'Tabellen'} (z. B. „${existing[0]}“). Eine ` +
        'Sicherung wird nur in eine leere Datenbank zurückgespielt, damit nichts ' +
        'überschrieben wird. Es wurde nichts verändert.',
    );
  }
  const plan = await checkFile(key, file);
  const target = migrationTarget(plan.head.migrations);
  try {
    if (target !== undefined) await migrateTo(db, target);
    await checkSchema(db, plan);
    await insertRows(db, key, file, plan, { onProgress, insertBatch });
    const upgraded = await migrateToLatest(db);
    return { head: plan.head, tables: plan.tables.length, rows: plan.rows, upgraded };
  } catch (err) {
    try {
      await dropEverything(db);
    } catch (dropError) {
      throw new RestoreFailure(
        'Die Sicherung ließ sich nicht zurückspielen, und die Datenbank konnte danach nicht ' +
          'wieder geleert werden: bitte eine neue, leere Datenbank nehmen.',
        { cause: [err, dropError] },
      );
    }
    if (err instanceof RestoreRefusal || err instanceof BackupFileError) {
      throw new RestoreFailure(`${err.message} Die Datenbank ist wieder leer.`, { cause: err });
    }
    const reason = err instanceof Error ? err.message : String(err);
    throw new RestoreFailure(
      'Die Sicherung ließ sich nicht zurückspielen; die Datenbank ist wieder leer. ' +
        `Grund: ${reason}`,
      { cause: err },
    );
  }
}

interface PlannedTable {
  name: string;
  columns: string[];
  rows: number;
}

interface Plan {
  head: BackupHead;
  tables: PlannedTable[];
  rows: number;
}

/**
 * The lines of a backup, decrypted and decompressed, each parsed from JSON. Fails with a
 * `BackupFileError` at the first byte that is not authentic.
 */
export async function* readBackupLines(key: Buffer, file: string): AsyncGenerator<unknown> {
  const input = createReadStream(file);
  const plain = createGunzip();
  // Errors of every stage reach the loop below through `plain` (pipeline destroys it with
  // them); awaited at the end for the rest.
  const flowing = pipeline(input, decryptStream(key), plain);
  flowing.catch(() => undefined);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of plain as AsyncIterable<Buffer>) {
      const lines = (rest + decoder.write(chunk)).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) yield parseLine(line);
    }
    await flowing;
    // Every line ends with a newline; text after the last one is not from backup.ts.
    if (rest + decoder.end() !== '') throw damaged('die letzte Zeile ist unvollständig');
  } finally {
    input.destroy();
    plain.destroy();
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw damaged('eine Zeile ist kein JSON');
  }
}

/** Authentic bytes that are not what backup.ts writes: a bug or a forged key holder. */
function damaged(what: string): BackupFileError {
  return new BackupFileError(
    `Die Sicherung ist beschädigt (${what}). Bitte eine andere Sicherung verwenden.`,
  );
}

/**
 * Checks that the lines come in the order backup.ts writes them and returns what they hold;
 * used by both passes, so the second also notices a file swapped for another meanwhile.
 */
class DumpReader {
  head: BackupHead | undefined;
  readonly tables: PlannedTable[] = [];
  rows = 0;
  complete = false;
  private current: { table: PlannedTable; rows: number } | undefined;

  /** The row, when the line is one; undefined for the other lines. */
  read(line: unknown): CellValue[] | undefined {
    if (this.complete) throw damaged('Zeilen nach dem Ende');
    if (!this.head) {
      this.head = readHead(line);
      return undefined;
    }
    if (Array.isArray(line)) {
      if (!this.current) throw damaged('eine Zeile außerhalb einer Tabelle');
      const { columns, name } = this.current.table;
      if (line.length !== columns.length || !line.every(isCell)) {
        throw damaged(`eine Zeile der Tabelle ${name} passt nicht zu ihren Spalten`);
      }
      this.current.rows += 1;
      return line as CellValue[];
    }
    const record = (typeof line === 'object' && line !== null ? line : {}) as Record<
      string,
      unknown
    >;
    if (!this.current && typeof record.table === 'string' && isStringList(record.columns)) {
      if (this.tables.some((table) => table.name === record.table)) {
        throw damaged(`die Tabelle ${record.table} kommt zweimal vor`);
      }
      this.current = { table: { name: record.table, columns: record.columns, rows: 0 }, rows: 0 };
      return undefined;
    }
    if (this.current && record.end === this.current.table.name) {
      if (record.rows !== this.current.rows) {
        throw damaged(`in der Tabelle ${this.current.table.name} fehlen Zeilen`);
      }
      this.current.table.rows = this.current.rows;
      this.tables.push(this.current.table);
      this.rows += this.current.rows;
      this.current = undefined;
      return undefined;
    }
    if (!this.current && record.complete === true && record.tables === this.tables.length) {
      this.complete = true;
      return undefined;
    }
    throw damaged('eine Zeile, die dort nicht hingehört');
  }

  /** The current table's name (after its header line). */
  get table(): PlannedTable | undefined {
    return this.current?.table;
  }

  finish(): Plan {
    if (!this.head || !this.complete) throw damaged('das Ende fehlt');
    return { head: this.head, tables: this.tables, rows: this.rows };
  }
}

function readHead(line: unknown): BackupHead {
  const head = (typeof line === 'object' && line !== null ? line : {}) as Partial<BackupHead>;
  if (head.format !== BACKUP_FORMAT) throw damaged('der Anfang fehlt');
  if (head.version !== BACKUP_FORMAT_VERSION) {
    throw new BackupFileError(
      `Diese Sicherung hat ein neueres Format (Version ${String(head.version)}), das diese ` +
        'Version von Quartiersbuch nicht kennt. Bitte zuerst die App aktualisieren.',
    );
  }
  if (!isStringList(head.migrations) || typeof head.createdAt !== 'string') {
    throw damaged('der Anfang ist unvollständig');
  }
  return head as BackupHead;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isCell(value: unknown): boolean {
  return value === null || typeof value === 'string' || Number.isFinite(value);
}

/** Pass 1: the whole file read and checked, nothing written. */
async function checkFile(key: Buffer, file: string): Promise<Plan> {
  const reader = new DumpReader();
  for await (const line of readBackupLines(key, file)) reader.read(line);
  return reader.finish();
}

/** The last migration of the backup; refused when this app does not have them all. */
function migrationTarget(names: readonly string[]): string | undefined {
  const known = Object.keys(MIGRATIONS);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new RestoreRefusal(
      'Die Sicherung stammt von einer neueren Version von Quartiersbuch: ihre Daten passen ' +
        `zu Änderungen an der Datenbank, die diese Version nicht kennt (${unknown.join(', ')}). ` +
        'Bitte zuerst die App auf den neuesten Stand bringen, dann zurückspielen. ' +
        'Es wurde nichts verändert.',
    );
  }
  if (names.some((name, index) => known[index] !== name)) {
    throw new RestoreRefusal(
      'Die Änderungen an der Datenbank, die die Sicherung nennt, folgen nicht der Reihe ' +
        `dieser Version von Quartiersbuch (${names.join(', ')}). Es wurde nichts verändert.`,
    );
  }
  return names[names.length - 1];
}

/** The migrated database has exactly the backup's tables and columns, parents first. */
async function checkSchema(db: Kysely<Database>, plan: Plan): Promise<void> {
  const shapes = await readTableShapes(db);
  const wanted = shapes.map((shape) => shape.name).sort();
  const found = plan.tables.map((table) => table.name).sort();
  if (wanted.join() !== found.join()) {
    throw new RestoreRefusal(
      `Die Tabellen der Sicherung (${found.join(', ')}) sind nicht die der Datenbank in ` +
        `diesem Stand (${wanted.join(', ')}).`,
    );
  }
  const position = new Map(plan.tables.map((table, index) => [table.name, index]));
  for (const shape of shapes) {
    const table = plan.tables[position.get(shape.name) ?? -1];
    if (!table || [...table.columns].sort().join() !== [...shape.columns].sort().join()) {
      throw new RestoreRefusal(`Die Spalten der Tabelle ${shape.name} passen nicht.`);
    }
    const late = shape.parents.find(
      (parent) => (position.get(parent) ?? -1) > (position.get(shape.name) ?? -1),
    );
    if (late) {
      throw new RestoreRefusal(`Die Tabelle ${shape.name} steht in der Sicherung vor ${late}.`);
    }
  }
}

/** Pass 2: every row, in one transaction. */
async function insertRows(
  db: Kysely<Database>,
  key: Buffer,
  file: string,
  plan: Plan,
  { onProgress, insertBatch }: Required<RestoreOptions>,
): Promise<void> {
  const shapes = await readTableShapes(db);
  await db.transaction().execute(async (tx) => {
    // What the migrations wrote into the empty database (the epoch in meta) is in the backup
    // as the source's migrations wrote it, or was changed there since: the backup wins.
    for (const shape of [...shapes].reverse()) {
      await sql`delete from ${sql.table(shape.name)}`.execute(tx);
    }
    const reader = new DumpReader();
    let batch: CellValue[][] = [];
    let inserted = 0;
    const flush = async (table: PlannedTable) => {
      if (batch.length === 0) return;
      await insertRowBatch(tx, table, batch);
      inserted += batch.length;
      batch = [];
      onProgress({ table: table.name, rows: inserted, of: table.rows, done: false });
    };
    for await (const line of readBackupLines(key, file)) {
      const before = reader.table;
      const row = reader.read(line);
      const table = reader.table ?? before;
      if (!table) continue;
      if (row) {
        batch.push(row);
        if (batch.length >= batchSize(table, insertBatch)) await flush(table);
      } else if (before && !reader.table) {
        // The table's end line.
        await flush(table);
        onProgress({ table: table.name, rows: inserted, of: table.rows, done: true });
        inserted = 0;
      }
    }
    const again = reader.finish();
    if (JSON.stringify(again) !== JSON.stringify(plan)) {
      throw damaged('die Datei hat sich während des Zurückspielens geändert');
    }
  });
}

function batchSize(table: PlannedTable, most: number): number {
  return Math.max(1, Math.min(most, Math.floor(MAX_PARAMETERS / table.columns.length)));
}

async function insertRowBatch(
  db: Kysely<Database>,
  table: PlannedTable,
  rows: readonly CellValue[][],
): Promise<void> {
  const columns = sql.join(table.columns.map((column) => sql.ref(column)));
  const values = sql.join(rows.map((row) => sql`(${sql.join(row)})`));
  await sql`insert into ${sql.table(table.name)} (${columns}) values ${values}`.execute(db);
}

/** Back to an empty database: every table dropped, children before their parents. */
async function dropEverything(db: Kysely<Database>): Promise<void> {
  const shapes = await readTableShapes(db);
  for (const shape of [...shapes].reverse()) {
    await db.schema.dropTable(shape.name).ifExists().execute();
  }
  for (const name of MIGRATION_TABLES) await db.schema.dropTable(name).ifExists().execute();
}
