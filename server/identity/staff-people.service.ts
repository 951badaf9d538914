// People on the staff screens (issue 10): list, create, new PIN, new password, lock, unlock.
// Who may do what is said in src/shared/staff/staff-people.ts and decided by `mayActOn` below.
// Every change writes its audit line in the same transaction, never with a PIN or password in
// it. Ids are looked up in the acting staff member's quarter only: another quarter's id is
// "not found", exactly like an unknown one. Identity data is not synced: no quarter version.
import type { Kysely } from 'kysely';
import type * as v from 'valibot';
import type { createPersonRequestSchema, StaffPerson } from '../../src/shared/staff/staff-people';
import type { Database } from '../db/tables';
import { ForbiddenError, InvalidInputError, NameTakenError, NotFoundError } from '../errors';
import { recordAudit, type AuditEvent } from '../repos/audit.repo';
import { consoleId } from '../repos/console-identity.repo';
import { revokePersonSessionsOfUser } from '../repos/person-session.repo';
import { lockedSignInNames, unlockSignIn } from '../repos/sign-in-guard.repo';
import { revokeStaffSessionsOfUser } from '../repos/staff-session.repo';
import {
  createUser,
  findUser,
  InvalidNameError,
  InvalidPinError,
  listUsers,
  setUserDisabled,
  setUserPin,
  type User,
} from '../repos/user.repo';
import {
  hashNewPassword,
  InvalidPasswordError,
  passwordGuardName,
  storePasswordHash,
} from '../repos/user-password.repo';

/** The staff member acting (http/staff-auth.ts `StaffActor`). */
export interface Acting {
  userId: string;
  name: string;
  role: 'staff' | 'admin';
  quarterId: string;
  sessionId: string;
}

type Db = Kysely<Database>;

export async function listStaffPeople(db: Db, quarterId: string): Promise<StaffPerson[]> {
  const [users, locked] = await Promise.all([
    listUsers(db, quarterId),
    lockedSignInNames(db, quarterId),
  ]);
  const consoleUserId = consoleId(quarterId);
  return users
    .filter((user) => user.id !== consoleUserId && user.erased_at === null)
    .map((user) => personView(user, locked));
}

export async function createPerson(
  db: Db,
  acting: Acting,
  request: v.InferOutput<typeof createPersonRequestSchema>,
  now: Date,
): Promise<StaffPerson> {
  if (request.role === 'admin' && acting.role !== 'admin') {
    throw new ForbiddenError('Nur eine Person mit Verwaltungsrechten kann jemanden dazu machen.');
  }
  if (request.role === 'volunteer') {
    if (request.password !== undefined) throw new InvalidInputError(NO_PASSWORD_FOR_VOLUNTEERS);
    if (request.pin === undefined) {
      throw new InvalidInputError('Ehrenamtliche brauchen eine PIN, um sich am Tablet anzumelden.');
    }
  } else if (request.password === undefined) {
    throw new InvalidInputError('Mitarbeitende brauchen ein Passwort für die Team-Ansicht.');
  }
  const created = await db.transaction().execute(async (tx) => {
    const user = await createUser(
      tx,
      {
        quarterId: acting.quarterId,
        name: request.name,
        role: request.role,
        ...(request.pin === undefined ? {} : { pin: request.pin }),
        ...(request.password === undefined ? {} : { password: request.password }),
      },
      now,
    ).catch(asInputError);
    if (!user) throw new NameTakenError();
    await audit(tx, acting, now, 'person.create', user.id, {
      role: user.role,
      hasPin: user.has_pin,
      hasPassword: user.has_password,
    });
    return user;
  });
  return personView(created, new Set());
}

/** A new PIN (also lifts a lock after wrong PINs: `setUserPin`). */
export async function resetPin(
  db: Db,
  acting: Acting,
  userId: string,
  pin: string,
  now: Date,
): Promise<StaffPerson> {
  const target = await targetOf(db, acting, userId);
  await db.transaction().execute(async (tx) => {
    await setUserPin(tx, acting.quarterId, target.name, pin).catch(asInputError);
    await audit(tx, acting, now, 'person.pin_reset', target.id, {});
  });
  return reread(db, acting, userId);
}

/**
 * A new password: the person's own, or anyone's (but a volunteer's) by an admin. Ends the
 * person's other staff sessions; someone changing their own stays signed in here.
 */
export async function setPassword(
  db: Db,
  acting: Acting,
  userId: string,
  password: string,
  now: Date,
): Promise<StaffPerson> {
  // Looked up first: another quarter's id is "not found", whoever asks.
  const target = await targetOf(db, acting, userId);
  const self = userId === acting.userId;
  if (!self && acting.role !== 'admin') {
    throw new ForbiddenError(
      'Ein Passwort setzt jede Person selbst oder eine Person mit Verwaltungsrechten.',
    );
  }
  if (target.role === 'volunteer') throw new InvalidInputError(NO_PASSWORD_FOR_VOLUNTEERS);
  const hash = await hashNewPassword(password, target.name).catch(asInputError);
  await db.transaction().execute(async (tx) => {
    await storePasswordHash(tx, target, hash, now, self ? acting.sessionId : undefined);
    await audit(tx, acting, now, 'person.password_set', target.id, { own: self });
  });
  return reread(db, acting, userId);
}

/**
 * Locks a person out: disabled, and every session of theirs — on tablets and on these screens —
 * ends in the same transaction, so no request of theirs succeeds after the answer. Their
 * entries stay; changes still on a tablet wait there until they are unlocked.
 */
export async function lockPerson(
  db: Db,
  acting: Acting,
  userId: string,
  now: Date,
): Promise<StaffPerson> {
  if (userId === acting.userId) {
    throw new ForbiddenError('Sich selbst sperren geht nicht. Bitte eine andere Person fragen.');
  }
  const target = await targetOf(db, acting, userId);
  // Locked already: nothing to change, no second line (nobody locked can have opened a session).
  if (target.disabled_at !== null) return reread(db, acting, userId);
  await db.transaction().execute(async (tx) => {
    await setUserDisabled(tx, acting.quarterId, target.id, now);
    const devices = await revokePersonSessionsOfUser(tx, target.id, now);
    const staff = await revokeStaffSessionsOfUser(tx, target.id, now);
    await audit(tx, acting, now, 'person.lock', target.id, {
      deviceSessionsEnded: devices,
      staffSessionsEnded: staff,
    });
  });
  return reread(db, acting, userId);
}

/** Enables a person again and lifts locks after wrong PINs or passwords. */
export async function unlockPerson(
  db: Db,
  acting: Acting,
  userId: string,
  now: Date,
): Promise<StaffPerson> {
  const target = await targetOf(db, acting, userId);
  await db.transaction().execute(async (tx) => {
    await setUserDisabled(tx, acting.quarterId, target.id, null);
    const pinLock = await unlockSignIn(tx, acting.quarterId, target.name);
    const passwordLock = await unlockSignIn(tx, acting.quarterId, passwordGuardName(target.name));
    await audit(tx, acting, now, 'person.unlock', target.id, {
      wasDisabled: target.disabled_at !== null,
      pinLockLifted: pinLock,
      passwordLockLifted: passwordLock,
    });
  });
  return reread(db, acting, userId);
}

const NO_PASSWORD_FOR_VOLUNTEERS =
  'Ehrenamtliche melden sich mit ihrer PIN am Tablet an und bekommen kein Passwort.';

/**
 * The person `userId` of the acting staff member's quarter, if they may act on them: staff act
 * on volunteers, staff and themselves; on an admin only an admin; on an erased person nobody.
 */
export async function targetOf(db: Db, acting: Acting, userId: string): Promise<User> {
  // The console identity (repos/console-identity.repo.ts) is nobody staff can act on: unlocked
  // and given a PIN it would be an admin on the tablets that no person stands behind.
  const target =
    userId === consoleId(acting.quarterId)
      ? undefined
      : await findUser(db, acting.quarterId, userId);
  if (!target) throw new NotFoundError('Diese Person gibt es hier nicht.');
  // An erased person (privacy/person-erasure.ts) is a remainder nobody acts on any more.
  if (target.erased_at !== null) throw new NotFoundError('Diese Person wurde gelöscht.');
  if (target.role === 'admin' && acting.role !== 'admin' && target.id !== acting.userId) {
    throw new ForbiddenError('Das kann nur eine Person mit Verwaltungsrechten.');
  }
  return target;
}

async function reread(db: Db, acting: Acting, userId: string): Promise<StaffPerson> {
  const [user, locked] = await Promise.all([
    findUser(db, acting.quarterId, userId),
    lockedSignInNames(db, acting.quarterId),
  ]);
  if (!user) throw new NotFoundError('Diese Person gibt es hier nicht.');
  return personView(user, locked);
}

function personView(user: User, locked: ReadonlySet<string>): StaffPerson {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    hasPin: user.has_pin,
    hasPassword: user.has_password,
    disabledAt: user.disabled_at,
    pinLocked: locked.has(user.name),
    passwordLocked: locked.has(passwordGuardName(user.name)),
    isExample: user.is_example === 1,
    createdAt: user.created_at,
  };
}

/** The repository's rule errors as the 400 people read. */
function asInputError(error: unknown): never {
  if (
    error instanceof InvalidPinError ||
    error instanceof InvalidPasswordError ||
    error instanceof InvalidNameError
  ) {
    throw new InvalidInputError(error.message);
  }
  throw error;
}

async function audit(
  tx: Parameters<typeof recordAudit>[0],
  acting: Acting,
  now: Date,
  action: string,
  subjectId: string,
  detail: AuditEvent['detail'],
): Promise<void> {
  await recordAudit(
    tx,
    {
      quarterId: acting.quarterId,
      actor: { userId: acting.userId, name: acting.name },
      action,
      subjectType: 'person',
      subjectId,
      ...(detail === undefined ? {} : { detail }),
    },
    now,
  );
}
