// Wires the scheduler to the app's database and the network. Called once from main.tsx.
import { newId } from '../db/ids';
import { db } from '../db/instance';
import { startScheduler } from './scheduler';
import { setSyncPhase } from './status';
import { runExclusive } from './sync-lock';
import { syncOnce } from './sync-once';

export function startSync() {
  const tab = newId();
  return startScheduler({
    run: async () => {
      setSyncPhase('syncing');
      // Another tab may be syncing; then this round is skipped (its result reaches us via
      // the live queries).
      await runExclusive(
        {
          db,
          owner: tab,
          now: Date.now,
          locks: 'locks' in navigator ? navigator.locks : undefined,
        },
        () => syncOnce({ db, fetch: (input, init) => fetch(input, init), now: Date.now }),
      );
    },
    onResult: (result) => {
      setSyncPhase(result.ok ? 'ok' : 'failed');
      if (!result.ok) console.warn('Sync failed; will retry', result.error);
    },
  });
}
