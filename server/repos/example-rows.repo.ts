// The demo's example rows (is_example = 1) of the synced tables, for `npm run demo:remove`
// (server/demo/remove-examples.ts). Themes and institutions are facts and never examples.
import type { Kysely } from 'kysely';
import type { Database, ExampleTableName } from '../db/tables';
import type { WriteContext } from './quarter-version.repo';

export const EXAMPLE_TABLES: readonly ExampleTableName[] = [
  'activities',
  'storefronts',
  'opening_exceptions',
];

/** Every quarter's id, in id order. */
export async function listQuarterIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('quarters').select('id').orderBy('id').execute();
  return rows.map((row) => row.id);
}

/** Whether the quarter has an example row that is not deleted yet, in any table. */
export async function hasLiveExamples(db: Kysely<Database>, quarterId: string): Promise<boolean> {
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

/**
 * Tombstones the live example rows of the writer's quarter with the write's version (G8), so
 * every device drops them on its next pull. Returns how many rows.
 */
export async function tombstoneExamples(w: WriteContext): Promise<number> {
  let removed = 0;
  for (const table of EXAMPLE_TABLES) {
    const result = await w.tx
      .updateTable(table as 'activities')
      .set({ deleted: 1, version: w.version, updated_at: w.updatedAt })
      .where('quarter_id', '=', w.quarterId)
      .where('is_example', '=', 1)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    removed += Number(result.numUpdatedRows);
  }
  return removed;
}
