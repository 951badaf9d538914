// Enrolment and sign-in, for the views: each asks the server once and stores the answer on the
// device (src/db/identity.ts). Enrolment needs a connection; offline it throws a SyncError of
// kind 'network' and changes nothing. Failures are thrown as SyncError (status 400 invalid
// code, 401 wrong name/PIN or unknown device, 429 too many attempts). A 401 `unauthorized`
// means the device's credential was revoked: the device is marked for enrolment and its
// personal data is wiped (src/db/device-wipe.ts: every token and PIN verifier, delivered
// entries, drafts); the outbox and the entries it describes stay.
// Signing in works offline for a person who signed in online on this device before (issue 7):
// the server unreachable, name and PIN are checked against the PIN verifier stored then
// (src/sync/pin-verifier.ts); 5 wrong PINs in a row delete it (src/db/people.ts).
import type { QuartiersbuchDb, SessionRecord } from '../db/db';
import { readDevice, saveEnrolment, saveSession } from '../db/device-identity';
import { wipeRevokedDevice } from '../db/device-wipe';
import { db as appDb } from '../db/instance';
import { findOfflinePerson } from '../db/people';
import { deviceAuthorization, type DeviceUser, type SignInResponse } from '../shared/identity';
import { fetchWithEarly, offerFirstPull } from './early-requests';
import { attemptOfflinePin, makePinVerifier } from './pin-verifier';
import { requestSync } from './start-sync';
import { getDeviceInfo, postEnrol, postSignIn, SyncError, type FetchLike } from './transport';

export interface IdentityDeps {
  db: QuartiersbuchDb;
  fetch: FetchLike;
  now: () => number;
  baseUrl?: string;
  /**
   * Starts a sync round now (the app's is `requestSync` of start-sync.ts). Handed in, so
   * tests see the trigger without replacing a module.
   */
  requestSync: () => void;
}

const appDeps = (): IdentityDeps => ({
  db: appDb,
  fetch: fetchWithEarly(),
  now: Date.now,
  requestSync,
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
  // The first pull came with the answer: the sync round it starts takes it without a request.
  if (enrolled.firstPull !== undefined) {
    const authorization = deviceAuthorization(enrolled.deviceId, enrolled.credential);
    offerFirstPull(authorization, enrolled.firstPull, deps.baseUrl);
  }
  await saveEnrolment(deps.db, enrolled, deps.now());
  // Sync at once (the outbox may be waiting; a first device needs its data). The outbox and
  // device watch in start-sync.ts can miss an enrolment that lands before its first result.
  deps.requestSync();
  return { deviceId: enrolled.deviceId, quarter: enrolled.quarter };
}

/**
 * Why an offline sign-in failed. 'unknown': nobody of that name can sign in here offline (never
 * signed in online on this device, or their verifier is gone); 'wrong': wrong PIN, `left` more
 * tries; 'locked': that was the 5th wrong PIN, the verifier is deleted, next time online.
 */
export class OfflineSignInError extends Error {
  constructor(
    readonly reason: 'unknown' | 'wrong' | 'locked',
    readonly left?: number,
  ) {
    super(`Offline sign-in failed: ${reason}`);
    this.name = 'OfflineSignInError';
  }
}

/**
 * Signs a person in on this device; they become the author of new changes. Online the server
 * checks name + PIN and hands out the person's session; a PIN verifier for later offline
 * sign-ins is stored with it. When the server cannot be reached (a network error, or a gateway
 * answering for it), the name and PIN are checked on the device instead (see above); throws
 * OfflineSignInError if that fails.
 */
export async function signIn(
  name: string,
  pin: string,
  deps: IdentityDeps = appDeps(),
): Promise<SessionRecord> {
  let signedIn: SignInResponse;
  try {
    signedIn = await withDevice(deps, (authorization) =>
      postSignIn({ name, pin }, authorization, deps.fetch, deps.baseUrl),
    );
  } catch (error) {
    if (serverUnreachable(error)) return signInOffline(name, pin, deps); // check on the device
    throw error;
  }
  const verifier = await makePinVerifier(pin);
  const session = await saveSession(deps.db, signedIn, deps.now(), verifier);
  deps.requestSync(); // the device now sees this person's entries, and their held changes can go
  return session;
}

/**
 * No answer at all, or one that says the server cannot check anything now: a reverse proxy's
 * 502/504 while the app server is down, or our own 503 while its database is. The server's own
 * refusals (401 wrong PIN, 429 wait, 423 locked) are answers and stand.
 */
function serverUnreachable(error: unknown): boolean {
  if (!(error instanceof SyncError)) return false;
  return error.kind === 'network' || [502, 503, 504].includes(error.status ?? 0);
}

async function signInOffline(
  name: string,
  pin: string,
  deps: IdentityDeps,
): Promise<SessionRecord> {
  const person = await findOfflinePerson(deps.db, name);
  if (!person) throw new OfflineSignInError('unknown');
  const attempt = await attemptOfflinePin(deps.db, person, pin, deps.now());
  switch (attempt.outcome) {
    case 'signed-in':
      return attempt.session;
    case 'wrong':
      throw new OfflineSignInError('wrong', attempt.left);
    case 'locked':
      throw new OfflineSignInError('locked');
    case 'gone':
      throw new OfflineSignInError('unknown');
  }
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
      await wipeRevokedDevice(deps.db, device.deviceId);
    }
    throw error;
  }
}
