// The CSV export of a year (issue 10; docs/benchmarks.md, budgets): about 50,000 calls of one
// year in a fresh SQLite file (raw multi-row INSERTs, bench/bulk-entries.ts), the real server
// in a child process (bench/csv-export-server.ts) so that its memory is only the server's, and
// a staff member signed in over HTTP.
// - value: GET /api/v1/staff/export.csv of the year, from the request to the last byte, as a
//   browser downloads it (fetch asks for gzip, so the server compresses);
// - baseline: a bare SELECT of the same rows (the columns the export reads, the author joined)
//   through better-sqlite3 in this process, all at once — the database's floor;
// - memory: the server's peak JS heap during the year's export against during a month's, each
//   started after a forced garbage collection: streaming means the year needs no more than the
//   month (budget ≤ 1.25×). Peak RSS too, as a reference: the allocator keeps memory it was
//   once given, so RSS shows a leak or a whole year in memory only dimly (measured: a year read
//   in one page raised the heap's peak 1.5×, RSS only 1.2×).
// Runs alone too: `npx tsx bench/csv-export-year.ts`.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { migrateToLatest } from '../server/db/migrate';
import { createEnrolmentCode, redeemEnrolmentCode } from '../server/repos/enrolment-code.repo';
import { createQuarter } from '../server/repos/quarter.repo';
import { createUser } from '../server/repos/user.repo';
import { STAFF_PREFIX } from '../src/shared/staff/staff-endpoints';
import { createTestDatabase, type TestDatabase } from '../tests/server/support/test-database';
import { median, withTimeout } from './bench-support';
import { benchEntries, bulkInsert, ENTRY_COLUMNS } from './bulk-entries';
import { markdownTable, ms, yesNo, type Row } from './report';

export const YEAR_ENTRIES = 50_000;
const MEMORY_BUDGET = 1.25;
const RUNS = 3;
const QUARTER = { id: 'q-bench', name: 'Benchquartier' };
const STAFF = { name: 'Petra L.', password: 'Sommer-im-Park-7' };
const YEAR = { from: '2025-12-01', to: '2026-11-30' };
const MONTH = { from: '2026-11-01', to: '2026-11-30' };
const SERVER = fileURLToPath(new URL('./csv-export-server.ts', import.meta.url));

interface Download {
  ms: number;
  bytes: number;
  rows: number;
  /** The server's memory after the forced GC before the request, and its peaks during it. */
  idleRss: number;
  peakRss: number;
  peakHeap: number;
}

export interface CsvExportResult {
  entries: number;
  month: Download[];
  year: Download[];
  raw: number[];
}

async function prepare(): Promise<{ database: TestDatabase; rawSql: string }> {
  const database = await createTestDatabase('sqlite');
  const { db, config } = database;
  await migrateToLatest(db);
  await createQuarter(db, QUARTER);
  await createUser(db, { quarterId: QUARTER.id, role: 'staff', ...STAFF });
  const authors: string[] = [];
  for (let i = 1; i <= 12; i += 1) {
    const user = await createUser(db, {
      quarterId: QUARTER.id,
      name: `Ehrenamt ${i}`,
      role: 'volunteer',
    });
    if (user) authors.push(user.id);
  }
  const { code } = await createEnrolmentCode(db, QUARTER.id);
  const device = await redeemEnrolmentCode(db, code, { label: 'Bench' });
  if (!device) throw new Error('could not enrol the bench device');
  await bulkInsert(
    config,
    'entries',
    ENTRY_COLUMNS,
    benchEntries({
      quarterId: QUARTER.id,
      authorIds: authors,
      deviceId: device.deviceId,
      partnerIds: [],
      activities: [{ id: 'a1', name: 'Begegnungstelefon', themeName: 'Begegnung' }],
      // The Berlin year: 2025-12-01 00:00 CET to 2026-12-01 00:00 CET.
      from: Date.UTC(2025, 10, 30, 23),
      to: Date.UTC(2026, 10, 30, 23),
      count: YEAR_ENTRIES,
      kind: 'call',
      concernShare: 0.02,
    }),
  );
  await db.destroy();
  const rawSql =
    'select e.id, e.occurred_at, e.concern, e.conflict, e.fields, u.name as author_name ' +
    'from entries e left join users u on u.id = e.author_user_id ' +
    "where e.quarter_id = ? and e.kind = 'call' and e.deleted = 0 " +
    'and e.occurred_at >= ? and e.occurred_at < ? order by e.occurred_at, e.id';
  return { database, rawSql };
}

interface Child {
  url: string;
  ask<T>(type: string): Promise<T>;
  stop(): Promise<void>;
}

async function startChild(file: string): Promise<Child> {
  const child = fork(SERVER, [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, BENCH_DB_FILE: file },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: { type: string }[] = [];
  const waiting: ((message: { type: string }) => void)[] = [];
  child.on('message', (message: { type: string }) => {
    const next = waiting.shift();
    if (next) next(message);
    else messages.push(message);
  });
  const nextMessage = () =>
    withTimeout(
      'the export server',
      60_000,
      new Promise<{ type: string }>((resolve) => {
        const queued = messages.shift();
        if (queued) resolve(queued);
        else waiting.push(resolve);
      }),
    );
  const ready = (await nextMessage()) as { type: string; url: string };
  return {
    url: ready.url,
    ask: async <T>(type: string) => {
      child.send({ type });
      return (await nextMessage()) as T;
    },
    stop: async () => {
      child.send({ type: 'stop' });
      await withTimeout('stopping the export server', 10_000, once(child, 'exit'));
    },
  };
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}${STAFF_PREFIX}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ quarterId: QUARTER.id, ...STAFF }),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (response.status !== 200 || !cookie) throw new Error(`sign-in answered ${response.status}`);
  return cookie;
}

async function download(child: Child, cookie: string, range: typeof YEAR): Promise<Download> {
  const idle = await child.ask<{ rss: number }>('reset');
  const started = performance.now();
  const response = await fetch(
    `${child.url}${STAFF_PREFIX}/export.csv?kind=call&from=${range.from}&to=${range.to}`,
    { headers: { cookie } },
  );
  if (response.status !== 200 || !response.body) {
    throw new Error(`export answered ${response.status}`);
  }
  let bytes = 0;
  let lines = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 0x0a) lines += 1;
  }
  const elapsed = performance.now() - started;
  const peak = await child.ask<{ rss: number; heapUsed: number }>('peak');
  return {
    ms: elapsed,
    bytes,
    rows: lines - 1,
    idleRss: idle.rss,
    peakRss: peak.rss,
    peakHeap: peak.heapUsed,
  };
}

function rawRead(file: string, rawSql: string, range: typeof YEAR): number {
  const sqlite = new SqliteDatabase(file, { readonly: true });
  try {
    const started = performance.now();
    const rows = sqlite
      .prepare(rawSql)
      .all(QUARTER.id, '2025-11-30T23:00:00.000Z', '2026-11-30T23:00:00.000Z');
    const elapsed = performance.now() - started;
    if (rows.length !== YEAR_ENTRIES)
      throw new Error(`raw read ${rows.length} rows (${range.from})`);
    return elapsed;
  } finally {
    sqlite.close();
  }
}

export async function measureCsvExport(
  progress: (message: string) => void,
): Promise<CsvExportResult> {
  progress(`CSV export: writing ${YEAR_ENTRIES.toLocaleString('en')} calls of a year …`);
  const { database, rawSql } = await prepare();
  const file = database.config.kind === 'sqlite' ? database.config.file : '';
  let child: Child | undefined;
  try {
    child = await startChild(file);
    const cookie = await signIn(child.url);
    progress('CSV export: three months, then three years …');
    await download(child, cookie, { from: '2026-11-23', to: '2026-11-29' });
    const result: CsvExportResult = { entries: YEAR_ENTRIES, month: [], year: [], raw: [] };
    // The months first: memory the allocator keeps after a year (freed, not returned to the
    // system) would otherwise count for the month after it.
    for (let run = 0; run < RUNS; run += 1) result.month.push(await download(child, cookie, MONTH));
    for (let run = 0; run < RUNS; run += 1) {
      result.year.push(await download(child, cookie, YEAR));
      result.raw.push(rawRead(file, rawSql, YEAR));
    }
    const rows = result.year[0]?.rows;
    if (rows !== YEAR_ENTRIES)
      throw new Error(`the year's CSV has ${rows} rows, not ${YEAR_ENTRIES}`);
    return result;
  } finally {
    await child?.stop();
    await database.drop();
  }
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
const most = (downloads: Download[], key: 'peakRss' | 'peakHeap') =>
  Math.max(...downloads.map((d) => d[key]));

export function csvExportRows(result: CsvExportResult | Error): Row[] {
  const timeMeasure = `CSV export of a year over HTTP, ${YEAR_ENTRIES.toLocaleString('en')} calls (median of ${RUNS})`;
  const heapMeasure = `CSV export: server's peak JS heap, a year vs a month (most of ${RUNS} each)`;
  const rssMeasure = `CSV export: server's peak RSS, a year vs a month (most of ${RUNS} each)`;
  const budget = `≤ ${MEMORY_BUDGET}× the month`;
  if (result instanceof Error) {
    const row = (measure: string, b: string): Row => ({
      measure,
      value: 'not measured',
      baseline: result.message,
      ratio: '—',
      budget: b,
      ok: '—',
    });
    return [
      row(timeMeasure, '— (reference)'),
      row(heapMeasure, budget),
      row(rssMeasure, '— (reference)'),
    ];
  }
  const time = median(result.year.map((d) => d.ms));
  const raw = median(result.raw);
  const memoryRow = (measure: string, key: 'peakRss' | 'peakHeap', withBudget: boolean): Row => {
    const year = most(result.year, key);
    const month = most(result.month, key);
    return {
      measure,
      value: mb(year),
      baseline: `${mb(month)} for a month`,
      ratio: `${(year / month).toFixed(2)}× the month`,
      budget: withBudget ? budget : '— (reference)',
      ok: withBudget ? yesNo(year / month <= MEMORY_BUDGET) : '—',
    };
  };
  return [
    {
      measure: timeMeasure,
      value: ms(time),
      baseline: `${ms(raw)} raw SELECT of the rows`,
      ratio: `${(time / raw).toFixed(1)}× raw`,
      budget: '— (reference)',
      ok: '—',
    },
    memoryRow(heapMeasure, 'peakHeap', true),
    memoryRow(rssMeasure, 'peakRss', false),
  ];
}

export function csvExportNotes(result: CsvExportResult | Error): string[] {
  if (result instanceof Error) return [];
  const line = (what: string, downloads: Download[]) =>
    `${what} [${downloads.map((d) => Math.round(d.ms)).join(', ')}] ms, ${downloads[0]?.rows ?? 0} rows, ` +
    `${mb(downloads[0]?.bytes ?? 0)} of CSV; RSS after GC ${mb(Math.min(...downloads.map((d) => d.idleRss)))}, ` +
    `peak RSS [${downloads.map((d) => mb(d.peakRss)).join(', ')}], peak heap ` +
    `[${downloads.map((d) => mb(d.peakHeap)).join(', ')}]`;
  return [
    `- CSV export: ${line('year', result.year)}; ${line('month', result.month)}; raw SELECT of the year ` +
      `[${result.raw.map((v) => Math.round(v)).join(', ')}] ms. The server runs in a child process ` +
      '(SQLite, gzip as the browser asks for it); memory is sampled every 5 ms in it.',
  ];
}

// `npx tsx bench/csv-export-year.ts`: this measure alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
  const result = await measureCsvExport(progress).catch((error: unknown) =>
    error instanceof Error ? error : new Error(String(error)),
  );
  if (result instanceof Error) progress(result.stack ?? result.message);
  process.stdout.write(
    `${markdownTable(csvExportRows(result))}\n\n${csvExportNotes(result).join('\n')}\n`,
  );
}
