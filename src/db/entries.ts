// Entries of every kind on the device (calls, advice sessions, …: src/shared/entry-kinds.ts).
// Offline: every save, change and deletion is written here together with its outbox row (one
// transaction, G1) and shown as "Auf diesem Gerät gespeichert" until the server confirms it
// ("Übertragen"). Conflicts: a change carries the server version it was made on
// (`baseVersion`); the server resolves concurrent edits per field in its own order and flags
// the loser for review (G6), and the next pull shows the outcome. Until then this device shows
// its own unsent changes (src/db/pull-entries.ts). One set of rules for every kind: the kind's
// declaration only says which fields it has and how they are checked.
import Dexie from 'dexie';
import * as v from 'valibot';
import { applyEntryFields } from '../domain/entry-rebase';
import {
  ENTRY_KINDS,
  entryIdOf,
  type ChangesOf,
  type EntryKindName,
  type ValuesOf,
} from '../shared/entry-kinds';
import { currentVersion } from '../shared/push-protocol';
import type { Entry, EntryOf, QuartiersbuchDb } from './db';
import { newId } from './ids';
import { writeDirect, type DirectWrite } from './direct-write';
import { enqueue, enqueueDirect, readClient } from './outbox';
import { dropWalkData } from './walk-points';

export interface ChangeOptions {
  /** Who is signed in (shared tablets); recorded in the outbox row, never lost on sign-out. */
  author: string;
  now: number;
}

export interface SaveOptions extends ChangeOptions {
  /** The form's draft, removed in the same transaction once the entry is saved. */
  draftId?: string;
  makeId?: () => string;
}

/** The schemas and mutation names of kind K, typed loosely enough to use for any kind. */
function kindSpec(kind: EntryKindName) {
  const spec = ENTRY_KINDS[kind];
  return {
    create: spec.schemas.create as v.GenericSchema<unknown, { id: string }>,
    update: spec.schemas.update as v.GenericSchema<
      unknown,
      { id: string; baseVersion: number | null; fields: Record<string, unknown> }
    >,
    names: spec.mutationNames,
    words: spec.words,
  };
}

/** A form's entry write in plain IndexedDB and, when it had one, its draft's removal. */
function withDraftRemoved(write: DirectWrite, draftId: string | undefined): DirectWrite[] {
  return draftId ? [write, { table: 'drafts', delete: draftId }] : [write];
}

/**
 * Saves an entry of kind `kind`, its outbox row and the removal of its draft in ONE
 * transaction (G1): either all of it is on the device or none, so an entry is never saved
 * without being sent later, nor its draft lost without the entry saved. Throws on input the
 * kind's create schema refuses, before writing anything. Called inside a Dexie transaction (a
 * walk's start, a partner's call), the entry joins it; on its own ("Speichern" on a form) it is
 * written in plain IndexedDB, as an edit is: the writes whose wait people feel (direct-write.ts).
 */
export async function saveEntry<K extends EntryKindName>(
  db: QuartiersbuchDb,
  kind: K,
  values: ValuesOf<K>,
  options: SaveOptions,
): Promise<EntryOf<K>> {
  const { author, now, draftId } = options;
  const spec = kindSpec(kind);
  const args = v.parse(spec.create, { ...values, id: (options.makeId ?? newId)() });
  performance.mark('qb-save-parsed'); // for `npm run bench` (bench/entry-screens.ts)
  const row = {
    name: spec.names.create,
    v: currentVersion(kind, 'create'),
    author,
    args,
    createdAt: now,
    ...countedUnder(kind, args),
  };
  const entryAt = (seq: number) =>
    ({
      ...args,
      kind,
      author,
      state: 'saved',
      seq,
      version: null,
      conflict: false,
    }) as unknown as EntryOf<K>;
  if (!Dexie.currentTransaction) {
    return writeDirect<EntryOf<K>>(db, ['entries', 'outbox', 'clientState', 'drafts'], (tx) =>
      enqueueDirect(tx, row, (seq) => {
        const entry = entryAt(seq);
        tx.done(entry);
        return withDraftRemoved({ table: 'entries', add: entry }, draftId);
      }),
    );
  }
  let entry: EntryOf<K> | undefined;
  await enqueue(db, row, (seq) => {
    entry = entryAt(seq);
    return [db.entries.add(entry as Entry), draftId && db.drafts.delete(draftId)];
  });
  return entry as EntryOf<K>;
}

/**
 * Changes some fields of an entry: it shows them at once and a `<kind>.update` with only those
 * fields waits in the outbox, in ONE transaction (G1). `baseVersion` is the server version the
 * device had, so the server can tell a concurrent edit (G6). Offline: any number of changes
 * queue up and are sent in order (G3). The edit's draft (`draftId`) goes in the same
 * transaction. Throws for an unknown id, an entry of another kind or invalid fields, writing
 * nothing.
 */
export async function updateEntry<K extends EntryKindName>(
  db: QuartiersbuchDb,
  kind: K,
  id: string,
  fields: ChangesOf<K>,
  options: ChangeOptions & { draftId?: string },
): Promise<EntryOf<K>> {
  const spec = kindSpec(kind);
  const { draftId } = options;
  /** The change of `entry` as it waits in the outbox and as the entry then reads. */
  const change = (found: Entry | undefined) => {
    if (!found || found.kind !== kind) {
      throw new Error(`${spec.words.accusative} gibt es auf diesem Gerät nicht (${id}).`);
    }
    const args = v.parse(spec.update, { id, baseVersion: found.version, fields });
    const row = {
      name: spec.names.update,
      v: currentVersion(kind, 'update'),
      author: options.author,
      args,
      createdAt: options.now,
      ...countedUnder(kind, found),
    };
    const entryAt = (seq: number) =>
      ({
        ...withoutRejection(applyEntryFields(found, args.fields)),
        state: 'saved',
        seq,
      }) as Entry;
    return { row, entryAt };
  };
  if (!Dexie.currentTransaction) {
    // "Änderung speichern" on a form: in plain IndexedDB, as a new entry's save (saveEntry).
    return writeDirect<EntryOf<K>>(db, ['entries', 'outbox', 'clientState', 'drafts'], (tx) =>
      tx.get('entries', id, (found) => {
        const { row, entryAt } = change(found as Entry | undefined);
        enqueueDirect(tx, row, (seq) => {
          const next = entryAt(seq);
          tx.done(next as unknown as EntryOf<K>);
          return withDraftRemoved({ table: 'entries', put: next }, draftId);
        });
      }),
    );
  }
  return db.transaction('rw', [db.entries, db.outbox, db.clientState, db.drafts], async () => {
    const { row, entryAt } = change(await db.entries.get(id));
    let next: Entry | undefined;
    await enqueue(db, row, (seq) => {
      next = entryAt(seq);
      return [db.entries.put(next), draftId && db.drafts.delete(draftId)];
    });
    return next as unknown as EntryOf<K>;
  });
}

/**
 * Deletes an entry of any kind: gone from the device at once, a `<kind>.delete` waits in the
 * outbox, in ONE transaction (G1). A walk takes its observations (each deleted the same way,
 * before it), its route points and any recording of it along, in the same transaction: nothing
 * of a deleted walk stays behind. Delete wins over concurrent edits on the server (G6); should
 * the server refuse it, the refusal is kept under "Braucht Aufmerksamkeit" (a RejectedChange,
 * G7) and the next full pull brings the entry back. False when there was no such entry.
 */
export async function deleteEntry(
  db: QuartiersbuchDb,
  id: string,
  options: ChangeOptions,
): Promise<boolean> {
  const tables = [db.entries, db.outbox, db.clientState, db.walkPoints, db.recordings];
  return db.transaction('rw', tables, async () => {
    const entry = await db.entries.get(id);
    if (!entry) return false;
    if (entry.kind === 'walk') {
      const observations = await db.entries
        .where('kind')
        .equals('observation')
        .filter((other) => other.kind === 'observation' && other.walkId === id)
        .toArray();
      for (const observation of observations) await removeEntry(db, observation, options);
      await dropWalkData(db, [id]);
    }
    await removeEntry(db, entry, options);
    return true;
  });
}

/** Queues the delete of `entry` and removes it; inside deleteEntry's transaction. */
async function removeEntry(db: QuartiersbuchDb, entry: Entry, options: ChangeOptions) {
  const change = {
    name: kindSpec(entry.kind).names.delete,
    v: currentVersion(entry.kind, 'delete'),
    author: options.author,
    args: { id: entry.id },
    createdAt: options.now,
    ...countedUnder(entry.kind, entry),
  };
  await enqueue(db, change, () => [db.entries.delete(entry.id)]);
}

/** An observation's changes count as its walk's in "N Einträge warten" (OutboxRow.countAs). */
function countedUnder(kind: EntryKindName, values: object): { countAs?: string } {
  const { walkId } = values as { walkId?: unknown };
  return kind === 'observation' && typeof walkId === 'string' ? { countAs: walkId } : {};
}

/**
 * The author has read why a change was refused ("braucht Aufmerksamkeit", G7). An entry the
 * server never sent back (`version` null: its create was refused) is removed from the device;
 * an entry the server has keeps the server's values (restored by the full pull that followed
 * the refusal) and counts as delivered again. That full pull kept the entry only because its
 * refusal was unread; the next pull is a full one again, so an entry the server no longer lists
 * for this device (a call partner assigned to someone else meanwhile) leaves it then. Local;
 * nothing is sent.
 */
export async function dismissRejection(db: QuartiersbuchDb, id: string): Promise<void> {
  await db.transaction('rw', [db.entries, db.syncState], async () => {
    const entry = await db.entries.get(id);
    if (!entry || entry.state !== 'rejected') return;
    if (entry.version === null) {
      await db.entries.delete(id);
      return;
    }
    await db.entries.put({ ...withoutRejection(entry), state: 'delivered' });
    await db.syncState.update('pull', { cookie: '' });
  });
}

/**
 * The author has read why a change without an entry on the device was refused (a route chunk,
 * a delete, a change superseded by a later one). Purely local; nothing is sent, and what the
 * server holds is unchanged.
 */
export async function dismissRejectedChange(db: QuartiersbuchDb, seq: number): Promise<void> {
  await db.rejectedChanges.delete(seq);
}

function withoutRejection<T extends { rejection?: unknown }>(entry: T): T {
  const copy = { ...entry };
  delete copy.rejection;
  return copy;
}

/** What "Nicht übertragene Einträge herunterladen" saves: plain JSON, readable by people. */
export interface UnsentExport {
  format: 'quartiersbuch-unsent';
  version: 1;
  exportedAt: string;
  clientId: string | null;
  changes: {
    seq: number;
    name: string;
    v: number;
    author: string;
    createdAt: string;
    args: unknown;
    /** The entry as the device shows it now; null once deleted on the device, and for a route. */
    entry: Entry | null;
  }[];
}

/**
 * Every outbox row with its entry (found by the one key rule, `entryIdOf`), read in one
 * transaction so rows and entries match. For the person to keep when the device might be wiped
 * before it can send (docs/sync-protocol.md, Guarantees). Read-only.
 */
export async function exportUnsent(
  db: QuartiersbuchDb,
  now: number = Date.now(),
): Promise<UnsentExport> {
  return db.transaction('r', [db.outbox, db.entries, db.clientState], async () => {
    const rows = await db.outbox.orderBy('seq').toArray();
    const entries = await db.entries.bulkGet(rows.map((row) => entryIdOf(row) ?? ''));
    return {
      format: 'quartiersbuch-unsent',
      version: 1,
      exportedAt: new Date(now).toISOString(),
      clientId: (await readClient(db))?.clientId ?? null,
      changes: rows.map((row, i) => ({
        seq: row.seq,
        name: row.name,
        v: row.v,
        author: row.author,
        createdAt: new Date(row.createdAt).toISOString(),
        args: row.args,
        entry: entries[i] ?? null,
      })),
    };
  });
}
