// Reading calls, for the live-query hooks (src/db/use-entries.ts). Apart from the writing
// functions in calls.ts so that the start screen, which shows counts and notices, does not load
// the code (and input checks) for saving and changing calls. Read-only; works the same offline.
import type { CallEntry, QuartiersbuchDb } from './db';

const newestFirst = (a: CallEntry, b: CallEntry) =>
  a.occurredAt === b.occurredAt ? (a.id < b.id ? 1 : -1) : a.occurredAt < b.occurredAt ? 1 : -1;

/** One person's calls on this device, newest first (volunteers see their own: docs/api.md). */
export async function readCalls(db: QuartiersbuchDb, author: string): Promise<CallEntry[]> {
  return (await db.calls.where('author').equals(author).toArray()).sort(newestFirst);
}

export async function readCall(db: QuartiersbuchDb, id: string): Promise<CallEntry | null> {
  return (await db.calls.get(id)) ?? null;
}

/**
 * Calls whose newest change the server refused, newest first: of one author, or of everybody
 * who used this device (the device-wide "braucht Aufmerksamkeit" count, like the pending count).
 */
export async function readAttention(db: QuartiersbuchDb, author?: string): Promise<CallEntry[]> {
  const rejected = db.calls.where('state').equals('rejected');
  const calls = await (
    author === undefined ? rejected : rejected.filter((call) => call.author === author)
  ).toArray();
  return calls.sort(newestFirst);
}
