// Staff passwords (issue 10): the rules a new one must pass, its argon2id hash, storing it (which
// ends the person's other staff sessions and lifts a lock after wrong passwords), and the
// sign-in guard's key for wrong passwords. People themselves are in user.repo.ts.
import type { Kysely, Transaction } from 'kysely';
import { passwordProblem } from '../../src/shared/staff/staff-session';
import type { Database } from '../db/tables';
import { hashPassword } from '../secrets/password-hash';
import { unlockSignIn } from './sign-in-guard.repo';

/** A new password that breaks the rules of `passwordProblem`; the message says which (German). */
export class InvalidPasswordError extends Error {
  override name = 'InvalidPasswordError';
}

/**
 * The sign-in guard's key for wrong passwords of `name` (repos/sign-in-guard.repo.ts). Kept
 * apart from the PIN count on purpose: the staff sign-in is reachable without an enrolled
 * device, so strangers guessing passwords must not lock a volunteer out of the tablets (and a
 * PIN sign-in must not reset a password-guessing count). Names are trimmed, so none starts with
 * a space: the key cannot be anyone's name.
 */
export function passwordGuardName(name: string): string {
  return ` password ${name}`;
}

/**
 * Checks a new password against the rules (InvalidPasswordError) and hashes it. Separate from
 * `storePasswordHash` so the slow hash runs before a transaction, not while it holds locks.
 */
export async function hashNewPassword(password: string, name: string): Promise<string> {
  const problem = passwordProblem(password, name);
  if (problem !== undefined) throw new InvalidPasswordError(problem);
  return hashPassword(password);
}

/**
 * Stores a hash from `hashNewPassword`, ends the person's staff sessions (but `keepSessionId`)
 * and lifts a lock after wrong passwords. Pass a transaction: a new password and the end of
 * the sessions the old one opened belong together.
 */
export async function storePasswordHash(
  tx: Kysely<Database> | Transaction<Database>,
  user: { id: string; quarter_id: string; name: string },
  passwordHash: string,
  now: Date,
  keepSessionId?: string,
): Promise<void> {
  await tx
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('id', '=', user.id)
    .where('quarter_id', '=', user.quarter_id)
    .execute();
  let sessions = tx
    .updateTable('staff_sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', user.id)
    .where('revoked_at', 'is', null);
  if (keepSessionId !== undefined) sessions = sessions.where('id', '!=', keepSessionId);
  await sessions.execute();
  await unlockSignIn(tx, user.quarter_id, passwordGuardName(user.name));
}
