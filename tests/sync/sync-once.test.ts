// The real client sync round (pull → apply → push → pull, src/sync/sync-once.ts) against the
// real server app on a local port, on SQLite and PostgreSQL: reference data, the device's own
// entries of every kind both ways, a refused delete, and what the round does without an enrolment (the public pull), on 401 and
// on 503.
import { expect, it } from 'vitest';
import { deleteEntry, saveEntry, updateEntry } from '../../src/db/entries';
import { readAttention, readEntries } from '../../src/db/entry-queries';
import { readDevice } from '../../src/db/device-identity';
import { pendingSummary } from '../../src/db/outbox';
import { readPullState } from '../../src/db/pull-state';
import { syncOnce } from '../../src/sync/sync-once';
import { SyncError, type FetchLike } from '../../src/sync/transport';
import { removeExampleData } from '../../server/demo/remove-examples';
import { DEMO_QUARTER } from '../../server/demo/demo-facts';
import { seedDemoData } from '../../server/demo/seed';
import { upsertActivity } from '../../server/repos/catalogue.repo';
import { revokeDevice } from '../../server/repos/device.repo';
import { softDelete } from '../../server/repos/tombstone.repo';
import { describeEachDialect } from '../server/support/test-database';
import { adviceValues, callValues } from '../support/entry-builders';
import { recordPushes, serverCalls, useSyncWorld } from './sync-world';

const QUARTER = DEMO_QUARTER;

describeEachDialect('a sync round against the server: reference data', (dialect) => {
  const world = useSyncWorld(dialect, {
    quarter: QUARTER,
    seed: (server) => seedDemoData(server, new Date('2026-11-25T10:00:00Z')),
  });

  it('a first round fills the catalogue and opening hours', async () => {
    const { device, sync } = world();
    expect(await sync()).toMatchObject({ status: 'synced', pushed: 0, waiting: 0 });
    expect(await device.themes.count()).toBe(5);
    expect(await device.activities.count()).toBe(18);
    expect(await device.storefronts.count()).toBe(1);
    expect((await readPullState(device))?.quarterId).toBe(QUARTER.id);
  });

  it('later rounds bring edits and deletions, and the cookie only advances', async () => {
    const { device, server, sync } = world();
    await sync();
    const first = await readPullState(device);
    const [a, b] = await device.activities.orderBy('id').limit(2).toArray();
    if (!a || !b) throw new Error('demo data missing');
    await upsertActivity(server, QUARTER.id, { ...a, name: 'Umbenannt' });
    await softDelete(server, QUARTER.id, 'activities', b.id);
    await sync();
    expect((await device.activities.get(a.id))?.name).toBe('Umbenannt');
    expect(await device.activities.get(b.id)).toBeUndefined();
    expect((await readPullState(device))?.head).toBeGreaterThan(first?.head ?? Infinity);
  });

  it('removing the example data on the server removes it from the device', async () => {
    const { device, server, sync } = world();
    await sync();
    await removeExampleData(server);
    await sync();
    expect(await device.activities.count()).toBe(0);
    expect(await device.themes.count()).toBe(5); // themes are facts, not examples
  });

  it('a captive-portal page or a network failure leaves the replica as it was', async () => {
    const { device, sync } = world();
    await sync();
    const before = await readPullState(device);
    const portal: FetchLike = async () =>
      new Response('<html>Bitte anmelden</html>', { headers: { 'content-type': 'text/html' } });
    await expect(sync(device, portal)).rejects.toMatchObject({ kind: 'invalid' });
    const down: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(sync(device, down)).rejects.toBeInstanceOf(SyncError);
    expect(await device.activities.count()).toBe(18);
    expect(await readPullState(device)).toEqual(before);
  });
});

describeEachDialect('a sync round against the server: entries', (dialect) => {
  const world = useSyncWorld(dialect);

  it('delivers a call and shows the server’s version of it, in one round', async () => {
    const { device, sync, person, signIn } = world();
    await person('Erika');
    const erika = await signIn(device, 'Erika');
    const call = await saveEntry(device, 'call', callValues('Frau K.'), { author: erika, now: 1 });
    expect(await sync()).toMatchObject({ status: 'synced', pushed: 1, waiting: 0 });
    const entry = await device.entries.get(call.id);
    expect(entry).toMatchObject({ state: 'delivered', partner: 'Frau K.', conflict: false });
    expect(entry?.version).toEqual(expect.any(Number)); // the pull after the push brought it back
    expect(await pendingSummary(device)).toEqual({ count: 0, oldestCreatedAt: null });
  });

  it('edits and deletions made offline arrive in order, and a second device converges', async () => {
    const { device, sync, person, signIn, enrol, openDevice, server } = world();
    await person('Erika');
    const erika = await signIn(device, 'Erika');
    const kept = await saveEntry(device, 'call', callValues('Bleibt'), { author: erika, now: 1 });
    const gone = await saveEntry(device, 'call', callValues('Weg'), { author: erika, now: 2 });
    await sync();
    await updateEntry(
      device,
      'call',
      kept.id,
      { note: 'Rückruf Montag', reached: false },
      { author: erika, now: 3 },
    );
    await deleteEntry(device, gone.id, { author: erika, now: 4 });
    expect(await sync()).toMatchObject({ status: 'synced', pushed: 2, waiting: 0 });
    expect((await serverCalls(server)).map((row) => [row.partner, row.note])).toEqual([
      ['Bleibt', 'Rückruf Montag'],
    ]);
    const other = openDevice();
    await enrol(other);
    await signIn(other, 'Erika');
    await sync(other);
    expect(await other.entries.toArray()).toEqual([
      expect.objectContaining({
        id: kept.id,
        note: 'Rückruf Montag',
        reached: false,
        state: 'delivered',
      }),
    ]);
    expect(await device.entries.get(kept.id)).toMatchObject({
      note: 'Rückruf Montag',
      version: (await other.entries.get(kept.id))?.version,
    });
  });

  it('advice sessions travel like calls: made offline, changed, seen on a second device', async () => {
    const { device, sync, person, signIn, enrol, openDevice } = world();
    await person('Erika');
    const erika = await signIn(device, 'Erika');
    const advice = await saveEntry(device, 'advice', adviceValues({ note: 'Wohngeld' }), {
      author: erika,
      now: 1,
    });
    await saveEntry(device, 'call', callValues('Frau K.'), { author: erika, now: 2 });
    await updateEntry(
      device,
      'advice',
      advice.id,
      { followUp: '2026-12-07', place: 'home' },
      { author: erika, now: 3 },
    );
    expect(await sync()).toMatchObject({ status: 'synced', pushed: 3, waiting: 0 });
    const other = openDevice();
    await enrol(other);
    await signIn(other, 'Erika');
    await sync(other);
    expect(await readEntries(other, erika, 'advice')).toEqual([
      expect.objectContaining({
        id: advice.id,
        kind: 'advice',
        note: 'Wohngeld',
        place: 'home',
        followUp: '2026-12-07',
        topics: advice.topics,
        state: 'delivered',
        version: (await device.entries.get(advice.id))?.version,
      }),
    ]);
    expect((await readEntries(other, erika)).map((entry) => entry.kind).sort()).toEqual([
      'advice',
      'call',
    ]);
  });

  it('a delete the server refuses is kept for its author, and the entry comes back (G7)', async () => {
    const { device, sync, person, signIn } = world();
    await person('Erika');
    await person('Hans');
    const erika = await signIn(device, 'Erika');
    const call = await saveEntry(device, 'call', callValues('Frau K.'), { author: erika, now: 1 });
    await sync();
    // A volunteer may not delete someone else's entry: refused for good (forbidden).
    const hans = await signIn(device, 'Hans');
    expect(await deleteEntry(device, call.id, { author: hans, now: 2 })).toBe(true);
    expect(await sync()).toMatchObject({ status: 'synced', pushed: 1, waiting: 0 });
    const attention = await readAttention(device, hans);
    expect(attention).toMatchObject({
      entries: [],
      changes: [{ name: 'call.delete', author: hans, entryId: call.id, createdAt: 2 }],
      count: 1,
    });
    expect(attention.changes[0]?.rejection.code).toBe('forbidden');
    // The refusal made the next pull a full one: the device holds the call again.
    expect(await device.entries.get(call.id)).toMatchObject({
      state: 'delivered',
      partner: 'Frau K.',
    });
    expect(await serverCalls(world().server)).toHaveLength(1);
  });

  it('without an enrolment only the public pull goes out: no credential, no client, no push', async () => {
    const { openDevice, deps } = world();
    const fresh = openDevice();
    await saveEntry(fresh, 'call', callValues('A'), { author: 'u1', now: 1 });
    const requests: { url: string; headers: Headers }[] = [];
    const counting: FetchLike = async (input, init) => {
      requests.push({ url: input, headers: new Headers(init?.headers) });
      return fetch(input, init);
    };
    expect(await syncOnce(deps(fresh, counting))).toEqual({ status: 'needs-enrolment' });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toMatch(/\/api\/v1\/pull$/);
    expect(requests[0]?.headers.has('authorization')).toBe(false);
    expect(requests[0]?.headers.has('x-person-sessions')).toBe(false);
    expect((await pendingSummary(fresh)).count).toBe(1);
  });

  it('a revoked device is asked to enrol again; its outbox stays, and it pulls only what is public', async () => {
    const { device, sync, server, person, signIn } = world();
    await person('Erika');
    const erika = await signIn(device, 'Erika');
    await saveEntry(device, 'call', callValues('Übertragen'), { author: erika, now: 1 });
    await sync();
    await saveEntry(device, 'call', callValues('Wartet'), { author: erika, now: 2 });
    const enrolled = await readDevice(device);
    await revokeDevice(server, enrolled?.deviceId ?? '');
    expect(await sync()).toEqual({ status: 'needs-enrolment' });
    expect(await readDevice(device)).toMatchObject({ needsEnrolment: true });
    expect((await pendingSummary(device)).count).toBe(1);
    // Until it is enrolled again its rounds pull only what is public: nothing is pushed, Erika's
    // delivered call leaves the replica, her waiting one stays.
    const { pushes, fetch: recording } = recordPushes();
    expect(await sync(device, recording)).toEqual({ status: 'needs-enrolment' });
    expect(pushes).toEqual([]);
    expect((await readEntries(device, erika, 'call')).map((call) => call.partner)).toEqual([
      'Wartet',
    ]);
    expect((await pendingSummary(device)).count).toBe(1);
  });

  it('a busy server’s Retry-After is handed to the scheduler; nothing is lost', async () => {
    const { device, sync, person, signIn } = world();
    await person('Erika');
    const erika = await signIn(device, 'Erika');
    await saveEntry(device, 'call', callValues('A'), { author: erika, now: 1 });
    const busy: FetchLike = async (input, init) =>
      input.endsWith('/push')
        ? Response.json(
            { error: 'unavailable', message: 'Der Server ist gerade nicht bereit.' },
            { status: 503, headers: { 'retry-after': '7' } },
          )
        : fetch(input, init);
    expect(await sync(device, busy)).toEqual({ status: 'retry-later', retryAfterMs: 7_000 });
    expect((await pendingSummary(device)).count).toBe(1);
    const { pushes, fetch: recording } = recordPushes();
    await sync(device, recording);
    expect(pushes).toEqual([[1]]);
  });
});
