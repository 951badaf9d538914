// Calls of the Begegnungstelefon on the device. Offline: every save, change and deletion is
// written here together with its outbox row (one transaction, G1) and shown as "Auf diesem
// Gerät gespeichert" until the server confirms it ("Übertragen"). Conflicts: a change carries
// the server version it was made on (`baseVersion`); the server resolves concurrent edits per
// field in its own order and flags the loser for review (G6), and the next pull shows the
// outcome. Until then this device shows its own unsent changes (src/db/pull-calls.ts).
import * as v from 'valibot';
import { applyCallFields } from '../domain/call-rebase';
import {
  callCreateV2,
  callUpdateV1,
  CURRENT_MUTATION_VERSION,
  type CallChangeFields,
  type CallCreateV2,
} from '../shared/push';
import type { CallEntry, QuartiersbuchDb } from './db';
import { newId } from './ids';
import { callIdOf, enqueue, readClient } from './outbox';

export type CallInput = Omit<CallCreateV2, 'id'>;

export interface ChangeOptions {
  /** Who is signed in (shared tablets); recorded in the outbox row, never lost on sign-out. */
  author: string;
  now: number;
}

export interface SaveOptions extends ChangeOptions {
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
  const args = v.parse(callCreateV2, { ...input, id: (options.makeId ?? newId)() });
  return db.transaction('rw', [db.calls, db.outbox, db.clientState, db.drafts], async () => {
    const seq = await enqueue(db, {
      name: 'call.create',
      v: CURRENT_MUTATION_VERSION['call.create'],
      author,
      args,
      createdAt: now,
    });
    const call: CallEntry = {
      ...args,
      author,
      state: 'saved',
      seq,
      version: null,
      conflict: false,
    };
    await db.calls.add(call);
    if (draftId) await db.drafts.delete(draftId);
    return call;
  });
}

/**
 * Changes some fields of a call: the entry shows them at once and a call.update with only
 * those fields waits in the outbox, in ONE transaction (G1). `baseVersion` is the server
 * version the device had, so the server can tell a concurrent edit (G6). Offline: any number
 * of changes queue up and are sent in order. Throws for an unknown id or invalid fields,
 * writing nothing.
 */
export async function updateCall(
  db: QuartiersbuchDb,
  id: string,
  fields: CallChangeFields,
  options: ChangeOptions,
): Promise<CallEntry> {
  return db.transaction('rw', [db.calls, db.outbox, db.clientState], async () => {
    const entry = await db.calls.get(id);
    if (!entry) throw new Error(`Diesen Anruf gibt es auf diesem Gerät nicht (${id}).`);
    const args = v.parse(callUpdateV1, { id, baseVersion: entry.version, fields });
    const seq = await enqueue(db, {
      name: 'call.update',
      v: CURRENT_MUTATION_VERSION['call.update'],
      author: options.author,
      args,
      createdAt: options.now,
    });
    const next: CallEntry = {
      ...withoutRejection(applyCallFields(entry, args.fields)),
      state: 'saved',
      seq,
    };
    await db.calls.put(next);
    return next;
  });
}

/**
 * Deletes a call: gone from the device at once, a call.delete waits in the outbox, in ONE
 * transaction (G1). Delete wins over concurrent edits on the server (G6); should the server
 * refuse it, the next full pull brings the call back. False when there was no such call.
 */
export async function deleteCall(
  db: QuartiersbuchDb,
  id: string,
  options: ChangeOptions,
): Promise<boolean> {
  return db.transaction('rw', [db.calls, db.outbox, db.clientState], async () => {
    if (!(await db.calls.get(id))) return false;
    await enqueue(db, {
      name: 'call.delete',
      v: CURRENT_MUTATION_VERSION['call.delete'],
      author: options.author,
      args: { id },
      createdAt: options.now,
    });
    await db.calls.delete(id);
    return true;
  });
}

/**
 * The author has read why a change was refused ("braucht Aufmerksamkeit", G7). A call the
 * server never sent back (`version` null: its create was refused) is removed from the device;
 * a call the server has keeps the server's values (restored by the full pull that followed the
 * refusal) and counts as delivered again. Purely local; nothing is sent.
 */
export async function dismissRejection(db: QuartiersbuchDb, id: string): Promise<void> {
  await db.transaction('rw', db.calls, async () => {
    const entry = await db.calls.get(id);
    if (!entry || entry.state !== 'rejected') return;
    if (entry.version === null) {
      await db.calls.delete(id);
      return;
    }
    await db.calls.put({ ...withoutRejection(entry), state: 'delivered' });
  });
}

function withoutRejection(entry: CallEntry): CallEntry {
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
    /** The entry as the device shows it now; null once deleted on the device. */
    entry: CallEntry | null;
  }[];
}

/**
 * Every outbox row with its entry, read in one transaction so rows and entries match. For the
 * person to keep when the device might be wiped before it can send (docs/sync-protocol.md,
 * Guarantees). Read-only.
 */
export async function exportUnsent(
  db: QuartiersbuchDb,
  now: number = Date.now(),
): Promise<UnsentExport> {
  return db.transaction('r', [db.outbox, db.calls, db.clientState], async () => {
    const rows = await db.outbox.orderBy('seq').toArray();
    const entries = await db.calls.bulkGet(rows.map((row) => callIdOf(row) ?? ''));
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
