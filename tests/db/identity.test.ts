// Enrolment and sign-in on real Dexie (fake-indexeddb): none of it ever touches the outbox or
// the entries (docs/api.md, Identity: signing out never strands or deletes unsent entries). Person
// sessions (issue 7): a sign-in stores the token with the session; signing out keeps it; a 401
// and a new enrolment forget every token and PIN verifier.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveEntry } from '../../src/db/entries';
import { QuartiersbuchDb } from '../../src/db/db';
import { wipeRevokedDevice } from '../../src/db/device-wipe';
import {
  readDevice,
  readSession,
  saveEnrolment,
  saveSession,
  signOut,
} from '../../src/db/device-identity';
import { readClient, readOutboxBatch } from '../../src/db/outbox';
import { readSessionTokens } from '../../src/db/people';
import { callValues } from '../support/entry-builders';

let db: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  db = new QuartiersbuchDb(`identity-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const quarter = { id: 'q1', name: 'Südliche Innenstadt' };
const enrolment = (deviceId: string) => ({ deviceId, credential: `secret-${deviceId}`, quarter });
const erika = {
  userId: 'u1',
  name: 'Erika M.',
  role: 'volunteer' as const,
  session: 's1.abcdefghijklmnopqrstuvwxyz',
};

describe('enrolment', () => {
  it('stores the credential and quarter', async () => {
    expect(await readDevice(db)).toBeNull();
    await saveEnrolment(db, enrolment('d1'), 100);
    expect(await readDevice(db)).toEqual({
      key: 'device',
      deviceId: 'd1',
      credential: 'secret-d1',
      quarterId: 'q1',
      quarterName: 'Südliche Innenstadt',
      enrolledAt: 100,
      needsEnrolment: false,
    });
  });

  it('a 401 marks the device; enrolling again replaces it and keeps clientId and outbox', async () => {
    await saveEnrolment(db, enrolment('d1'), 100);
    await saveSession(db, erika, 150);
    await saveEntry(db, 'call', callValues(), { author: 'u1', now: 200 });
    const client = await readClient(db);
    await wipeRevokedDevice(db, 'd1');
    expect((await readDevice(db))?.needsEnrolment).toBe(true);
    await saveEnrolment(db, enrolment('d2'), 300);
    expect(await readDevice(db)).toMatchObject({ deviceId: 'd2', needsEnrolment: false });
    expect(await readClient(db)).toEqual(client);
    expect(await readOutboxBatch(db, 10)).toHaveLength(1);
  });

  it('a late 401 for the old credential does not undo a newer enrolment', async () => {
    await saveEnrolment(db, enrolment('d2'), 300);
    await wipeRevokedDevice(db, 'd1');
    expect((await readDevice(db))?.needsEnrolment).toBe(false);
  });

  it('a new enrolment ends the session: the server links people to a device when they sign in on it', async () => {
    await saveEnrolment(db, enrolment('d1'), 100);
    await saveSession(db, erika, 150);
    await saveEnrolment(db, enrolment('d2'), 300);
    expect(await readSession(db)).toBeNull();
  });
});

describe('sign-in and sign-out', () => {
  it('signing out keeps unsent entries, the outbox and the token that sends them', async () => {
    await saveSession(db, erika, 150);
    expect(await readSession(db)).toEqual({
      key: 'session',
      userId: 'u1',
      name: 'Erika M.',
      role: 'volunteer',
      signedInAt: 150,
    });
    const call = await saveEntry(db, 'call', callValues(), { author: 'u1', now: 200 });
    await signOut(db);
    expect(await readSession(db)).toBeNull();
    // Her token stays until it is delivered, so the change she made still goes out under her
    // name (src/db/leave-device.ts); she is out of the device's view meanwhile.
    expect(await readSessionTokens(db)).toEqual(new Map([['u1', erika.session]]));
    expect(await db.people.get('u1')).toMatchObject({ signedOut: true });
    expect(await db.entries.get(call.id)).toMatchObject({ state: 'saved', author: 'u1' });
    expect((await readOutboxBatch(db, 10)).map((row) => row.author)).toEqual(['u1']);
  });
});

describe('person sessions on the device', () => {
  const verifier = { salt: 'c2FsdA==', iterations: 100_000, hash: 'aGFzaA==' };

  it('a sign-in stores the token and the PIN verifier together with the session', async () => {
    await saveSession(db, erika, 150, verifier);
    expect(await db.people.get('u1')).toEqual({
      userId: 'u1',
      name: 'Erika M.',
      role: 'volunteer',
      session: erika.session,
      verifier,
      offlineFailures: 0,
      signedInAt: 150,
    });
    expect(await readSession(db)).toMatchObject({ userId: 'u1' });
  });

  it('a 401 forgets every token and PIN verifier, keeps the names and the outbox', async () => {
    await saveEnrolment(db, enrolment('d1'), 100);
    await saveSession(db, erika, 150, verifier);
    await saveSession(
      db,
      { ...erika, userId: 'u2', name: 'Hans', session: 's2.zyxwvutsrqponmlkjihg' },
      160,
      verifier,
    );
    await saveEntry(db, 'call', callValues(), { author: 'u1', now: 200 });
    await wipeRevokedDevice(db, 'd1');
    expect(await readSessionTokens(db)).toEqual(new Map());
    // Erika's waiting call keeps her name (without token or PIN check); Hans had nothing left.
    expect((await db.people.toArray()).map((p) => [p.name, p.session, p.verifier])).toEqual([
      ['Erika M.', null, null],
    ]);
    expect(await readOutboxBatch(db, 10)).toHaveLength(1);
  });

  it('a late 401 for an old credential forgets nothing', async () => {
    await saveEnrolment(db, enrolment('d2'), 100);
    await saveSession(db, erika, 150, verifier);
    await wipeRevokedDevice(db, 'd1');
    expect(await db.people.get('u1')).toMatchObject({ session: erika.session, verifier });
  });

  it('a new enrolment forgets every token and PIN verifier: they belonged to the old device', async () => {
    await saveEnrolment(db, enrolment('d1'), 100);
    await saveSession(db, erika, 150, verifier);
    await saveEnrolment(db, enrolment('d2'), 300);
    expect(await db.people.get('u1')).toMatchObject({ session: null, verifier: null });
  });
});
