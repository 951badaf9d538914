// One write transaction in plain IndexedDB, for the path whose wait people feel: "Speichern"
// and "Änderung speichern" on a form (src/db/entries.ts, `saveEntry` and `updateEntry`). On a
// slow tablet Dexie's own transaction machinery (its promises, middleware, the live-query work
// it does inside the commit) took most of the 50 ms a save may take (docs/benchmarks.md). Same
// rules as every other write here: one transaction with the outbox row (G1), strict durability
// where the browser offers it. Once it has committed and the caller's next frame is painted
// ("Gespeichert" first), Dexie's live queries are told which keys changed through Dexie's
// documented `storagemutated` event, as Dexie tells them of its own writes (other tabs hear of
// it too). That needs Dexie's query cache off (src/db/db.ts): a rerun query must read the
// database, not a cached answer. Callbacks, not promises, inside the transaction: an old engine
// may commit a transaction while a promise's continuation is still waiting.
import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import { afterPaint } from '../shared/after-paint';

/** One request of the transaction: a row added (fails if its key exists) or put, or a key deleted. */
export type DirectWrite =
  | { table: string; add: object }
  | { table: string; put: object }
  | { table: string; delete: string };

export interface DirectTransaction<T> {
  /** Reads one row by key; `then` runs inside the transaction with the row or undefined. */
  get(table: string, key: string, then: (row: unknown) => void): void;
  write(write: DirectWrite): void;
  /** What the write resolves with once the transaction has committed. */
  done(result: T): void;
  /**
   * No more requests: asks the browser to commit now rather than once every request's answer
   * has come back to the page (which waits behind the page's next frame). Where the browser
   * lacks `commit()` (before Chrome 76, Safari 15), the transaction commits by itself then.
   */
  commit(): void;
}

/**
 * Runs `body` in one readwrite transaction over `tables` of `db` and resolves with what it
 * passed to `done` once the transaction has committed; rejects, with nothing written, when any
 * request fails or `body` (or a `get` callback) throws.
 */
export async function writeDirect<T>(
  db: Dexie,
  tables: readonly string[],
  body: (tx: DirectTransaction<T>) => void,
): Promise<T> {
  if (!db.isOpen()) await db.open();
  const writes: DirectWrite[] = [];
  const result = await new Promise<T>((resolve, reject) => {
    const tx = db.backendDB().transaction([...tables], 'readwrite', { durability: 'strict' });
    let value: T | undefined;
    let failure: unknown;
    const guard = (run: () => void) => {
      try {
        run();
      } catch (error) {
        failure = error;
        tx.abort();
      }
    };
    tx.oncomplete = () => resolve(value as T);
    tx.onabort = () => reject(failure ?? tx.error ?? new Error('IndexedDB transaction aborted'));
    guard(() =>
      body({
        get: (table, key, then) => {
          const request = tx.objectStore(table).get(key);
          request.onsuccess = () => guard(() => then(request.result));
        },
        write: (write) => {
          const store = tx.objectStore(write.table);
          if ('add' in write) store.add(write.add);
          else if ('put' in write) store.put(write.put);
          else store.delete(write.delete);
          writes.push(write);
        },
        done: (done) => (value = done),
        commit: () => (tx as { commit?: () => void }).commit?.(),
      }),
    );
  });
  afterPaint(() => {
    // Reported, not thrown: the entry is saved either way (and a test's page may be gone).
    // Worked out here, not before: the caller's "saved" comes first.
    try {
      Dexie.on('storagemutated').fire(changedParts(db, writes));
    } catch (error) {
      console.error('Live-Abfragen nicht benachrichtigt', error);
    }
  });
  return result;
}

/**
 * What Dexie's live queries need to know, built as Dexie builds it for its own writes: every
 * written or deleted key, and the indexed values of each written row.
 */
export function changedParts(db: Dexie, writes: readonly DirectWrite[]): ObservabilitySet {
  const parts: Record<string, RangeSet> = {};
  const part = (table: string, index: string) =>
    (parts[`idb://${db.name}/${table}/${index}`] ??= new RangeSet());
  for (const write of writes) {
    const schema = db.table(write.table).core.schema;
    const row = 'add' in write ? write.add : 'put' in write ? write.put : undefined;
    const key: unknown = row
      ? schema.primaryKey.extractKey?.(row)
      : (write as { delete: string }).delete;
    part(write.table, '').addKey(key as string);
    part(write.table, ':dels').addKey(key as string);
    if (!row) continue;
    for (const index of schema.indexes) {
      const value: unknown = index.extractKey?.(row);
      if (value === undefined || value === null) continue;
      const set = part(write.table, index.name ?? '');
      if (index.multiEntry && Array.isArray(value)) set.addKeys(value as string[]);
      else set.addKey(value as string);
    }
  }
  return parts;
}
