// Measure 4: server push throughput (docs/benchmarks.md, budgets: server push on SQLite ≥ 0.3
// of a raw insert loop). Value: call.create mutations per second through the real app on
// a local port (HTTP, auth, validation, the push transaction: one savepoint per request, the
// insert per mutation, log rows in multi-row inserts), pushed in batches of 200 as the device does. Baseline, same run, same database
// file or PostgreSQL database: a bare loop of single-row INSERTs of the same rows into the same
// `entries` table, one transaction per 200 rows (so both pay one commit, one fsync, per batch).
import { randomUUID } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { CallCreateV1 } from '../src/shared/kinds/call-kind';
import { median } from './bench-support';
import type { PushServer } from './push-server';

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
  /** push / raw: the share of raw insert speed the push path reaches. */
  ratio: number;
}

type Row = Record<string, unknown>;

export interface RawInserter {
  insertBatch(rows: Row[]): Promise<void>;
  close(): Promise<void>;
}

function callArgs(id: string, index: number): CallCreateV1 {
  return {
    id,
    occurredAt: new Date(Date.UTC(2026, 10, 2, 9) + index * 3_600_000).toISOString(),
    partner: ['Frau K.', 'Herr M.', 'Frau Ö.', 'Herr T.'][index % 4] ?? 'Frau K.',
    durationMinutes: 5 + (index % 40),
    concern: index % 10 === 0,
    note: index % 2 === 0 ? 'Hat sich über den Anruf gefreut.' : '',
    activity: { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' },
  };
}

/** Request bodies made before the clock starts: the device's JSON work is not the server's. */
function pushBodies(author: string, firstSeq: number, batches: number): string[] {
  return Array.from({ length: batches }, (_, batch) => {
    const mutations = Array.from({ length: PUSH_BATCH }, (_, i) => {
      const seq = firstSeq + batch * PUSH_BATCH + i;
      return { seq, name: 'call.create', v: 1, author, args: callArgs(randomUUID(), seq) };
    });
    return JSON.stringify({ clientId: CLIENT_ID, appVersion: '0.1.0', mutations });
  });
}

async function pushAll(server: PushServer, bodies: string[], lastSeq: number): Promise<void> {
  for (const [index, body] of bodies.entries()) {
    const response = await fetch(`${server.url}/api/v1/push`, {
      method: 'POST',
      headers: { ...server.headers, 'content-type': 'application/json' },
      body,
    });
    const answer = (await response.json()) as { lastSeq?: number };
    const expected = lastSeq + (index + 1) * PUSH_BATCH;
    if (response.status !== 200 || answer.lastSeq !== expected) {
      throw new Error(`push answered ${response.status} ${JSON.stringify(answer)}`);
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
  // Warm-up (not counted): JIT, prepared statements, and a row to copy for the raw loop.
  await pushAll(server, pushBodies(server.authorId, 1, WARM_UP_BATCHES), 0);
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
          await pushAll(server, [bodies[batch] as string], lastSeq + batch * PUSH_BATCH);
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
  }
  const pushMedian = median(result.push);
  const rawMedian = median(result.raw);
  return {
    rounds,
    batchesPerRound,
    ...result,
    pushMedian,
    rawMedian,
    ratio: pushMedian / rawMedian,
  };
}
