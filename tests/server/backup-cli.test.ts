// `npm run backup` and `npm run restore` as real child processes (through tsx, as npm runs
// them), on SQLite; few runs, each is a process start. Without a key the backup refuses and
// says how to make one; `--new-key` prints one, which then works; the backup lands 0600 in a
// new folder 0700 even under a lax umask, with progress on stderr; a restore into a database
// that is not empty is refused (exit 2), with a wrong key too, leaving no file behind; into a
// new DATA_DIR it succeeds, with the key from a file. In depth, on both databases:
// backup.test.ts.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { seedDemoData } from '../../server/demo/seed';
import { runScript } from './support/server-process';

const BACKUP = 'server/db/backup.cli.ts';
const RESTORE = 'server/db/restore.cli.ts';
const modeOf = (path: string) => statSync(path).mode & 0o777;

let root: string;
let umask: number;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'qb-backup-cli-'));
  umask = process.umask(0o000);
});
afterEach(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

async function partnerNames(dataDir: string): Promise<string[]> {
  const db = openDatabase({ kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) });
  try {
    const rows = await db
      .selectFrom('entries')
      .select('fields')
      .where('kind', '=', 'partner')
      .execute();
    return rows.map((row) => (JSON.parse(row.fields) as { name: string }).name).sort();
  } finally {
    await db.destroy();
  }
}

it(
  'refuses without a key, makes one, backs up with it and restores into a new DATA_DIR',
  { timeout: 120_000 },
  async () => {
    const dataDir = join(root, 'daten');
    const db = openDatabase({ kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) });
    await migrateToLatest(db);
    await seedDemoData(db);
    await db.destroy();
    const partners = await partnerNames(dataDir);
    expect(partners.length).toBeGreaterThan(0);

    const [noKey, newKey] = await Promise.all([
      runScript(BACKUP, { DATA_DIR: dataDir }),
      runScript(BACKUP, { DATA_DIR: dataDir }, ['--new-key']),
    ]);
    expect(noKey.code, noKey.stderr).toBe(2);
    expect(noKey.stderr).toContain('Kein Schlüssel für Sicherungen eingestellt');
    expect(noKey.stderr).toContain('npm run backup -- --new-key');
    expect(noKey.stdout).toBe('');
    expect(existsSync(join(dataDir, 'backups'))).toBe(false);
    expect(newKey.code, newKey.stderr).toBe(0);
    expect(newKey.stdout).toContain('nicht neben den Sicherungen');
    const key = /^ {2}([A-Za-z0-9+/]{43}=)$/m.exec(newKey.stdout)?.[1] ?? '';
    expect(Buffer.from(key, 'base64')).toHaveLength(32);

    const folder = join(root, 'sicherungen');
    const keyFile = join(root, 'schluessel');
    writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
    const [backup, intoFull] = await Promise.all([
      runScript(BACKUP, { DATA_DIR: dataDir, BACKUP_KEY: key }, [folder]),
      // The source database is not empty: refused before the file is even read.
      runScript(RESTORE, { DATA_DIR: dataDir, BACKUP_KEY: key }, [keyFile]),
    ]);
    expect(backup.code, backup.stderr).toBe(0);
    const written = /^Sicherung geschrieben: (.+\.qbbackup) \(\d+ Tabellen, \d+ Zeilen/m.exec(
      backup.stdout,
    )?.[1];
    expect(written).toBeDefined();
    expect(backup.stderr).toMatch(/^ {2}quarters: 1 Zeile$/m);
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(written ?? '')).toBe(0o600);
    expect(intoFull.code, intoFull.stderr).toBe(2);
    expect(intoFull.stderr).toContain('Die Datenbank ist nicht leer');
    expect(intoFull.stderr).toContain('DATA_DIR auf einen neuen, leeren Ordner');
    expect(await partnerNames(dataDir)).toEqual(partners);

    const newDir = join(root, 'neu');
    const wrongKeyDir = join(root, 'falsch');
    const [restored, wrongKey] = await Promise.all([
      runScript(RESTORE, { DATA_DIR: newDir, BACKUP_KEY_FILE: keyFile }, [written ?? '']),
      runScript(
        RESTORE,
        { DATA_DIR: wrongKeyDir, BACKUP_KEY: randomBytes(32).toString('base64') },
        [written ?? ''],
      ),
    ]);
    // Refused, and not even an empty database file (nor its folder) is left behind.
    expect(wrongKey.code, wrongKey.stderr).toBe(2);
    expect(wrongKey.stderr).toContain('Der Schlüssel passt nicht zu dieser Sicherung');
    expect(existsSync(wrongKeyDir)).toBe(false);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('Zurückgespielt: die Sicherung vom');
    expect(restored.stderr).toMatch(/^ {2}entries: (\d+) von \1 Zeilen$/m);
    expect(await partnerNames(newDir)).toEqual(partners);
  },
);
