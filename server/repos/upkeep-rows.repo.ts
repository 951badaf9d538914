// Single reference rows as the staff screens edit them (issue 10): the live row of a synced
// table by id, mapped to its protocol shape (row-mappers.ts), and the quarter's storefront.
// Read inside the editing transaction (after `beginWrite`, so no writer of the quarter can
// slip in between the read and the write), or on their own for a conflict's "now saved" row.
import type { Kysely, Transaction } from 'kysely';
import type {
  Activity,
  Institution,
  OpeningException,
  Storefront,
  Theme,
  Topic,
} from '../../src/shared/catalogue';
import {
  toActivity,
  toInstitution,
  toOpeningException,
  toStorefront,
  toTheme,
  toTopic,
} from '../db/row-mappers';
import type { Database, SyncedTableName } from '../db/tables';

type Executor = Kysely<Database> | Transaction<Database>;

/** Each synced table's rows as the protocol carries them. */
export interface UpkeepRows {
  themes: Theme;
  institutions: Institution;
  activities: Activity;
  storefronts: Storefront;
  opening_exceptions: OpeningException;
  topics: Topic;
}

const MAPPERS: { [T in SyncedTableName]: (row: Database[T]) => UpkeepRows[T] } = {
  themes: toTheme,
  institutions: toInstitution,
  activities: toActivity,
  storefronts: toStorefront,
  opening_exceptions: toOpeningException,
  topics: toTopic,
};

/** The live row `id` of the quarter; undefined when there is none (or it is deleted). */
export async function findLiveRow<T extends SyncedTableName>(
  db: Executor,
  quarterId: string,
  table: T,
  id: string,
): Promise<UpkeepRows[T] | undefined> {
  // All synced tables share these columns; the cast keeps Kysely from intersecting six tables.
  const row = await db
    .selectFrom(table as 'themes')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row === undefined ? undefined : MAPPERS[table](row as unknown as Database[T]);
}

/** Whether the quarter ever had the row `id`, live or as a tombstone. */
export async function rowEverExisted(
  db: Executor,
  quarterId: string,
  table: SyncedTableName,
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom(table as 'themes')
    .select('id')
    .where('quarter_id', '=', quarterId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The quarter's storefront: the staff screens keep one. Should a quarter have more (imported
 * data), the one with the lowest id (compared in JS, not by the database's collation, so both
 * dialects pick the same), so every request means the same one.
 */
export async function findStorefront(
  db: Executor,
  quarterId: string,
): Promise<Storefront | undefined> {
  const rows = await db
    .selectFrom('storefronts')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('deleted', '=', 0)
    .execute();
  const first = rows.reduce<(typeof rows)[number] | undefined>(
    (best, row) => (best === undefined || row.id < best.id ? row : best),
    undefined,
  );
  return first === undefined ? undefined : toStorefront(first);
}
