// Server-wide key/value facts. Today only the epoch: a random id created with the database
// (migration 0001), so cookies from a previous database are recognised and answered with a reset.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
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

export function newEpoch(): string {
  return randomBytes(8).toString('hex');
}

/**
 * Replaces the epoch, but only if it is still `current` (compare-and-set, so two requests that
 * notice the same thing rotate it once). Every device then gets a full reset on its next pull.
 */
export async function rotateEpoch(db: Kysely<Database>, current: string): Promise<void> {
  await db
    .updateTable('meta')
    .set({ value: newEpoch() })
    .where('key', '=', 'epoch')
    .where('value', '=', current)
    .execute();
}

/** Throws when the database does not answer (the health check). */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
