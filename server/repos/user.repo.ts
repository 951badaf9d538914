// People of a quarter. Not synced, so writes are plain statements (no quarter version bump);
// the server is the only writer, there is nothing offline about them.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../src/shared/identity';
import type { Database, UsersTable } from '../db/tables';
import { hashPin } from '../identity/pin-hash';

export type User = Omit<UsersTable, 'pin_hash'> & { has_pin: boolean };

export interface NewUser {
  quarterId: string;
  name: string;
  role: Role;
  /** Digits only, checked by the caller (PIN_PATTERN); omitted: no sign-in until one is set. */
  pin?: string;
  /** Demo people: `npm run demo:remove` disables them. */
  isExample?: boolean;
}

/**
 * Creates a user; undefined when the quarter already has someone of that name. The unique
 * constraint decides (ON CONFLICT DO NOTHING), so two admins adding "Erika M." at once cannot
 * both succeed.
 */
export async function createUser(
  db: Kysely<Database>,
  user: NewUser,
  now: Date = new Date(),
): Promise<User | undefined> {
  const row = {
    id: randomUUID(),
    quarter_id: user.quarterId,
    name: user.name,
    role: user.role,
    pin_hash: user.pin === undefined ? null : await hashPin(user.pin),
    created_at: now.toISOString(),
    disabled_at: null,
    is_example: user.isExample ? (1 as const) : (0 as const),
  };
  const inserted = await db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.columns(['quarter_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return undefined;
  const { pin_hash, ...rest } = row;
  return { ...rest, has_pin: pin_hash !== null };
}

/** Replaces a user's PIN; false when there is no such user in the quarter. */
export async function setUserPin(
  db: Kysely<Database>,
  quarterId: string,
  name: string,
  pin: string,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ pin_hash: await hashPin(pin) })
    .where('quarter_id', '=', quarterId)
    .where('name', '=', name)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// Sorted here, not in SQL: SQLite and PostgreSQL collate differently, and a name list should
// read the same on both, in German order ("Özlem" near "Otto", not after "Zora").
const byName = new Intl.Collator('de', { sensitivity: 'base' });

/** Everyone in the quarter, disabled ones included (for staff and the admin CLI), by name. */
export async function listUsers(db: Kysely<Database>, quarterId: string): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .execute();
  return rows
    .map(({ pin_hash, ...rest }) => ({ ...rest, has_pin: pin_hash !== null }))
    .sort((a, b) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

/** The row sign-in needs, PIN hash included; only for active users. */
export async function findActiveUserByName(
  db: Kysely<Database>,
  quarterId: string,
  name: string,
): Promise<UsersTable | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('name', '=', name)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export interface ActiveUser {
  id: string;
  role: Role;
}

/** `userId` with its role, if a person of the quarter who is not disabled (e.g. an author). */
export async function findActiveUser(
  db: Kysely<Database>,
  quarterId: string,
  userId: string,
): Promise<ActiveUser | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', '=', userId)
    .where('quarter_id', '=', quarterId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Names of the quarter's demo people who are still active. */
export async function activeExampleUserNames(
  db: Kysely<Database>,
  quarterId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('name')
    .where('quarter_id', '=', quarterId)
    .where('is_example', '=', 1)
    .where('disabled_at', 'is', null)
    .execute();
  return rows.map((row) => row.name);
}

/**
 * Disables every active demo person (all quarters); returns how many. Their devices' views
 * lose their entries, so those devices get a reset on their next pull (the view changed).
 */
export async function disableExampleUsers(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .updateTable('users')
    .set({ disabled_at: now.toISOString() })
    .where('is_example', '=', 1)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
