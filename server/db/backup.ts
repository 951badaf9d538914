// A consistent copy of the SQLite database while the server keeps running: SQLite's online
// backup API copies page by page and restarts if a write lands meanwhile, so the copy is
// always a snapshot of one committed state (a plain `cp` of a WAL database may not be).
import Database from 'better-sqlite3';

export async function backupSqlite(sourceFile: string, targetFile: string): Promise<number> {
  const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
  try {
    const result = await source.backup(targetFile);
    return result.totalPages;
  } finally {
    source.close();
  }
}

/** `quartiersbuch-2026-11-25T14-30-00.sqlite`: sortable, and safe on every file system. */
export function backupFileName(now: Date): string {
  return `quartiersbuch-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.sqlite`;
}
