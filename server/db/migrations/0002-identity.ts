// Identity: people (users with a role and an optional PIN), one-time enrolment codes, and the
// devices those codes enrolled. Portable like 0001: Kysely's schema builder only, times as ISO
// text (they compare correctly as strings), and no secret in plain text — codes, credentials
// and PINs are stored only as hashes.
// These tables are not synced to devices, so their writes do not bump the quarter's version.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('pin_hash', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('disabled_at', 'text')
    .addCheckConstraint('users_role_check', sql`role in ('volunteer', 'staff', 'admin')`)
    // People pick their name from a list on a shared tablet: two "Erika M." could not be told
    // apart. The constraint is also the index that sign-in looks names up by.
    .addUniqueConstraint('users_quarter_name_unique', ['quarter_id', 'name'])
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('credential_hash', 'text', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('devices_quarter_idx').on('devices').column('quarter_id').execute();

  await db.schema
    .createTable('enrolment_codes')
    .addColumn('code_hash', 'text', (col) => col.primaryKey())
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('created_by_user_id', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .addColumn('device_id', 'text', (col) => col.references('devices.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('enrolment_codes').execute();
  await db.schema.dropTable('devices').execute();
  await db.schema.dropTable('users').execute();
}
