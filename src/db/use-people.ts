// Live-query hooks for the people who signed in on this device (issue 7), for the entry screens
// only (sign-in, "Übertragung"): names offered for an offline sign-in, and whose entries wait
// for a new sign-in. `undefined` while loading.
import { db } from './instance';
import { readHeldOutbox, readOfflinePeople } from './people';
import { useLiveQuery } from './use-live-query';

/** People who can sign in here while offline, sorted by name: `{ id, name }`. */
export const useOfflinePeople = () =>
  useLiveQuery(
    async () =>
      (await readOfflinePeople(db)).map((person) => ({ id: person.userId, name: person.name })),
    [],
  );

/** Whose entries hold the outbox until they sign in again online; null when none wait so. */
export const useHeldOutbox = () => useLiveQuery(() => readHeldOutbox(db), []);
