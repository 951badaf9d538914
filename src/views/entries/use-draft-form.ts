// One hook for what every entry form does with typed input: start from the stored draft if
// there is one (else from `fresh`), autosave every change as a draft (debounced, never
// synced), write the last keystrokes when the page goes away or the form closes, and tell the
// update flow that unsaved input is on screen (src/sw/dirty-forms.ts), so an app update never
// reloads a half-filled form. A draft survives reloads and app updates; a closed tab loses at
// most the last 400 ms of typing (G1).
import { useEffect, useRef, useState } from 'preact/hooks';
import { appWrites } from '../../db/app-writes';
import { restoreDraft } from '../../domain/entry-form';
import { setFormDirty } from '../../sw/dirty-forms';

export const AUTOSAVE_MS = 400;

export interface DraftForm<F> {
  formId: string;
  /** null while the draft is being read. */
  form: F | null;
  /** The form came back from a stored draft (say so). */
  restored: boolean;
  /** Typed input that is not saved as an entry yet: "Entwurf verwerfen" is offered. */
  unsaved: boolean;
  change: (patch: Partial<F>) => void;
  /** Before saving: no autosave may write the draft again after the save removed it. */
  pauseAutosave: () => void;
  /**
   * After saving: the form starts again from `next`. `removed`: the save's own transaction
   * already removed the draft (G1), so no second write holds up "gespeichert"; otherwise it is
   * removed here.
   */
  saved: (next: F, removed: boolean) => Promise<void>;
  /** "Entwurf verwerfen": removes the draft and starts again from a fresh form. */
  discard: () => Promise<void>;
}

/** `fresh` null: not ready yet (the entry to edit is still being read). */
export function useDraftForm<F extends object>(
  formId: string,
  fresh: (() => F) | null,
): DraftForm<F> {
  const [form, setForm] = useState<F | null>(null);
  const [restored, setRestored] = useState(false);
  const [unsaved, setUnsaved] = useState(false);
  const current = useRef<F | null>(null);
  const pending = useRef<F | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const freshRef = useRef(fresh);
  freshRef.current = fresh;

  const show = (next: F) => {
    current.current = next;
    setForm(next);
  };

  const flush = () => {
    clearTimeout(timer.current);
    const data = pending.current;
    pending.current = null;
    if (!data) return Promise.resolve();
    return appWrites
      .saveDraft(formId, data)
      .catch((error: unknown) => console.error('Entwurf speichern fehlgeschlagen', error));
  };

  useEffect(() => {
    if (fresh === null || current.current) return;
    let cancelled = false;
    const start = (data: unknown) => {
      if (cancelled || !freshRef.current) return;
      const base = freshRef.current();
      const fromDraft = data === undefined ? undefined : restoreDraft(base, data);
      show(fromDraft ?? base);
      if (fromDraft) {
        setRestored(true);
        setUnsaved(true);
        setFormDirty(formId, true);
      }
    };
    appWrites.readDraft(formId).then(
      (draft) => start(draft?.data),
      (error: unknown) => {
        console.error('Entwurf lesen fehlgeschlagen', error);
        start(undefined);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [fresh === null, formId]);

  // The last keystrokes go to the draft at once when the page goes away or the form closes;
  // only then is nothing unsaved on screen any more.
  useEffect(() => {
    const onHide = () => void flush();
    const onVisibility = () => document.visibilityState === 'hidden' && onHide();
    addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void flush().then(() => setFormDirty(formId, false));
    };
  }, [formId]);

  return {
    formId,
    form,
    restored,
    unsaved,
    change: (patch) => {
      if (!current.current) return;
      const next = { ...current.current, ...patch };
      show(next);
      setUnsaved(true);
      setFormDirty(formId, true);
      pending.current = next;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    pauseAutosave: () => {
      clearTimeout(timer.current);
      pending.current = null;
    },
    saved: async (next, removed) => {
      clearTimeout(timer.current);
      pending.current = null;
      if (!removed) await appWrites.discardDraft(formId);
      show(next);
      setRestored(false);
      setUnsaved(false);
      setFormDirty(formId, false);
    },
    discard: async () => {
      clearTimeout(timer.current);
      pending.current = null;
      await appWrites.discardDraft(formId);
      if (freshRef.current) show(freshRef.current());
      setRestored(false);
      setUnsaved(false);
      setFormDirty(formId, false);
    },
  };
}
