// Helpers every writer of a synced table shares: the optimistic version check (G6) and the
// reference check. Both run inside the writer's transaction after the quarter's version bump,
// which serialises writers of the quarter, so "check, then write" cannot race.
import type { Insertable, Kysely } from 'kysely';
import type { Database, SyncedTableName } from '../db/tables';
import { InvalidInputError, VersionConflictError } from '../errors';
import { writeInQuarter, type WriteContext, type WriteOptions } from './quarter-version.repo';

export interface PutOptions {
  /**
   * The version the editor saw; 0 means "this must be a new row". Omitted: last writer wins
   * (demo data, imports). Staff edits always pass it.
   */
  expectedVersion?: number;
}

interface RowState {
  version: number;
  deleted: number;
}

export async function rowState(
  w: WriteContext,
  table: SyncedTableName,
  id: string,
): Promise<RowState | undefined> {
  // All synced tables share these columns; the cast keeps Kysely from intersecting five tables.
  return w.tx
    .selectFrom(table as 'themes')
    .select(['version', 'deleted'])
    .where('quarter_id', '=', w.quarterId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function checkExpectedVersion(
  w: WriteContext,
  table: SyncedTableName,
  id: string,
  expectedVersion: number | undefined,
): Promise<void> {
  if (expectedVersion === undefined) return;
  const current = await rowState(w, table, id);
  if ((current?.version ?? 0) !== expectedVersion) {
    throw new VersionConflictError(current?.version ?? null);
  }
}

/** Refuses a write that points at a row that does not exist (or is deleted) in the quarter. */
export async function requireLive(
  w: WriteContext,
  table: SyncedTableName,
  id: string,
  what: string,
): Promise<void> {
  const current = await rowState(w, table, id);
  if (!current || current.deleted === 1) {
    throw new InvalidInputError(`${what} „${id}“ gibt es in diesem Quartier nicht.`);
  }
}

/**
 * Refuses a number another live row of the quarter's table already has: themes and topics are
 * listed and picked by number, so two with one number would be told apart by nothing. A row
 * that keeps its number passes (should imported data already hold twins, they stay editable).
 */
export async function requireFreeNumber(
  w: WriteContext,
  table: 'themes' | 'topics',
  id: string,
  number: number,
  what: string,
): Promise<void> {
  const rows = await w.tx
    .selectFrom(table as 'themes')
    .select(['id', 'name', 'number', 'deleted'])
    .where('quarter_id', '=', w.quarterId)
    .where((eb) => eb.or([eb('number', '=', number), eb('id', '=', id)]))
    .execute();
  const own = rows.find((row) => row.id === id);
  if (own?.deleted === 0 && own.number === number) return;
  const taken = rows.find((row) => row.id !== id && row.deleted === 0);
  if (taken) {
    throw new InvalidInputError(
      `Die Nummer ${number} hat schon ${what} „${taken.name}“. Bitte eine andere Nummer wählen.`,
    );
  }
}

export const toFlag = (value: boolean): 0 | 1 => (value ? 1 : 0);

/** Columns every write sets: the transaction's version, live (again), server time. */
export function stamp(w: WriteContext) {
  return { version: w.version, deleted: 0 as const, updated_at: w.updatedAt };
}

/** Row columns a writer provides; `quarter_id` and `id` come from the context and the key. */
export type RowValues<T extends SyncedTableName> = Omit<
  Insertable<Database[T]>,
  'quarter_id' | 'id'
>;

/** Inserts or replaces one row of a synced table in the writer's quarter. */
export async function writeRow<T extends SyncedTableName>(
  w: WriteContext,
  table: T,
  id: string,
  row: RowValues<T>,
): Promise<void> {
  // The caller's `row` is checked against table T above; the casts only keep Kysely from
  // intersecting the five tables' column types.
  const values = { quarter_id: w.quarterId, id, ...row } as Insertable<Database['themes']>;
  await w.tx
    .insertInto(table as 'themes')
    .values(values)
    .onConflict((oc) => oc.columns(['quarter_id', 'id']).doUpdateSet(row as never))
    .execute();
}

export type Upsert<I> = (
  db: Kysely<Database>,
  quarterId: string,
  input: I,
  options?: PutOptions & WriteOptions,
) => Promise<number>;

/** Turns a `put*` into a one-row write: one transaction, one new version (returned). */
export function upsertWith<I>(
  put: (w: WriteContext, input: I, options: PutOptions) => Promise<void>,
): Upsert<I> {
  return (db, quarterId, input, options = {}) =>
    writeInQuarter(
      db,
      quarterId,
      async (w) => {
        await put(w, input, options);
        return w.version;
      },
      options,
    );
}
