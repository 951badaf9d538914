// Sync under faults, real client code against the real server app on SQLite and PostgreSQL:
// a tab killed between the server's answer and the acknowledgement, two tabs syncing at once,
// a month offline, a device revoked in the middle of its queue, and both kinds of seq gap.
// What must hold every time: each entry arrives exactly once and every outbox drains (G2, G5).
import { expect, it } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import { saveEntry, updateEntry } from '../../src/db/entries';
import { readAttention } from '../../src/db/entry-queries';
import { readDevice, readSession } from '../../src/db/device-identity';
import { pendingSummary } from '../../src/db/outbox';
import { deviceAuthorization } from '../../src/shared/identity';
import { syncRound } from '../../src/sync/start-sync';
import { pushOutbox } from '../../src/sync/push';
import type { FetchLike } from '../../src/sync/transport';
import { revokeDevice } from '../../server/repos/device.repo';
import { describeEachDialect } from '../server/support/test-database';
import { callValues } from '../support/entry-builders';
import { recordPushes, serverCalls, useSyncWorld } from './sync-world';

const DAY = 24 * 60 * 60_000;

describeEachDialect('sync under faults', (dialect) => {
  const world = useSyncWorld(dialect);

  async function signedIn() {
    const w = world();
    await w.person('Erika');
    return { ...w, erika: await w.signIn(w.device, 'Erika') };
  }
  async function save(device: QuartiersbuchDb, author: string, count: number, from = 0) {
    for (let i = from; i < from + count; i++) {
      await saveEntry(device, 'call', callValues(`P${String(i).padStart(3, '0')}`), {
        author,
        now: i,
      });
    }
  }
  async function authorization(device: QuartiersbuchDb) {
    const enrolled = await readDevice(device);
    return deviceAuthorization(enrolled?.deviceId ?? '', enrolled?.credential ?? '');
  }
  const uniqueIds = async (w: ReturnType<typeof world>) => {
    const rows = await serverCalls(w.server);
    return { count: rows.length, unique: new Set(rows.map((row) => row.id)).size };
  };

  it('killed after the server answered, before the acknowledgement: the retry sends the same seqs, each call exists once', async () => {
    const w = await signedIn();
    await save(w.device, w.erika, 3);
    const diesWithTheAnswer: FetchLike = async (input, init) => {
      const response = await fetch(input, init); // the server has committed…
      w.device.close(); // …and the tab is gone before it could acknowledge
      return response;
    };
    const auth = await authorization(w.device);
    const push = (db: QuartiersbuchDb, fetchImpl: FetchLike) =>
      pushOutbox({ db, fetch: fetchImpl, authorization: auth, baseUrl: w.baseUrl });
    await expect(push(w.device, diesWithTheAnswer)).rejects.toThrow();
    const reopened = new QuartiersbuchDb(w.device.name);
    try {
      expect((await pendingSummary(reopened)).count).toBe(3);
      const { pushes, fetch: recording } = recordPushes();
      expect(await push(reopened, recording)).toMatchObject({ sent: 3 });
      expect(pushes).toEqual([[1, 2, 3]]);
      expect(await uniqueIds(w)).toEqual({ count: 3, unique: 3 });
      expect(await reopened.entries.where('state').equals('delivered').count()).toBe(3);
    } finally {
      reopened.close();
    }
  });

  it('killed mid-round: the next round’s pull acknowledges what the server has, nothing is sent twice', async () => {
    const w = await signedIn();
    await save(w.device, w.erika, 4);
    const diesWithTheAnswer: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      if (input.endsWith('/push')) w.device.close();
      return response;
    };
    await expect(w.sync(w.device, diesWithTheAnswer)).rejects.toThrow();
    const reopened = new QuartiersbuchDb(w.device.name);
    try {
      const { pushes, fetch: recording } = recordPushes();
      expect(await w.sync(reopened, recording)).toMatchObject({ status: 'synced', waiting: 0 });
      expect(pushes).toEqual([]); // the pull said lastSeq 4: those rows were done
      expect(await uniqueIds(w)).toEqual({ count: 4, unique: 4 });
      expect(await reopened.entries.where('state').equals('delivered').count()).toBe(4);
    } finally {
      reopened.close();
    }
  });

  it('two tabs syncing at once: one pushes at a time, each entry arrives exactly once', async () => {
    const w = await signedIn();
    const tabA = w.device;
    const tabB = new QuartiersbuchDb(tabA.name);
    try {
      await Promise.all([save(tabA, w.erika, 10, 0), save(tabB, w.erika, 10, 100)]);
      let inFlight = 0;
      let most = 0;
      const rounds = new Map<QuartiersbuchDb, Promise<unknown>>();
      // A push holds on until the other tab's round of the same moment is over, so the two
      // always overlap: that round must have found the sync lock taken, not pushed too. (Should
      // it push anyway, it is let through at once: `most` then says so, nothing hangs.)
      const pushWhileOtherTries =
        (other: QuartiersbuchDb): FetchLike =>
        async (input, init) => {
          if (!input.endsWith('/push')) return fetch(input, init);
          most = Math.max(most, ++inFlight);
          try {
            if (inFlight === 1) await rounds.get(other);
            return await fetch(input, init);
          } finally {
            inFlight -= 1;
          }
        };
      const round = (db: QuartiersbuchDb, other: QuartiersbuchDb) => {
        const running = syncRound({
          db,
          fetch: pushWhileOtherTries(other),
          now: Date.now,
          baseUrl: w.baseUrl,
        })(new AbortController().signal);
        rounds.set(db, running);
        return running;
      };
      for (let i = 0; i < 3; i++) await Promise.all([round(tabA, tabB), round(tabB, tabA)]);
      expect(most).toBe(1);
      expect(await uniqueIds(w)).toEqual({ count: 20, unique: 20 });
      expect((await pendingSummary(tabB)).count).toBe(0);
      expect(await tabB.entries.where('state').equals('delivered').count()).toBe(20);
    } finally {
      tabB.close();
    }
  });

  it('30 days offline with 300 entries: one round drains it all, in batches', async () => {
    const w = await signedIn();
    const start = Date.UTC(2026, 9, 1);
    for (let i = 0; i < 300; i++) {
      const at = start + Math.floor((i * 30 * DAY) / 300);
      await saveEntry(
        w.device,
        'call',
        callValues(`P${i}`, { occurredAt: new Date(at).toISOString() }),
        {
          author: w.erika,
          now: at,
        },
      );
    }
    expect(await pendingSummary(w.device)).toEqual({ count: 300, oldestCreatedAt: start });
    const { pushes, fetch: recording } = recordPushes();
    expect(await w.sync(w.device, recording)).toMatchObject({
      status: 'synced',
      pushed: 300,
      waiting: 0,
    });
    expect(pushes.map((seqs) => seqs.length)).toEqual([200, 100]);
    expect(await uniqueIds(w)).toEqual({ count: 300, unique: 300 });
    const delivered = await w.device.entries.where('state').equals('delivered').toArray();
    expect(delivered).toHaveLength(300);
    expect(delivered.every((call) => call.version !== null)).toBe(true);
  });

  it('401 in the middle of the queue: the outbox stays; enrolled again, the rest arrives exactly once', async () => {
    const w = await signedIn();
    await save(w.device, w.erika, 250);
    const deviceId = (await readDevice(w.device))?.deviceId ?? '';
    let pushed = 0;
    const revokedAfterFirstBatch: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      if (input.endsWith('/push') && ++pushed === 1) await revokeDevice(w.server, deviceId);
      return response;
    };
    expect(await w.sync(w.device, revokedAfterFirstBatch)).toEqual({ status: 'needs-enrolment' });
    expect(await readDevice(w.device)).toMatchObject({ needsEnrolment: true });
    expect((await pendingSummary(w.device)).count).toBe(50);
    await w.enrol(w.device); // a new code from the storefront
    expect(await readDevice(w.device)).toMatchObject({ needsEnrolment: false });
    // The new credential starts without a session: Erika's rows wait for her, none is refused.
    expect(await readSession(w.device)).toBeNull();
    const { pushes, fetch: recording } = recordPushes();
    expect(await w.sync(w.device, recording)).toMatchObject({
      status: 'synced',
      waiting: 50,
      held: 50,
    });
    expect(pushes).toEqual([]);
    // Signed in again, the rest goes out exactly once and she sees all of hers.
    await w.signIn(w.device, 'Erika');
    expect(await w.sync(w.device, recording)).toMatchObject({ status: 'synced', waiting: 0 });
    expect(pushes.flat()).toEqual(Array.from({ length: 50 }, (_, i) => 201 + i));
    expect(await uniqueIds(w)).toEqual({ count: 250, unique: 250 });
    expect(await w.device.entries.where('state').equals('delivered').count()).toBe(250);
  });

  it('a seq gap ahead of us (answers lost): the pull settles those rows, with their refusals, and the rest goes on', async () => {
    const w = await signedIn();
    await w.person('Hans');
    const hans = await w.signIn(w.device, 'Hans');
    await save(w.device, w.erika, 1, 0);
    // Hans may not change Erika's call: refused for good (forbidden).
    const [erikas] = await w.device.entries.toArray();
    await updateEntry(
      w.device,
      'call',
      erikas?.id ?? '',
      { note: 'von Hans' },
      { author: hans, now: 1 },
    );
    await save(w.device, w.erika, 3, 2);
    // The server gets seqs 1-3 and commits them, but the device hears a 409 seq_gap (4).
    let first = true;
    const lostAnswer: FetchLike = async (input, init) => {
      if (!input.endsWith('/push') || !first) return fetch(input, init);
      first = false;
      const body = JSON.parse(String(init?.body)) as { mutations: { seq: number }[] };
      body.mutations = body.mutations.slice(0, 3);
      await fetch(input, { ...init, body: JSON.stringify(body) });
      return Response.json(
        { error: 'seq_gap', message: 'Es fehlen frühere Änderungen.', expectedSeq: 4 },
        { status: 409 },
      );
    };
    const { pushes, fetch: recording } = recordPushes(lostAnswer);
    expect(await w.sync(w.device, recording)).toMatchObject({ status: 'synced', waiting: 0 });
    expect(pushes).toEqual([
      [1, 2, 3, 4, 5],
      [4, 5],
    ]);
    expect(await uniqueIds(w)).toEqual({ count: 4, unique: 4 });
    const refused = (await readAttention(w.device)).entries;
    expect(
      refused.map((call) => [call.kind === 'call' && call.partner, call.rejection?.code]),
    ).toEqual([['P000', 'forbidden']]);
  });

  it('a seq gap behind us (server restored from a backup): a clear result, no loop, nothing dropped', async () => {
    const w = await signedIn();
    await save(w.device, w.erika, 3);
    await w.sync();
    await w.server.updateTable('sync_clients').set({ last_seq: 1 }).execute();
    await save(w.device, w.erika, 1, 3);
    const { pushes, fetch: recording } = recordPushes();
    expect(await w.sync(w.device, recording)).toEqual({
      status: 'server-lost-changes',
      expectedSeq: 2,
      firstWaitingSeq: 4,
    });
    expect(pushes).toEqual([[4]]);
    expect((await pendingSummary(w.device)).count).toBe(1);
  });
});
