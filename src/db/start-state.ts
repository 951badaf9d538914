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
// sign-out changes the live values and so the snapshot within a moment. With it goes a picture
// of the start screen as last shown with these values (src/views/start-picture.ts), which
// public/start-picture.js paints on the next start; any change of the values drops it at
// once. `undefined` means "not known yet", as with every live query here.
import { useEffect, useState } from 'preact/hooks';
import type * as StartLive from './start-live';
import { loadPatiently } from '../shared/load-patiently';
import type { OpeningException, Storefront } from '../shared/catalogue';
import { openingState } from '../domain/opening-hours';

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

/**
 * The start screen as it was last shown with the snapshot's values, which public/start-picture.js
 * paints on the next start before any module has loaded (taken by src/views/start-picture.ts).
 */
export interface StartPicture {
  /** The app root's HTML. */
  html: string;
  /** When it was taken, and until when its words are true (the storefront line's). */
  at: number;
  until: number;
  /** The app's module script: a picture of another version is not painted. */
  build: string;
  /** The settings copy it was taken with (src/db/device-settings.ts), exactly as kept. */
  settings: string | null;
  /** The document's text size and language it was taken with. */
  fontSize: string;
  lang: string;
}

/** The snapshot as kept: per key, the argument it was read for and the value. */
interface Snapshot {
  v: typeof SNAPSHOT_VERSION;
  values: { [K in StartKey]?: { arg: string; value: StartState[K] } };
  /** Only ever of these values: any change drops it until a new one is taken. */
  picture?: StartPicture | null;
}
/** A snapshot of another shape (an older app) is not used: the live values follow at once. */
const SNAPSHOT_VERSION = 1;
const SNAPSHOT_KEY = 'qb.start';
/**
 * How soon after a change the start screen's picture is taken: after the screen has settled,
 * never in the middle of the work a tap waits for. Also taken when the app is left.
 */
const PICTURE_DELAY_MS = 500;

type LiveModule = Pick<typeof StartLive, 'watchStart'>;

/**
 * How long the QR link's first answers may stand in for stored values at most: enrolling and
 * the first pull are stored within a second or two; if that fails, the live values (no device,
 * no hours) show after this.
 */
const FIRST_ANSWERS_MS = 20_000;

/**
 * The start values a new tablet's first pull brings (src/sync/early-requests.ts), shown before
 * Dexie has stored it, or nothing if the answer is not of that shape. Read defensively: the
 * schema check comes later, with the data chunk; here only what the start screen shows is
 * taken, and only when it can be shown.
 */
export function firstPullValues(answer: unknown, now: number): Partial<StartState> | undefined {
  const body = answer as {
    quarter?: { name?: unknown };
    changes?: { storefronts?: unknown; openingExceptions?: unknown; activities?: unknown };
  } | null;
  const changes = body?.changes;
  const storefronts = changes?.storefronts;
  const exceptions = changes?.openingExceptions;
  const activities = changes?.activities;
  const quarterName = body?.quarter?.name;
  if (!Array.isArray(storefronts) || !Array.isArray(exceptions) || !Array.isArray(activities)) {
    return undefined;
  }
  if (typeof quarterName !== 'string') return undefined;
  const storefront = storefronts[0] as Storefront | undefined;
  const own = exceptions.filter(
    (exception: OpeningException | null) => exception?.storefrontId === storefront?.id,
  ) as OpeningException[];
  try {
    if (storefront) openingState(storefront, own, now); // what the start screen will do
  } catch {
    return undefined;
  }
  return {
    device: { needsEnrolment: false },
    storefront: storefront ? { storefront, exceptions: own } : null,
    activityCount: activities.length,
    pull: { quarterName, pulledAt: now },
  };
}

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
  let picture: StartPicture | null = null;
  let takePicture: (() => StartPicture | null) | undefined;
  let picturing: ReturnType<typeof setTimeout> | undefined;
  let live: Promise<LiveModule> | undefined;
  let liveLoaded = false;
  /** The QR link's first answers, until the first pull is stored (see firstPullValues). */
  let first: Partial<StartState> | null = null;
  const firstListeners = new Set<() => void>();
  const setFirst = (values: Partial<StartState> | null) => {
    first = values;
    firstListeners.forEach((listener) => listener());
  };

  /** Keeps a live value for the next start; writes at most once per task. */
  function remember<K extends StartKey>(key: K, arg: string, value: StartState[K]): void {
    const kept = { arg, value };
    const before = latest[key] ?? seed[key];
    (latest as Record<string, unknown>)[key] = kept;
    // The same as kept (each start's first answers): the snapshot and its picture still hold.
    if (before !== undefined && JSON.stringify(before) === JSON.stringify(kept)) return;
    changed();
  }

  /** Keeps nothing for these keys: the next start waits for their live values. */
  function forget(keys: string[]): void {
    for (const key of keys) {
      delete (latest as Record<string, unknown>)[key];
      delete (seed as Record<string, unknown>)[key];
    }
    changed();
  }

  /** The values changed: the picture showed the old ones, so it goes, and a new one is asked. */
  function changed(): void {
    picture = null;
    save();
    askForPicture();
  }

  function save(): void {
    if (saving !== undefined) return;
    saving = setTimeout(() => {
      saving = undefined;
      write();
    });
  }

  function write(): void {
    const snapshot: Snapshot = { v: SNAPSHOT_VERSION, values: { ...seed, ...latest }, picture };
    try {
      storage().setItem(SNAPSHOT_KEY, JSON.stringify(snapshot));
    } catch (error) {
      console.warn('Startbild speichern fehlgeschlagen', error); // full, or a private tab
    }
  }

  /**
   * Takes the picture PICTURE_DELAY_MS from now; `now`: what was asked is taken at once (the app
   * is being left). Where the screen is not the start screen, the picture kept so far stays:
   * it is of the same values, as a change of them dropped it.
   */
  function askForPicture(now = false): void {
    if (!takePicture || (now ? picturing === undefined : picturing !== undefined)) return;
    clearTimeout(picturing);
    const take = () => {
      picturing = undefined;
      const taken = takePicture?.() ?? picture;
      if (taken === picture) return; // the same as kept: nothing to write
      picture = taken;
      write();
    };
    if (now) take();
    else picturing = setTimeout(take, PICTURE_DELAY_MS);
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
      picture = (values && saved?.picture) ?? null;
    },

    /**
     * Keeps a picture of the start screen with the snapshot: `take` answers what the screen
     * shows now, or null when that is not the start screen (src/views/start-picture.ts). It is
     * asked after every change of the values, and whenever `askForPicture` is called.
     */
    keepPictures(take: () => StartPicture | null): void {
      takePicture = take;
      askForPicture();
    },

    askForPicture,

    loadLive: loadLiveOnce,

    /**
     * The QR link's first answers stand in for the stored values until the first pull is
     * stored (the live `pull` is there), FIRST_ANSWERS_MS have passed, or the returned function
     * withdraws them (the enrolment failed).
     */
    offerFirstAnswers(values: Partial<StartState>, holdMs = FIRST_ANSWERS_MS): () => void {
      setFirst(values);
      // Kept too: a tablet closed and opened again at once starts from what it showed.
      for (const [key, value] of Object.entries(values)) remember(key as StartKey, '', value);
      const withdraw = () => {
        if (first !== values) return;
        setFirst(null);
        forget(Object.keys(values)); // they stood for something that never got stored
      };
      setTimeout(withdraw, holdMs);
      return withdraw;
    },

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
      const [, firstChanged] = useState(first);
      useEffect(() => {
        const listener = () => firstChanged(first);
        firstListeners.add(listener);
        return () => void firstListeners.delete(listener);
      }, []);
      useEffect(() => {
        let here = true;
        let stop = () => {};
        loadPatiently(loadLiveOnce).then(
          (module) => {
            if (here) {
              stop = module.watchStart(key, arg, (next) => {
                // The first pull is stored: from now on the stored values speak.
                if (key === 'pull' && next !== null && first) setFirst(null);
                setValue(() => next);
                // What the screen shows is kept: while the first answers stand in, those.
                if (!(first && key in first)) remember(key, arg, next);
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
      return first && key in first ? first[key] : value;
    },
  };
}

const app = createStartState(
  () => import('./start-live'),
  () => localStorage,
);
export const {
  keepPictures: keepStartPictures,
  askForPicture: askForStartPicture,
  loadSnapshot: loadStartSnapshot,
  loadLive: loadStartLive,
  offerFirstAnswers,
  useStart,
} = app;
