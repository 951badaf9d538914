// Sign-in that withstands guessing (issue 7): wrong PINs are counted per name in the database,
// so the count holds across several server processes sharing one PostgreSQL, and a restart
// does not forget it. Keyed by the name as typed (within a quarter), not by user id: a name
// nobody has is counted the same way, so the answers never tell which names exist.
// Portable like 0001–0006: Kysely's schema builder only, times as ISO text (they compare
// correctly as strings). Identity data, not synced: writing it bumps no quarter version.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_guards')
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    // Attempts since the last success (or unlock); an attempt counts before its PIN is checked.
    .addColumn('failed', 'integer', (col) => col.notNull())
    .addColumn('last_attempt_at', 'text', (col) => col.notNull())
    // No attempt is checked before this instant (growing delays); null: no delay.
    .addColumn('blocked_until', 'text')
    // Set when too many attempts failed in a row; only staff (`npm run admin -- unlock`) or a
    // new PIN clear it.
    .addColumn('locked_at', 'text')
    .addPrimaryKeyConstraint('sign_in_guards_pk', ['quarter_id', 'name'])
    .addCheckConstraint('sign_in_guards_failed_check', sql`failed >= 0`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_guards').execute();
}
