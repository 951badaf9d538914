// Signing out of a shared tablet (issue 11) on real Dexie (fake-indexeddb): what goes with the
// person at once, offline, and what stays — a refusal they have not read (with their name, no
// longer with a token or PIN check), a walk they are still recording, a call partner someone
// still signed in here calls — and that signing out again or with nobody here changes nothing.
// The whole path through the real server: tests/sync/tablet-forgets.test.ts.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import { saveSession, signOut } from '../../src/db/device-identity';
import { saveEntry } from '../../src/db/entries';
import { forgetLeftPeople } from '../../src/db/leave-device';
import { acknowledge } from '../../src/db/outbox-settle';
import { readPullSessions } from '../../src/db/people';
import { applyPull } from '../../src/db/pull';
import { startWalk } from '../../src/db/walk-recording';
import { makePinVerifier } from '../../src/sync/pin-verifier';
import { callRecord, callValues, partnerRecord, walkRecord } from '../support/entry-builders';
import { pullResponse } from '../support/fixtures';

let db: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  db = new QuartiersbuchDb(`leave-device-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const person = (userId: string, name: string) => ({
  userId,
  name,
  role: 'volunteer' as const,
  session: `s-${userId}.abcdefghijklmnopqrstuvwxyz`,
});

it('takes the person’s delivered data at once and keeps what is not theirs alone or not delivered', async () => {
  await saveSession(db, person('u2', 'Hans'), 1);
  await saveSession(db, person('u1', 'Erika'), 2, await makePinVerifier('4711'));
  await applyPull(
    db,
    pullResponse(1, {
      reset: true,
      changes: {
        calls: [callRecord('c-erika', { author: 'u1' }), callRecord('c-hans', { author: 'u2' })],
        walks: [walkRecord('w-erika', { author: 'u1' })],
        partners: [
          partnerRecord('p-erika', { callers: ['u1'] }),
          partnerRecord('p-both', { callers: ['u2', 'u1'] }),
        ],
      },
    }),
    0,
  );
  await db.walkPoints.bulkPut(
    [0, 1].map((i) => ({
      walkId: 'w-erika',
      n: i,
      t: `2026-11-25T10:00:0${i}.000Z`,
      lat: 51.3,
      lon: 6.5,
      accuracy: 5,
    })),
  );
  // A call the server refused (unread), and a walk still being recorded whose start the server
  // already has.
  const refused = await saveEntry(db, 'call', callValues('Abgelehnt'), { author: 'u1', now: 3 });
  const walkId = await startWalk(db, {
    author: 'u1',
    now: Date.UTC(2026, 10, 25),
    title: 'Unterwegs',
  });
  await acknowledge(db, 2, [{ seq: 1, code: 'invalid_args', message: 'Bitte prüfen' }]);
  expect((await db.entries.get(walkId))?.state).toBe('delivered');

  await signOut(db);

  expect((await db.entries.toCollection().primaryKeys()).sort()).toEqual(
    ['c-hans', 'p-both', refused.id, walkId].sort(),
  );
  expect(await db.walkPoints.where('walkId').equals('w-erika').count()).toBe(0);
  expect(await db.recordings.get(walkId)).toBeDefined();
  // Nothing of hers waits, but a refusal is unread: her name stays, nothing to sign in with.
  expect(await db.people.get('u1')).toMatchObject({
    name: 'Erika',
    session: null,
    verifier: null,
    signedOut: true,
  });
  expect(await readPullSessions(db)).toEqual([person('u2', 'Hans').session]);
  expect(await db.session.get('session')).toBeUndefined();

  // Once the refusal is gone (she read it after signing in again elsewhere: here it is dismissed),
  // the next clean-up forgets her row too.
  await db.entries.delete(refused.id);
  await db.rejectedChanges.clear();
  await forgetLeftPeople(db);
  expect(await db.people.get('u1')).toBeUndefined();
  expect(await db.people.get('u2')).toMatchObject({ session: person('u2', 'Hans').session });
});

it('with nobody signed in, signing out changes nothing', async () => {
  await saveSession(db, person('u1', 'Erika'), 1);
  await db.session.clear();
  await saveEntry(db, 'call', callValues(), { author: 'u1', now: 2 });
  await acknowledge(db, 1, []);
  await signOut(db);
  expect(await db.entries.count()).toBe(1);
  expect(await db.people.get('u1')).toMatchObject({ session: person('u1', 'Erika').session });
});
