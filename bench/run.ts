// `npm run bench`: builds the app once, starts the real server with the demo data, measures the
// budgets in docs/benchmarks.md that exist so far and prints one Markdown table (docs/benchmarks.md
// explains every row). Not part of `npm test`: timings belong here, never in tests.
// Progress goes to stderr; the report (machine, date, table, notes) to stdout and to
// bench/results/latest.md (git-ignored).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { DEMO_QUARTER } from '../server/demo/demo-facts';
import { createEnrolmentCode } from '../server/repos/enrolment-code.repo';
import { launchChromium } from '../tests/e2e/browser';
import { startAppServer, type AppServer } from '../tests/support/app-server';
import { buildApp } from '../tests/support/build-app';
import { CHROMIUM_PATH } from '../tests/support/requirements';
import { startBaselineServer, type BaselineServer } from './baseline-server';
import { median, withTimeout } from './bench-support';
import { addActivities } from './big-catalogue';
import {
  deviceHeaders,
  enrolDemoDevice,
  pushDemoCalls,
  pushDemoEntries,
  type DemoDevice,
} from './demo-devices';
import {
  ENTRY_SCREENS_PERSON,
  LIST_RUNS,
  measureEntryScreens,
  p95,
  SAVE_RUNS,
  type EntryScreenResult,
} from './entry-screens';
import { measureFirstScreen } from './first-screen-size';
import { measureLongWalk } from './long-walk';
import { measurePull, type PullResult } from './pull-into-indexeddb';
import { bundlePullPage } from './pull-page-bundle';
import { measurePush } from './push-rows';
import { kb, machineLine, markdownTable, ms, yesNo, type Row } from './report';
import { measureTimeToUsable, type VisitPlan } from './time-to-usable';
import { usableNotes, usableRows, type UsableMeasure } from './usable-rows';
import { measureWalkRoute } from './walk-route';
import { csvExportNotes, csvExportRows, measureCsvExport } from './csv-export-year';
import { measureStaffWeeks } from './staff-week-million';
import { typicalAdvice, typicalCall } from './wire-size';

const DIST = 'dist';
/** Each first visit enrols once: keep this under POST /api/v1/enrol's 10 per minute and IP. */
const USABLE_RUNS = 7;
const PULL_RUNS = 5;
const BIG_CATALOGUE_ACTIVITIES = 10_000;
/** The pull budget's "10,000 entries" (docs/benchmarks.md): calls of one person, pulled by her. */
const PULLED_CALLS = 10_000;
/**
 * Everything together normally takes 2–3 minutes, plus about 5 for the staff measures of issue
 * 10 (writing a million entries into SQLite and into PostgreSQL); past this something hangs.
 */
const OVERALL_LIMIT_MS = 25 * 60_000;
/** Entries the demo gives its first person besides the pushed calls. */
const DEMO_ENTRIES_AT_MOST = 20;

const BUDGET = {
  /** Issue 12: the start screen no longer waits for Dexie and the sync engine. */
  firstScreenBytes: 40_000,
  /** docs/benchmarks.md, budgets: tap "Speichern" → "Auf diesem Gerät gespeichert", p95. */
  saveP95Ms: 50,
  /** docs/benchmarks.md, budgets: initial pull of 10,000 entries ≥ 0.5 of raw bulkPut speed. */
  pullShareOfRaw: 0.5,
};

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
const list = (values: number[]) => values.map((value) => Math.round(value)).join(', ');
const count = (value: number) => value.toLocaleString('en');

async function chromiumVersion(): Promise<string> {
  const browser = await launchChromium();
  try {
    return browser.version();
  } finally {
    await browser.close();
  }
}

/** Round by round: the QR-code link with a new one-time code, then the start page again. */
function appVisits(server: AppServer): () => Promise<VisitPlan> {
  const start = new URL('/', server.url).toString();
  return async () => {
    const { code } = await createEnrolmentCode(server.db, DEMO_QUARTER.id);
    return {
      first: `${start}#/geraet/${encodeURIComponent(code)}`,
      repeat: start,
      serviceWorker: true,
    };
  };
}

async function pullJsonBytes(url: string, device: DemoDevice): Promise<number> {
  const response = await fetch(new URL('/api/v1/pull', url), { headers: deviceHeaders(device) });
  if (!response.ok) throw new Error(`GET /api/v1/pull answered ${response.status}`);
  return Buffer.byteLength(await response.text());
}

/** `what (detail, median of N)`; the budget applies, is only a reference, or does not apply. */
function pullRow(
  what: string,
  detail: string,
  result: PullResult,
  budget: 'budget' | 'reference' | 'none',
): Row {
  return {
    measure: `${what} (${detail}, median of ${result.runs})`,
    value: ms(result.pullMedian),
    baseline: `${ms(result.rawMedian)} raw Dexie bulkPut`,
    ratio: `${result.ratio.toFixed(2)} of raw speed`,
    budget:
      budget === 'none'
        ? '—'
        : `≥ ${BUDGET.pullShareOfRaw}${budget === 'reference' ? ' (reference)' : ''}`,
    ok: budget === 'none' ? '—' : yesNo(result.ratio >= BUDGET.pullShareOfRaw),
  };
}

const pullNote = (what: string, result: PullResult, bytes: number) =>
  `- Pull, ${what}: ${kb(bytes)} JSON (uncompressed); fetch + JSON + schema check ` +
  `${ms(result.fetchMedian)}, applyPull ${ms(result.applyMedian)} (medians); ` +
  `runs pull [${list(result.pull.map((timing) => timing.totalMs))}] ms, ` +
  `raw [${list(result.raw)}] ms.`;

interface PullMeasures {
  rows: Row[];
  notes: string[];
}

/**
 * Measure 3, three times on the benchmark server: a device pulls the demo catalogue; a second
 * device, with a demo person signed in, pulls her 10,000 calls (the budgeted row); then the
 * first device pulls the catalogue after 10,000 more activities (a reference). In that order,
 * so the calls pull carries only the demo catalogue beside the calls, and the catalogue pulls
 * no calls (nobody signed in on that device).
 */
async function measurePulls(server: AppServer, bundle: string): Promise<PullMeasures> {
  progress('pull of the demo catalogue …');
  const catalogueDevice = await enrolDemoDevice(server.db, 'Benchmark catalogue');
  const demoBytes = await pullJsonBytes(server.url, catalogueDevice);
  const demoPull = await measurePull(server.url, catalogueDevice, bundle, PULL_RUNS);

  progress(`pushing ${count(PULLED_CALLS)} calls of one person …`);
  const callsDevice = await enrolDemoDevice(server.db, 'Benchmark calls');
  await withTimeout(
    'pushing the calls',
    120_000,
    pushDemoCalls(server.url, callsDevice, PULLED_CALLS),
  );
  const callsBytes = await pullJsonBytes(server.url, callsDevice);
  progress('pull of the calls …');
  const callsPull = await measurePull(server.url, callsDevice, bundle, PULL_RUNS);
  // Besides the pushed calls, the demo person's own demo entries come along (a few calls, a
  // walk with its observations, the call partners assigned to her: server/demo/demo-entries.ts).
  if (callsPull.calls < PULLED_CALLS || callsPull.calls > PULLED_CALLS + DEMO_ENTRIES_AT_MOST) {
    throw new Error(`The calls device pulled ${callsPull.calls} entries, not ${PULLED_CALLS}.`);
  }

  progress(`writing ${count(BIG_CATALOGUE_ACTIVITIES)} activities …`);
  await withTimeout(
    'writing the big catalogue',
    120_000,
    addActivities(server.db, BIG_CATALOGUE_ACTIVITIES),
  );
  const bigBytes = await pullJsonBytes(server.url, catalogueDevice);
  progress('pull of the big catalogue …');
  const bigPull = await measurePull(server.url, catalogueDevice, bundle, PULL_RUNS);

  const reference = (result: PullResult) => count(result.rows - result.calls);
  return {
    rows: [
      pullRow(
        `Initial pull, ${count(callsPull.calls)} entries`,
        `calls + ${reference(callsPull)} reference rows`,
        callsPull,
        'budget',
      ),
      pullRow(
        'Initial pull into IndexedDB, demo catalogue',
        `${count(demoPull.rows)} rows`,
        demoPull,
        'none',
      ),
      pullRow(
        `Initial pull into IndexedDB, +${count(BIG_CATALOGUE_ACTIVITIES)} activities`,
        `${count(bigPull.rows)} rows`,
        bigPull,
        'reference',
      ),
    ],
    notes: [
      pullNote(`${count(callsPull.calls)} calls`, callsPull, callsBytes),
      pullNote('demo catalogue', demoPull, demoBytes),
      pullNote(`+${count(BIG_CATALOGUE_ACTIVITIES)} activities`, bigPull, bigBytes),
      `- Pull ratio = raw bulkPut time / pull time, higher is better. The budget asks ≥ ` +
        `${BUDGET.pullShareOfRaw} for 10,000 entries: the calls row. The raw side writes the ` +
        'same rows (the calls as the device stores them, plus the reference rows in the same ' +
        'response) in one transaction. The big catalogue carries the budget as a reference; ' +
        'the demo row has none.',
    ],
  };
}

/**
 * Puts `count` entries on the server under the entry-screens person's name, calls and advice
 * sessions alternating, from a device of its own; answers how many live entries they now have.
 */
async function pushMixedEntries(server: AppServer, count: number): Promise<number> {
  const device = await enrolDemoDevice(server.db, 'Benchmark entries');
  const userId = await pushDemoEntries(server.url, device, count, {
    person: { ...ENTRY_SCREENS_PERSON, role: 'volunteer' },
    clientId: 'bench-entry-screens',
    make: (index) =>
      index % 2 === 0
        ? { name: 'call.create', args: typicalCall(index) }
        : { name: 'advice.create', args: typicalAdvice(index) },
  });
  const { n } = await server.db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('author_user_id', '=', userId)
    .where('deleted', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(n);
}

const splitMedian = (result: EntryScreenResult, index: number) =>
  median(result.splits.map((split) => split[index] ?? NaN).filter((value) => !Number.isNaN(value)));

function entryScreenRows(result: EntryScreenResult | Error): { rows: Row[]; notes: string[] } {
  if (result instanceof Error) {
    const row = (measure: string, budget: string): Row => ({
      measure,
      value: 'not measured',
      baseline: result.message.split('\n')[0] ?? '',
      ratio: '—',
      budget,
      ok: '—',
    });
    return {
      rows: [
        row('Save: tap "Speichern" → "Auf diesem Gerät gespeichert"', `≤ ${BUDGET.saveP95Ms} ms`),
        row('"Meine Einträge", all entries shown', '—'),
      ],
      notes: [],
    };
  }
  // When the entry is safely on the device: the notice and its frame come after this.
  const storedP95 = p95(result.splits.map((split) => split[3]).filter((at) => !Number.isNaN(at)));
  return {
    rows: [
      {
        measure: `Save online: tap "Speichern" → "Auf diesem Gerät gespeichert" (call form, 6× CPU, p95 of ${SAVE_RUNS})`,
        value: ms(result.saveP95),
        baseline: `${ms(result.rawSaveP95)} raw Dexie write (p95)`,
        ratio: `${(result.saveP95 / result.rawSaveP95).toFixed(1)}× raw`,
        budget: `≤ ${BUDGET.saveP95Ms} ms`,
        ok: yesNo(result.saveP95 <= BUDGET.saveP95Ms),
      },
      {
        measure: `Save offline (as in the field: no sync round beside it; 6× CPU, p95 of ${SAVE_RUNS})`,
        value: ms(result.offlineSaveP95),
        baseline: `${ms(result.rawSaveP95)} raw Dexie write (p95)`,
        ratio: `${(result.offlineSaveP95 / result.rawSaveP95).toFixed(1)}× raw`,
        budget: `≤ ${BUDGET.saveP95Ms} ms`,
        ok: yesNo(result.offlineSaveP95 <= BUDGET.saveP95Ms),
      },
      {
        measure: `Save, stored only: tap "Speichern" → entry and outbox row committed, before the notice is drawn (both series, p95 of ${result.splits.length})`,
        value: ms(storedP95),
        baseline: `${ms(result.rawSaveP95)} raw Dexie write (p95)`,
        ratio: `${(storedP95 / result.rawSaveP95).toFixed(1)}× raw`,
        budget: '— (reference)',
        ok: '—',
      },
      {
        measure: `"Meine Einträge", ${count(result.listed)} entries of two kinds, until every card is shown (6× CPU, median of ${LIST_RUNS})`,
        value: ms(result.listMedian),
        baseline: `${ms(result.rawListMedian)} raw Dexie read`,
        ratio: `${(result.listMedian / result.rawListMedian).toFixed(1)}× raw`,
        budget: '— (reference)',
        ok: '—',
      },
    ],
    notes: [
      `- Save offline, call form: runs [${list(result.offlineSaves)}] ms.`,
      `- Where a save's time goes (medians over both series, ms after the click): submit handler ` +
        `${ms(splitMedian(result, 0))}, input checked ${ms(splitMedian(result, 1))}, schema ` +
        `parsed ${ms(splitMedian(result, 2))}, entry and outbox row stored ` +
        `${ms(splitMedian(result, 3))}; the rest is the render of the notice.`,
      `- Save online, call form: runs [${list(result.saves)}] ms; raw write [${list(result.rawSaves)}] ms ` +
        '(client seq, outbox row and entry in one transaction, as saving writes them).',
      `- "Meine Einträge": runs [${list(result.lists)}] ms; raw read of the same number of ` +
        `rows through the author index [${list(result.rawLists)}] ms.`,
    ],
  };
}

async function measureAll(): Promise<string> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH} (apt-get install chromium or CHROMIUM_PATH).`);
  }
  const date = new Date();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const chromium = await withTimeout('Chromium version', 30_000, chromiumVersion());
  progress('building the app (vite build → dist/) …');
  buildApp(DIST);
  const size = measureFirstScreen(DIST);
  progress('bundling the pull bench page …');
  const bundle = await bundlePullPage();

  let server: AppServer | undefined;
  let bare: BaselineServer | undefined;
  try {
    server = await startAppServer({ staticDir: DIST });
    bare = await startBaselineServer();
    progress(`time to usable, ${USABLE_RUNS} rounds of app + bare page …`);
    // Not fatal: the other measures do not depend on it.
    const usable: UsableMeasure = await measureTimeToUsable(
      appVisits(server),
      bare.url,
      USABLE_RUNS,
    ).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    progress('entry screens: saving a call, and "Meine Einträge" …');
    const screens = entryScreenRows(
      await measureEntryScreens(
        server,
        bundle,
        (entries) => pushMixedEntries(server as AppServer, entries),
        progress,
      ).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
    );
    const pulls = await measurePulls(server, bundle);
    const push = await measurePush(progress);
    progress('route quality: a noisy walk through the track filter …');
    const walkRoute = measureWalkRoute();
    const longWalk = await measureLongWalk(server, progress);
    // Issue 10: staff's week over a million entries, and the CSV export of a year (its server in
    // a child process). Neither stops the run: a failure becomes a "not measured" row.
    const staffWeek = await measureStaffWeeks(progress);
    const csvExport = await measureCsvExport(progress).catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );

    const rows: Row[] = [
      {
        measure: `First-screen JS+CSS, gzip level 9 (${size.assets.length} files)`,
        value: kb(size.gzipBytes),
        baseline: '— (vs budget)',
        ratio: `${(size.gzipBytes / BUDGET.firstScreenBytes).toFixed(2)} of budget`,
        budget: `≤ ${kb(BUDGET.firstScreenBytes)}`,
        ok: yesNo(size.gzipBytes <= BUDGET.firstScreenBytes),
      },
      ...usableRows(usable, USABLE_RUNS),
      ...screens.rows,
      ...pulls.rows,
      ...push.rows,
      ...walkRoute.rows,
      ...longWalk.rows,
      ...staffWeek.rows,
      ...csvExportRows(csvExport),
    ];
    return [
      `Date: ${date.toISOString()}`,
      `Machine: ${machineLine(chromium)}`,
      `Load average (1 min): ${loadAtStart.toFixed(1)} at start, ` +
        `${(os.loadavg()[0] ?? 0).toFixed(1)} at end (${os.cpus().length} cores; more than that means other work competed).`,
      '',
      markdownTable(rows),
      '',
      ...usableNotes(usable),
      `- First-screen files: ${size.assets
        .map((asset) => `${asset.file} ${kb(asset.bytes)} → ${kb(asset.gzipBytes)}`)
        .join('; ')}. 1 KB = 1,000 bytes.`,
      ...screens.notes,
      ...pulls.notes,
      ...push.notes,
      ...walkRoute.notes,
      ...longWalk.notes,
      ...staffWeek.notes,
      ...csvExportNotes(csvExport),
      '- Push ratio = push mutations/s ÷ raw INSERT rows/s into the same `entries` table, one ' +
        'transaction per 200 either way, side by side batch by batch; the device posts from a ' +
        'worker thread.',
    ].join('\n');
  } finally {
    await bare?.close();
    await server?.close();
  }
}

async function main() {
  const watchdog = setTimeout(() => {
    progress(`gave up after ${OVERALL_LIMIT_MS / 60_000} minutes; something hangs.`);
    process.exit(2);
  }, OVERALL_LIMIT_MS);
  watchdog.unref();
  const started = Date.now();
  const report = await measureAll();
  clearTimeout(watchdog);
  process.stdout.write(`${report}\n`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.md', `${report}\n`);
  progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

main().catch((error: unknown) => {
  progress(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
