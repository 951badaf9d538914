// What waits in the outbox, for the start screen's connection line and "Übertragung". Free of
// valibot: it is on the start path. `undefined` while loading.
import { db } from './instance';
import { pendingSummary } from './outbox';
import { useLiveQuery } from './use-live-query';

/** `{ count, oldestCreatedAt }` of the whole outbox: all authors, this device. */
export const usePendingSummary = () => useLiveQuery(() => pendingSummary(db), []);
