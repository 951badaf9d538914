// A shared tablet at the storefront (docs/api.md, Identity): enrolled once, several people sign in
// one after another with name + PIN — online, or offline once they have signed in there online
// before (issue 7); each change keeps its author (the server takes it only under that person's
// session), and signing out never strands or deletes what is not sent yet (issue 11: once it is
// delivered it leaves the tablet; tests/sync/tablet-forgets.test.ts). Switching needs no sign-out:
// the next person signs in over the one before, who stays signed in there. Real client code
// against the real server app.
import { expect, it } from 'vitest';
import { saveEntry, updateEntry } from '../../src/db/entries';
import { readEntries } from '../../src/db/entry-queries';
import { clearCurrentPerson, readDevice, readSession, signOut } from '../../src/db/device-identity';
import { pendingSummary } from '../../src/db/outbox';
import { listDeviceUsers, signIn } from '../../src/sync/identity-requests';
import { describeEachDialect } from '../server/support/test-database';
import { callValues } from '../support/entry-builders';
import { offline, serverCalls, useSyncWorld } from './sync-world';

describeEachDialect('a shared tablet', (dialect) => {
  const world = useSyncWorld(dialect);

  it('two people one after another: both authors’ entries are delivered; the one who signed out leaves none behind', async () => {
    const w = world();
    const anna = await w.person('Anna');
    const bernd = await w.person('Bernd', '2468');
    expect((await listDeviceUsers(w.deps(w.device))).map((user) => user.name)).toEqual([
      'Anna',
      'Bernd',
    ]);
    await w.signIn(w.device, 'Anna');
    const session = await readSession(w.device);
    await saveEntry(w.device, 'call', callValues('Von Anna'), {
      author: session?.userId ?? '',
      now: 1,
    });
    await signOut(w.device); // offline, before anything was sent
    expect(await readSession(w.device)).toBeNull();
    expect((await pendingSummary(w.device)).count).toBe(1);
    await w.signIn(w.device, 'Bernd', '2468');
    await saveEntry(w.device, 'call', callValues('Von Bernd'), { author: bernd, now: 2 });
    expect(await w.sync()).toMatchObject({ status: 'synced', pushed: 2, waiting: 0 });
    expect((await serverCalls(w.server)).map((row) => [row.partner, row.author_user_id])).toEqual([
      ['Von Anna', anna],
      ['Von Bernd', bernd],
    ]);
    // Anna signed out: once delivered, her call is gone from the tablet; Bernd's stays.
    expect(await readEntries(w.device, anna, 'call')).toEqual([]);
    expect((await readEntries(w.device, bernd, 'call')).map((call) => call.state)).toEqual([
      'delivered',
    ]);
  });

  it('three people working offline in turns, one signing out before the connection is back: every entry arrives once, under its own author', async () => {
    const w = world();
    const anna = await w.person('Anna', '4711');
    const bernd = await w.person('Bernd', '2468');
    const cem = await w.person('Cem', '3579');
    // Each has signed in on this tablet once while it was online; they stay signed in there and
    // take turns by signing in over each other (leaving the screen to the next one).
    for (const [name, pin] of [
      ['Anna', '4711'],
      ['Bernd', '2468'],
      ['Cem', '3579'],
    ] as const) {
      await w.signIn(w.device, name, pin);
      await clearCurrentPerson(w.device);
    }
    await w.sync();
    // The connection is gone. They take turns at the tablet.
    const current = async () => (await readSession(w.device))?.userId ?? '';
    expect(await w.signInOffline(w.device, 'Anna', '4711')).toBe(anna);
    const annas = await saveEntry(w.device, 'call', callValues('Anna 1'), {
      author: await current(),
      now: 1,
    });
    await saveEntry(w.device, 'call', callValues('Anna 2'), { author: await current(), now: 2 });
    await clearCurrentPerson(w.device);
    expect(await w.signInOffline(w.device, 'bernd', '2468')).toBe(bernd);
    await saveEntry(w.device, 'call', callValues('Bernd 1'), { author: await current(), now: 3 });
    await expect(w.sync(w.device, offline)).rejects.toMatchObject({ kind: 'network' });
    await clearCurrentPerson(w.device);
    expect(await w.signInOffline(w.device, ' Cem ', '3579')).toBe(cem);
    await saveEntry(w.device, 'call', callValues('Cem 1'), { author: await current(), now: 4 });
    await clearCurrentPerson(w.device);
    expect(await w.signInOffline(w.device, 'Anna', '4711')).toBe(anna);
    await updateEntry(
      w.device,
      'call',
      annas.id,
      { note: 'Rückruf' },
      { author: await current(), now: 5 },
    );
    await saveEntry(w.device, 'call', callValues('Anna 3'), { author: await current(), now: 6 });
    await signOut(w.device); // Anna leaves before the connection is back
    expect(await readSession(w.device)).toBeNull();
    expect((await pendingSummary(w.device)).count).toBe(5);

    expect(await w.sync()).toMatchObject({ status: 'synced', pushed: 6, waiting: 0, held: 0 });
    expect(
      (await serverCalls(w.server)).map((row) => [row.partner, row.note, row.author_user_id]),
    ).toEqual([
      ['Anna 1', 'Rückruf', anna],
      ['Anna 2', '', anna],
      ['Anna 3', '', anna],
      ['Bernd 1', '', bernd],
      ['Cem 1', '', cem],
    ]);
    const log = await w.server
      .selectFrom('mutation_log')
      .select(['seq', 'status'])
      .orderBy('seq')
      .execute();
    expect(log.map((row) => row.status)).toEqual(Array(6).fill('applied'));
    // Anna signed out: her calls, delivered now, left with her; Bernd and Cem are still here.
    expect(await readEntries(w.device, anna, 'call')).toEqual([]);
    for (const [id, count] of [
      [bernd, 1],
      [cem, 1],
    ] as const) {
      const calls = await readEntries(w.device, id, 'call');
      expect(calls.map((call) => call.state)).toEqual(Array(count).fill('delivered'));
    }
  });

  it('a wrong PIN is refused without touching the enrolment or the person signed in', async () => {
    const w = world();
    await w.person('Anna');
    await w.signIn(w.device, 'Anna');
    await expect(signIn('Anna', '0000', w.deps(w.device))).rejects.toMatchObject({
      status: 401,
      code: 'sign_in_failed',
    });
    expect(await readDevice(w.device)).toMatchObject({ needsEnrolment: false });
    expect(await readSession(w.device)).toMatchObject({ name: 'Anna' });
  });

  it('signing in without an enrolment sends nothing and says why', async () => {
    const w = world();
    const fresh = w.openDevice();
    await expect(signIn('Anna', '4711', w.deps(fresh))).rejects.toMatchObject({
      kind: 'not-enrolled',
    });
  });
});
