// A consistent copy of the SQLite database while the server keeps running: SQLite's online
// backup API copies page by page and restarts if a write lands meanwhile, so the copy is
// always a snapshot of one committed state (a plain `cp` of a WAL database may not be).
// The copy holds the same personal data, so it is created 0600 (its folder 0700), like the
// database itself (database.ts).
import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import { PRIVATE_FILE_MODE, preparePrivateFile } from './database';

export async function backupSqlite(sourceFile: string, targetFile: string): Promise<number> {
  const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
  try {
    preparePrivateFile(targetFile);
    const result = await source.backup(targetFile);
    chmodSync(targetFile, PRIVATE_FILE_MODE);
    return result.totalPages;
  } finally {
    source.close();
  }
}

/** `quartiersbuch-2026-11-25T14-30-00.sqlite`: sortable, and safe on every file system. */
export function backupFileName(now: Date): string {
  return `quartiersbuch-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.sqlite`;
}
