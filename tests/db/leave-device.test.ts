// Signing out of a shared tablet (issue 11) on real Dexie (fake-indexeddb): what goes with the
// person at once, offline, and what stays — a refusal they have not read (with their name, no
// longer with a token or PIN check), a walk they are still recording, a call partner someone
// still signed in here calls — and that signing out again or with nobody here changes nothing.
// The whole path through the real server: tests/sync/tablet-forgets.test.ts.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import { readSession, saveSession, signOut } from '../../src/db/device-identity';
import { newDraftId, saveDraft } from '../../src/db/drafts';
import { saveEntry } from '../../src/db/entries';
import { forgetErasedPeople } from '../../src/db/erased-people';
import { forgetLeftPeople } from '../../src/db/leave-device';
import { acknowledge } from '../../src/db/outbox-settle';
import { readOfflinePeople, readPullSessions, readSessionTokens } from '../../src/db/people';
import { applyPull } from '../../src/db/pull';
import { startWalk } from '../../src/db/walk-recording';
import { makePinVerifier } from '../../src/sync/pin-verifier';
import { sendablePrefix } from '../../src/sync/push';
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

// A person staff erased (issue 11, Art. 17; src/db/erased-people.ts): when the tablet learns it
// (a pull or push answer's `erasedPeople`), everything of theirs goes at once, waiting changes
// too, which stay only as empty shells that go out without a session; once those are sent the
// last trace goes. The whole path through the real server: tests/sync/tablet-forgets.test.ts.
it('forgets everything of the erased person at once; their waiting changes go out empty', async () => {
  await saveSession(db, person('u2', 'Hans'), 1, await makePinVerifier('2468'));
  await saveSession(db, person('u1', 'Erika'), 2, await makePinVerifier('4711'));
  await saveEntry(db, 'call', callValues('Erikas Nachbarin', { note: 'Geheim' }), {
    author: 'u1',
    now: 3,
  });
  await saveEntry(db, 'call', callValues('Hans’ Bruder'), { author: 'u2', now: 4 });
  await saveDraft(db, newDraftId('call', 'u1'), { partner: 'Erikas Entwurf' }, 5);
  await saveDraft(db, newDraftId('call', 'u2'), { partner: 'Hans’ Entwurf' }, 6);

  await forgetErasedPeople(db, ['u1', 'someone-never-here']);

  expect(await db.people.get('u1')).toEqual(
    expect.objectContaining({ name: '', session: null, verifier: null, erased: true }),
  );
  expect(await db.people.get('someone-never-here')).toBeUndefined();
  expect(await readSession(db)).toBeNull();
  expect((await db.entries.toArray()).map((entry) => entry.author)).toEqual(['u2']);
  expect(await db.drafts.toCollection().primaryKeys()).toEqual([newDraftId('call', 'u2')]);
  expect((await readOfflinePeople(db)).map((p) => p.name)).toEqual(['Hans']);
  // Her change waits as an empty shell, and nothing of it is left in any store.
  const rows = await db.outbox.orderBy('seq').toArray();
  expect(rows.map((row) => [row.author, row.args])).toEqual([
    ['u1', {}],
    ['u2', expect.objectContaining({ partner: 'Hans’ Bruder' })],
  ]);
  for (const table of db.tables) {
    const text = JSON.stringify(await table.toArray());
    for (const secret of ['Erika', 'Geheim']) expect(text, table.name).not.toContain(secret);
  }

  // Both rows may go out, only Hans's session goes with them.
  const { rows: sendable, sessions } = sendablePrefix(rows, await readSessionTokens(db));
  expect(sendable.map((row) => row.seq)).toEqual(rows.map((row) => row.seq));
  expect(sessions).toEqual([person('u2', 'Hans').session]);

  // The server refuses hers: the refusal is not kept for anyone, and her last trace goes.
  const hers = rows[0]!;
  await acknowledge(db, rows[1]!.seq, [
    { seq: hers.seq, code: 'invalid_args', message: 'Ungültig' },
  ]);
  await forgetLeftPeople(db);
  expect(await db.people.get('u1')).toBeUndefined();
  expect(await db.rejectedChanges.count()).toBe(0);
  expect(await db.people.get('u2')).toMatchObject({ name: 'Hans' });
});
