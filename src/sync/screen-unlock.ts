// Opening the locked screen (issue 11, item 3): the person signed in types their PIN again, and
// it is checked on the device against the PIN verifier stored at their online sign-in
// (src/sync/pin-verifier.ts), so it works offline and asks the server nothing. Wrong PINs count
// like offline sign-ins (src/db/people.ts): the 5th deletes the verifier, and then only a new
// sign-in (online) helps. Loaded by the lock screen when it is used, not with the first screen.
import type { QuartiersbuchDb } from '../db/db';
import { readSession } from '../db/device-identity';
import { db as appDb } from '../db/instance';
import { attemptOfflinePin } from './pin-verifier';

export type UnlockResult =
  | { outcome: 'unlocked' }
  /** Wrong PIN; `left` more tries before the verifier is deleted. */
  | { outcome: 'wrong'; left: number }
  /** No PIN check on this device (none stored, or deleted after too many wrong PINs). */
  | { outcome: 'no-pin' };

export interface UnlockDeps {
  db: QuartiersbuchDb;
  now: () => number;
}

/** Checks `pin` for the person whose screen is locked; the right one opens it (one transaction). */
export async function unlockWithPin(
  pin: string,
  deps: UnlockDeps = { db: appDb, now: Date.now },
): Promise<UnlockResult> {
  const session = await readSession(deps.db);
  if (!session) return { outcome: 'unlocked' }; // nobody is here any more: nothing to open
  const person = await deps.db.people.get(session.userId);
  if (!person?.verifier || person.session === null) return { outcome: 'no-pin' };
  const attempt = await attemptOfflinePin(
    deps.db,
    { userId: person.userId, verifier: person.verifier },
    pin,
    deps.now(),
  );
  // A successful attempt stores the session anew, without the lock.
  if (attempt.outcome === 'signed-in') return { outcome: 'unlocked' };
  if (attempt.outcome === 'wrong') return { outcome: 'wrong', left: attempt.left };
  return { outcome: 'no-pin' };
}
