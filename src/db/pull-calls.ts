// The calls part of a pull. Runs inside applyPull's transaction (src/db/pull.ts), never alone.
// Offline: not reached. Conflicts: the server's call is taken as it is, except where this
// device still has changes waiting for it: then those changes are re-applied on top (a waiting
// delete keeps it removed), so the person never sees their unsent edit undone by a pull; the
// server decides once it has them (G6), and a later pull shows the outcome.
import { rebaseCall } from '../domain/call-rebase';
import type { PullResponse } from '../shared/protocol';
import type { CallRecord } from '../shared/push';
import type { CallEntry, OutboxRow, QuartiersbuchDb } from './db';
import { waitingByCall } from './outbox';

/**
 * Upserts the pulled calls, deletes tombstoned ones (delete wins, G6), and on a reset drops
 * delivered calls the server no longer lists. Never touches outbox rows, calls with rows still
 * waiting (a create the server has not seen yet stays), or rejected calls (their note stays
 * until the author has read it; they do take the server's values when it sends them).
 */
export async function applyPulledCalls(db: QuartiersbuchDb, response: PullResponse) {
  const waiting = await waitingByCall(db);
  const rejected = new Map(
    (await db.calls.where('state').equals('rejected').toArray()).map((call) => [call.id, call]),
  );
  if (response.reset) {
    const listed = new Set(response.changes.calls.map((call) => call.id));
    const gone = await db.calls
      .where('state')
      .equals('delivered')
      .filter((call) => !listed.has(call.id) && !waiting.has(call.id))
      .primaryKeys();
    await db.calls.bulkDelete(gone);
  } else {
    await db.calls.bulkDelete(response.deleted.calls);
  }
  const entries: CallEntry[] = [];
  const hidden: string[] = [];
  for (const record of response.changes.calls) {
    const entry = entryFor(record, waiting.get(record.id), rejected.get(record.id));
    if (entry) entries.push(entry);
    else hidden.push(record.id);
  }
  await db.calls.bulkDelete(hidden);
  await db.calls.bulkPut(entries);
}

/** The entry for a pulled call; null when a waiting delete keeps it removed. */
function entryFor(
  record: CallRecord,
  rows: OutboxRow[] | undefined,
  rejected: CallEntry | undefined,
): CallEntry | null {
  if (rows && rows.length > 0) {
    const mine = rebaseCall(record, rows);
    return mine && { ...mine, state: 'saved', seq: rows[rows.length - 1]?.seq ?? 0 };
  }
  if (rejected?.rejection) {
    return { ...record, state: 'rejected', seq: rejected.seq, rejection: rejected.rejection };
  }
  return { ...record, state: 'delivered', seq: 0 };
}
