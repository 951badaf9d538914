// Browser side of the pull benchmark. Bundled by bench/pull-page-bundle.ts and run in Chromium
// on the app's origin, so `fetch('/api/v1/pull')` reaches the real server. It uses the app's
// own code (transport, applyPull, the Dexie schema) and adds nothing to the app.
import { QuartiersbuchDb } from '../../src/db/db';
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
  async pull(name) {
    const db = await freshDb(name);
    try {
      const start = performance.now();
      const response = await fetchPull(undefined, (input, init) => fetch(input, init));
      const fetched = performance.now();
      const decision = await applyPull(db, response, Date.now());
      const applied = performance.now();
      if (decision === 'stale') throw new Error('A fresh database refused the pull as stale.');
      last = response;
      const rows = REFERENCE_TABLES.reduce((sum, table) => sum + response.changes[table].length, 0);
      return {
        fetchMs: fetched - start,
        applyMs: applied - fetched,
        totalMs: applied - start,
        rows,
      };
    } finally {
      db.close();
    }
  },

  async rawBulkPut(name) {
    const response = last;
    if (!response) throw new Error('rawBulkPut needs a pull first (it writes the same rows).');
    const db = await freshDb(name);
    try {
      const tables = REFERENCE_TABLES.map((table) => db.table(table));
      const start = performance.now();
      await db.transaction('rw', tables, async () => {
        for (const table of REFERENCE_TABLES) {
          await db.table(table).bulkPut(response.changes[table]);
        }
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
