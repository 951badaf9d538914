// The server's SQLite connection: WAL, foreign keys, and every commit synced to disk (G2: an
// acknowledged push survives a power cut) — also when it opens a file that is already in WAL
// mode, as on every start after the first, where better-sqlite3's build would pick NORMAL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function pragmasOf(file: string) {
  const db = openDatabase({ kind: 'sqlite', file });
  try {
    const read = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0] as unknown;
    return {
      journalMode: await read('journal_mode'),
      synchronous: await read('synchronous'),
      foreignKeys: await read('foreign_keys'),
    };
  } finally {
    await db.destroy();
  }
}

it('syncs every commit (synchronous FULL) on a new file and after a restart', async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'qb-sqlite-'));
  const file = path.join(dir, 'server.sqlite');
  const expected = { journalMode: 'wal', synchronous: 2, foreignKeys: 1 };
  expect(await pragmasOf(file)).toEqual(expected);
  expect(await pragmasOf(file)).toEqual(expected);
});
