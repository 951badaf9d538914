// One entry as a live query; re-renders when a save, a pull or an acknowledgement changes it,
// in this tab or another. `undefined` while loading.
import { readEntry } from './entry-queries';
import { db } from './instance';
import { useLiveQuery } from './use-live-query';

/** One entry; null when the device has no such entry (never had it, or it was deleted). */
export const useEntry = (id: string) => useLiveQuery(() => readEntry(db, id), [id]);
