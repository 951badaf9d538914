// Who is signed in on this device right now, as a live query. `undefined` while loading.
import { readSession } from './device-identity';
import { db } from './instance';
import { useLiveQuery } from './use-live-query';

/** The signed-in person, or null when nobody is. */
export const useSession = () => useLiveQuery(() => readSession(db), []);
