// What the start screen and the app frame show, without Dexie on the start path (issue 12): the
// storefront's hours, who is signed in, whether the device is set up, counts, the last pull and
// what waits to be sent. Each value comes first from a small snapshot the app keeps in
// localStorage, so a tablet paints a usable start screen before Dexie and the sync engine have
// even loaded; then from a live query (src/db/start-live.ts, loaded right after the first
// paint), which also writes every new value back into the snapshot. localStorage because it
// answers at once: opening even a small IndexedDB took 0.35–0.45 s before the first paint on
// a throttled tablet (docs/benchmarks.md). Where it is missing or full (a private tab), the
// live values simply come a moment later.
// The snapshot holds only what these screens show (no credential, no entry); a wipe or a
// sign-out changes the live values and so the snapshot within a moment. `undefined` means
// "not known yet", as with every live query here.
import { useEffect, useState } from 'preact/hooks';
import type * as StartLive from './start-live';
import { loadPatiently } from '../shared/load-patiently';
import type { OpeningException, Storefront } from '../shared/catalogue';

export interface StartState {
  device: { needsEnrolment: boolean } | null;
  session: { userId: string; name: string; locked: boolean } | null;
  storefront: { storefront: Storefront; exceptions: OpeningException[] } | null;
  activityCount: number;
  /** Call partners of the person given as the argument (the one signed in). */
  partnerCount: number;
  pull: { quarterName: string; pulledAt: number } | null;
  /** Entries waiting in the outbox, of everybody who used this device. */
  pending: number;
  /** Entries and changes the server refused, of everybody (the connection line's notice). */
  attention: number;
}
export type StartKey = keyof StartState;

/** The snapshot as kept: per key, the argument it was read for and the value. */
interface Snapshot {
  v: typeof SNAPSHOT_VERSION;
  values: { [K in StartKey]?: { arg: string; value: StartState[K] } };
}
/** A snapshot of another shape (an older app) is not used: the live values follow at once. */
const SNAPSHOT_VERSION = 1;
const SNAPSHOT_KEY = 'qb.start';

type LiveModule = Pick<typeof StartLive, 'watchStart'>;

/** Where the snapshot is kept: localStorage, or what a test hands in. */
export type SnapshotStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The start values of one app (tests make their own, with a live part they drive). */
export function createStartState(
  loadLive: () => Promise<LiveModule>,
  storage: () => SnapshotStorage,
) {
  let seed: Snapshot['values'] = {};
  const latest: Snapshot['values'] = {};
  let saving: ReturnType<typeof setTimeout> | undefined;
  let live: Promise<LiveModule> | undefined;
  let liveLoaded = false;

  /** Keeps a live value for the next start; writes at most once per task. */
  function remember<K extends StartKey>(key: K, arg: string, value: StartState[K]): void {
    (latest as Record<string, unknown>)[key] = { arg, value };
    if (saving !== undefined) return;
    saving = setTimeout(() => {
      saving = undefined;
      const snapshot: Snapshot = { v: SNAPSHOT_VERSION, values: { ...seed, ...latest } };
      try {
        storage().setItem(SNAPSHOT_KEY, JSON.stringify(snapshot));
      } catch (error) {
        console.warn('Startbild speichern fehlgeschlagen', error); // full, or a private tab
      }
    });
  }

  /** Loads Dexie and the start queries (once; again after a failed try). */
  function loadLiveOnce(): Promise<LiveModule> {
    live ??= loadLive().then(
      (module) => {
        liveLoaded = true;
        return module;
      },
      (error: unknown) => {
        live = undefined;
        throw error;
      },
    );
    return live;
  }

  return {
    /** Reads the snapshot kept by the last run; main.tsx calls it before the first render. */
    loadSnapshot(): void {
      let saved: Partial<Snapshot> | undefined;
      try {
        saved = JSON.parse(storage().getItem(SNAPSHOT_KEY) ?? 'null') ?? undefined;
      } catch {
        saved = undefined; // unreadable: the live values come a moment later
      }
      const values = saved?.v === SNAPSHOT_VERSION ? saved.values : undefined;
      seed = typeof values === 'object' && values !== null ? values : {};
    },

    loadLive: loadLiveOnce,

    /**
     * One start value: the snapshot's until the live query answers (only before the live part
     * has loaded: a screen opened later waits for its own query, like any other), then the
     * live one. `arg` narrows the query (the person whose call partners are counted).
     */
    useStart<K extends StartKey>(key: K, arg = ''): StartState[K] | undefined {
      const [value, setValue] = useState<StartState[K] | undefined>(() => {
        const kept = seed[key];
        return !liveLoaded && kept?.arg === arg ? (kept.value as StartState[K]) : undefined;
      });
      useEffect(() => {
        let here = true;
        let stop = () => {};
        loadPatiently(loadLiveOnce).then(
          (module) => {
            if (here) {
              stop = module.watchStart(key, arg, (next) => {
                setValue(() => next);
                remember(key, arg, next);
              });
            }
          },
          () => {}, // logged by loadPatiently; the snapshot's value stays
        );
        return () => {
          here = false;
          stop();
        };
      }, [key, arg]);
      return value;
    },
  };
}

const app = createStartState(
  () => import('./start-live'),
  () => localStorage,
);
export const { loadSnapshot: loadStartSnapshot, loadLive: loadStartLive, useStart } = app;
