// A person staff erased (issue 11, Art. 17 DSGVO): the server says so in a pull or push answer
// (`erasedPeople`) when this tablet presents one of their sessions, also a tablet that was
// offline across the erasure. The tablet then forgets everything of theirs at once: their name,
// token and PIN check, their entries of every kind (also ones still waiting or refused), a
// walk's route and recording, their drafts and refusals. This is the one case where waiting
// changes are not kept: the person asked to be erased. Their outbox rows stay only as empty
// shells, so the outbox's numbering has no gap: they go out without a session, the server
// refuses them without storing anything (server/sync/push.service.ts), and once they are gone
// the person's last trace — a marked row without name — is dropped (`forgetLeftPeople`).
// Local only; nothing is sent from here.
import type { PersonRecord, QuartiersbuchDb } from './db';
import { editedEntryOf, isDraftOf } from './drafts';
import { dropWhatLostItsWalk } from './walk-points';

/** What is left of an erased person on the tablet while their empty changes wait. */
function erasedRecord(userId: string, known: PersonRecord | undefined): PersonRecord {
  return {
    userId,
    name: '',
    role: known?.role ?? 'volunteer',
    session: null,
    verifier: null,
    offlineFailures: 0,
    signedInAt: known?.signedInAt ?? 0,
    signedOut: true,
    erased: true,
  };
}

/** Forgets the erased people `userIds` (see above); people this tablet never knew are skipped. */
export async function forgetErasedPeople(
  db: QuartiersbuchDb,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return;
  const tables = [
    db.people,
    db.session,
    db.drafts,
    db.entries,
    db.outbox,
    db.rejectedChanges,
    db.walkPoints,
    db.recordings,
  ];
  await db.transaction('rw', tables, async () => {
    const erased = new Set(userIds);
    const known = await db.people.bulkGet([...erased]);
    const waiting = await db.outbox.filter((row) => erased.has(row.author)).toArray();
    const present = new Set([
      ...known.flatMap((person) => (person ? [person.userId] : [])),
      ...waiting.map((row) => row.author),
    ]);
    if (present.size === 0) return;
    await db.people.bulkPut(
      [...present].map((id) =>
        erasedRecord(
          id,
          known.find((p) => p?.userId === id),
        ),
      ),
    );
    const current = await db.session.get('session');
    if (current && present.has(current.userId)) await db.session.delete('session');

    // Drafts first: an edit's draft is theirs by its entry, which goes next.
    const drafts = await db.drafts.toCollection().primaryKeys();
    const edited = await db.entries.bulkGet(drafts.map((id) => editedEntryOf(id) ?? ''));
    const authors = new Map(edited.flatMap((entry) => (entry ? [[entry.id, entry.author]] : [])));
    await db.drafts.bulkDelete(
      drafts.filter((id) =>
        [...present].some((userId) => isDraftOf(id, userId, (entryId) => authors.get(entryId))),
      ),
    );
    await forgetWhatTheyWrote(db, present);
    await db.outbox.bulkPut(waiting.map((row) => ({ ...row, args: {} })));
  });
}

/**
 * Entries of every state, recordings, route points and refusals of erased people. Inside a rw
 * transaction over entries, recordings, walkPoints and rejectedChanges.
 */
export async function forgetWhatTheyWrote(
  db: QuartiersbuchDb,
  erased: ReadonlySet<string>,
): Promise<void> {
  if (erased.size === 0) return;
  const theirs = await db.entries.filter((entry) => erased.has(entry.author)).primaryKeys();
  await db.entries.bulkDelete(theirs);
  await db.recordings.bulkDelete(theirs);
  await db.rejectedChanges.filter((change) => erased.has(change.author)).delete();
  await dropWhatLostItsWalk(db);
}
