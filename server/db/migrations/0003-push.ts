// Push (issue 3): which device numbers its mutations how far (`sync_clients`), the mutation log
// that makes each (client_id, seq) apply at most once (G2), and the first entry type, calls.
// Portable like 0001/0002: Kysely's schema builder only, booleans as 0/1, times as ISO text.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_clients')
    .addColumn('client_id', 'text', (col) => col.primaryKey())
    .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('last_seq', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  // The primary key is the dedupe: a second row for the same (client_id, seq) cannot exist.
  await db.schema
    .createTable('mutation_log')
    .addColumn('client_id', 'text', (col) => col.notNull().references('sync_clients.client_id'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('v', 'integer', (col) => col.notNull())
    // Not a foreign key: an unknown author is exactly what a rejected mutation may record.
    .addColumn('author_user_id', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('reject_code', 'text')
    .addColumn('reject_message', 'text')
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('mutation_log_pk', ['client_id', 'seq'])
    .addCheckConstraint('mutation_log_status_check', sql`status in ('applied', 'rejected')`)
    .execute();

  // A synced table like the reference tables (version, tombstone, key per quarter), so a later
  // pull of a user's own entries reads it the same way.
  await db.schema
    .createTable('calls')
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('author_user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
    .addColumn('occurred_at', 'text', (col) => col.notNull())
    .addColumn('partner', 'text', (col) => col.notNull())
    .addColumn('duration_minutes', 'integer', (col) => col.notNull())
    .addColumn('concern', 'integer', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull())
    // Catalogue context (G11): the id plus a snapshot of the names at the time of the call.
    .addColumn('activity_id', 'text')
    .addColumn('activity_name', 'text')
    .addColumn('theme_name', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('calls_pk', ['quarter_id', 'id'])
    .addCheckConstraint('calls_concern_check', sql`concern in (0, 1)`)
    .addCheckConstraint('calls_deleted_check', sql`deleted in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('calls_quarter_version_idx')
    .on('calls')
    .columns(['quarter_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calls').execute();
  await db.schema.dropTable('mutation_log').execute();
  await db.schema.dropTable('sync_clients').execute();
}
