// One sync at a time across tabs: two Dexie instances on one database are two tabs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import { runExclusive } from '../../src/sync/sync-lock';

let name: string;
let tabA: QuartiersbuchDb;
let tabB: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  name = `lock-test-${++n}`;
  tabA = new QuartiersbuchDb(name);
  tabB = new QuartiersbuchDb(name);
});
afterEach(async () => {
  tabB.close();
  await tabA.delete();
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('IndexedDB lease (no Web Locks)', () => {
  it('lets only one tab sync; the other skips, and may sync once the first is done', async () => {
    const gate = deferred();
    const started = deferred();
    const a = runExclusive({ db: tabA, owner: 'A', now: () => 1_000 }, async () => {
      started.resolve();
      await gate.promise;
      return 'a';
    });
    await started.promise; // A holds the lease now
    expect(await runExclusive({ db: tabB, owner: 'B', now: () => 1_000 }, async () => 'b')).toEqual(
      {
        ran: false,
      },
    );
    gate.resolve();
    expect(await a).toEqual({ ran: true, value: 'a' });
    expect(await runExclusive({ db: tabB, owner: 'B', now: () => 1_001 }, async () => 'b')).toEqual(
      {
        ran: true,
        value: 'b',
      },
    );
  });

  it('a tab that died holding the lease blocks others only until it expires', async () => {
    await tabA.leases.put({ name: 'quartiersbuch-sync', owner: 'dead', expiresAt: 61_000 });
    const at = (now: number) =>
      runExclusive({ db: tabB, owner: 'B', now: () => now, leaseMs: 60_000 }, async () => 'b');
    expect(await at(60_000)).toEqual({ ran: false });
    expect(await at(61_001)).toEqual({ ran: true, value: 'b' });
  });

  it('releases the lease when the task fails', async () => {
    const failing = runExclusive({ db: tabA, owner: 'A', now: () => 0 }, async () => {
      throw new Error('network');
    });
    await expect(failing).rejects.toThrow('network');
    expect(await tabB.leases.count()).toBe(0);
  });
});

describe('Web Locks', () => {
  it('uses navigator.locks with ifAvailable when the browser has it', async () => {
    const held = new Set<string>();
    const locks = {
      request: async (
        lockName: string,
        options: { ifAvailable: boolean },
        callback: (lock: unknown) => Promise<unknown>,
      ) => {
        expect(options.ifAvailable).toBe(true);
        if (held.has(lockName)) return callback(null);
        held.add(lockName);
        try {
          return await callback({ name: lockName });
        } finally {
          held.delete(lockName);
        }
      },
    };
    const gate = deferred();
    const first = runExclusive({ db: tabA, owner: 'A', now: () => 0, locks }, () => gate.promise);
    const second = await runExclusive({ db: tabB, owner: 'B', now: () => 0, locks }, async () => 1);
    expect(second).toEqual({ ran: false });
    gate.resolve();
    expect(await first).toEqual({ ran: true, value: undefined });
    expect(await tabA.leases.count()).toBe(0); // the lease path was not used
  });
});
