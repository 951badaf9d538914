// Reading entries of every kind, for the live-query hooks (src/db/use-entries.ts). Apart from
// the writing functions in entries.ts so that the start screen, which shows counts and notices,
// does not load the code (valibot and the kinds' schemas) for saving and changing entries.
// Read-only; works the same offline.
import type { EntryKindName } from '../shared/entry-key';
import type { Entry, EntryOf, QuartiersbuchDb, RejectedChange } from './db';

const newestFirst = (a: Entry, b: Entry) =>
  a.occurredAt === b.occurredAt ? (a.id < b.id ? 1 : -1) : a.occurredAt < b.occurredAt ? 1 : -1;

/**
 * Kinds that are not listed on their own in "Meine Einträge": call partners are not the
 * person's entries (staff register them; src/db/partner-queries.ts reads them), and an
 * observation belongs to its walk (the walk's screen shows it). Asked for by kind, they are.
 */
const NOT_LISTED_ON_THEIR_OWN: readonly EntryKindName[] = ['partner', 'observation'];

/**
 * One person's entries on this device, newest first (occurredAt, then id); of one kind, or of
 * every kind they log — calls, advice sessions, walks (volunteers see their own: docs/api.md).
 */
export async function readEntries<K extends EntryKindName>(
  db: QuartiersbuchDb,
  author: string,
  kind: K,
): Promise<EntryOf<K>[]>;
export async function readEntries(
  db: QuartiersbuchDb,
  author: string,
  kind?: EntryKindName,
): Promise<Entry[]>;
export async function readEntries(
  db: QuartiersbuchDb,
  author: string,
  kind?: EntryKindName,
): Promise<Entry[]> {
  const mine = db.entries.where('author').equals(author);
  const entries = await (
    kind === undefined
      ? mine.filter((entry) => !NOT_LISTED_ON_THEIR_OWN.includes(entry.kind))
      : mine.filter((entry) => entry.kind === kind)
  ).toArray();
  return entries.sort(newestFirst);
}

/** One entry of any kind; null when the device has none with this id. */
export async function readEntry(db: QuartiersbuchDb, id: string): Promise<Entry | null> {
  return (await db.entries.get(id)) ?? null;
}

/** What "Braucht Aufmerksamkeit" lists (G7). */
export interface Attention {
  /** Entries whose newest change the server refused, newest first. */
  entries: Entry[];
  /** Refused changes no entry on the device shows (route chunks, deletes), newest first. */
  changes: RejectedChange[];
  /** Both together: what the notices count. */
  count: number;
}

/**
 * Whose refused change an entry shows: its author's, and for a call partner (made by staff)
 * also the change of a caller assigned to it.
 */
const concerns = (entry: Entry, person: string) =>
  entry.author === person || (entry.kind === 'partner' && entry.callers.includes(person));

/**
 * Everything the server refused that the author has not dismissed yet, entries of every kind
 * (an observation too, though "Meine Einträge" lists it only with its walk): of one author, or
 * of everybody who used this device (the device-wide count, like the pending count).
 */
export async function readAttention(db: QuartiersbuchDb, author?: string): Promise<Attention> {
  const rejected = db.entries.where('state').equals('rejected');
  const [entries, changes] = await Promise.all([
    (author === undefined
      ? rejected
      : rejected.filter((entry) => concerns(entry, author))
    ).toArray(),
    (author === undefined
      ? db.rejectedChanges.toCollection()
      : db.rejectedChanges.where('author').equals(author)
    ).toArray(),
  ]);
  entries.sort(newestFirst);
  changes.sort((a, b) => b.seq - a.seq);
  return { entries, changes, count: entries.length + changes.length };
}
