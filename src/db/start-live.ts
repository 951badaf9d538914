// The live half of the start screen's values (src/db/start-state.ts): Dexie, the one database
// instance and the queries behind each value. Loaded right after the first paint, never before
// it. Each query returns only what the start screen shows, so the snapshot kept from it holds
// no credential and no entry.
import { liveQuery } from 'dexie';
import { countActivities, readStorefront } from './catalogue-queries';
import type { QuartiersbuchDb } from './db';
import { readDevice, readSession } from './device-identity';
import { readAttention } from './entry-queries';
import { db } from './instance';
import { pendingSummary } from './outbox';
import { isPhonedBy } from './partner-queries';
import { readPullState } from './pull-state';
import type { StartKey, StartState } from './start-state';

type StartQueries = {
  [K in StartKey]: (db: QuartiersbuchDb, arg: string) => Promise<StartState[K]>;
};

export const startQueries: StartQueries = {
  device: async (db) => {
    const device = await readDevice(db);
    return device && { needsEnrolment: device.needsEnrolment };
  },
  session: async (db) => {
    const session = await readSession(db);
    return (
      session && { userId: session.userId, name: session.name, locked: session.locked === true }
    );
  },
  storefront: readStorefront,
  activityCount: countActivities,
  // Partner entries assigned to the person and not ended (a count, without their calls).
  partnerCount: (db, userId) =>
    db.entries
      .where('kind')
      .equals('partner')
      .filter((entry) => isPhonedBy(entry, userId))
      .count(),
  pull: async (db) => {
    const pull = await readPullState(db);
    return pull ? { quarterName: pull.quarterName, pulledAt: pull.pulledAt } : null;
  },
  pending: async (db) => (await pendingSummary(db)).count,
  attention: async (db) => (await readAttention(db)).count,
};

/** Calls `next` with the value now and after every change, in this tab or another. */
export function watchStart<K extends StartKey>(
  key: K,
  arg: string,
  next: (value: StartState[K]) => void,
): () => void {
  const query = startQueries[key] as StartQueries[K];
  // `async`, so Dexie counts the query's awaits as its own (see DEXIE_ZONES in eslint.config.js).
  const subscription = liveQuery(async () => query(db, arg)).subscribe({
    next,
    error: (error: unknown) => console.error('liveQuery failed', key, error),
  });
  return () => subscription.unsubscribe();
}
