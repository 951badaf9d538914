// Person sessions (issue 7): a sign-in gives the device a credential for THAT person on THAT
// device. The server accepts a change attributed to someone only under such a credential, and
// a device sees a person's entries only while it presents one. Revocable one by one (the
// admin's `revoke-session`), and only the SHA-256 of the secret is stored, like device
// credentials. Portable like 0001–0005: Kysely's schema builder only, times as ISO text.
// Sessions are identity data, not synced: writing them bumps no quarter version.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person_sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('credential_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  // Sign-in replaces the person's earlier session on the device; the admin lists by device.
  await db.schema
    .createIndex('person_sessions_device_user_idx')
    .on('person_sessions')
    .columns(['device_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('person_sessions').execute();
}
