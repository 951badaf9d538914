// Staff's resolution of an entry's conflict flag (issue 10). The merge rule (G6) only ever sets
// `entries.conflict` (entry.repo.ts `writeEntryFields`); clearing it is a change of the entry
// like any other: it gets the transaction's version, so every device that holds the entry pulls
// `conflict: false` with it. The resolution is also written into the entry's history as a
// change of the field `conflict` (true → false) by the staff member, so the history shows who
// resolved when, and "values lost since the last resolution" is simply "conflict rows after the
// latest such row". `conflict` is an entry meta key no kind may use as a field
// (ENTRY_META_KEYS), so the row can never be mistaken for a field's change.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, EntriesTable } from '../db/tables';
import type { WriteContext } from './quarter-version.repo';

/** The history's name for a resolution (see above). */
export const RESOLVED_FIELD = 'conflict';

/** An entry for staff's history view: with its author's name and its device's label. */
export type StaffEntryRow = EntriesTable & { author_name: string; device_label: string };

/** The entry of the quarter (deleted or not), or undefined. */
export async function readStaffEntry(
  db: Kysely<Database>,
  quarterId: string,
  id: string,
): Promise<StaffEntryRow | undefined> {
  const row = await db
    .selectFrom('entries as e')
    .leftJoin('users as u', 'u.id', 'e.author_user_id')
    .leftJoin('devices as d', 'd.id', 'e.device_id')
    .selectAll('e')
    .select(['u.name as author_name', 'd.label as device_label'])
    .where('e.quarter_id', '=', quarterId)
    .where('e.id', '=', id)
    .executeTakeFirst();
  return (
    row && { ...row, author_name: row.author_name ?? '', device_label: row.device_label ?? '' }
  );
}

/** Clears the flag with the transaction's version (devices pull it); false when it was not set. */
export async function clearEntryConflict(w: WriteContext, id: string): Promise<boolean> {
  const result = await w.tx
    .updateTable('entries')
    .set({ conflict: 0, version: w.version, updated_at: w.updatedAt })
    .where('quarter_id', '=', w.quarterId)
    .where('id', '=', id)
    .where('conflict', '=', 1)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The history row of a resolution. Its own client id (one per resolution, seq 1) keeps the
 * history's key (client_id, seq, field) unique without a sequence of the staff screens.
 */
export async function recordConflictResolved(
  w: WriteContext,
  entryId: string,
  by: { authorId: string; deviceId: string },
): Promise<void> {
  await w.tx
    .insertInto('entry_history')
    .values({
      quarter_id: w.quarterId,
      entry_id: entryId,
      field: RESOLVED_FIELD,
      old_value: 'true',
      new_value: 'false',
      version: w.version,
      author_user_id: by.authorId,
      device_id: by.deviceId,
      client_id: `resolve-${randomUUID()}`,
      seq: 1,
      conflict: 0,
      recorded_at: w.updatedAt,
    })
    .execute();
}
