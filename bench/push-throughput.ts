// Measure 4: server push throughput (docs/benchmarks.md, budgets: server push on SQLite ≥ 0.3
// of a raw insert loop, on 2 cores). Value: call.create mutations per second through the real
// app on a local port (HTTP, auth, validation, the push transaction, the insert per mutation,
// log rows in multi-row inserts), pushed in batches of 200 as the device does. The device's
// side (building the request, fetch, reading the answer) runs in a thread of its own, on the
// second core, as a tablet is a machine of its own. Baseline, same run, same database file or
// PostgreSQL database: a bare loop of single-row INSERTs of the same rows into the same
// `entries` table, one transaction per 200 rows (so both pay one commit, one fsync, per batch).
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { currentVersion } from '../src/shared/push-protocol';
import { median } from './bench-support';
import type { PushServer } from './push-server';
import { typicalCall } from './wire-size';

export const PUSH_BATCH = 200;
const CLIENT_ID = 'bench-throughput';
/**
 * Batches each side runs before the clock starts. One was too few: the push path's JavaScript
 * was still being optimised, and its rate rose by half over the five rounds that followed
 * (docs/benchmarks.md, 2026-12-02 late). Five plus the 50 measured stay under the server's 60
 * pushes per device and minute.
 */
const WARM_UP_BATCHES = 5;

export interface ThroughputResult {
  rounds: number;
  batchesPerRound: number;
  /** Mutations per second, one figure per round. */
  push: number[];
  raw: number[];
  pushMedian: number;
  rawMedian: number;
  /** push / raw, the median of the rounds' own ratios: the share of raw insert speed reached. */
  ratio: number;
}

type Row = Record<string, unknown>;

export interface RawInserter {
  insertBatch(rows: Row[]): Promise<void>;
  close(): Promise<void>;
}

/** Request bodies made before the clock starts: the device's JSON work is not the server's. */
function pushBodies(author: string, firstSeq: number, batches: number): string[] {
  return Array.from({ length: batches }, (_, batch) => {
    const mutations = Array.from({ length: PUSH_BATCH }, (_, i) => {
      const seq = firstSeq + batch * PUSH_BATCH + i;
      // What today's app sends (an older version's create would be upcast first).
      const v = currentVersion('call', 'create');
      return { seq, name: 'call.create', v, author, args: typicalCall(seq) };
    });
    return JSON.stringify({ clientId: CLIENT_ID, appVersion: '0.1.0', mutations });
  });
}

/** The device: posts each body it is sent to the push endpoint, answers with the response. */
const DEVICE_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', async (body) => {
  try {
    const response = await fetch(workerData.url, { method: 'POST', headers: workerData.headers, body });
    parentPort.postMessage({ status: response.status, answer: await response.json() });
  } catch (error) {
    parentPort.postMessage({ status: 0, answer: String(error) });
  }
});`;

interface Device {
  push(body: string): Promise<{ status: number; answer: { lastSeq?: number } }>;
  close(): Promise<number>;
}

function deviceThread(server: PushServer): Device {
  const worker = new Worker(DEVICE_THREAD, {
    eval: true,
    workerData: {
      url: `${server.url}/api/v1/push`,
      headers: { ...server.headers, 'content-type': 'application/json' },
    },
  });
  type Answer = Awaited<ReturnType<Device['push']>>;
  let waiting: { resolve: (answer: Answer) => void; reject: (error: unknown) => void } | undefined;
  worker.on('message', (answer: Answer) => waiting?.resolve(answer));
  worker.on('error', (error) => waiting?.reject(error));
  return {
    push: (body) =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        worker.postMessage(body);
      }),
    close: () => worker.terminate(),
  };
}

async function pushAll(device: Device, bodies: string[], lastSeq: number): Promise<void> {
  for (const [index, body] of bodies.entries()) {
    const { status, answer } = await device.push(body);
    const expected = lastSeq + (index + 1) * PUSH_BATCH;
    if (status !== 200 || answer.lastSeq !== expected) {
      throw new Error(`push answered ${status} ${JSON.stringify(answer)}`);
    }
  }
}

function sqliteInserter(file: string, table: string, columns: readonly string[]): RawInserter {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('busy_timeout = 5000');
  // Like the server's connection: one fsync per commit. better-sqlite3 would open this file,
  // already in WAL mode, with NORMAL (no fsync per commit), making the baseline unfairly fast.
  sqlite.pragma('synchronous = FULL');
  const insert = sqlite.prepare(
    `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  const batch = sqlite.transaction((rows: Row[]) => {
    for (const row of rows) insert.run(row);
  });
  return {
    insertBatch: async (rows) => void batch(rows),
    close: async () => void sqlite.close(),
  };
}

async function postgresInserter(
  url: string,
  table: string,
  columns: readonly string[],
): Promise<RawInserter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const text = `insert into ${table} (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
  return {
    insertBatch: async (rows) => {
      await client.query('begin');
      for (const row of rows)
        await client.query(
          text,
          columns.map((c) => row[c]),
        );
      await client.query('commit');
    },
    close: () => client.end(),
  };
}

/**
 * The raw baseline's writer: a bare loop of single-row INSERTs of `columns` into `table` of the
 * server's database, one transaction per `insertBatch` (bench/long-walk-push.ts uses it too).
 */
export function rawInserter(
  server: PushServer,
  table: string,
  columns: readonly string[],
): Promise<RawInserter> {
  return server.config.kind === 'sqlite'
    ? Promise.resolve(sqliteInserter(server.config.file, table, columns))
    : postgresInserter(server.config.url, table, columns);
}

/** Copies of a row the push wrote, with fresh ids: the raw loop writes what push writes. */
function rawRows(template: Row, count: number): Row[] {
  return Array.from({ length: count }, () => ({ ...template, id: randomUUID() }));
}

export async function measurePushThroughput(
  server: PushServer,
  rounds: number,
  batchesPerRound: number,
): Promise<ThroughputResult> {
  const device = deviceThread(server);
  // Warm-up (not counted): JIT, prepared statements, and a row to copy for the raw loop.
  await pushAll(device, pushBodies(server.authorId, 1, WARM_UP_BATCHES), 0);
  let lastSeq = PUSH_BATCH * WARM_UP_BATCHES;
  const template = await server.db.selectFrom('entries').selectAll().executeTakeFirstOrThrow();
  const columns = Object.keys(template);
  const raw = await rawInserter(server, 'entries', columns);
  const perRound = batchesPerRound * PUSH_BATCH;
  const result = { push: [] as number[], raw: [] as number[] };
  try {
    for (let batch = 0; batch < WARM_UP_BATCHES; batch += 1) {
      await raw.insertBatch(rawRows(template, PUSH_BATCH));
    }
    // Batch by batch, alternating which side goes first: both see the same moment of the
    // machine (its speed moves by a third within seconds here), and the same size of table.
    for (let round = 0; round < rounds; round += 1) {
      const bodies = pushBodies(server.authorId, lastSeq + 1, batchesPerRound);
      const batches = Array.from({ length: batchesPerRound }, () => rawRows(template, PUSH_BATCH));
      let pushMs = 0;
      let rawMs = 0;
      for (let batch = 0; batch < batchesPerRound; batch += 1) {
        const timePush = async () => {
          const started = performance.now();
          await pushAll(device, [bodies[batch] as string], lastSeq + batch * PUSH_BATCH);
          pushMs += performance.now() - started;
        };
        const timeRaw = async () => {
          const started = performance.now();
          await raw.insertBatch(batches[batch] as Row[]);
          rawMs += performance.now() - started;
        };
        if ((round + batch) % 2 === 0) await timePush().then(timeRaw);
        else await timeRaw().then(timePush);
      }
      result.push.push(perRound / (pushMs / 1000));
      result.raw.push(perRound / (rawMs / 1000));
      lastSeq += perRound;
    }
  } finally {
    await raw.close();
    await device.close();
  }
  return {
    rounds,
    batchesPerRound,
    ...result,
    pushMedian: median(result.push),
    rawMedian: median(result.raw),
    // Round by round: each round's push and raw batches ran side by side.
    ratio: median(result.push.map((rate, round) => rate / (result.raw[round] as number))),
  };
}
