// One person's entries as a live query, and the entry types views may use. It re-renders when
// a save, a pull or an acknowledgement changes them, in this tab or another. `undefined` means
// "still loading". Read-only, free of valibot.
import type { EntryKindName } from '../shared/entry-key';
import type { Entry, EntryOf } from './db';
import { readEntries } from './entry-queries';
import { db } from './instance';
import { useLiveQuery } from './use-live-query';

/**
 * One person's entries, newest first: of one kind, or of every kind they log ("Meine
 * Einträge": calls, advice sessions, walks — not call partners, and observations only with
 * their walk).
 */
export function useEntries<K extends EntryKindName>(
  author: string,
  kind: K,
): EntryOf<K>[] | undefined;
export function useEntries(author: string, kind?: EntryKindName): Entry[] | undefined;
export function useEntries(author: string, kind?: EntryKindName): Entry[] | undefined {
  return useLiveQuery(() => readEntries(db, author, kind), [author, kind]);
}

/** For views, which may not import the schema module (lint rule). */
export type { Entry, EntryOf, EntryState, RejectedChange } from './db';
export type { Attention } from './entry-queries';
