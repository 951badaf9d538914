// Writes held back for a few seconds so "Rückgängig" can still take them back: a deletion
// (pending-deletes.ts), a one-tap partner call (held-calls.ts). A confirmed action is held here
// before it is written; an undo leaves no trace in the outbox, because nothing was written yet.
// Module-level, not in a component, so a hold outlives the screen that started it (the person
// may go elsewhere meanwhile). The page going away (closed tab, app switched away, reload)
// writes every held action at once, best effort: the person asked for it, and one that silently
// did not happen would be worse than one a tab close cut short.
// Offline: once written, the change waits in the outbox like any change.
import { useLayoutEffect, useState } from 'preact/hooks';

/** 'held': undo possible; 'committing': being written; 'done': written on this device. */
export type HoldPhase = 'held' | 'committing' | 'done';

/** A held action as lists see it: its phase and what it is about (`P`, for its words). */
export interface HeldAction<P> {
  phase: HoldPhase;
  about: P;
}

export interface Holds<P> {
  /** Holds the action keyed `id` for `holdMs`, then runs `commit`. A second hold is ignored. */
  hold: (id: string, commit: () => Promise<unknown>, about: P, holdMs?: number) => void;
  /** "Rückgängig": forgets a held action. False when it is already being written. */
  undo: (id: string) => boolean;
  /** Writes a held action now. Should writing fail, it is forgotten (and shows as not done). */
  commit: (id: string) => Promise<void>;
  /** Writes every held action now (the page is going away). */
  commitAll: () => void;
  /** Held, committing and done actions by key; re-renders when one changes. */
  useHolds: () => ReadonlyMap<string, HeldAction<P>>;
}

interface Hold<P> extends HeldAction<P> {
  timer?: ReturnType<typeof setTimeout>;
  write: () => Promise<unknown>;
}

/** One kind of held action, with its own hold time and its own listeners. */
export function createHolds<P>(defaultMs: number, failure: string): Holds<P> {
  const holds = new Map<string, Hold<P>>();
  const listeners = new Set<() => void>();
  let snapshot: ReadonlyMap<string, HeldAction<P>> = new Map();
  let listening = false;

  const changed = () => {
    snapshot = new Map([...holds].map(([id, { phase, about }]) => [id, { phase, about }] as const));
    listeners.forEach((listener) => listener());
  };

  const commit = async (id: string) => {
    const hold = holds.get(id);
    if (!hold || hold.phase !== 'held') return;
    clearTimeout(hold.timer);
    hold.phase = 'committing';
    changed();
    try {
      await hold.write();
      // Kept as 'done' so a list whose live query has not caught up yet never shows it wrong.
      hold.phase = 'done';
    } catch (error) {
      console.error(failure, error);
      holds.delete(id);
    }
    changed();
  };

  const commitAll = () => {
    for (const id of [...holds.keys()]) void commit(id);
  };

  const commitOnLeave = () => {
    if (listening) return;
    listening = true;
    addEventListener('pagehide', commitAll);
    // iOS often ends a page in the background without a pagehide; hidden comes first there.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') commitAll();
    });
  };

  return {
    hold: (id, write, about, holdMs = defaultMs) => {
      if (holds.has(id) && holds.get(id)?.phase !== 'done') return;
      commitOnLeave();
      holds.set(id, {
        phase: 'held',
        about,
        write,
        timer: setTimeout(() => void commit(id), holdMs),
      });
      changed();
    },
    undo: (id) => {
      const hold = holds.get(id);
      if (!hold || hold.phase !== 'held') return false;
      clearTimeout(hold.timer);
      holds.delete(id);
      changed();
      return true;
    },
    commit,
    commitAll,
    useHolds: () => {
      const [current, setCurrent] = useState(snapshot);
      // Subscribed right after rendering (a layout effect, not one after paint): a tap in
      // between must already show its hold.
      useLayoutEffect(() => {
        const update = () => setCurrent(snapshot);
        listeners.add(update);
        update();
        return () => {
          listeners.delete(update);
        };
      }, []);
      return current;
    },
  };
}
