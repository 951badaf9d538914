// Quarters (tenants). Every other row belongs to exactly one; the quarter row also carries the
// change counter that orders all of its writes (see quarter-version.repo.ts).
import type { Kysely } from 'kysely';
import type { Database, QuartersTable } from '../db/tables';

export type Quarter = Pick<QuartersTable, 'id' | 'name' | 'version' | 'tombstone_horizon'>;

export interface NewQuarter {
  id: string;
  name: string;
}

/**
 * Creates a quarter at version 0. Returns false (and changes nothing) when the id exists, so
 * two server instances seeding the same empty database at once cannot create it twice.
 */
export async function createQuarter(
  db: Kysely<Database>,
  quarter: NewQuarter,
  now: Date = new Date(),
): Promise<boolean> {
  const at = now.toISOString();
  const inserted = await db
    .insertInto('quarters')
    .values({ ...quarter, version: 0, tombstone_horizon: 0, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findQuarter(db: Kysely<Database>, id: string): Promise<Quarter | undefined> {
  return db
    .selectFrom('quarters')
    .select(['id', 'name', 'version', 'tombstone_horizon'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The quarter a single-neighbourhood server serves when a request names none. */
export async function findFirstQuarter(db: Kysely<Database>): Promise<Quarter | undefined> {
  return db
    .selectFrom('quarters')
    .select(['id', 'name', 'version', 'tombstone_horizon'])
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export async function countQuarters(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('quarters')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  // PostgreSQL returns count(*) as a bigint string, SQLite as a number.
  return Number(row.count);
}
