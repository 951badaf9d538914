// The entries part of a pull, for every kind's list (`changes.calls`, `changes.advice`, …).
// Runs inside applyPull's transaction (src/db/pull.ts), never alone. Offline: not reached.
// Conflicts: the server's entry is taken as it is, except where this device still has changes
// waiting for it: then those changes are re-applied on top (a waiting delete keeps it removed,
// src/domain/entry-rebase.ts), so the person never sees their unsent edit undone by a pull; the
// server decides once it has them (G6), and a later pull shows the outcome. Tombstones delete
// (G8); delete wins over waiting edits (G6).
import { rebaseEntry } from '../domain/entry-rebase';
import { ENTRY_KIND_NAMES, ENTRY_KINDS } from '../shared/entry-kinds';
import type { PullResponse } from '../shared/protocol';
import type { Entry, OutboxRow, QuartiersbuchDb } from './db';
import { waitingByEntry } from './outbox-settle';

/** A pulled entry of any kind, with its kind (each list is one kind's). */
type PulledEntry = Omit<Entry, 'state' | 'seq' | 'rejection'>;

/** Every kind's pulled records, tagged with their kind. */
function pulledEntries(response: PullResponse): PulledEntry[] {
  return ENTRY_KIND_NAMES.flatMap((kind) =>
    response.changes[ENTRY_KINDS[kind].list].map(
      (record) => ({ ...record, kind }) as unknown as PulledEntry,
    ),
  );
}

/** Every kind's tombstones (ids are unique across kinds: the device makes them). */
function tombstones(response: PullResponse): string[] {
  return ENTRY_KIND_NAMES.flatMap((kind) => response.deleted[ENTRY_KINDS[kind].list]);
}

/**
 * Upserts the pulled entries, deletes tombstoned ones (delete wins, G6), and on a reset drops
 * delivered entries the server no longer lists. Never touches outbox rows, entries with rows
 * still waiting (a create the server has not seen yet stays), or rejected entries (their note
 * stays until the author has read it; they do take the server's values when it sends them).
 */
export async function applyPulledEntries(
  db: QuartiersbuchDb,
  response: PullResponse,
): Promise<void> {
  const waiting = await waitingByEntry(db);
  const rejected = new Map(
    (await db.entries.where('state').equals('rejected').toArray()).map((e) => [e.id, e]),
  );
  const pulled = pulledEntries(response);
  if (response.reset) {
    const listed = new Set(pulled.map((entry) => entry.id));
    const gone = await db.entries
      .where('state')
      .equals('delivered')
      .filter((entry) => !listed.has(entry.id) && !waiting.has(entry.id))
      .primaryKeys();
    await db.entries.bulkDelete(gone);
  } else {
    await db.entries.bulkDelete(tombstones(response));
  }
  const entries: Entry[] = [];
  const hidden: string[] = [];
  for (const record of pulled) {
    const entry = entryFor(record, waiting.get(record.id), rejected.get(record.id));
    if (entry) entries.push(entry);
    else hidden.push(record.id);
  }
  await db.entries.bulkDelete(hidden);
  await db.entries.bulkPut(entries);
}

/** The entry for a pulled record; null when a waiting delete keeps it removed. */
function entryFor(
  record: PulledEntry,
  rows: OutboxRow[] | undefined,
  rejected: Entry | undefined,
): Entry | null {
  if (rows && rows.length > 0) {
    const mine = rebaseEntry(record, rows);
    return mine && ({ ...mine, state: 'saved', seq: rows[rows.length - 1]?.seq ?? 0 } as Entry);
  }
  if (rejected?.rejection) {
    return {
      ...record,
      state: 'rejected',
      seq: rejected.seq,
      rejection: rejected.rejection,
    } as Entry;
  }
  return { ...record, state: 'delivered', seq: 0 } as Entry;
}
