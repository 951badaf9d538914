// Wires the scheduler to the app's database and the network. Called once from main.tsx; the
// views never call sync themselves: a write shows up in the outbox, which is watched here with
// a live query (any tab's write), and a new enrolment starts a round at once. `requestSync`
// is the "Jetzt senden" button. Each round runs under the cross-tab sync lock with its own
// owner id, so a round the watchdog abandoned keeps later rounds out until it has unwound:
// two rounds never push at once, in one tab or several.
import { liveQuery } from 'dexie';
import type { DeviceRecord, QuartiersbuchDb } from '../db/db';
import { readDevice } from '../db/device-identity';
import { newId } from '../db/ids';
import { db as appDb } from '../db/instance';
import { readClient } from '../db/outbox';
import { countSendable } from '../db/people';
import { enrolmentUnderway, fetchWithEarly } from './early-requests';
import { startScheduler, type RoundReport, type SchedulerDeps } from './scheduler';
import { setSyncPhase, setUpdateAdvised, type SyncPhase } from './status';
import { runExclusive, type SyncLockDeps } from './sync-lock';
import { syncOnce, type SyncResult } from './sync-once';
import type { FetchLike } from './transport';

export interface SyncRuntime {
  db: QuartiersbuchDb;
  fetch: FetchLike;
  now: () => number;
  baseUrl?: string;
  /** `navigator.locks` where the browser has it; otherwise the IndexedDB lease. */
  locks?: SyncLockDeps['locks'];
  /** Event targets and timings for the scheduler (tests pass fakes and short times). */
  scheduler?: Omit<SchedulerDeps, 'run' | 'onResult'>;
  /** See SyncDeps: an early enrolment from the QR link is under way. */
  enrolling?: () => boolean;
}

export interface SyncHandle {
  trigger: () => void;
  stop: () => void;
}

let active: SyncHandle | undefined;

export function startSync(runtime: SyncRuntime = browserRuntime()): SyncHandle {
  const scheduler = startScheduler({
    ...runtime.scheduler,
    run: syncRound(runtime),
    onResult: (result) => {
      if (result.ok || !('error' in result)) return; // the round set the phase itself
      setSyncPhase('failed');
      console.warn('Sync failed; will retry', result.error);
    },
  });
  const watch = watchDevice(runtime.db, scheduler);
  const handle: SyncHandle = {
    trigger: scheduler.trigger,
    stop: () => {
      watch.unsubscribe();
      scheduler.stop();
      if (active === handle) active = undefined;
    },
  };
  active = handle;
  return handle;
}

/** "Jetzt senden": a round now (or right after the running one). */
export function requestSync(): void {
  active?.trigger();
}

/** One scheduled round: syncOnce under the sync lock, its result told to the UI. */
export function syncRound(runtime: SyncRuntime): (signal: AbortSignal) => Promise<RoundReport> {
  return async (signal) => {
    const phase = (next: SyncPhase) => {
      if (!signal.aborted) setSyncPhase(next); // an abandoned round no longer speaks for sync
    };
    phase('syncing');
    const exclusive = await runExclusive(
      { db: runtime.db, owner: newId(), now: runtime.now, locks: runtime.locks },
      () =>
        syncOnce({
          db: runtime.db,
          fetch: abortable(runtime.fetch, signal),
          now: runtime.now,
          baseUrl: runtime.baseUrl,
          signal,
          enrolling: runtime.enrolling,
        }),
    );
    // Rows held for someone to sign in again do not count: polling cannot send them (a sign-in
    // starts a round itself), so an idle device with held rows syncs every 5 minutes.
    const pending = (await countSendable(runtime.db)) > 0;
    if (!exclusive.ran) {
      phase('ok'); // another round (another tab's) is syncing; its results reach us via live queries
      return { ok: true, pending };
    }
    const { report, next } = judge(exclusive.value, pending);
    phase(next);
    return report;
  };
}

function judge(result: SyncResult, pending: boolean): { report: RoundReport; next: SyncPhase } {
  switch (result.status) {
    case 'synced':
      if (result.pushed > 0) setUpdateAdvised(result.updateAdvised);
      return { report: { ok: true, pending }, next: 'ok' };
    case 'needs-enrolment':
      // Nothing can be sent (the round pulled the public reference data); the enrolment itself
      // starts the next round (watchDevice), else the usual triggers and the 5-minute period.
      return { report: { ok: true, pending: false }, next: 'needs-enrolment' };
    case 'retry-later':
      return { report: { ok: false, retryAfterMs: result.retryAfterMs }, next: 'failed' };
    case 'server-lost-changes':
      console.error('The server has lost changes it had acknowledged', result);
      return { report: { ok: false }, next: 'failed' };
  }
}

/**
 * Triggers a round when the outbox grows (any tab's write; debounced by the scheduler) and at
 * once when the device becomes usable (enrolled, or enrolled again after a 401).
 */
export function watchDevice(
  db: QuartiersbuchDb,
  scheduler: { wrote: () => void; trigger: () => void },
): { unsubscribe: () => void } {
  let seen: { lastSeq: number; credential: string } | undefined;
  return liveQuery(async () => ({
    lastSeq: (await readClient(db))?.lastSeq ?? 0,
    credential: usable(await readDevice(db)),
  })).subscribe({
    next: (now) => {
      if (seen && now.lastSeq > seen.lastSeq) scheduler.wrote();
      if (seen && now.credential !== seen.credential && now.credential !== '') scheduler.trigger();
      seen = now;
    },
    error: (error: unknown) => console.error('Watching the outbox failed', error),
  });
}

const usable = (device: DeviceRecord | null) =>
  device && !device.needsEnrolment ? `${device.deviceId}.${device.credential}` : '';

/**
 * `fetch` that gives up when the round is abandoned, even if the request itself ignores the
 * signal (old browsers, a stuck connection), so the round unwinds and frees the sync lock.
 */
function abortable(fetchImpl: FetchLike, signal: AbortSignal): FetchLike {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(new Error('Sync round abandoned'));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      fetchImpl(input, { ...init, signal })
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
}

function browserRuntime(): SyncRuntime {
  return {
    db: appDb,
    fetch: fetchWithEarly(),
    now: Date.now,
    enrolling: enrolmentUnderway,
    locks: 'locks' in navigator ? navigator.locks : undefined,
  };
}
