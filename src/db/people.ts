// The people who signed in on this device (issue 7): each one's session token (the server's
// proof that they signed in HERE, sent with their changes and for their entries) and a PIN
// verifier for signing in again while offline. Offline: all of it is read from here; nothing
// in this file talks to the server. Conflicts: a newer sign-in of the same person replaces
// their row; a session the server calls invalid is forgotten only if it is still the stored
// one (a sign-in that happened meanwhile keeps its new token).
// The outbox is never touched here: changes of a person without a token wait (the hold rule,
// src/sync/push.ts) until that person signs in again online.
import { MAX_PERSON_SESSIONS } from '../shared/identity';
import type { OutboxRow, PersonRecord, PinVerifier, QuartiersbuchDb, SessionRecord } from './db';
import { withoutCredentials } from './device-identity';

/** Wrong PINs offline after which the verifier is deleted (the next sign-in must be online). */
export const MAX_OFFLINE_FAILURES = 5;

/** The session id of a token `<sessionId>.<secret>` (what the server lists as invalid). */
export function sessionIdOf(token: string): string {
  const dot = token.indexOf('.');
  return dot < 0 ? token : token.slice(0, dot);
}

/** Names match offline whatever the case and spacing ("erika  m." is "Erika M."). */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The "token" of an erased person: their changes may go, with no session sent for them. */
export const NO_SESSION_NEEDED = '';

/** Tokens by user id, of everyone whose session the device still holds. */
export async function readSessionTokens(db: QuartiersbuchDb): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  await db.people.each((person) => {
    if (person.session !== null) tokens.set(person.userId, person.session);
    // An erased person's emptied changes go out without a session (src/db/erased-people.ts).
    else if (person.erased) tokens.set(person.userId, NO_SESSION_NEEDED);
  });
  return tokens;
}

/**
 * The tokens a pull presents: of the people who signed in most recently, at most
 * MAX_PERSON_SESSIONS (the server's limit per request); their entries come to the device. Not
 * of people who signed out (issue 11): their token is kept only to deliver what still waits, and
 * leaving it out changes the device's view, so the server resets it without their entries.
 */
export async function readPullSessions(db: QuartiersbuchDb): Promise<string[]> {
  const people = await db.people.toArray();
  return people
    .filter((person) => person.session !== null && !person.signedOut)
    .sort((a, b) => b.signedInAt - a.signedInAt)
    .slice(0, MAX_PERSON_SESSIONS)
    .map((person) => person.session as string);
}

/**
 * The server said these sessions prove nothing (revoked, person disabled): forgets their tokens
 * and PIN verifiers. A person who is signed in right now under such a session is signed out
 * (they could no longer deliver anything). Outbox rows stay: they wait for a new sign-in.
 */
export async function forgetSessions(
  db: QuartiersbuchDb,
  sessionIds: readonly string[],
): Promise<void> {
  if (sessionIds.length === 0) return;
  const invalid = new Set(sessionIds);
  await db.transaction('rw', [db.people, db.session], async () => {
    const gone = await db.people
      .filter((person) => person.session !== null && invalid.has(sessionIdOf(person.session)))
      .toArray();
    if (gone.length === 0) return;
    await db.people.bulkPut(gone.map(withoutCredentials));
    const current = await db.session.get('session');
    if (current && gone.some((person) => person.userId === current.userId)) {
      await db.session.delete('session');
    }
  });
}

/** People who can sign in here while offline (a token and a verifier), sorted by name. */
export async function readOfflinePeople(db: QuartiersbuchDb): Promise<PersonRecord[]> {
  const people = await db.people
    .filter((person) => person.session !== null && person.verifier !== null)
    .toArray();
  return people.sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/** The person `name` means, if they can sign in here offline; undefined otherwise. */
export async function findOfflinePerson(
  db: QuartiersbuchDb,
  name: string,
): Promise<(PersonRecord & { verifier: PinVerifier }) | undefined> {
  const wanted = normaliseName(name);
  const match = (await readOfflinePeople(db)).find(
    (person) => normaliseName(person.name) === wanted,
  );
  return match as (PersonRecord & { verifier: PinVerifier }) | undefined;
}

export type OfflineAttempt =
  | { outcome: 'signed-in'; session: SessionRecord }
  /** Wrong PIN; `left` more tries before the verifier is deleted. */
  | { outcome: 'wrong'; left: number }
  /** The last allowed wrong PIN: the verifier is gone, the next sign-in must be online. */
  | { outcome: 'locked' }
  /** The verifier changed or went away meanwhile (another tab): nothing was decided. */
  | { outcome: 'gone' };

/**
 * Records an offline sign-in attempt checked against `verifier` (read before the slow hash ran,
 * outside any transaction). Right PIN: the person becomes the signed-in author (their token is
 * stored already) and the wrong-PIN count starts over. Wrong PIN: counted; the 5th deletes the
 * verifier. One transaction, so two tabs cannot both use the same attempt.
 */
export async function recordOfflineAttempt(
  db: QuartiersbuchDb,
  userId: string,
  verifier: PinVerifier,
  pinMatches: boolean,
  now: number,
): Promise<OfflineAttempt> {
  return db.transaction('rw', [db.people, db.session], async () => {
    const person = await db.people.get(userId);
    if (!person || person.session === null || person.verifier?.salt !== verifier.salt) {
      return { outcome: 'gone' } as const;
    }
    if (pinMatches) {
      const session: SessionRecord = {
        key: 'session',
        userId: person.userId,
        name: person.name,
        role: person.role,
        signedInAt: now,
      };
      // Someone who signed out with changes still waiting is back: in the view again.
      await db.people.put({ ...person, offlineFailures: 0, signedOut: false });
      await db.session.put(session);
      return { outcome: 'signed-in', session } as const;
    }
    const failures = person.offlineFailures + 1;
    if (failures >= MAX_OFFLINE_FAILURES) {
      await db.people.put({ ...person, verifier: null, offlineFailures: 0 });
      return { outcome: 'locked' } as const;
    }
    await db.people.put({ ...person, offlineFailures: failures });
    return { outcome: 'wrong', left: MAX_OFFLINE_FAILURES - failures } as const;
  });
}

/** Where the outbox is held: the first row whose author has no token on this device. */
export interface HeldOutbox {
  userId: string;
  /** null when the device never knew this person's name (a change from before sessions). */
  name: string | null;
  /** Outbox rows from there on (they all wait, to keep the order). */
  rows: number;
  /** Outbox rows before it, which can go out. */
  sendable: number;
}

/** The index of the first row whose author has no token, or -1 when every row can go out. */
export function firstHeldIndex(
  rows: readonly Pick<OutboxRow, 'author'>[],
  tokens: ReadonlyMap<string, string>,
): number {
  return rows.findIndex((row) => !tokens.has(row.author));
}

/**
 * Whether (and from where) the outbox waits for someone to sign in again: push sends only the
 * rows before the first one whose author has no token (the server would refuse that change for
 * good), in order. null when nothing is held. Reads the whole outbox (it is small).
 */
export async function readHeldOutbox(db: QuartiersbuchDb): Promise<HeldOutbox | null> {
  const tokens = await readSessionTokens(db);
  const rows = await db.outbox.orderBy('seq').toArray();
  const at = firstHeldIndex(rows, tokens);
  const row = rows[at];
  if (!row) return null;
  const person = await db.people.get(row.author);
  return { userId: row.author, name: person?.name ?? null, rows: rows.length - at, sendable: at };
}

/** Outbox rows that can go out now (before the first held one). */
export async function countSendable(db: QuartiersbuchDb): Promise<number> {
  const held = await readHeldOutbox(db);
  return held ? held.sendable : db.outbox.count();
}
