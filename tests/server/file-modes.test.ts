// The SQLite database holds notes about vulnerable people: the file, its -wal and -shm, and
// every backup are readable by the server's user only (0600), the data folder 0700 — even under
// a lax umask, and for a file an older version left world-readable.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { backupFileName, writeBackup } from '../../server/db/backup';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';

const modeOf = (path: string) => statSync(path).mode & 0o777;

let root: string;
let umask: number;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'qb-modes-'));
  // As lax as it gets: without explicit modes everything would be world-readable/writable.
  umask = process.umask(0o000);
});
afterEach(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

it('creates the database 0600 (with -wal and -shm) in a data folder 0700', async () => {
  const dataDir = join(root, 'data', 'nested');
  const file = join(dataDir, 'quartiersbuch.sqlite');
  const db = openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(db);
  expect(modeOf(join(root, 'data'))).toBe(0o700);
  expect(modeOf(dataDir)).toBe(0o700);
  expect(modeOf(file)).toBe(0o600);
  expect(modeOf(`${file}-wal`)).toBe(0o600);
  expect(modeOf(`${file}-shm`)).toBe(0o600);
  await db.destroy();
});

it('narrows a database file an older version left world-readable', async () => {
  const file = join(root, 'old.sqlite');
  writeFileSync(file, '');
  chmodSync(file, 0o644);
  const db = openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(db);
  expect(modeOf(file)).toBe(0o600);
  await db.destroy();
});

it('writes backups 0600 into a new folder 0700', async () => {
  const file = join(root, 'data', 'quartiersbuch.sqlite');
  const db = openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(db);
  const folder = join(root, 'sicherungen');
  const target = join(folder, backupFileName(new Date('2030-01-01T00:00:00Z')));
  await writeBackup(db, randomBytes(32), target);
  await db.destroy();
  expect(modeOf(folder)).toBe(0o700);
  expect(modeOf(target)).toBe(0o600);
  // `npm run backup` writes through the same function: backup-cli.test.ts.
});
