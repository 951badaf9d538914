// This device's enrolment and who is signed in on it. The device credential and each person's
// session token exist only here (the server has their hashes); the people and their tokens are
// in src/db/people.ts. Offline: everything keeps working with what is stored; a person signs in
// online once on a device, after that also offline (PIN verifier, src/sync/identity.ts).
// Nothing here ever touches the outbox: signing out, a 401 and a new enrolment all leave unsent
// changes where they are; a change goes out once its author holds a session again
// (src/sync/push.ts). Signing out and a 401 do remove delivered personal data (issue 11:
// src/db/leave-device.ts, src/db/device-wipe.ts).
import type { EnrolResponse, SignInResponse } from '../shared/identity';
import type { DeviceRecord, PersonRecord, PinVerifier, QuartiersbuchDb, SessionRecord } from './db';
// The two need each other (sign-out leaves; leaving keeps people without credentials); both
// are in the data chunk, after the first paint.
import { leaveDevice } from './leave-device';

/**
 * Stores a (new) enrolment; a re-enrolment replaces the old credential and clears
 * `needsEnrolment`. The clientId and the outbox stay, so the server hands the client over to
 * the new device and unsent changes go out once. The session ends in the same transaction,
 * and every person's token and PIN verifier is forgotten: sessions belong to the old device,
 * so under a new credential people sign in again (online) to send and see their entries (and
 * in another quarter they are not even members).
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
  await db.transaction('rw', [db.device, db.session, db.people], async () => {
    await db.session.delete('session');
    await wipePeopleCredentials(db);
    await db.device.put(device);
  });
  return device;
}

export async function readDevice(db: QuartiersbuchDb): Promise<DeviceRecord | null> {
  return (await db.device.get('device')) ?? null;
}

/**
 * The person the server just accepted becomes the author of new changes on this device; their
 * session token (and the PIN verifier for offline sign-in, when the browser could make one)
 * is stored in the same transaction, replacing what the device held for them (the server
 * revoked their previous session on this device).
 */
export async function saveSession(
  db: QuartiersbuchDb,
  signedIn: SignInResponse,
  now: number,
  verifier: PinVerifier | null = null,
): Promise<SessionRecord> {
  const session: SessionRecord = {
    key: 'session',
    userId: signedIn.userId,
    name: signedIn.name,
    role: signedIn.role,
    signedInAt: now,
  };
  const person: PersonRecord = {
    userId: signedIn.userId,
    name: signedIn.name,
    role: signedIn.role,
    session: signedIn.session,
    verifier,
    offlineFailures: 0,
    signedInAt: now,
  };
  await db.transaction('rw', [db.session, db.people], async () => {
    await db.people.put(person);
    await db.session.put(session);
  });
  return session;
}

export async function readSession(db: QuartiersbuchDb): Promise<SessionRecord | null> {
  return (await db.session.get('session')) ?? null;
}

/**
 * Signs the person who is here out of this device: they leave it, and their delivered personal
 * data goes with them (issue 11; src/db/leave-device.ts). Their unsent changes keep their author and token and are still sent (a
 * sign-out never strands an entry); once delivered, those go from the device too.
 */
export async function signOut(db: QuartiersbuchDb): Promise<void> {
  await leaveDevice(db);
}

/**
 * Nobody is current any more, but whoever was stays signed in on this device, with their data
 * (the lock screen's "Andere Person anmelden": the next person signs in over them, and they
 * come back later with their PIN, also offline).
 */
export async function clearCurrentPerson(db: QuartiersbuchDb): Promise<void> {
  await db.session.delete('session');
}

/** Locks the screen for the person signed in now (inactivity); their PIN opens it again. */
export async function lockSession(db: QuartiersbuchDb): Promise<void> {
  await db.session.update('session', { locked: true });
}

/**
 * Forgets every person's token and PIN verifier (a 401: the device is revoked; a new enrolment:
 * tokens belong to the old device); names stay, for "whose entries wait". Must run inside a rw
 * transaction over `people`. Here, not in people.ts, so the first screen does not load that.
 */
async function wipePeopleCredentials(db: QuartiersbuchDb): Promise<void> {
  await db.people.toCollection().modify((person: PersonRecord) => {
    Object.assign(person, withoutCredentials(person));
  });
}

/** A person as the device keeps them once their session ended: the name, no token, no PIN check. */
export function withoutCredentials(person: PersonRecord): PersonRecord {
  return { ...person, session: null, verifier: null, offlineFailures: 0 };
}
