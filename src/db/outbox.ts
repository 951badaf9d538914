// The outbox: every change the device makes becomes an outbox row in the SAME transaction as
// the entity it changes, with the next `seq` of this installation (G1, G2). Offline: rows wait
// here for as long as it takes; nothing is lost by closing the tab, signing out or an update.
// Conflicts: the server applies each (clientId, seq) at most once, so resending is always safe.
// Which entry a row is about comes from ONE rule, `entryIdOf` (src/shared/entry-key.ts), for
// every kind and for route chunks alike: counting here, settling and rebasing in
// outbox-settle.ts. This module is on the start screen (`pendingSummary`): no valibot, and what
// only sync needs lives in outbox-settle.ts, outside the first-screen bundle.
import { entryIdOf } from '../shared/entry-key';
import type { ClientState, OutboxRow, QuartiersbuchDb } from './db';
import type { DirectTransaction, DirectWrite } from './direct-write';
import { newId } from './ids';

/**
 * Must run inside a rw transaction that includes `clientState` and `outbox`, and whatever
 * `alongside` writes: the writes that go with the new row (the entry it changes, say), given its
 * seq. They go out together with the row's own: requests in one transaction run in order anyway,
 * and on a slow tablet each wait for an answer before the next request costs a turn of the
 * page's busy main thread.
 */
export async function enqueue(
  db: QuartiersbuchDb,
  row: Omit<OutboxRow, 'seq'>,
  alongside: (seq: number) => readonly unknown[] = () => [],
): Promise<number> {
  const client = advanced(await db.clientState.get('client'));
  const seq = client.lastSeq;
  await Promise.all([
    db.clientState.put(client),
    db.outbox.add({ ...row, seq }),
    ...alongside(seq),
  ]);
  return seq;
}

/** The client state with the next seq handed out; a device's first change also makes its id. */
function advanced(stored: ClientState | undefined): ClientState {
  const client = stored ?? { key: 'client' as const, clientId: newId(), lastSeq: 0 };
  return { ...client, lastSeq: client.lastSeq + 1 };
}

/**
 * `enqueue` in a plain IndexedDB transaction (src/db/direct-write.ts) over `clientState`,
 * `outbox` and whatever `alongside` writes, given the seq: the same seq rule. It is the
 * transaction's last step: once those writes are out it asks for the commit, so nothing may be
 * written after it (put every other write in `alongside`).
 */
export function enqueueDirect<T>(
  tx: DirectTransaction<T>,
  row: Omit<OutboxRow, 'seq'>,
  alongside: (seq: number) => readonly DirectWrite[],
): void {
  tx.get('clientState', 'client', (stored) => {
    const client = advanced(stored as ClientState | undefined);
    tx.write({ table: 'clientState', put: client });
    tx.write({ table: 'outbox', add: { ...row, seq: client.lastSeq } });
    alongside(client.lastSeq).forEach(tx.write);
    tx.commit();
  });
}

export async function readClient(db: QuartiersbuchDb): Promise<ClientState | undefined> {
  return db.clientState.get('client');
}

/** The oldest waiting rows, in seq order (the server applies them in that order, G3). */
export async function readOutboxBatch(db: QuartiersbuchDb, limit: number): Promise<OutboxRow[]> {
  return db.outbox.orderBy('seq').limit(limit).toArray();
}

/** The lowest seq still waiting (a pull's `from`), or undefined when nothing waits. */
export async function firstWaitingSeq(db: QuartiersbuchDb): Promise<number | undefined> {
  return (await db.outbox.orderBy('seq').first())?.seq;
}

/**
 * For "N Einträge warten auf Übertragung (ältester vom …)": entries as people count them, so an
 * entry that was logged and then changed twice is one, and so is a route of 40 chunks, and a
 * walk with its observations (`countAs`). A row that names no entry counts on its own.
 */
export async function pendingSummary(db: QuartiersbuchDb) {
  const entries = new Set<string>();
  let oldestCreatedAt: number | null = null;
  await db.outbox.orderBy('seq').each((row) => {
    entries.add(row.countAs ?? entryIdOf(row) ?? `row:${row.seq}`);
    oldestCreatedAt ??= row.createdAt;
  });
  return { count: entries.size, oldestCreatedAt };
}
