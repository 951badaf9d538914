// The staff's last viewed week (issue 10), kept on this device so the Wochenübersicht stays
// readable without a connection, with the time it was loaded ("Stand: …"). Kept in idb-keyval
// under its own database, apart from the volunteers' Dexie replica: it is a copy of a server
// answer, never synced, never edited. One record only (the last week loaded, with who loaded
// it); signing out deletes it, since it may name people with concerns. A record another app
// version wrote in another shape is checked on reading and dropped if it does not fit.
// Offline: reads and writes are local only; a failing write just keeps the old copy.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import * as v from 'valibot';
import { staffMeSchema } from '../shared/staff/staff-session';
import { staffWeekResponseSchema } from '../shared/staff/staff-week';

const cachedStaffWeekSchema = v.object({
  /** The server's answer as it came. */
  week: staffWeekResponseSchema,
  /** Device time it was loaded, epoch ms. */
  loadedAt: v.number(),
  /** Who loaded it, with their quarter: the staff shell names them while offline. */
  me: staffMeSchema,
});
export type CachedStaffWeek = v.InferOutput<typeof cachedStaffWeekSchema>;

const KEY = 'last-week';
let store: UseStore | undefined;
const weekStore = () => (store ??= createStore('quartiersbuch-staff', 'week'));

export async function readCachedStaffWeek(): Promise<CachedStaffWeek | undefined> {
  const record = await get<unknown>(KEY, weekStore()).catch(() => undefined);
  if (record === undefined) return undefined;
  const parsed = v.safeParse(cachedStaffWeekSchema, record);
  return parsed.success ? parsed.output : undefined;
}

export async function saveCachedStaffWeek(record: CachedStaffWeek): Promise<void> {
  await set(KEY, record, weekStore()).catch((error: unknown) =>
    console.warn('Wochenübersicht nicht gespeichert', error),
  );
}

/** On sign-out (and when someone else signs in): nothing of the last person's week stays. */
export async function clearCachedStaffWeek(): Promise<void> {
  await del(KEY, weekStore());
}
