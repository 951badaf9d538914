// People of a quarter. Not synced, so writes are plain statements (no quarter version bump);
// the server is the only writer, there is nothing offline about them. Password rules, hashing
// and storing are in user-password.repo.ts.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import * as v from 'valibot';
import type { Role } from '../../src/shared/identity';
import { pinProblem } from '../../src/shared/pin-rules';
import { PERSON_NAME_MAX, personNameSchema } from '../../src/shared/identity';
import type { Database, UsersTable } from '../db/tables';
import { hashPin } from '../secrets/pin-hash';
import { unlockSignIn } from './sign-in-guard.repo';
import { hashNewPassword, storePasswordHash } from './user-password.repo';

export type User = Omit<UsersTable, 'pin_hash' | 'password_hash'> & {
  has_pin: boolean;
  /** May sign in to the staff screens (a password is set). */
  has_password: boolean;
};

export interface NewUser {
  quarterId: string;
  name: string;
  role: Role;
  /** 4–6 digits, not trivial (`pinProblem`, else InvalidPinError); omitted: no sign-in yet. */
  pin?: string;
  /** Staff password (`passwordProblem`, else InvalidPasswordError); omitted: no staff sign-in. */
  password?: string;
  /** Demo people: `npm run demo:remove` disables them. */
  isExample?: boolean;
}

/** A new PIN that breaks the rules of src/shared/pin-rules.ts; the message says which (German). */
export class InvalidPinError extends Error {
  override name = 'InvalidPinError';
}

/** A name that sign-in could never match (control characters, invisible, too long). */
export class InvalidNameError extends Error {
  override name = 'InvalidNameError';
}

/** The name as sign-in compares it (trimmed, NFC), or InvalidNameError. */
function checkedName(name: string): string {
  const parsed = v.safeParse(personNameSchema, name);
  if (!parsed.success) {
    throw new InvalidNameError(
      `Der Name muss sichtbare Zeichen haben, höchstens ${PERSON_NAME_MAX} lang sein und darf keine Steuerzeichen enthalten.`,
    );
  }
  return parsed.output;
}

function checkNewPin(pin: string): void {
  const problem = pinProblem(pin);
  if (problem !== undefined) throw new InvalidPinError(problem);
}

/**
 * Creates a user; undefined when the quarter already has someone of that name. A PIN must pass
 * the rules for new PINs (InvalidPinError). The unique
 * constraint decides (ON CONFLICT DO NOTHING), so two admins adding "Erika M." at once cannot
 * both succeed.
 */
export async function createUser(
  db: Kysely<Database>,
  user: NewUser,
  now: Date = new Date(),
): Promise<User | undefined> {
  if (user.pin !== undefined) checkNewPin(user.pin);
  const name = checkedName(user.name);
  const passwordHash =
    user.password === undefined ? undefined : await hashNewPassword(user.password, name);
  const row = {
    id: randomUUID(),
    quarter_id: user.quarterId,
    // Stored as sign-in reads it, so the person can always sign in with the name shown.
    name,
    role: user.role,
    pin_hash: user.pin === undefined ? null : await hashPin(user.pin),
    created_at: now.toISOString(),
    disabled_at: null,
    is_example: user.isExample ? (1 as const) : (0 as const),
  };
  // The password column only when there is a password: people without one are also created
  // in databases migrated only up to 0007 (before staff passwords, migration tests do that).
  const password = passwordHash === undefined ? {} : { password_hash: passwordHash };
  const inserted = await db
    .insertInto('users')
    .values({ ...row, ...password })
    .onConflict((oc) => oc.columns(['quarter_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return undefined;
  const { pin_hash, ...rest } = row;
  return {
    ...rest,
    erased_at: null,
    has_pin: pin_hash !== null,
    has_password: user.password !== undefined,
  };
}

/**
 * Replaces a user's PIN; false when there is no such user in the quarter. The new PIN must pass
 * the rules for new PINs (InvalidPinError). It also lifts a sign-in lock and the count of wrong
 * PINs for the name: the person starts afresh with the PIN staff just gave them.
 */
export async function setUserPin(
  db: Kysely<Database>,
  quarterId: string,
  name: string,
  pin: string,
): Promise<boolean> {
  checkNewPin(pin);
  const result = await db
    .updateTable('users')
    .set({ pin_hash: await hashPin(pin) })
    .where('quarter_id', '=', quarterId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await unlockSignIn(db, quarterId, name);
  return true;
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
    .map(({ pin_hash, password_hash, ...rest }) => ({
      ...rest,
      has_pin: pin_hash !== null,
      has_password: password_hash !== null,
    }))
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

// ---- Staff passwords (issue 10) -------------------------------------------------------------

/**
 * Sets a person's staff password (hashed with argon2id); false when there is no such person in
 * the quarter. The password must pass `passwordProblem` (InvalidPasswordError). Every staff
 * session of the person ends in the same transaction — but `keepSessionId`, the session of
 * someone changing their own password — and a lock after wrong passwords is lifted: the person
 * starts afresh with the password just given.
 */
export async function setUserPassword(
  db: Kysely<Database>,
  quarterId: string,
  userId: string,
  password: string,
  options: { keepSessionId?: string; now?: Date } = {},
): Promise<boolean> {
  const user = await findUser(db, quarterId, userId);
  if (!user) return false;
  const passwordHash = await hashNewPassword(password, user.name);
  await db.transaction().execute(async (tx) => {
    await storePasswordHash(
      tx,
      user,
      passwordHash,
      options.now ?? new Date(),
      options.keepSessionId,
    );
  });
  return true;
}

/** One person of the quarter (no hashes); undefined for an unknown id or another quarter's. */
export async function findUser(
  db: Kysely<Database> | Transaction<Database>,
  quarterId: string,
  userId: string,
): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .where('quarter_id', '=', quarterId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { pin_hash, password_hash, ...rest } = row;
  return { ...rest, has_pin: pin_hash !== null, has_password: password_hash !== null };
}

/**
 * Disables (`disabledAt` an instant) or enables (null) a person of the quarter; false when
 * there is no such person. A disabled person can sign in nowhere; their entries stay.
 */
export async function setUserDisabled(
  db: Kysely<Database> | Transaction<Database>,
  quarterId: string,
  userId: string,
  disabledAt: Date | null,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ disabled_at: disabledAt === null ? null : disabledAt.toISOString() })
    .where('id', '=', userId)
    .where('quarter_id', '=', quarterId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
