// Whose entries wait for a new sign-in (issue 7, the hold rule), for "Übertragung".
// `undefined` while loading.
import { db } from './instance';
import { readHeldOutbox } from './people';
import { useLiveQuery } from './use-live-query';

/** Whose entries hold the outbox until they sign in again online; null when none wait so. */
export const useHeldOutbox = () => useLiveQuery(() => readHeldOutbox(db), []);
