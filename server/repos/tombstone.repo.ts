// Deletes (G8). A delete is a tombstone: the row stays with deleted = 1 and a new version, so
// the next pull of every device lists its id under `deleted`. Tombstones are purged later;
// devices whose cookie is older than the purge get a full reset instead (see pull.service.ts).
import type { Kysely } from 'kysely';
import type { ReferenceTable } from '../../src/shared/protocol';
import type { Database, SyncedTableName } from '../db/tables';
import { writeInQuarter, type WriteContext, type WriteOptions } from './quarter-version.repo';
import { SQL_TABLE } from '../db/reference-tables';
import { checkExpectedVersion, type PutOptions } from './synced-row.repo';

/** Tombstones one live row; returns how many rows it tombstoned (0 when already gone). */
export async function tombstoneRow(
  w: WriteContext,
  table: SyncedTableName,
  id: string,
  options: PutOptions = {},
): Promise<number> {
  await checkExpectedVersion(w, table, id, options.expectedVersion);
  let count = await tombstoneWhere(w, table, 'id', id);
  // A storefront's exceptions go with it, in the same transaction: a device must never hold
  // exceptions whose storefront it has already deleted.
  if (table === 'storefronts')
    count += await tombstoneWhere(w, 'opening_exceptions', 'storefront_id', id);
  return count;
}

async function tombstoneWhere(
  w: WriteContext,
  table: SyncedTableName,
  column: 'id' | 'storefront_id',
  value: string,
): Promise<number> {
  // All synced tables share the columns used here; the cast keeps Kysely's types simple.
  const result = await w.tx
    .updateTable(table as 'opening_exceptions')
    .set({ deleted: 1, version: w.version, updated_at: w.updatedAt })
    .where('quarter_id', '=', w.quarterId)
    .where(column, '=', value)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** One-row delete in its own transaction. Returns how many rows were tombstoned. */
export async function softDelete(
  db: Kysely<Database>,
  quarterId: string,
  table: ReferenceTable,
  id: string,
  options: PutOptions & WriteOptions = {},
): Promise<number> {
  return writeInQuarter(
    db,
    quarterId,
    (w) => tombstoneRow(w, SQL_TABLE[table], id, options),
    options,
  );
}

/**
 * Hard-deletes the quarter's tombstones with version ≤ `uptoVersion` (capped at the head) and
 * raises its tombstone horizon to match. Atomic: were the horizon raised after the delete
 * committed, a pull in between could answer an old cookie incrementally without the purged
 * tombstones, and that device would keep deleted rows forever. Returns rows removed.
 */
export async function purgeTombstones(
  db: Kysely<Database>,
  quarterId: string,
  uptoVersion: number,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    // A no-op UPDATE first takes the quarter row's lock (as beginWrite does), so no writer of
    // this quarter commits between reading the head and raising the horizon.
    const quarter = await tx
      .updateTable('quarters')
      .set((eb) => ({ tombstone_horizon: eb.ref('tombstone_horizon') }))
      .where('id', '=', quarterId)
      .returning(['version', 'tombstone_horizon'])
      .executeTakeFirst();
    if (!quarter) return 0;
    const horizon = Math.max(quarter.tombstone_horizon, Math.min(uptoVersion, quarter.version));
    let removed = 0;
    for (const table of Object.values(SQL_TABLE)) {
      const result = await tx
        .deleteFrom(table as 'themes')
        .where('quarter_id', '=', quarterId)
        .where('deleted', '=', 1)
        .where('version', '<=', horizon)
        .executeTakeFirst();
      removed += Number(result.numDeletedRows);
    }
    await tx
      .updateTable('quarters')
      .set({ tombstone_horizon: horizon })
      .where('id', '=', quarterId)
      .execute();
    return removed;
  });
}
