// The call partners a caller phones, as a live query: re-renders when a call is logged, a pull
// brings a partner or takes one away, in this tab or another. `undefined` while loading.
// Read-only; works the same offline.
import { db } from './instance';
import { readPartners } from './partner-queries';
import { useLiveQuery } from './use-live-query';

/**
 * The partners assigned to `userId` that are not ended, by name, each with the last call, the
 * next planned call (a day, Europe/Berlin, planned from the time the query ran) and the
 * unanswered attempts in a row.
 */
export const usePartners = (userId: string) =>
  useLiveQuery(() => readPartners(db, userId, new Date()), [userId]);

export type { PartnerCard } from './partner-queries';
