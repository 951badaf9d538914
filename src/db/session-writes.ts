// The screen lock's writes (issue 11), bound to the app's database for the app frame: apart
// from app-writes.ts so the first screen does not load the entry code. Local only.
import { clearCurrentPerson, lockSession } from './device-identity';
import { db } from './instance';

export const sessionWrites = {
  /** Locks the screen of the person signed in now (src/views/inactivity-lock.tsx). */
  lock: () => lockSession(db),
  /** "Andere Person anmelden": nobody is current; whoever was stays signed in here. */
  leave: () => clearCurrentPerson(db),
};
