// Live-query hooks for entries and their delivery state. They re-render when a save, a pull or
// an acknowledgement changes them, in this tab or another. `undefined` means "still loading".
import { readAttention, readCall, readCalls } from './call-queries';
import { db } from './instance';
import { pendingSummary } from './outbox';
import { useLiveQuery } from './use-live-query';

/** One person's calls, newest first. */
export const useCalls = (author: string) => useLiveQuery(() => readCalls(db, author), [author]);

/** One call; null when the device has no such call (never had it, or it was deleted). */
export const useCall = (id: string) => useLiveQuery(() => readCall(db, id), [id]);

/** `{ count, oldestCreatedAt }` of the whole outbox: all authors, this device. */
export const usePendingSummary = () => useLiveQuery(() => pendingSummary(db), []);

/**
 * Rejected calls ("braucht Aufmerksamkeit", G7), newest first. Without `author`: of everybody
 * who used this device, for device-wide notices (like the pending count); with `author`: that
 * person's own, for their list.
 */
export const useAttention = (author?: string) =>
  useLiveQuery(() => readAttention(db, author), [author]);

/** For views, which may not import the schema module (lint rule). */
export type { CallEntry, EntryState } from './db';
