// Browser side of the pull benchmark. Bundled by bench/pull-page-bundle.ts and run in Chromium
// on the app's origin, so `fetch('/api/v1/pull')` reaches the real server. It uses the app's
// own code (transport, applyPull, the Dexie schema) and adds nothing to the app.
import { QuartiersbuchDb, type Entry } from '../../src/db/db';
import { applyPull } from '../../src/db/pull';
import { ENTRY_KIND_NAMES, ENTRY_KINDS } from '../../src/shared/entry-kinds';
import { REFERENCE_TABLES, type PullResponse } from '../../src/shared/protocol';
import { fetchPull } from '../../src/sync/transport';
import type { BenchPullApi } from './api';

let last: PullResponse | undefined;

/** A call's values as the form makes them. */
function benchCall(n: number) {
  return {
    occurredAt: new Date(Date.UTC(2026, 10, 1) + n * 3_600_000).toISOString(),
    concern: n % 7 === 0,
    partner: `Frau B. ${n}`,
    durationMinutes: 5 + (n % 40),
    note: n % 3 === 0 ? 'Hat sich über den Anruf gefreut.' : '',
    activity: null,
    reached: true,
  };
}

/** The pulled entries of every kind, as the device stores them on a fresh device (delivered). */
function pulledEntries(response: PullResponse): Entry[] {
  return ENTRY_KIND_NAMES.flatMap((kind) =>
    response.changes[ENTRY_KINDS[kind].list].map(
      (record) => ({ ...record, kind, state: 'delivered', seq: 0 }) as Entry,
    ),
  );
}

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
      const calls = pulledEntries(response).length;
      if ((await db.entries.count()) !== calls) {
        throw new Error('The pull did not store every entry.');
      }
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
    // The rows exactly as applyPull stores them (a fresh device: every entry delivered), made
    // before the clock starts: the baseline is the write alone.
    const entries = pulledEntries(response);
    const db = await freshDb(name);
    try {
      const tables = [...REFERENCE_TABLES.map((table) => db.table(table)), db.entries];
      const start = performance.now();
      await db.transaction('rw', tables, async () => {
        for (const table of REFERENCE_TABLES) {
          await db.table(table).bulkPut(response.changes[table]);
        }
        await db.entries.bulkPut(entries);
      });
      return performance.now() - start;
    } finally {
      db.close();
    }
  },

  async rawSaves(name, runs) {
    // What saving a call writes, as bare Dexie calls in one transaction each: the client's next
    // seq, the outbox row and the entry (src/db/entries.ts saveEntry adds the checks and the
    // draft's removal). Rows are made before the clock starts.
    const db = await freshDb(name);
    try {
      const times: number[] = [];
      for (let run = 1; run <= runs; run += 1) {
        const id = `bench-${run}`;
        const values = benchCall(run);
        const entry = { ...values, id, kind: 'call', author: 'bench', state: 'saved', seq: run };
        const row = {
          seq: run,
          name: 'call.create',
          v: 2,
          author: 'bench',
          args: { id, ...values },
        };
        const start = performance.now();
        await db.transaction('rw', [db.clientState, db.outbox, db.entries], async () => {
          await db.clientState.put({ key: 'client', clientId: 'bench', lastSeq: run });
          await db.outbox.add({ ...row, createdAt: Date.now() });
          await db.entries.add({ ...entry, version: null, conflict: false } as Entry);
        });
        times.push(performance.now() - start);
      }
      return times;
    } finally {
      db.close();
    }
  },

  async rawReads(name, count, runs) {
    // "Meine Einträge" reads one person's entries through an index; the bare read of the same
    // number of rows is the floor any list can reach.
    const db = await freshDb(name);
    try {
      const rows = Array.from({ length: count }, (_, i) => ({
        ...benchCall(i),
        id: `bench-${i}`,
        kind: 'call',
        author: 'bench',
        state: 'delivered',
        seq: 0,
        version: i + 1,
        conflict: false,
      })) as Entry[];
      await db.entries.bulkPut(rows);
      const times: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const start = performance.now();
        const read = await db.entries.where('author').equals('bench').toArray();
        if (read.length !== count) throw new Error('The raw read missed rows.');
        times.push(performance.now() - start);
      }
      return times;
    } finally {
      db.close();
    }
  },

  async drop(name) {
    await QuartiersbuchDb.delete(name);
  },
};

window.qbBenchPull = api;
