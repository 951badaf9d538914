// Measures 4 and 5 for the runner: push throughput on SQLite and PostgreSQL, and bytes on the
// wire per entry, each against a fresh server and database; returns table rows and notes.
// PostgreSQL is optional here: without it the row says so instead of failing the whole run.
import type { DialectName } from '../server/db/database';
import { PG_URL } from '../tests/support/requirements';
import { PUSH_BATCH, measurePushThroughput, type ThroughputResult } from './push-throughput';
import { startPushServer, type PushServer } from './push-server';
import { yesNo, type Row } from './report';
import { measureWireSize, type Bytes, type WireSize } from './wire-size';

const ROUNDS = 5;
const BATCHES_PER_ROUND = 10;
/**
 * docs/benchmarks.md, budgets: server push on SQLite ≥ 0.3 of a raw insert loop (PostgreSQL:
 * reference).
 */
const PUSH_SHARE_OF_RAW = 0.3;

export interface PushMeasures {
  rows: Row[];
  notes: string[];
}

const perSecond = (value: number) => `${Math.round(value).toLocaleString('en')} /s`;
const bytes = (value: number) => `${Math.round(value)} B`;
const both = (size: Bytes) => `${bytes(size.raw)} (gzip ${bytes(size.gzip)})`;
const list = (values: number[]) => values.map((value) => Math.round(value)).join(', ');

async function withServer<T>(dialect: DialectName, use: (server: PushServer) => Promise<T>) {
  const server = await startPushServer(dialect);
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

function throughputRow(dialect: DialectName, result: ThroughputResult | Error): Row {
  const name = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const measure = `Server push, ${name}, call.create/s in batches of ${PUSH_BATCH} (median of ${ROUNDS} × ${BATCHES_PER_ROUND} batches)`;
  const budget = `≥ ${PUSH_SHARE_OF_RAW}${dialect === 'postgres' ? ' (reference)' : ''}`;
  if (result instanceof Error) {
    return {
      measure,
      value: 'not measured',
      baseline: result.message,
      ratio: '—',
      budget,
      ok: '—',
    };
  }
  return {
    measure,
    value: perSecond(result.pushMedian),
    baseline: `${perSecond(result.rawMedian)} raw INSERT loop`,
    ratio: `${result.ratio.toFixed(2)} of raw speed`,
    budget,
    ok: yesNo(result.ratio >= PUSH_SHARE_OF_RAW),
  };
}

function wireRows(size: WireSize): Row[] {
  const row = (measure: string, value: string): Row => ({
    measure,
    value,
    baseline: '—',
    ratio: '—',
    budget: '—',
    ok: '—',
  });
  return [
    row(
      `Push body per call.create, batch of ${size.entries} (JSON, sent uncompressed)`,
      both(size.pushPerEntry),
    ),
    row('Push body with a single call.create (JSON, sent uncompressed)', both(size.pushSingle)),
    row(
      `Pull response per call (${size.entries} calls, marginal; served gzip)`,
      size.pullPerCall ? both(size.pullPerCall) : 'pending (pull has no calls yet)',
    ),
  ];
}

async function throughput(dialect: DialectName): Promise<ThroughputResult | Error> {
  try {
    return await withServer(dialect, (server) =>
      measurePushThroughput(server, ROUNDS, BATCHES_PER_ROUND),
    );
  } catch (error) {
    if (dialect === 'sqlite') throw error;
    const host = new URL(PG_URL).host;
    return new Error(`PostgreSQL at ${host}: ${error instanceof Error ? error.message : error}`);
  }
}

export async function measurePush(progress: (message: string) => void): Promise<PushMeasures> {
  progress('bytes on the wire per entry …');
  const wire = await withServer('sqlite', measureWireSize);
  progress('push throughput, SQLite …');
  const sqlite = await throughput('sqlite');
  progress('push throughput, PostgreSQL …');
  const postgres = await throughput('postgres');
  const samples = (name: string, result: ThroughputResult | Error) =>
    result instanceof Error
      ? `- Push, ${name}: not measured (${result.message}).`
      : `- Push, ${name}: push [${list(result.push)}] /s, raw [${list(result.raw)}] /s per round.`;
  return {
    rows: [throughputRow('sqlite', sqlite), throughputRow('postgres', postgres), ...wireRows(wire)],
    notes: [samples('SQLite', sqlite), samples('PostgreSQL', postgres)],
  };
}
