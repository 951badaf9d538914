// `npm run backup [-- <folder>]`: an encrypted backup of the configured database (the SQLite
// file in DATA_DIR, or PostgreSQL at DATABASE_URL) into <folder> (default DATA_DIR/backups),
// while the server may keep running. The key comes from BACKUP_KEY or BACKUP_KEY_FILE; without
// one nothing is written. `npm run backup -- --new-key` prints a fresh key. Progress goes to
// stderr, the result to stdout. Exit codes: 0 written, 2 configuration or input (German
// message), 1 anything else. Format and restore: backup.ts, restore.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadBackupKey, loadConfig } from '../config';
import { printable } from '../console-text';
import { backupFileName, progressOnStderr, writeBackup } from './backup';
import { newBackupKey } from './backup-cipher';
import { openDatabase } from './database';

const NO_KEY = `Kein Schlüssel für Sicherungen eingestellt, darum wurde keine Sicherung geschrieben.
Sicherungen enthalten die Namen, Telefonnummern und Notizen aller Gesprächspersonen; sie werden
deshalb immer verschlüsselt. So richten Sie einen Schlüssel ein:
  1. npm run backup -- --new-key   erzeugt einen neuen Schlüssel.
  2. Tragen Sie ihn als BACKUP_KEY in die Umgebung des Servers ein (oder in eine Datei, die
     nur der Benutzer des Servers lesen darf, und deren Pfad als BACKUP_KEY_FILE).
  3. Bewahren Sie ihn zusätzlich an einem sicheren Ort auf, aber nicht bei den Sicherungen.`;

process.exitCode = await main(process.argv.slice(2));

async function main(argv: string[]): Promise<number> {
  let args: { newKey: boolean; folder: string | undefined };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { 'new-key': { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length > 1) return fail('Bitte höchstens einen Ordner angeben.');
    args = { newKey: values['new-key'] === true, folder: positionals[0] };
  } catch {
    return fail('Unbekannte Option. Verwendung: npm run backup [-- <Ordner>] oder -- --new-key');
  }
  if (args.newKey) {
    console.log(newKeyText(newBackupKey()));
    return 0;
  }

  let key: Buffer | undefined;
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
    key = loadBackupKey(process.env);
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  if (!key) return fail(NO_KEY);
  if (config.database.kind === 'sqlite' && !existsSync(config.database.file)) {
    return fail(
      `Keine Datenbank gefunden unter ${printable(config.database.file)} (DATA_DIR). ` +
        'Nichts zu sichern.',
    );
  }

  const folder = args.folder ?? path.join(config.dataDir, 'backups');
  const target = path.join(folder, backupFileName(new Date()));
  const db = openDatabase(config.database);
  try {
    console.error('Sicherung läuft …');
    const { tables, rows } = await writeBackup(db, key, target, {
      onProgress: progressOnStderr(),
    });
    console.log(
      `Sicherung geschrieben: ${printable(target)} (${tables} Tabellen, ${rows} Zeilen, ` +
        'verschlüsselt)',
    );
    return 0;
  } catch (err) {
    console.error('Sicherung fehlgeschlagen:', err instanceof Error ? err.message : err);
    return 1;
  } finally {
    await db.destroy();
  }
}

function newKeyText(key: string): string {
  return `Neuer Schlüssel für Sicherungen (geheim halten):

  ${key}

Eintragen als BACKUP_KEY=${key} in die Umgebung des Servers, oder in eine Datei,
die nur der Benutzer des Servers lesen darf (chmod 600), deren Pfad dann in BACKUP_KEY_FILE steht.
Bewahren Sie den Schlüssel zusätzlich an einem zweiten sicheren Ort auf (Passwort-Manager oder
ausgedruckt im Tresor) – aber nicht neben den Sicherungen: wer beides hat, kann die Sicherungen
lesen. Ohne den Schlüssel lässt sich keine damit geschriebene Sicherung zurückspielen.
Ein neuer Schlüssel gilt nur für neue Sicherungen; ältere brauchen weiterhin den alten.`;
}

function fail(message: string): number {
  console.error(message);
  return 2;
}
