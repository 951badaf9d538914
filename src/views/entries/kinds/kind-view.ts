// What the entry screens need of each kind: its line in a list, its form, and the words for
// it. One file per kind in this folder provides them; kind-views.ts lists them.
import type { ComponentType } from 'preact';
import type { EntryOf } from '../../../db/use-entries';
import type { EntryKindName } from '../../../shared/entry-kinds';
import type { KindFormProps } from '../use-entry-save';
import type { EntriesKey, EntriesT } from '../use-entries-t';

export interface KindView<K extends EntryKindName> {
  /** The one-line summary of an entry in a list ("Frau K. · 15 Minuten"). */
  Line: ComponentType<{ entry: EntryOf<K> }>;
  /** The form for a new entry (no `existing`) or for changing one. */
  Form: ComponentType<KindFormProps<K>>;
  /** The address of a new entry's form (src/views/use-route.ts). */
  newHref: string;
  words: {
    /** "Anruf" */
    one: EntriesKey;
    /** "Anrufe", for the filter. */
    many: EntriesKey;
    /** "Anruf eintragen" */
    newTitle: EntriesKey;
    /** "Anruf ändern" */
    editTitle: EntriesKey;
    /** "Neuen Anruf eintragen" */
    newEntry: EntriesKey;
  };
}

/** `1 Minute`, `15 Minuten`. */
export function minutesText(t: EntriesT, count: number): string {
  return count === 1 ? t('entries.minuteOne') : t('entries.minutes', { count });
}

/** The parts of a line that apply, joined by a middle dot. */
export function joinParts(parts: readonly (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' · ');
}
