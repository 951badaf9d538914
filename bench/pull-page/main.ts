// Browser side of the pull benchmark. Bundled by bench/pull-page-bundle.ts and run in Chromium
// on the app's origin, so `fetch('/api/v1/pull')` reaches the real server. It uses the app's
// own code (transport, applyPull, the Dexie schema) and adds nothing to the app.
import { QuartiersbuchDb, type CallEntry } from '../../src/db/db';
import { applyPull } from '../../src/db/pull';
import { REFERENCE_TABLES, type PullResponse } from '../../src/shared/protocol';
import { fetchPull } from '../../src/sync/transport';
import type { BenchPullApi } from './api';

let last: PullResponse | undefined;

async function freshDb(name: string): Promise<QuartiersbuchDb> {
  await QuartiersbuchDb.delete(name);
  const db = new QuartiersbuchDb(name);
  await db.open();
  return db;
}

const api: BenchPullApi = {
  async pull(name, device) {
    const db = await freshDb(name);
    try {
      const start = performance.now();
      const response = await fetchPull(
        {},
        device.authorization,
        (input, init) => fetch(input, init),
        '',
        device.sessions,
      );
      const fetched = performance.now();
      const decision = await applyPull(db, response, Date.now());
      const applied = performance.now();
      if (decision === 'stale') throw new Error('A fresh database refused the pull as stale.');
      const calls = response.changes.calls.length;
      if ((await db.calls.count()) !== calls) throw new Error('The pull did not store every call.');
      last = response;
      const reference = REFERENCE_TABLES.reduce(
        (sum, table) => sum + response.changes[table].length,
        0,
      );
      return {
        fetchMs: fetched - start,
        applyMs: applied - fetched,
        totalMs: applied - start,
        rows: reference + calls,
        calls,
      };
    } finally {
      db.close();
    }
  },

  async rawBulkPut(name) {
    const response = last;
    if (!response) throw new Error('rawBulkPut needs a pull first (it writes the same rows).');
    // The rows exactly as applyPull stores them (a fresh device: every call delivered), made
    // before the clock starts: the baseline is the write alone.
    const calls: CallEntry[] = response.changes.calls.map((record) => ({
      ...record,
      state: 'delivered',
      seq: 0,
    }));
    const db = await freshDb(name);
    try {
      const tables = [...REFERENCE_TABLES.map((table) => db.table(table)), db.calls];
      const start = performance.now();
      await db.transaction('rw', tables, async () => {
        for (const table of REFERENCE_TABLES) {
          await db.table(table).bulkPut(response.changes[table]);
        }
        await db.calls.bulkPut(calls);
      });
      return performance.now() - start;
    } finally {
      db.close();
    }
  },

  async drop(name) {
    await QuartiersbuchDb.delete(name);
  },
};

window.qbBenchPull = api;
