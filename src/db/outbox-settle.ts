// Settling the outbox: what the server says it has done with this device's changes — from a
// push answer or a pull's `client` position, by the same rules (G4: a pull settles in its own
// transaction). Offline: not reached; rows wait in the outbox (src/db/outbox.ts). Conflicts: a
// refused change is never dropped silently (G7): its entry shows it, or it is kept as a
// RejectedChange; a refused update or delete makes the next pull a full one, so the device's
// copy becomes the server's again. Which entry a row is about: `entryIdOf`, the one key rule.
// Loaded with sync, not on the start screen.
import { entryIdOf, entryMutation } from '../shared/entry-key';
import type { Rejection } from '../shared/push-protocol';
import type { Entry, OutboxRow, QuartiersbuchDb, RejectedChange } from './db';

/**
 * Waiting rows per entry id (`entryIdOf`: an entry's id, a walk's id for its route chunks),
 * each list in seq order. Reads the whole outbox (it is small).
 */
export async function waitingByEntry(db: QuartiersbuchDb): Promise<Map<string, OutboxRow[]>> {
  const byEntry = new Map<string, OutboxRow[]>();
  await db.outbox.orderBy('seq').each((row) => {
    const id = entryIdOf(row);
    if (id === undefined) return;
    const rows = byEntry.get(id);
    if (rows) rows.push(row);
    else byEntry.set(id, [row]);
  });
  return byEntry;
}

/**
 * The server has done every seq up to `lastSeq`: applied, or rejected for good (`rejected`).
 * Drops those rows and marks their entries: 'delivered', or 'rejected' when the entry's newest
 * change was rejected; an entry with a newer row still waiting stays 'saved'. No refusal ever
 * vanishes (G7): one that no entry on the device shows — a route chunk, a delete, a change of an
 * entry since removed, or one a later change of the entry superseded — is kept in
 * `rejectedChanges` until its author dismisses it. A rejected change of an existing entry
 * (update or delete) leaves the device's copy unlike the server's, so the next pull is a full
 * one (see `requestFullPull`). Must run inside a rw transaction over outbox, entries,
 * rejectedChanges and syncState; push acknowledgements and pulls both come here, so the rules
 * exist once.
 */
export async function settleOutbox(
  db: QuartiersbuchDb,
  lastSeq: number,
  rejected: readonly Rejection[],
): Promise<void> {
  const done = await db.outbox.where('seq').belowOrEqual(lastSeq).toArray();
  if (done.length === 0) return;
  const bySeq = new Map(rejected.map((rejection) => [rejection.seq, rejection]));
  const settled = await db.entries
    .where('state')
    .equals('saved')
    .filter((entry) => entry.seq <= lastSeq)
    .toArray();
  await db.entries.bulkPut(settled.map((entry) => settle(entry, bySeq.get(entry.seq))));
  const shown = new Set(settled.filter((entry) => bySeq.has(entry.seq)).map((e) => e.seq));
  const unshown: RejectedChange[] = [];
  for (const row of done) {
    const rejection = bySeq.get(row.seq);
    if (!rejection || shown.has(row.seq)) continue;
    unshown.push({
      seq: row.seq,
      name: row.name,
      author: row.author,
      entryId: entryIdOf(row) ?? null,
      rejection,
      createdAt: row.createdAt,
    });
  }
  await db.rejectedChanges.bulkPut(unshown);
  const refusedChange = done.some((row) => {
    const operation = entryMutation(row.name)?.operation;
    return bySeq.has(row.seq) && operation !== undefined && operation !== 'create';
  });
  if (refusedChange) await requestFullPull(db);
  await db.outbox.bulkDelete(done.map((row) => row.seq));
}

/** An entry whose newest change is done: delivered, or rejected with the server's reason. */
function settle(entry: Entry, rejection: Rejection | undefined): Entry {
  if (rejection) return { ...entry, state: 'rejected', rejection };
  const delivered = { ...entry, state: 'delivered' as const };
  delete delivered.rejection;
  return delivered;
}

/**
 * Empties the stored cookie, so the next pull asks for the full state, while `epoch` and `head`
 * stay: a late, older response is still refused (G4). Used when the device's copy of an entry
 * may differ from the server's without the server having changed it (a rejected update or
 * delete of any kind), so an incremental pull would never bring the server's values back.
 */
async function requestFullPull(db: QuartiersbuchDb): Promise<void> {
  await db.syncState.update('pull', { cookie: '' });
}

/** `settleOutbox` in its own transaction: one push answer. */
export async function acknowledge(
  db: QuartiersbuchDb,
  lastSeq: number,
  rejected: readonly Rejection[],
): Promise<void> {
  await db.transaction('rw', [db.outbox, db.entries, db.rejectedChanges, db.syncState], async () =>
    settleOutbox(db, lastSeq, rejected),
  );
}
