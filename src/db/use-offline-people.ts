// The people who can sign in on this device while offline (issue 7), for the sign-in screen.
// `undefined` while loading.
import { db } from './instance';
import { readOfflinePeople } from './people';
import { useLiveQuery } from './use-live-query';

/** People who can sign in here while offline, sorted by name: `{ id, name }`. */
export const useOfflinePeople = () =>
  useLiveQuery(
    async () =>
      (await readOfflinePeople(db)).map((person) => ({ id: person.userId, name: person.name })),
    [],
  );
