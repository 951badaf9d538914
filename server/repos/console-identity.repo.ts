// Who writes an entry that is made on the server itself — by `npm run admin` (call partners) or
// the demo seed — rather than pushed by a device: one person and one device per quarter, both
// named "Server-Konsole". Entries and their history name an author and a device (foreign keys),
// so such writes go through the very same mutation handlers as a staff member's push (versions,
// history and pull all work), with this identity as the origin.
// Neither can ever be used from outside: the person is an admin with no PIN and disabled from
// the start (no sign-in, no push, in no device's view, not offered on the sign-in list), the
// device is revoked from the start and its credential hash matches no credential. Not synced,
// so the rows need no quarter version. The ids are derived from the quarter's id (no lookup by
// name, which a real person could have), short enough for a pull record's `author` (≤ 64).
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';

/** The name both rows carry; shown in `list-users`, `list-devices` and an entry's history. */
export const CONSOLE_NAME = 'Server-Konsole (npm run admin)';

export interface ConsoleIdentity {
  userId: string;
  deviceId: string;
}

/** `console-` and 24 hex digits of the quarter id's SHA-256: stable, ≤ 64 characters. */
export function consoleId(quarterId: string): string {
  return `console-${createHash('sha256').update(quarterId).digest('hex').slice(0, 24)}`;
}

/**
 * The quarter's console person and device, created on first use (inside the caller's
 * transaction, so they exist exactly when its writes commit). Throws when a person of the
 * quarter already has the console's name.
 */
export async function ensureConsoleIdentity(
  db: Kysely<Database>,
  quarterId: string,
  now: Date,
): Promise<ConsoleIdentity> {
  const id = consoleId(quarterId);
  const at = now.toISOString();
  await db
    .insertInto('users')
    .values({
      id,
      quarter_id: quarterId,
      name: CONSOLE_NAME,
      role: 'admin',
      pin_hash: null,
      created_at: at,
      disabled_at: at,
      is_example: 0,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', id)
    .where('quarter_id', '=', quarterId)
    .executeTakeFirst();
  if (!user) {
    throw new Error(`Im Quartier ${quarterId} heißt schon eine Person „${CONSOLE_NAME}“.`);
  }
  await db
    .insertInto('devices')
    .values({
      id,
      quarter_id: quarterId,
      // Random, never handed out: no credential hashes to it.
      credential_hash: createHash('sha256').update(randomBytes(32)).digest('hex'),
      label: CONSOLE_NAME,
      created_at: at,
      last_seen_at: null,
      revoked_at: at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return { userId: id, deviceId: id };
}
