// Wires the scheduler to the app's database and the network. Called once from main.tsx.
import { db } from '../db/instance';
import { startScheduler } from './scheduler';
import { setSyncPhase } from './status';
import { syncOnce } from './sync-once';

export function startSync() {
  return startScheduler({
    run: async () => {
      setSyncPhase('syncing');
      await syncOnce({ db, fetch: (input, init) => fetch(input, init), now: Date.now });
    },
    onResult: (result) => {
      setSyncPhase(result.ok ? 'ok' : 'failed');
      if (!result.ok) console.warn('Sync failed; will retry', result.error);
    },
  });
}
