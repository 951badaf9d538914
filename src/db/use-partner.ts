// One call partner's card as a live query: re-renders when a call with them is logged or a pull
// changes them, in this tab or another. `undefined` while loading, null when the device holds
// no such partner (never had them, or they are no longer assigned here). Read-only.
import { db } from './instance';
import { readPartner } from './partner-queries';
import { useLiveQuery } from './use-live-query';

/** Partner `id` with the last call, the next planned call and the unanswered attempts. */
export const usePartner = (id: string) => useLiveQuery(() => readPartner(db, id, new Date()), [id]);
