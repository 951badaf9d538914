// Reads of the server's `entries` table for assertions, one row per entry with its `fields`
// JSON spread out: the columns keep their SQL names (`author_user_id`, `deleted`: 0/1), the
// kind's own fields their protocol names (`note`, `durationMinutes`, `reached`: a boolean).
// Straight SQL, not the repositories: a test must see what is really stored.
import type { Kysely, Selectable } from 'kysely';
import type { Database, EntriesTable } from '../../../server/db/tables';
import type { EntryKindName } from '../../../src/shared/entry-kinds';

export type StoredEntry = Omit<Selectable<EntriesTable>, 'fields'> & Record<string, unknown>;

function flatten(row: Selectable<EntriesTable>): StoredEntry {
  const { fields, ...columns } = row;
  return { ...(JSON.parse(fields) as Record<string, unknown>), ...columns };
}

/** Every stored entry (of `kind`, if given), live or deleted, by id. */
export async function storedEntries(
  db: Kysely<Database>,
  kind?: EntryKindName,
): Promise<StoredEntry[]> {
  const rows = await db
    .selectFrom('entries')
    .selectAll()
    .$if(kind !== undefined, (qb) => qb.where('kind', '=', kind ?? ''))
    .orderBy('id')
    .execute();
  return rows.map(flatten);
}

/** The stored entry `id` (of any quarter and kind); fails the test when there is none. */
export async function storedEntry(db: Kysely<Database>, id: string): Promise<StoredEntry> {
  const row = await db.selectFrom('entries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new Error(`no entry ${id} stored`);
  return flatten(row);
}

/** The ids of every stored entry (of `kind`, if given), live or deleted, sorted. */
export async function storedEntryIds(
  db: Kysely<Database>,
  kind?: EntryKindName,
): Promise<string[]> {
  return (await storedEntries(db, kind)).map((entry) => entry.id);
}
