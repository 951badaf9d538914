// `npm run restore -- <file>`: restores a backup of `npm run backup` into the configured
// database (the SQLite file in DATA_DIR, or PostgreSQL at DATABASE_URL), which must be empty:
// a new DATA_DIR, or a new PostgreSQL database. A backup of either database restores into
// either. Needs the key the backup was written with (BACKUP_KEY or BACKUP_KEY_FILE). Stop the
// server first. Either everything is restored or the database stays empty (restore.ts).
// Progress goes to stderr, the result to stdout. Exit codes: 0 restored, 2 refused (wrong
// key, damaged file, database not empty, backup of a newer version; German message, nothing
// changed), 1 failed while writing (German message; the database is empty again).
import { existsSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadBackupKey, loadConfig, type DatabaseConfig } from '../config';
import { formatDateTime, printable } from '../console-text';
import { progressOnStderr } from './backup';
import { BackupFileError } from './backup-cipher';
import { openDatabase } from './database';
import { DatabaseNotEmpty, restoreBackup, RestoreFailure, RestoreRefusal } from './restore';

const USAGE = 'Verwendung: npm run restore -- <Sicherungsdatei>';

process.exitCode = await main(process.argv.slice(2));

async function main(argv: string[]): Promise<number> {
  let file: string | undefined;
  try {
    const { positionals } = parseArgs({ args: argv, options: {}, allowPositionals: true });
    if (positionals.length !== 1) return fail(`Bitte genau eine Sicherungsdatei angeben. ${USAGE}`);
    file = positionals[0] ?? '';
  } catch {
    return fail(`Unbekannte Option. ${USAGE}`);
  }
  let config: ReturnType<typeof loadConfig>;
  let key: Buffer | undefined;
  try {
    config = loadConfig(process.env);
    key = loadBackupKey(process.env);
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  if (!key) {
    return fail(
      'Kein Schlüssel eingestellt. Bitte den Schlüssel, mit dem die Sicherung geschrieben ' +
        'wurde, als BACKUP_KEY setzen (oder den Pfad einer Datei mit ihm als BACKUP_KEY_FILE).',
    );
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    return fail(`Die Sicherungsdatei ${printable(file)} gibt es nicht.`);
  }

  // Opening a SQLite database creates its file (and DATA_DIR): gone again unless restored.
  const created = config.database.kind === 'sqlite' ? newFiles(config.database.file) : [];
  // Not when the database was found not empty: then someone else made it meanwhile.
  const { code, notEmpty } = await restore(config.database, key, file);
  if (code !== 0 && !notEmpty) removeEmpty(created);
  return code;
}

async function restore(
  database: DatabaseConfig,
  key: Buffer,
  file: string,
): Promise<{ code: number; notEmpty?: boolean }> {
  const db = openDatabase(database);
  try {
    console.error(`Sicherung wird zurückgespielt in ${where(database)} …`);
    const result = await restoreBackup(db, key, file, {
      onProgress: progressOnStderr(),
    });
    console.log(
      `Zurückgespielt: die Sicherung vom ${formatDateTime(result.head.createdAt)} ` +
        `(${result.tables} Tabellen, ${result.rows} Zeilen) in ${where(database)}.`,
    );
    if (result.upgraded.length > 0) {
      console.log(
        `Sie stammt von einer älteren Version; die Datenbank ist auf den neuesten Stand ` +
          `gebracht (${result.upgraded.join(', ')}).`,
      );
    }
    console.log('Jetzt kann der Server starten (npm start).');
    return { code: 0 };
  } catch (err) {
    if (err instanceof DatabaseNotEmpty) {
      return { code: fail(`${err.message} ${emptyHint(database)}`), notEmpty: true };
    }
    if (err instanceof RestoreRefusal || err instanceof BackupFileError) {
      return { code: fail(err.message) };
    }
    if (err instanceof RestoreFailure) {
      console.error(err.message);
      return { code: 1 };
    }
    console.error('Zurückspielen fehlgeschlagen:', err instanceof Error ? err.message : err);
    return { code: 1 };
  } finally {
    await db.destroy();
  }
}

/** Of the SQLite file, its -wal and -shm, and the folders above it: those not there yet. */
function newFiles(file: string): string[] {
  const paths = [`${file}-wal`, `${file}-shm`, file];
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) paths.push(dir);
  return paths.filter((path) => !existsSync(path));
}

/** Removes what `newFiles` listed, files first; a folder only while it is empty. */
function removeEmpty(paths: readonly string[]): void {
  for (const path of paths) {
    try {
      if (statSync(path).isDirectory()) rmdirSync(path);
      else unlinkSync(path);
    } catch {
      // Not created after all, or a folder something else wrote into: left alone.
    }
  }
}

/** The target, for messages: a PostgreSQL URL without its password. */
function where(database: DatabaseConfig): string {
  if (database.kind === 'sqlite') return printable(database.file);
  const url = new URL(database.url);
  url.password = '';
  return printable(url.toString());
}

function emptyHint(database: DatabaseConfig): string {
  return database.kind === 'sqlite'
    ? 'Für eine neue Datenbank DATA_DIR auf einen neuen, leeren Ordner setzen.'
    : 'Bitte eine neue, leere Datenbank anlegen (createdb) und DATABASE_URL auf sie zeigen lassen.';
}

function fail(message: string): number {
  console.error(message);
  return 2;
}
