// The outbox: every change the device makes becomes an outbox row in the SAME transaction as
// the entity it changes, with the next `seq` of this installation (G1, G2). Offline: rows wait
// here for as long as it takes; nothing is lost by closing the tab, signing out or an update.
// Conflicts: the server applies each (clientId, seq) at most once, so resending is always safe.
import type { Rejection } from '../shared/push';
import type { ClientState, OutboxRow, QuartiersbuchDb } from './db';
import { newId } from './ids';

/** Must run inside a rw transaction that includes `clientState` and `outbox`. */
export async function enqueue(
  db: QuartiersbuchDb,
  row: Omit<OutboxRow, 'seq'>,
  makeId: () => string = newId,
): Promise<number> {
  const client = (await db.clientState.get('client')) ?? {
    key: 'client' as const,
    clientId: makeId(),
    lastSeq: 0,
  };
  const seq = client.lastSeq + 1;
  await db.clientState.put({ ...client, lastSeq: seq });
  await db.outbox.add({ ...row, seq });
  return seq;
}

export async function readClient(db: QuartiersbuchDb): Promise<ClientState | undefined> {
  return db.clientState.get('client');
}

/** The oldest waiting rows, in seq order (the server applies them in that order, G3). */
export async function readOutboxBatch(db: QuartiersbuchDb, limit: number): Promise<OutboxRow[]> {
  return db.outbox.orderBy('seq').limit(limit).toArray();
}

/**
 * The server has done everything up to `lastSeq`: applied, or rejected for good. Removes those
 * rows and marks their entries in one transaction, so an entry never shows "Übertragen" while
 * its row still waits, nor the other way round.
 */
export async function acknowledge(
  db: QuartiersbuchDb,
  lastSeq: number,
  rejected: Rejection[],
): Promise<void> {
  const bySeq = new Map(rejected.map((rejection) => [rejection.seq, rejection]));
  await db.transaction('rw', [db.outbox, db.calls], async () => {
    const done = await db.outbox.where('seq').belowOrEqual(lastSeq).primaryKeys();
    await db.calls
      .where('state')
      .equals('saved')
      .filter((call) => call.seq <= lastSeq)
      .modify((call) => {
        const rejection = bySeq.get(call.seq);
        call.state = rejection ? 'rejected' : 'delivered';
        if (rejection) call.rejection = rejection;
      });
    await db.outbox.bulkDelete(done);
  });
}

/** For "N Einträge warten auf Übertragung (ältester vom …)". */
export async function pendingSummary(db: QuartiersbuchDb) {
  const count = await db.outbox.count();
  const oldest = await db.outbox.orderBy('seq').first();
  return { count, oldestCreatedAt: oldest?.createdAt ?? null };
}
