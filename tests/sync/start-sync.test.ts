// Sync as the app starts it (src/sync/start-sync.ts): scheduler + live query on the outbox +
// sync lock + rounds, against the real server app, with real timers made short. The views
// never call sync: a save, an enrolment or "Jetzt senden" is enough.
import { expect, it } from 'vitest';
import { saveCall } from '../../src/db/calls';
import { readPullState } from '../../src/db/pull-state';
import { enrolDevice } from '../../src/sync/identity';
import { requestSync, startSync, syncRound, type SyncRuntime } from '../../src/sync/start-sync';
import { readUpdateAdvised, setUpdateAdvised } from '../../src/sync/status';
import type { FetchLike } from '../../src/sync/transport';
import { describeEachDialect } from '../server/support/test-database';
import { aCall, recordPushes, serverCalls, useSyncWorld } from './sync-world';

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

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
      await until('the start-up round', async () => (await readPullState(w.device)) !== undefined);
      await saveCall(w.device, aCall('Frau K.'), { author: erika, now: 1 });
      await until('the call on the server', async () => (await serverCalls(w.server)).length === 1);
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
    await saveCall(w.device, aCall('Frau K.'), { author: erika, now: 1 });
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
    const sync = startSync({ ...runtime(recording, { debounceMs: 60 * 60_000 }), db: fresh });
    try {
      // Not enrolled yet, the start-up round pulls the public data only.
      await until('the public pull', async () => (await readPullState(fresh)) !== undefined);
      expect(pulls).toEqual([{ enrolled: false }]);
      await enrolDevice(await w.newCode(), 'Tablet 2', w.deps(fresh));
      // At least: the enrolment and the device watch may each start a round, quickly in turn.
      await until('the first pull as an enrolled device', () => pulls.length >= 2);
      expect(pulls[1]).toEqual({ enrolled: true });
      await w.person('Erika');
      const pulled = (await readPullState(fresh))?.pulledAt;
      const erika = await w.signIn(fresh, 'Erika');
      // Signing in starts a round too (her entries may be on the server): let it finish.
      await until(
        'the sign-in round',
        async () => (await readPullState(fresh))?.pulledAt !== pulled,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      await saveCall(fresh, aCall('A'), { author: erika, now: 1 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(pushes).toEqual([]);
      requestSync();
      await until('the push', () => pushes.length === 1);
    } finally {
      sync.stop();
    }
  });

  it('a round abandoned by the watchdog unwinds even if its request hangs, and the next one drains the queue once', async () => {
    const w = world();
    await w.person('Erika');
    const erika = await w.signIn(w.device, 'Erika');
    for (let i = 0; i < 3; i++) await saveCall(w.device, aCall(`P${i}`), { author: erika, now: i });
    let releaseFirst = () => undefined as void;
    let held = true;
    const firstPushHangs: FetchLike = async (input, init) => {
      if (input.endsWith('/push') && held) {
        held = false;
        // A stuck connection that ignores the abort signal; it reaches the server much later.
        await new Promise<void>((resolve) => (releaseFirst = resolve));
        void fetch(input, { ...init, signal: null });
        throw new TypeError('connection reset');
      }
      return fetch(input, init);
    };
    const { pushes, fetch: recording } = recordPushes(firstPushHangs);
    const sync = startSync(runtime(recording, { watchdogMs: 300 }));
    try {
      await until('the queue drained', async () => (await w.device.outbox.count()) === 0);
      expect(pushes).toEqual([
        [1, 2, 3],
        [1, 2, 3],
      ]);
      releaseFirst();
      await new Promise((resolve) => setTimeout(resolve, 200));
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
    await saveCall(w.device, aCall('A'), { author: erika, now: 1 });
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
    await until('the first push', () => pushes.length === 1);
    expect(await round(new AbortController().signal)).toEqual({ ok: true, pending: true });
    expect(pushes).toHaveLength(1); // the second round did not push
    release();
    expect(await first).toEqual({ ok: true, pending: false });
  });
});
