// The people who signed in on a device (issue 7) on real Dexie (fake-indexeddb): forgetting
// sessions the server calls invalid, offline sign-in attempts and their limit, the hold rule
// as the "Übertragung" screen reads it, the schema upgrade, and the PIN verifier itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveEntry } from '../../src/db/entries';
import { QuartiersbuchDb } from '../../src/db/db';
import { clearCurrentPerson, readSession, saveSession } from '../../src/db/device-identity';
import {
  countSendable,
  findOfflinePerson,
  forgetSessions,
  MAX_OFFLINE_FAILURES,
  readHeldOutbox,
  readOfflinePeople,
  readPullSessions,
  recordOfflineAttempt,
} from '../../src/db/people';
import { checkPin, makePinVerifier, PIN_ITERATIONS, sameBytes } from '../../src/sync/pin-verifier';
import { callValues } from '../support/entry-builders';
import { openReleasedSchema } from '../support/released-schemas';

let db: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  db = new QuartiersbuchDb(`people-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const token = (id: string) => `${id}.abcdefghijklmnopqrstuvwxyz`;
const person = (userId: string, name: string, session = token(`s-${userId}`)) => ({
  userId,
  name,
  role: 'volunteer' as const,
  session,
});

describe('the PIN verifier', () => {
  it('PBKDF2-SHA-256, 100,000 iterations, a random 16-byte salt: the right PIN matches, others not', async () => {
    const verifier = await makePinVerifier('4711');
    if (!verifier) throw new Error('WebCrypto missing');
    expect(verifier.iterations).toBe(PIN_ITERATIONS);
    expect(PIN_ITERATIONS).toBe(100_000);
    expect(atob(verifier.salt)).toHaveLength(16);
    expect(atob(verifier.hash)).toHaveLength(32);
    expect(await checkPin('4711', verifier)).toBe(true);
    expect(await checkPin('4712', verifier)).toBe(false);
    expect(await checkPin('', verifier)).toBe(false);
    const again = await makePinVerifier('4711');
    expect(again?.salt).not.toBe(verifier.salt);
    expect(again?.hash).not.toBe(verifier.hash);
  });

  it('a malformed verifier matches nothing', async () => {
    expect(await checkPin('4711', { salt: '%%%', iterations: 1, hash: 'x' })).toBe(false);
  });

  it('compares the derived bytes whole', () => {
    expect(sameBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(sameBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });
});

describe('offline sign-in attempts', () => {
  it('finds a person by name whatever the case and spacing, only with token and verifier', async () => {
    const verifier = await makePinVerifier('4711');
    await saveSession(db, person('u1', 'Erika M.'), 1, verifier);
    await saveSession(db, person('u2', 'Hans'), 2, null);
    expect((await findOfflinePerson(db, '  erika   m. '))?.userId).toBe('u1');
    expect(await findOfflinePerson(db, 'Hans')).toBeUndefined(); // no verifier
    expect((await readOfflinePeople(db)).map((p) => p.name)).toEqual(['Erika M.']);
  });

  it('the right PIN signs the person in; wrong ones count, and the 5th deletes the verifier', async () => {
    const verifier = await makePinVerifier('4711');
    if (!verifier) throw new Error('WebCrypto missing');
    await saveSession(db, person('u1', 'Erika M.'), 1, verifier);
    await clearCurrentPerson(db);
    for (let i = 1; i < MAX_OFFLINE_FAILURES; i++) {
      expect(await recordOfflineAttempt(db, 'u1', verifier, false, 10)).toEqual({
        outcome: 'wrong',
        left: MAX_OFFLINE_FAILURES - i,
      });
    }
    expect(await recordOfflineAttempt(db, 'u1', verifier, true, 20)).toMatchObject({
      outcome: 'signed-in',
    });
    expect(await readSession(db)).toMatchObject({ userId: 'u1', signedInAt: 20 });
    expect((await db.people.get('u1'))?.offlineFailures).toBe(0); // a success starts over
    await clearCurrentPerson(db);
    for (let i = 1; i < MAX_OFFLINE_FAILURES; i++) {
      await recordOfflineAttempt(db, 'u1', verifier, false, 30);
    }
    expect(await recordOfflineAttempt(db, 'u1', verifier, false, 30)).toEqual({
      outcome: 'locked',
    });
    expect(await db.people.get('u1')).toMatchObject({ verifier: null, session: token('s-u1') });
    expect(await findOfflinePerson(db, 'Erika M.')).toBeUndefined();
    // A right PIN checked against the deleted verifier decides nothing any more.
    expect(await recordOfflineAttempt(db, 'u1', verifier, true, 40)).toEqual({ outcome: 'gone' });
    expect(await readSession(db)).toBeNull();
  });
});

describe('sessions the server calls invalid', () => {
  it('forgets that token and verifier only, and signs that person out', async () => {
    const verifier = await makePinVerifier('4711');
    await saveSession(db, person('u1', 'Erika'), 1, verifier);
    await saveSession(db, person('u2', 'Hans'), 2, verifier);
    await saveSession(db, person('u1', 'Erika', token('s-new')), 3, verifier); // signed in again
    await forgetSessions(db, ['s-u1', 's-u2']); // s-u1 is her old one: her new one stays
    expect(await db.people.get('u1')).toMatchObject({ session: token('s-new') });
    expect(await db.people.get('u2')).toMatchObject({ session: null, verifier: null });
    expect(await readSession(db)).toMatchObject({ userId: 'u1' });
    await forgetSessions(db, ['s-new']);
    expect(await readSession(db)).toBeNull();
    expect(await readPullSessions(db)).toEqual([]);
  });
});

describe('the hold rule, as the screens read it', () => {
  it('rows wait from the first one whose author has no token; the name says whose', async () => {
    await saveSession(db, person('u1', 'Erika'), 1);
    await saveEntry(db, 'call', callValues(), { author: 'u1', now: 1 });
    await saveEntry(db, 'call', callValues(), { author: 'u2', now: 2 }); // Hans: never signed in here
    await saveEntry(db, 'call', callValues(), { author: 'u1', now: 3 });
    expect(await readHeldOutbox(db)).toEqual({ userId: 'u2', name: null, rows: 2, sendable: 1 });
    expect(await countSendable(db)).toBe(1);
    await saveSession(db, { ...person('u2', 'Hans'), session: token('s-u2') }, 4);
    await forgetSessions(db, ['s-u1']);
    expect(await readHeldOutbox(db)).toEqual({ userId: 'u1', name: 'Erika', rows: 3, sendable: 0 });
    await saveSession(db, person('u1', 'Erika', token('s-again')), 5);
    expect(await readHeldOutbox(db)).toBeNull();
    expect(await countSendable(db)).toBe(3);
  });
});

describe('schema upgrade to version 5', () => {
  it('the person signed in before keeps their name but has no session: their rows wait', async () => {
    const name = `people-upgrade-${++n}`;
    const v4 = openReleasedSchema(name, 4);
    await v4
      .table('session')
      .put({ key: 'session', userId: 'u1', name: 'Erika', role: 'volunteer', signedInAt: 7 });
    await v4
      .table('outbox')
      .put({ seq: 1, name: 'call.create', v: 2, author: 'u1', args: {}, createdAt: 5 });
    v4.close();
    const upgraded = new QuartiersbuchDb(name);
    try {
      expect(await upgraded.people.get('u1')).toEqual({
        userId: 'u1',
        name: 'Erika',
        role: 'volunteer',
        session: null,
        verifier: null,
        offlineFailures: 0,
        signedInAt: 7,
      });
      expect(await readSession(upgraded)).toMatchObject({ userId: 'u1' });
      expect(await readHeldOutbox(upgraded)).toEqual({
        userId: 'u1',
        name: 'Erika',
        rows: 1,
        sendable: 0,
      });
    } finally {
      await upgraded.delete();
    }
  });
});
