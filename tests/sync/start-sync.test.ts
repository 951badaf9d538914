// Sync as the app starts it (src/sync/start-sync.ts): scheduler + live query on the outbox +
// sync lock + rounds, against the real server app, with real timers made short. The views
// never call sync: a save, an enrolment or "Jetzt senden" is enough. Tests wait for what they
// expect to happen (`until`), never for a fixed time.
import { expect, it } from 'vitest';
import { saveEntry } from '../../src/db/entries';
import { readPullState } from '../../src/db/pull-state';
import { enrolDevice } from '../../src/sync/identity-requests';
import { requestSync, startSync, syncRound, type SyncRuntime } from '../../src/sync/start-sync';
import { readUpdateAdvised, setUpdateAdvised } from '../../src/sync/status';
import type { FetchLike } from '../../src/sync/transport';
import { describeEachDialect } from '../server/support/test-database';
import { callValues } from '../support/entry-builders';
import { recordPushes, serverCalls, useSyncWorld } from './sync-world';
import { waitUntil } from '../support/wait-until';

const quietTargets = () => ({
  target: new EventTarget(),
  doc: Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState }),
});

describeEachDialect('sync as the app runs it', (dialect) => {
  const world = useSyncWorld(dialect);

  function runtime(
    fetchImpl: FetchLike,
    extra: Partial<SyncRuntime['scheduler']> = {},
  ): SyncRuntime {
    const w = world();
    return {
      db: w.device,
      fetch: fetchImpl,
      now: Date.now,
      baseUrl: w.baseUrl,
      // Only the triggers under test may start a round: no periodic one during the test.
      scheduler: {
        ...quietTargets(),
        periodMs: 60 * 60_000,
        debounceMs: 50,
        random: () => 0,
        ...extra,
      },
    };
  }

  it('a save starts a round by itself: the outbox is watched, nobody calls sync', async () => {
    const w = world();
    await w.person('Erika');
    const erika = await w.signIn(w.device, 'Erika');
    const { pushes, fetch: recording } = recordPushes();
    const sync = startSync(runtime(recording));
    try {
      await waitUntil(
        'the start-up round',
        async () => (await readPullState(w.device)) !== undefined,
      );
      await saveEntry(w.device, 'call', callValues('Frau K.'), { author: erika, now: 1 });
      await waitUntil(
        'the call on the server',
        async () => (await serverCalls(w.server)).length === 1,
      );
      expect(pushes).toEqual([[1]]);
    } finally {
      sync.stop();
    }
  });

  it('an app the server calls too old is asked to update, and its entries still arrive', async () => {
    const w = world();
    await w.person('Erika');
    const erika = await w.signIn(w.device, 'Erika');
    setUpdateAdvised(false);
    // This device runs an old build: its pushes name version 0.0.1.
    const oldApp: FetchLike = (input, init) =>
      fetch(input, {
        ...init,
        ...(input.endsWith('/push')
          ? { body: String(init?.body).replace(/"appVersion":"[^"]*"/, '"appVersion":"0.0.1"') }
          : {}),
      });
    await saveEntry(w.device, 'call', callValues('Frau K.'), { author: erika, now: 1 });
    const report = await syncRound(runtime(oldApp))(new AbortController().signal);
    expect(report).toMatchObject({ ok: true });
    expect(await serverCalls(w.server)).toHaveLength(1);
    expect(readUpdateAdvised()).toBe(true);
    setUpdateAdvised(false);
  });

  it('enrolling starts a round at once; "Jetzt senden" starts one too', async () => {
    const w = world();
    const fresh = w.openDevice();
    const pulls: { enrolled: boolean }[] = [];
    const { pushes, fetch: recording } = recordPushes((input, init) => {
      if (input.includes('/pull'))
        pulls.push({ enrolled: new Headers(init?.headers).has('authorization') });
      return fetch(input, init);
    });
    // A long debounce: only the enrolment and the button may start these rounds.
    const start = () =>
      startSync({ ...runtime(recording, { debounceMs: 60 * 60_000 }), db: fresh });
    const lockFree = async () => (await fresh.leases.count()) === 0;
    let sync = start();
    try {
      // Not enrolled yet, the start-up round pulls the public data only.
      await waitUntil('the public pull', async () => (await readPullState(fresh)) !== undefined);
      expect(pulls).toEqual([{ enrolled: false }]);
      await enrolDevice(await w.newCode(), 'Tablet 2', w.deps(fresh));
      // At least: the enrolment and the device watch may each start a round, quickly in turn.
      await waitUntil('the first pull as an enrolled device', () => pulls.length >= 2);
      expect(pulls[1]).toEqual({ enrolled: true });
      await w.person('Erika');
      const erika = await w.signIn(fresh, 'Erika');
      // Signing in starts a round too; rounds asked for meanwhile may follow it. The app starts
      // afresh (a reload) once those have unwound, so no round is left over: after its start-up
      // round has pulled and let go of the sync lock, only the triggers under test remain.
      sync.stop();
      await waitUntil('the rounds before the reload unwound', lockFree);
      const before = pulls.length;
      sync = start();
      await waitUntil('the start-up round pulled', () => pulls.length > before);
      await waitUntil('the start-up round let go of the sync lock', lockFree);
      await saveEntry(fresh, 'call', callValues('A'), { author: erika, now: 1 });
      expect(pushes).toEqual([]); // the save waits for the (long) debounce
      requestSync();
      await waitUntil('the push', () => pushes.length === 1);
      expect(pushes).toEqual([[1]]);
    } finally {
      sync.stop();
    }
  });

  it('a round abandoned by the watchdog unwinds even if its request hangs, and the next one drains the queue once', async () => {
    const w = world();
    await w.person('Erika');
    const erika = await w.signIn(w.device, 'Erika');
    for (let i = 0; i < 3; i++)
      await saveEntry(w.device, 'call', callValues(`P${i}`), { author: erika, now: i });
    let releaseFirst = () => undefined as void;
    let held = true;
    let late: Promise<Response> | undefined;
    const firstPushHangs: FetchLike = async (input, init) => {
      if (input.endsWith('/push') && held) {
        held = false;
        // A stuck connection that ignores the abort signal; it reaches the server much later.
        await new Promise<void>((resolve) => (releaseFirst = resolve));
        late = fetch(input, { ...init, signal: null });
        throw new TypeError('connection reset');
      }
      return fetch(input, init);
    };
    const { pushes, fetch: recording } = recordPushes(firstPushHangs);
    // Long enough that the next round's real push finishes inside it on a loaded machine (at
    // 300 ms a CI run beside other work abandoned every round); the hung one is abandoned all
    // the same, it never ends by itself.
    const sync = startSync(runtime(recording, { watchdogMs: 2000 }));
    try {
      await waitUntil('the queue drained', async () => (await w.device.outbox.count()) === 0);
      expect(pushes).toEqual([
        [1, 2, 3],
        [1, 2, 3],
      ]);
      releaseFirst();
      await waitUntil('the stuck push reached the server', () => late !== undefined);
      expect((await late)?.status).toBe(200); // answered as a duplicate: no second effect
      const rows = await serverCalls(w.server);
      expect(new Set(rows.map((row) => row.id)).size).toBe(3);
      expect(rows).toHaveLength(3);
    } finally {
      sync.stop();
    }
  });

  it('while one round of this tab is still inside the lock, another round of it is skipped', async () => {
    const w = world();
    await w.person('Erika');
    const erika = await w.signIn(w.device, 'Erika');
    await saveEntry(w.device, 'call', callValues('A'), { author: erika, now: 1 });
    let release = () => undefined as void;
    let holding = true;
    const hold: FetchLike = async (input, init) => {
      if (input.endsWith('/push') && holding) {
        holding = false;
        await new Promise<void>((resolve) => (release = resolve));
      }
      return fetch(input, init);
    };
    const { pushes, fetch: recording } = recordPushes(hold);
    const round = syncRound(runtime(recording));
    const first = round(new AbortController().signal);
    await waitUntil('the first push', () => pushes.length === 1);
    expect(await round(new AbortController().signal)).toEqual({ ok: true, pending: true });
    expect(pushes).toHaveLength(1); // the second round did not push
    release();
    expect(await first).toEqual({ ok: true, pending: false });
  });
});
