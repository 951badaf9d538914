// The saving half of every entry form: check on "Speichern" (wrong fields named next to
// themselves, the first one focused, nothing typed lost), save — a new entry with its outbox
// row and the removal of its draft in one IndexedDB transaction, an edit as only the changed
// fields (G6) — and only then report "saved" (G1); discard the draft on request.
import { useEffect, useRef, useState } from 'preact/hooks';
import { appWrites } from '../../db/app-writes';
import { editDraftId, newDraftId } from '../../db/drafts';
import type { EntryOf } from '../../db/use-entries';
import { changedFields, type FormRead } from '../../domain/entry-form';
import type { ChangesOf, EntryKindName, ValuesOf } from '../../shared/entry-kinds';
import type { DraftForm } from './use-draft-form';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed' | 'discarded';

/**
 * "Wird gespeichert …" shows only for a save that takes longer than this. A quick save goes
 * straight to "saved": redrawing the form in between cost a throttled tablet more than the
 * save's own IndexedDB work (docs/benchmarks.md, measure 6). A second tap meanwhile does
 * nothing either way.
 */
export const SAVING_SHOWN_AFTER_MS = 300;

/** What a kind's form screen gets (src/views/entries/kinds/). */
export interface KindFormProps<K extends EntryKindName> {
  /** The entry to change; none for a new one. */
  existing?: EntryOf<K> | undefined;
  /** Who is signed in: the author of the change. */
  author: string;
  /** A new call starts with this registered call partner ("Anders …" on the partner's card). */
  partnerId?: string | undefined;
}

/**
 * Drafts of new entries are one per kind and person (on a shared tablet the next person's form
 * starts empty); of edits, one per entry (src/db/drafts.ts).
 */
export const formIdOf = (kind: EntryKindName, author: string, id?: string, detail?: string) =>
  id ? editDraftId(kind, id) : newDraftId(kind, author, detail);

export interface EntrySave<F, E extends string> {
  errors: E[];
  status: SaveStatus;
  change: (patch: Partial<F>) => void;
  submit: (event: Event) => Promise<void>;
  discard: () => Promise<void>;
}

export function useEntrySave<K extends EntryKindName, F extends object, E extends string>(
  options: KindFormProps<K> & {
    kind: K;
    draft: DraftForm<F>;
    fresh: () => F;
    read: (form: F) => FormRead<ValuesOf<K>, E>;
    /** The element id of each field, to focus the first wrong one. */
    fieldIds: Readonly<Record<E, string>>;
  },
): EntrySave<F, E> {
  const { kind, existing, author, draft } = options;
  const [errors, setErrors] = useState<E[]>([]);
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [attempt, setAttempt] = useState(0);

  // After a refused "Speichern" the first wrong field takes the focus (keyboard and screen
  // readers land where the fix is).
  useEffect(() => {
    const first = errors[0];
    if (first !== undefined) focusField(options.fieldIds[first]);
  }, [attempt]);

  const saving = useRef(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!draft.form || saving.current) return;
    // User Timing marks (qb-save-*): `npm run bench` reads where the time of a save goes.
    performance.mark('qb-save-start');
    const read = options.read(draft.form);
    if (!read.ok) {
      setErrors(read.errors);
      setStatus('idle');
      setAttempt((n) => n + 1);
      return;
    }
    if (errors.length > 0) setErrors([]);
    saving.current = true;
    const showSaving = setTimeout(() => setStatus('saving'), SAVING_SHOWN_AFTER_MS);
    draft.pauseAutosave();
    const change = { author, now: Date.now() };
    try {
      if (existing) {
        const fields = changedFields<ValuesOf<K>>(existing, read.values) as ChangesOf<K>;
        const changed = Object.keys(fields).length > 0;
        if (changed) {
          await appWrites.updateEntry(kind, existing.id, fields, {
            ...change,
            draftId: draft.formId,
          });
        }
        await draft.saved(draft.form, changed);
      } else {
        performance.mark('qb-save-checked');
        await appWrites.saveEntry(kind, read.values, { ...change, draftId: draft.formId });
        performance.mark('qb-save-stored');
        await draft.saved(options.fresh(), true);
      }
      setStatus('saved');
    } catch (error) {
      console.error('Eintrag speichern fehlgeschlagen', error);
      setStatus('failed');
      draft.change({}); // what was typed stays, also in the draft
    } finally {
      clearTimeout(showSaving);
      saving.current = false;
    }
  };

  return {
    errors,
    status,
    submit,
    change: (patch) => {
      draft.change(patch);
      if (!saving.current) setStatus('idle');
    },
    discard: async () => {
      await draft.discard();
      setErrors([]);
      setStatus('discarded');
      // The button that was focused is gone with the draft: start at the form's top again.
      const first = Object.values<string>(options.fieldIds)[0];
      if (first !== undefined) focusField(first);
    },
  };
}

/** Focuses a field by id, or the first input inside a group (a fieldset) of that id. */
function focusField(id: string): void {
  const element = document.getElementById(id);
  const target =
    element && /^(INPUT|SELECT|TEXTAREA)$/.test(element.tagName)
      ? element
      : element?.querySelector<HTMLElement>('input, select, textarea');
  target?.focus();
}
