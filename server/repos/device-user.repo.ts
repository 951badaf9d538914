// Who has ever signed in on which device: a record for staff and the admin ("which tablets has
// Erika used?"). It decides nothing any more: what a device may send or see follows from the
// person sessions it presents (person-session.repo.ts, issue 7). Identity data, not synced:
// writes do not bump a version.
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';

/**
 * Records a successful sign-in of `userId` on `deviceId`. An upsert, so signing in again only
 * moves `last_signed_in_at`; two sign-ins at once cannot create two rows (primary key).
 */
export async function linkDeviceUser(
  db: Kysely<Database>,
  deviceId: string,
  userId: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('device_users')
    .values({ device_id: deviceId, user_id: userId, first_signed_in_at: at, last_signed_in_at: at })
    .onConflict((oc) => oc.columns(['device_id', 'user_id']).doUpdateSet({ last_signed_in_at: at }))
    .execute();
}
