// Server-wide key/value facts. Today only the epoch: a random id created with the database
// (migration 0001), so cookies from a previous database are recognised and answered with a reset.
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';

export async function getEpoch(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'epoch')
    .executeTakeFirst();
  if (!row) throw new Error('meta.epoch fehlt: die Datenbank ist nicht migriert.');
  return row.value;
}
