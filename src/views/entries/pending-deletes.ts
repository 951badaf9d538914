// Deleting with a short undo: a confirmed deletion is held here for a few seconds before it is
// written, so "Rückgängig" can still take it back. Module-level, not in a component, so the
// hold outlives the screen that started it (the person may go to the list meanwhile). While
// held, lists hide the entry; nothing is written yet, so an undo leaves no trace in the outbox.
// Offline: the deletion, once committed, waits in the outbox like any change.
// The page going away (closed tab, app switched away, reload) commits every held deletion at
// once, best effort: the person confirmed it, and a deletion that silently came back would be
// worse than one a tab close cut short (then the entry simply stays).
import { useEffect, useState } from 'preact/hooks';

/** How long "Rückgängig" is offered. */
export const DELETE_HOLD_MS = 8_000;

/** 'held': undo possible; 'committing': being written; 'done': deleted on this device. */
export type DeletePhase = 'held' | 'committing' | 'done';

interface Hold {
  phase: DeletePhase;
  timer?: ReturnType<typeof setTimeout>;
  commit: () => Promise<unknown>;
}

const holds = new Map<string, Hold>();
const listeners = new Set<() => void>();
let phases: ReadonlyMap<string, DeletePhase> = new Map();
let listening = false;

function changed(): void {
  phases = new Map([...holds].map(([id, hold]) => [id, hold.phase]));
  listeners.forEach((listener) => listener());
}

function commitOnLeave(): void {
  if (listening) return;
  listening = true;
  addEventListener('pagehide', commitHeldDeletes);
  // iOS often ends a page in the background without a pagehide; hidden comes first there.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') commitHeldDeletes();
  });
}

/**
 * Holds the deletion of entry `id` for `holdMs`, then runs `commit` (which writes it). A
 * second hold of the same entry is ignored.
 */
export function holdDelete(
  id: string,
  commit: () => Promise<unknown>,
  holdMs = DELETE_HOLD_MS,
): void {
  if (holds.has(id)) return;
  commitOnLeave();
  holds.set(id, { phase: 'held', commit, timer: setTimeout(() => void commitDelete(id), holdMs) });
  changed();
}

/** "Rückgängig": forgets a held deletion. False when it is already being written. */
export function undoDelete(id: string): boolean {
  const hold = holds.get(id);
  if (!hold || hold.phase !== 'held') return false;
  clearTimeout(hold.timer);
  holds.delete(id);
  changed();
  return true;
}

/** Writes a held deletion now. Should writing fail, the entry shows again, undeleted. */
export async function commitDelete(id: string): Promise<void> {
  const hold = holds.get(id);
  if (!hold || hold.phase !== 'held') return;
  clearTimeout(hold.timer);
  hold.phase = 'committing';
  changed();
  try {
    await hold.commit();
    // Kept as 'done' so a list whose live query has not caught up yet never shows it again.
    hold.phase = 'done';
  } catch (error) {
    console.error('Eintrag löschen fehlgeschlagen', error);
    holds.delete(id);
  }
  changed();
}

/** Writes every held deletion now (the page is going away). */
export function commitHeldDeletes(): void {
  for (const id of [...holds.keys()]) void commitDelete(id);
}

/** Held, committing and done deletions by entry id; re-renders when one changes. */
export function useDeletePhases(): ReadonlyMap<string, DeletePhase> {
  const [current, setCurrent] = useState(phases);
  useEffect(() => {
    const update = () => setCurrent(phases);
    listeners.add(update);
    update();
    return () => {
      listeners.delete(update);
    };
  }, []);
  return current;
}
