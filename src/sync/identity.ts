// Enrolment and sign-in, for the views: each asks the server once and stores the answer on the
// device (src/db/identity.ts). They need a connection; offline they throw a SyncError of kind
// 'network' and change nothing. Failures are thrown as SyncError (status 400 invalid code,
// 401 wrong name/PIN or unknown device, 429 too many attempts). A 401 `unauthorized` means
// the device's credential was revoked: the device is marked for enrolment, nothing else changes.
import type { QuartiersbuchDb, SessionRecord } from '../db/db';
import { markNeedsEnrolment, readDevice, saveEnrolment, saveSession } from '../db/identity';
import { db as appDb } from '../db/instance';
import { deviceAuthorization, type DeviceUser } from '../shared/identity';
import { requestSync } from './start-sync';
import { getDeviceInfo, postEnrol, postSignIn, SyncError, type FetchLike } from './transport';

export interface IdentityDeps {
  db: QuartiersbuchDb;
  fetch: FetchLike;
  now: () => number;
  baseUrl?: string;
}

const appDeps = (): IdentityDeps => ({
  db: appDb,
  fetch: (input, init) => fetch(input, init),
  now: Date.now,
});

/**
 * Enrols this device with a one-time code. Enrolling again (after a 401) keeps the clientId
 * and the outbox, so unsent changes go out under the new credential, exactly once.
 */
export async function enrolDevice(
  code: string,
  label?: string,
  deps: IdentityDeps = appDeps(),
): Promise<{ deviceId: string; quarter: { id: string; name: string } }> {
  const request = label === undefined ? { code } : { code, label };
  const enrolled = await postEnrol(request, deps.fetch, deps.baseUrl);
  await saveEnrolment(deps.db, enrolled, deps.now());
  // Sync at once (the outbox may be waiting; a first device needs its data). The outbox and
  // device watch in start-sync.ts can miss an enrolment that lands before its first result.
  requestSync();
  return { deviceId: enrolled.deviceId, quarter: enrolled.quarter };
}

/** Signs a person in on this device (name + PIN, checked by the server); they become the author. */
export async function signIn(
  name: string,
  pin: string,
  deps: IdentityDeps = appDeps(),
): Promise<SessionRecord> {
  const signedIn = await withDevice(deps, (authorization) =>
    postSignIn({ name, pin }, authorization, deps.fetch, deps.baseUrl),
  );
  const session = await saveSession(deps.db, signedIn, deps.now());
  requestSync(); // the device now sees this person's entries: pull them
  return session;
}

/** The people who may sign in on this device, sorted by name. */
export async function listDeviceUsers(deps: IdentityDeps = appDeps()): Promise<DeviceUser[]> {
  const info = await withDevice(deps, (authorization) =>
    getDeviceInfo(authorization, deps.fetch, deps.baseUrl),
  );
  return info.users;
}

async function withDevice<T>(
  deps: IdentityDeps,
  request: (authorization: string) => Promise<T>,
): Promise<T> {
  const device = await readDevice(deps.db);
  if (!device || device.needsEnrolment) {
    throw new SyncError('not-enrolled', 'Dieses Gerät ist noch nicht eingerichtet.');
  }
  try {
    return await request(deviceAuthorization(device.deviceId, device.credential));
  } catch (error) {
    if (error instanceof SyncError && error.code === 'unauthorized') {
      await markNeedsEnrolment(deps.db, device.deviceId);
    }
    throw error;
  }
}
