// Signing out of a shared tablet (issue 11, item 5: tablets that forget). The person leaves the
// device: who is current is forgotten, and so is everything of theirs the device holds only
// because they were signed in here — their delivered entries of every kind (with a walk's route
// points), the call partners no one else signed in here calls, and their drafts of unsaved
// forms (src/db/drafts.ts says whose a draft is).
// Nothing undelivered is lost: changes waiting in the outbox (and the entries they describe)
// stay, with the person's token, until a push delivers them; the next sync then forgets those
// entries and the person's row too (`forgetLeftPeople`, run after every pull). A refusal of
// theirs ("Braucht Aufmerksamkeit") is never delivered; it stays with their name, without
// token or PIN check, until they sign in again and read it.
// Offline: all of it happens at once on the device. The server learns of it with the next pull,
// which no longer presents the person's session: the device's view changed, so that pull is a
// full reset (server/sync/device-view.ts) and lists only what the remaining people may have.
import { ENTRY_KINDS } from '../shared/entry-kinds';
import type { Entry, PersonRecord, QuartiersbuchDb } from './db';
import { withoutCredentials } from './device-identity';
import { editedEntryOf, isDraftOf } from './drafts';
import { forgetWhatTheyWrote } from './erased-people';
import { dropWhatLostItsWalk } from './walk-points';

/**
 * The person signed in right now leaves this device (see above); nobody is current afterwards.
 * One transaction: no tab ever sees the person gone but their entries still listed.
 */
export async function leaveDevice(db: QuartiersbuchDb): Promise<void> {
  await db.transaction('rw', [db.session, db.drafts, ...forgetTables(db)], async () => {
    const current = await db.session.get('session');
    if (!current) return;
    await db.session.delete('session');
    const person = await db.people.get(current.userId);
    if (person) await db.people.put({ ...person, signedOut: true });
    // Their drafts first: an edit's draft is theirs by its entry, which may go next.
    const drafts = await db.drafts.toCollection().primaryKeys();
    const entries = await db.entries.bulkGet(drafts.map((id) => editedEntryOf(id) ?? ''));
    const authors = new Map(entries.flatMap((entry) => (entry ? [[entry.id, entry.author]] : [])));
    await db.drafts.bulkDelete(
      drafts.filter((id) => isDraftOf(id, current.userId, (entryId) => authors.get(entryId))),
    );
    await forgetLeftPeople(db);
  });
}

const forgetTables = (db: QuartiersbuchDb) => [
  db.people,
  db.entries,
  db.outbox,
  db.rejectedChanges,
  db.walkPoints,
  db.recordings,
];

/**
 * Drops what the device holds only for people who signed out: delivered entries they wrote,
 * delivered entries of a kind with members (call partners) that list one of them and nobody
 * still signed in here, and the route points of walks that went with them. Then forgets each
 * of those people whose changes have all been delivered: the whole row when no refusal of
 * theirs is left to read, else the token and PIN check. Entries with changes waiting, refused
 * ones and walks being recorded are never touched. Run after every pull (src/sync/sync-once.ts):
 * entries delivered by the last push go then. Local only; nothing is sent.
 */
export async function forgetLeftPeople(db: QuartiersbuchDb): Promise<void> {
  await db.transaction('rw', forgetTables(db), async () => {
    const people = await db.people.toArray();
    const left = new Set(people.filter((p) => p.signedOut).map((p) => p.userId));
    if (left.size === 0) return;
    // Refusals of their emptied changes that the last push brought (erased-people.ts).
    await forgetWhatTheyWrote(db, new Set(people.filter((p) => p.erased).map((p) => p.userId)));
    const staying = new Set(
      people.filter((p) => !p.signedOut && p.session !== null).map((p) => p.userId),
    );
    const recording = new Set(await db.recordings.toCollection().primaryKeys());
    const gone = await db.entries
      .where('state')
      .equals('delivered')
      .filter((entry) => !recording.has(entry.id) && heldOnlyFor(entry, left, staying))
      .primaryKeys();
    await db.entries.bulkDelete(gone);
    await dropWhatLostItsWalk(db);

    const waiting = new Set<string>();
    await db.outbox.each((row) => waiting.add(row.author));
    const refused = new Set<string>();
    await db.rejectedChanges.each((change) => refused.add(change.author));
    await db.entries
      .where('state')
      .equals('rejected')
      .each((entry) => refused.add(entry.author));
    for (const person of people) {
      if (!person.signedOut || waiting.has(person.userId)) continue;
      if (refused.has(person.userId)) await db.people.put(forgotten(person));
      else await db.people.delete(person.userId);
    }
  });
}

/** A left person kept only for their unread refusals: name and role, nothing to sign in with. */
function forgotten(person: PersonRecord): PersonRecord {
  return { ...withoutCredentials(person), signedOut: true };
}

/**
 * Whether the device holds this entry only for people who left: by its members when its kind
 * has them (as the server's view does, server/repos/entry.repo.ts), else by its author.
 */
function heldOnlyFor(entry: Entry, left: Set<string>, staying: Set<string>): boolean {
  const field = (ENTRY_KINDS[entry.kind] as { access?: { membersField?: string } }).access
    ?.membersField;
  if (field === undefined) return left.has(entry.author) && !staying.has(entry.author);
  const members = (entry as unknown as Record<string, unknown>)[field];
  const ids = Array.isArray(members) ? (members as string[]) : [];
  return ids.some((id) => left.has(id)) && !ids.some((id) => staying.has(id));
}
