// The online backup is a complete, openable copy, even while the server's connection is open.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { backupFileName, backupSqlite } from '../../server/db/backup';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { seedDemoData } from '../../server/demo/seed';

it('copies the live SQLite database into a file that opens with the same rows', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qb-backup-'));
  const file = path.join(dir, 'live.sqlite');
  const db = openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(db);
  await seedDemoData(db);
  const target = path.join(dir, backupFileName(new Date('2026-11-25T14:30:00Z')));
  expect(path.basename(target)).toBe('quartiersbuch-2026-11-25T14-30-00.sqlite');
  expect(await backupSqlite(file, target)).toBeGreaterThan(0);
  await db.destroy();
  const copy = new Database(target, { readonly: true });
  const count = (table: string) =>
    (copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  expect(count('activities')).toBe(18);
  expect(count('themes')).toBe(5);
  copy.close();
});
