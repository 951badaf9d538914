// Signing a person in on an enrolled device: name + PIN, only within the device's quarter.
// Every failure looks the same (unknown name, disabled, no PIN, wrong PIN) and takes about as
// long, so the endpoint does not reveal who exists. A success links the person to the device:
// their calls join the device's view, and its next pull is a reset that brings them.
import type { Kysely } from 'kysely';
import type { SignInResponse } from '../../src/shared/identity';
import type { Database } from '../db/tables';
import { SignInFailedError } from '../errors';
import type { AuthenticatedDevice } from '../http/device-auth';
import { linkDeviceUser } from '../repos/device-user.repo';
import { findActiveUserByName } from '../repos/user.repo';
import { hashPin, verifyPin } from './pin-hash';

let decoyHash: Promise<string> | undefined;

/** Throws SignInFailedError unless `name` is an active user of the device's quarter with this PIN. */
export async function signIn(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
  name: string,
  pin: string,
  now: Date = new Date(),
): Promise<SignInResponse> {
  const user = await findActiveUserByName(db, device.quarterId, name.trim());
  // Without a user (or PIN), check against a decoy so the answer takes as long as a real check.
  decoyHash ??= hashPin('decoy');
  const ok = await verifyPin(pin, user?.pin_hash ?? (await decoyHash));
  if (!user || user.pin_hash === null || !ok) throw new SignInFailedError();
  await linkDeviceUser(db, device.id, user.id, now);
  return { userId: user.id, name: user.name, role: user.role };
}
