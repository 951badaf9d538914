// Signing a staff member in to the staff screens (issue 10): name + password within a quarter.
// Only people with the role staff or admin, not disabled, with a password set. Every failure —
// unknown quarter or name, a volunteer, disabled, no password, wrong password — is the same 401
// and takes about as long (a decoy argon2id check), so the endpoint does not reveal who exists.
// Guessing is limited per name in the database like PINs (repos/sign-in-guard.repo.ts, under a
// key of its own: `passwordGuardName`): from the 3rd wrong attempt in a row the next one waits
// (429), after 10 the name is locked (423) until someone sets a new password. A success starts
// a staff session (repos/staff-session.repo.ts) and writes `staff.sign_in` to the audit log.
import type { Kysely } from 'kysely';
import { STAFF_IDLE_MINUTES } from '../../src/shared/staff/staff-session';
import type { Database } from '../db/tables';
import { SignInDelayedError, StaffAccountLockedError, StaffSignInFailedError } from '../errors';
import { recordAudit } from '../repos/audit.repo';
import { findQuarter } from '../repos/quarter.repo';
import { claimSignInAttempt, clearSignInFailures } from '../repos/sign-in-guard.repo';
import {
  createStaffSession,
  revokeStaffSession,
  type ResolvedStaffSession,
} from '../repos/staff-session.repo';
import { findActiveUserByName } from '../repos/user.repo';
import { passwordGuardName } from '../repos/user-password.repo';
import { verifyDecoyPassword, verifyPassword } from '../secrets/password-hash';

export interface StaffSignedIn {
  /** `<id>.<secret>` for the cookie; shown once. */
  token: string;
  session: ResolvedStaffSession;
}

export async function staffSignIn(
  db: Kysely<Database>,
  request: { quarterId: string; name: string; password: string },
  now: Date,
): Promise<StaffSignedIn> {
  const name = request.name.trim();
  const quarter = await findQuarter(db, request.quarterId);
  // An unknown quarter has no guard rows (they belong to a quarter): just the same slow "no".
  if (!quarter) throw await failure(request.password);
  const gate = await claimSignInAttempt(db, quarter.id, passwordGuardName(name), now);
  if (gate.kind === 'locked') throw new StaffAccountLockedError();
  if (gate.kind === 'delayed') throw new SignInDelayedError(gate.retryAfterSeconds);
  const user = await findActiveUserByName(db, quarter.id, name);
  if (!user || user.password_hash === null || user.role === 'volunteer') {
    throw await failure(request.password);
  }
  const role = user.role;
  if (!(await verifyPassword(request.password, user.password_hash))) {
    throw new StaffSignInFailedError();
  }
  await clearSignInFailures(db, quarter.id, passwordGuardName(name));
  const created = await createStaffSession(db, { userId: user.id, quarterId: quarter.id }, now);
  await recordAudit(
    db,
    {
      quarterId: quarter.id,
      actor: { userId: user.id, name: user.name },
      action: 'staff.sign_in',
      subjectType: 'staff_session',
      subjectId: created.sessionId,
    },
    now,
  );
  return {
    token: created.token,
    session: {
      sessionId: created.sessionId,
      userId: user.id,
      name: user.name,
      role,
      quarterId: quarter.id,
      quarterName: quarter.name,
      idleExpiresAt: idleEnd(now, created.expiresAt),
    },
  };
}

/** Ends the session and says so in the audit log; one transaction, so both or neither. */
export async function staffSignOut(
  db: Kysely<Database>,
  staff: { sessionId: string; quarterId: string; userId: string; name: string },
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await revokeStaffSession(tx, staff.sessionId, now);
    await recordAudit(
      tx,
      {
        quarterId: staff.quarterId,
        actor: { userId: staff.userId, name: staff.name },
        action: 'staff.sign_out',
        subjectType: 'staff_session',
        subjectId: staff.sessionId,
      },
      now,
    );
  });
}

async function failure(password: string): Promise<StaffSignInFailedError> {
  await verifyDecoyPassword(password);
  return new StaffSignInFailedError();
}

function idleEnd(now: Date, expiresAt: Date): Date {
  return new Date(Math.min(now.getTime() + STAFF_IDLE_MINUTES * 60_000, expiresAt.getTime()));
}
