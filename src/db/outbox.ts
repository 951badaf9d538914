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

/** The lowest seq still waiting (a pull's `from`), or undefined when nothing waits. */
export async function firstWaitingSeq(db: QuartiersbuchDb): Promise<number | undefined> {
  return (await db.outbox.orderBy('seq').first())?.seq;
}

/** The call an outbox row changes; every call.* mutation names it in `args.id`. */
export function callIdOf(row: Pick<OutboxRow, 'name' | 'args'>): string | undefined {
  if (!row.name.startsWith('call.')) return undefined;
  const id = (row.args as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** Waiting rows per call id, each list in seq order. Reads the whole outbox (it is small). */
export async function waitingByCall(db: QuartiersbuchDb): Promise<Map<string, OutboxRow[]>> {
  const byCall = new Map<string, OutboxRow[]>();
  await db.outbox.orderBy('seq').each((row) => {
    const id = callIdOf(row);
    if (id === undefined) return;
    const rows = byCall.get(id);
    if (rows) rows.push(row);
    else byCall.set(id, [row]);
  });
  return byCall;
}

/**
 * The server has done every seq up to `lastSeq`: applied, or rejected for good (`rejected`).
 * Drops those rows and marks their entries: 'delivered', or 'rejected' when the entry's newest
 * change was rejected; an entry with a newer row still waiting stays 'saved'. A rejected update
 * or delete leaves the device's copy unlike the server's, so the next pull is a full one
 * (see `requestFullPull`). Must run inside a rw transaction over outbox, calls and syncState;
 * push acknowledgements and pulls both come here, so the rules exist once.
 */
export async function settleOutbox(
  db: QuartiersbuchDb,
  lastSeq: number,
  rejected: readonly Rejection[],
): Promise<void> {
  const done = await db.outbox.where('seq').belowOrEqual(lastSeq).toArray();
  if (done.length === 0) return;
  const bySeq = new Map(rejected.map((rejection) => [rejection.seq, rejection]));
  await db.calls
    .where('state')
    .equals('saved')
    .filter((call) => call.seq <= lastSeq)
    .modify((call) => {
      const rejection = bySeq.get(call.seq);
      call.state = rejection ? 'rejected' : 'delivered';
      if (rejection) call.rejection = rejection;
      else delete call.rejection;
    });
  if (done.some((row) => bySeq.has(row.seq) && row.name !== 'call.create')) {
    await requestFullPull(db);
  }
  await db.outbox.bulkDelete(done.map((row) => row.seq));
}

/**
 * Empties the stored cookie, so the next pull asks for the full state, while `epoch` and `head`
 * stay: a late, older response is still refused (G4). Used when the device's copy of a call may
 * differ from the server's without the server having changed it (a rejected update or delete),
 * so an incremental pull would never bring the server's values back.
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
  await db.transaction('rw', [db.outbox, db.calls, db.syncState], () =>
    settleOutbox(db, lastSeq, rejected),
  );
}

/** The entry a row belongs to: a call, a walk's route (all its chunks), or the row itself. */
function entryKeyOf(row: OutboxRow): string {
  const callId = callIdOf(row);
  if (callId !== undefined) return `call:${callId}`;
  const walkId = (row.args as { walkId?: unknown } | null)?.walkId;
  return row.name.startsWith('walk.') && typeof walkId === 'string'
    ? `walk:${walkId}`
    : `row:${row.seq}`;
}

/**
 * For "N Einträge warten auf Übertragung (ältester vom …)": entries as people count them, so a
 * call that was logged and then changed twice is one entry, and so is a route of 40 chunks.
 */
export async function pendingSummary(db: QuartiersbuchDb) {
  const entries = new Set<string>();
  let oldestCreatedAt: number | null = null;
  await db.outbox.orderBy('seq').each((row) => {
    entries.add(entryKeyOf(row));
    oldestCreatedAt ??= row.createdAt;
  });
  return { count: entries.size, oldestCreatedAt };
}
