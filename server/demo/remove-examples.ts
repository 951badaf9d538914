// Removes every example row (is_example = 1) in one step, as DOMAIN.md promises: staff run it
// once real data is entered. Rows become tombstones with a new version, so every device drops
// them on its next pull; themes and institutions are facts and stay.
import type { Kysely } from 'kysely';
import type { Database, ExampleTableName } from '../db/tables';
import { beginWrite, takeWriteLock } from '../repos/quarter-version.repo';

const EXAMPLE_TABLES: ExampleTableName[] = ['activities', 'storefronts', 'opening_exceptions'];

/** Returns how many rows it tombstoned, over all quarters. */
export async function removeExampleData(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<number> {
  // One transaction over all quarters and tables: "examples removed" is all or nothing, never
  // an example storefront without its example exceptions, or half a catalogue.
  return db.transaction().execute(async (tx) => {
    await takeWriteLock(tx);
    const quarters = await tx.selectFrom('quarters').select('id').orderBy('id').execute();
    let removed = 0;
    for (const { id: quarterId } of quarters) {
      if (!(await hasLiveExamples(tx, quarterId))) continue;
      const w = await beginWrite(tx, quarterId, now);
      for (const table of EXAMPLE_TABLES) {
        const result = await tx
          .updateTable(table as 'activities')
          .set({ deleted: 1, version: w.version, updated_at: w.updatedAt })
          .where('quarter_id', '=', quarterId)
          .where('is_example', '=', 1)
          .where('deleted', '=', 0)
          .executeTakeFirst();
        removed += Number(result.numUpdatedRows);
      }
    }
    return removed;
  });
}

async function hasLiveExamples(db: Kysely<Database>, quarterId: string): Promise<boolean> {
  for (const table of EXAMPLE_TABLES) {
    const row = await db
      .selectFrom(table as 'activities')
      .select('id')
      .where('quarter_id', '=', quarterId)
      .where('is_example', '=', 1)
      .where('deleted', '=', 0)
      .limit(1)
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}
