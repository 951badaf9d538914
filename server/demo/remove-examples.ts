// Removes every example row (is_example = 1) in one step, as the README promises: staff run it
// once real data is entered. Rows become tombstones with a new version, so every device drops
// them on its next pull; themes and institutions are facts and stay. Demo people are disabled
// (not deleted: entries keep their author): nobody can sign in as them or push as them, and
// the devices they used get a reset without their entries.
import type { Kysely } from 'kysely';
import type { Database, ExampleTableName } from '../db/tables';
import { beginWrite, takeWriteLock } from '../repos/quarter-version.repo';
import { disableExampleUsers } from '../repos/user.repo';

const EXAMPLE_TABLES: ExampleTableName[] = ['activities', 'storefronts', 'opening_exceptions'];

export interface RemovedExamples {
  /** Rows tombstoned, over all quarters. */
  rows: number;
  /** Demo people disabled. */
  people: number;
}

export async function removeExampleData(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<RemovedExamples> {
  // One transaction over all quarters and tables: "examples removed" is all or nothing, never
  // an example storefront without its example exceptions, half a catalogue, or demo people
  // who can still sign in after their catalogue is gone.
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
    return { rows: removed, people: await disableExampleUsers(tx, now) };
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
