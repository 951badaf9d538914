// This device's enrolment and who is signed in on it. Both are local facts: the server keeps no
// session, and the credential exists only here (the server has its hash). Offline: everything
// keeps working with what is stored; signing in needs the server once (it checks the PIN).
// Nothing here ever touches the outbox or the entries: signing out, a 401 and a new enrolment
// all leave unsent changes where they are, and they are sent under the next credential.
import type { EnrolResponse, SignInResponse } from '../shared/identity';
import type { DeviceRecord, QuartiersbuchDb, SessionRecord } from './db';

/**
 * Stores a (new) enrolment; a re-enrolment replaces the old credential and clears
 * `needsEnrolment`. The clientId and the outbox stay, so the server hands the client over to
 * the new device and unsent changes go out once. The session ends in the same transaction:
 * the server shows a device the entries of the people who signed in on THAT device, so under
 * a new credential the person must sign in again to see their entries (and in another
 * quarter they are not even a member).
 */
export async function saveEnrolment(
  db: QuartiersbuchDb,
  enrolment: EnrolResponse,
  now: number,
): Promise<DeviceRecord> {
  const device: DeviceRecord = {
    key: 'device',
    deviceId: enrolment.deviceId,
    credential: enrolment.credential,
    quarterId: enrolment.quarter.id,
    quarterName: enrolment.quarter.name,
    enrolledAt: now,
    needsEnrolment: false,
  };
  await db.transaction('rw', [db.device, db.session], async () => {
    await db.session.delete('session');
    await db.device.put(device);
  });
  return device;
}

export async function readDevice(db: QuartiersbuchDb): Promise<DeviceRecord | null> {
  return (await db.device.get('device')) ?? null;
}

/**
 * The server answered 401: the credential is revoked or unknown; ask to enrol again. With
 * `deviceId`, only when that is still the stored device: a 401 for a request made with an old
 * credential must not undo an enrolment that happened meanwhile.
 */
export async function markNeedsEnrolment(db: QuartiersbuchDb, deviceId?: string): Promise<void> {
  await db.transaction('rw', db.device, async () => {
    const device = await db.device.get('device');
    if (!device || (deviceId !== undefined && device.deviceId !== deviceId)) return;
    await db.device.put({ ...device, needsEnrolment: true });
  });
}

/** The person the server just accepted becomes the author of new changes on this device. */
export async function saveSession(
  db: QuartiersbuchDb,
  signedIn: SignInResponse,
  now: number,
): Promise<SessionRecord> {
  const session: SessionRecord = {
    key: 'session',
    userId: signedIn.userId,
    name: signedIn.name,
    role: signedIn.role,
    signedInAt: now,
  };
  await db.session.put(session);
  return session;
}

export async function readSession(db: QuartiersbuchDb): Promise<SessionRecord | null> {
  return (await db.session.get('session')) ?? null;
}

/**
 * Forgets who is signed in, and nothing else: unsent changes keep their author and are still
 * sent (shared tablets, DESIGN.md §3), entries stay for when the person signs in again.
 */
export async function signOut(db: QuartiersbuchDb): Promise<void> {
  await db.session.delete('session');
}
