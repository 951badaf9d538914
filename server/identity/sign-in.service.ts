// Signing a person in on an enrolled device: name + PIN, only within the device's quarter.
// Every failure looks the same (unknown name, disabled, no PIN, wrong PIN) and takes about as
// long, so the endpoint does not reveal who exists. A success starts a person session on the
// device (issue 7): its token is the only proof the server accepts that this person made a
// change sent from this device, and presenting it brings their entries to the device (the
// view changes, so its next pull is a reset). The sign-in is also recorded in device_users.
// Guessing is limited per name (repos/sign-in-guard.repo.ts): each attempt is counted before
// the PIN is checked; from the 3rd in a row on the next one waits (429), after 10 the name is
// locked (423) until staff unlock it. Names nobody has are counted alike.
import type { Kysely } from 'kysely';
import type { SignInResponse } from '../../src/shared/identity';
import type { Database } from '../db/tables';
import { AccountLockedError, SignInDelayedError, SignInFailedError } from '../errors';
import type { AuthenticatedDevice } from '../identity/authenticated-device';
import { linkDeviceUser } from '../repos/device-user.repo';
import { createPersonSession } from '../repos/person-session.repo';
import { claimSignInAttempt, clearSignInFailures } from '../repos/sign-in-guard.repo';
import { findActiveUserByName } from '../repos/user.repo';
import { hashPin, verifyPin } from '../secrets/pin-hash';

let decoyHash: Promise<string> | undefined;

/**
 * Throws SignInFailedError unless `name` is an active user of the device's quarter with this
 * PIN; SignInDelayedError or AccountLockedError while too many attempts failed for the name.
 */
export async function signIn(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
  name: string,
  pin: string,
  now: Date = new Date(),
): Promise<SignInResponse> {
  const typed = name.trim();
  const gate = await claimSignInAttempt(db, device.quarterId, typed, now);
  if (gate.kind === 'locked') throw new AccountLockedError();
  if (gate.kind === 'delayed') throw new SignInDelayedError(gate.retryAfterSeconds);
  const user = await findActiveUserByName(db, device.quarterId, typed);
  // Without a user (or PIN), check against a decoy so the answer takes as long as a real check.
  decoyHash ??= hashPin('decoy');
  const ok = await verifyPin(pin, user?.pin_hash ?? (await decoyHash));
  if (!user || user.pin_hash === null || !ok) throw new SignInFailedError();
  await clearSignInFailures(db, device.quarterId, typed);
  await linkDeviceUser(db, device.id, user.id, now);
  const session = await createPersonSession(
    db,
    { deviceId: device.id, userId: user.id, quarterId: device.quarterId },
    now,
  );
  return { userId: user.id, name: user.name, role: user.role, session };
}
