// Sync of calls both ways (issue 3): which people signed in on which device (`device_users`,
// the device's view of entries), calls that did not reach the person (`reached`), the history
// of every field change with the concurrent edits it lost (`call_history`, `conflict`, G6), and
// demo people marked as examples (`users.is_example`). Portable like 0001–0003: Kysely's schema
// builder only, booleans as 0/1, values as JSON text, times as ISO text.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Not synced, like users and devices: linking someone changes the device's view, and the
  // pull cookie's view fingerprint (not a version) turns that into a reset.
  await db.schema
    .createTable('device_users')
    .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('first_signed_in_at', 'text', (col) => col.notNull())
    .addColumn('last_signed_in_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('device_users_pk', ['device_id', 'user_id'])
    .execute();

  // Calls made before this migration were all calls that reached the person (create v1).
  await db.schema
    .alterTable('calls')
    .addColumn('reached', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(1)
        .check(sql`reached in (0, 1)`),
    )
    .execute();
  await db.schema
    .alterTable('calls')
    .addColumn('conflict', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`conflict in (0, 1)`),
    )
    .execute();
  // The device's view asks "calls of these authors in this quarter newer than version N".
  await db.schema
    .createIndex('calls_quarter_author_version_idx')
    .on('calls')
    .columns(['quarter_id', 'author_user_id', 'version'])
    .execute();

  // One row per field a call.update changed. The key is the mutation (client_id, seq) and the
  // field: a mutation changes a field at most once, and it is applied at most once (G2).
  await db.schema
    .createTable('call_history')
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('call_id', 'text', (col) => col.notNull())
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('old_value', 'text', (col) => col.notNull())
    .addColumn('new_value', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('author_user_id', 'text', (col) => col.notNull())
    .addColumn('device_id', 'text', (col) => col.notNull())
    .addColumn('client_id', 'text', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('conflict', 'integer', (col) => col.notNull())
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('call_history_pk', ['client_id', 'seq', 'field'])
    .addCheckConstraint('call_history_conflict_check', sql`conflict in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('call_history_call_idx')
    .on('call_history')
    .columns(['quarter_id', 'call_id', 'field', 'version'])
    .execute();

  await db.schema
    .alterTable('users')
    .addColumn('is_example', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`is_example in (0, 1)`),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('is_example').execute();
  await db.schema.dropTable('call_history').execute();
  await db.schema.dropIndex('calls_quarter_author_version_idx').execute();
  await db.schema.alterTable('calls').dropColumn('conflict').execute();
  await db.schema.alterTable('calls').dropColumn('reached').execute();
  await db.schema.dropTable('device_users').execute();
}
