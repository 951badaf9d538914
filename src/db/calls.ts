// Calls of the Begegnungstelefon on the device. Offline: saved here with their outbox row and
// shown as "Auf diesem Gerät gespeichert" until the server confirms them ("Übertragen").
// Conflicts: a call is created once and never edited by two people, so none arise yet.
import * as v from 'valibot';
import { callCreateV1, type CallCreateV1 } from '../shared/push';
import type { CallEntry, QuartiersbuchDb } from './db';
import { newId } from './ids';
import { enqueue } from './outbox';

export type CallInput = Omit<CallCreateV1, 'id'>;

export interface SaveOptions {
  author: string;
  now: number;
  /** The form's draft, removed in the same transaction once the call is saved. */
  draftId?: string;
  makeId?: () => string;
}

/**
 * Saves a call, its outbox row and the removal of its draft in ONE transaction (G1): either
 * all of it is on the device or none, so a call is never saved without being sent later, nor
 * its draft lost without the call saved. Throws on invalid input before writing anything.
 */
export async function saveCall(
  db: QuartiersbuchDb,
  input: CallInput,
  options: SaveOptions,
): Promise<CallEntry> {
  const { author, now, draftId } = options;
  const args = v.parse(callCreateV1, { ...input, id: (options.makeId ?? newId)() });
  return db.transaction('rw', [db.calls, db.outbox, db.clientState, db.drafts], async () => {
    const seq = await enqueue(db, { name: 'call.create', v: 1, author, args, createdAt: now });
    const call: CallEntry = { ...args, author, state: 'saved', seq };
    await db.calls.add(call);
    if (draftId) await db.drafts.delete(draftId);
    return call;
  });
}

export async function readCalls(db: QuartiersbuchDb, author: string): Promise<CallEntry[]> {
  const calls = await db.calls.where('author').equals(author).toArray();
  return calls.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1));
}
