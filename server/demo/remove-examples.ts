// Removes every example row (is_example = 1) in one step, as the README promises: staff run it
// once real data is entered. Rows become tombstones with a new version, so every device drops
// them on its next pull; themes and institutions are facts and stay. Demo people are disabled
// (not deleted: entries keep their author): nobody can sign in as them or push as them, and
// the devices they used get a reset without their entries.
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';
import { hasLiveExamples, listQuarterIds, tombstoneExamples } from '../repos/example-rows.repo';
import { beginWrite, takeWriteLock } from '../repos/quarter-version.repo';
import { disableExampleUsers } from '../repos/user.repo';

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
    let removed = 0;
    for (const quarterId of await listQuarterIds(tx)) {
      if (!(await hasLiveExamples(tx, quarterId))) continue;
      removed += await tombstoneExamples(await beginWrite(tx, quarterId, now));
    }
    return { rows: removed, people: await disableExampleUsers(tx, now) };
  });
}
