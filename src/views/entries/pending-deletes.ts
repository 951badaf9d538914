// Deleting with a short undo: a confirmed deletion is held for a few seconds before it is
// written, so "Rückgängig" can still take it back (held-actions.ts: the page going away writes
// it at once). While held, lists hide the entry. Offline: the deletion, once committed, waits in
// the outbox like any change.
import { useMemo } from 'preact/hooks';
import { createHolds, type HoldPhase } from './held-actions';

/** How long "Rückgängig" is offered. */
export const DELETE_HOLD_MS = 8_000;

export type DeletePhase = HoldPhase;

const deletes = createHolds<null>(DELETE_HOLD_MS, 'Eintrag löschen fehlgeschlagen');

/**
 * Holds the deletion of entry `id` for `holdMs`, then runs `commit` (which writes it). A
 * second hold of the same entry is ignored.
 */
export function holdDelete(
  id: string,
  commit: () => Promise<unknown>,
  holdMs = DELETE_HOLD_MS,
): void {
  deletes.hold(id, commit, null, holdMs);
}

/** "Rückgängig": forgets a held deletion. False when it is already being written. */
export const undoDelete = deletes.undo;

/** Writes a held deletion now. Should writing fail, the entry shows again, undeleted. */
export const commitDelete = deletes.commit;

/** Writes every held deletion now (the page is going away). */
export const commitHeldDeletes = deletes.commitAll;

/** Held, committing and done deletions by entry id; re-renders when one changes. */
export function useDeletePhases(): ReadonlyMap<string, DeletePhase> {
  const holds = deletes.useHolds();
  return useMemo(() => new Map([...holds].map(([id, hold]) => [id, hold.phase])), [holds]);
}
