// The partners a caller phones, without their calls, as a live query: what the call form
// offers. Re-renders when a pull brings a partner or takes one away, not when a call is saved.
// `undefined` while loading. Read-only; works the same offline.
import { db } from './instance';
import { readAssignedPartners } from './partner-queries';
import { useLiveQuery } from './use-live-query';

/** The partners assigned to `userId` that are not ended, by name. */
export const useAssignedPartners = (userId: string) =>
  useLiveQuery(() => readAssignedPartners(db, userId), [userId]);
