// "Braucht Aufmerksamkeit" (G7) as a live query, for the connection line and "Übertragung".
// Free of valibot: it is on the start path. `undefined` while loading.
import { readAttention } from './entry-queries';
import { db } from './instance';
import { useLiveQuery } from './use-live-query';

/**
 * `{ entries, changes, count }` — entries whose newest change was refused and refused changes
 * without an entry here, newest first. Without `author`: of everybody who used this device, for
 * device-wide notices (like the pending count); with `author`: that person's own, for their list.
 */
export const useAttention = (author?: string) =>
  useLiveQuery(() => readAttention(db, author), [author]);
