// Who has signed in on which device: the device's view of entries is the calls of its linked,
// active people (pull.service.ts). Identity data, not synced: writes do not bump a version. A
// change of the view (someone linked, disabled, or given another role) is noticed by the pull
// cookie's view fingerprint instead, and answered with a reset.
import type { Kysely } from 'kysely';
import type { Role } from '../../src/shared/identity';
import type { Database } from '../db/tables';

export interface ViewUser {
  id: string;
  role: Role;
}

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

/** The people of the device's view: linked to it, of its quarter, not disabled; sorted by id. */
export async function readViewUsers(
  db: Kysely<Database>,
  deviceId: string,
  quarterId: string,
): Promise<ViewUser[]> {
  return db
    .selectFrom('device_users')
    .innerJoin('users', 'users.id', 'device_users.user_id')
    .select(['users.id', 'users.role'])
    .where('device_users.device_id', '=', deviceId)
    .where('users.quarter_id', '=', quarterId)
    .where('users.disabled_at', 'is', null)
    .orderBy('users.id')
    .execute();
}
