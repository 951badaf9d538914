// `npm run bench`: builds the app once, starts the real server with the demo data, measures the
// budgets of DESIGN.md §5 that exist so far and prints one Markdown table (docs/benchmarks.md
// explains every row). Not part of `npm test`: timings belong here, never in tests.
// Progress goes to stderr; the report (machine, date, table, notes) to stdout and to
// bench/results/latest.md (git-ignored).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { launchChromium } from '../tests/e2e/browser';
import { startAppServer, type AppServer } from '../tests/support/app-server';
import { buildApp } from '../tests/support/build-app';
import { CHROMIUM_PATH } from '../tests/support/requirements';
import { startBaselineServer, type BaselineServer } from './baseline-server';
import { withTimeout } from './bench-support';
import { addActivities } from './big-catalogue';
import { measureFirstScreen } from './first-screen-size';
import { measurePull, type PullResult } from './pull-into-indexeddb';
import { bundlePullPage } from './pull-page-bundle';
import { kb, machineLine, markdownTable, ms, seconds, yesNo, type Row } from './report';
import { describeThrottling } from './throttling';
import { measureTimeToUsable, type UsableResult } from './time-to-usable';

const DIST = 'dist';
const USABLE_RUNS = 7;
const PULL_RUNS = 5;
const BIG_CATALOGUE_ACTIVITIES = 10_000;
/** Everything together normally takes 1–2 minutes; past this something hangs. */
const OVERALL_LIMIT_MS = 5 * 60_000;

const BUDGET = {
  firstScreenBytes: 60_000,
  firstVisitMs: 1500,
  repeatVisitMs: 400,
  /** DESIGN.md §5: initial pull of 10,000 entries ≥ 0.5 of raw Dexie bulkPut speed. */
  pullShareOfRaw: 0.5,
};

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
const list = (values: number[]) => values.map((value) => Math.round(value)).join(', ');

async function chromiumVersion(): Promise<string> {
  const browser = await launchChromium();
  try {
    return browser.version();
  } finally {
    await browser.close();
  }
}

async function pullJsonBytes(url: string): Promise<number> {
  const response = await fetch(new URL('/api/v1/pull', url));
  if (!response.ok) throw new Error(`GET /api/v1/pull answered ${response.status}`);
  return Buffer.byteLength(await response.text());
}

function usableRows(app: UsableResult, bare: UsableResult): Row[] {
  const row = (
    what: string,
    value: number,
    baseline: number,
    baselineWhat: string,
    budget: number,
  ): Row => ({
    measure: `Time to usable, ${what} (median of ${USABLE_RUNS})`,
    value: seconds(value),
    baseline: `${seconds(baseline)} ${baselineWhat}`,
    ratio: `${(value / baseline).toFixed(1)}× bare page`,
    budget: `≤ ${seconds(budget)}`,
    ok: yesNo(value <= budget),
  });
  return [
    row('first visit', app.firstMedian, bare.firstMedian, 'bare HTML page', BUDGET.firstVisitMs),
    row(
      'repeat visit, via service worker + IndexedDB',
      app.repeatMedian,
      bare.repeatMedian,
      'bare page from HTTP cache',
      BUDGET.repeatVisitMs,
    ),
  ];
}

function pullRow(what: string, result: PullResult, budgeted: boolean): Row {
  return {
    measure: `Initial pull into IndexedDB, ${what} (${result.rows.toLocaleString('en')} rows, median of ${result.runs})`,
    value: ms(result.pullMedian),
    baseline: `${ms(result.rawMedian)} raw Dexie bulkPut`,
    ratio: `${result.ratio.toFixed(2)} of raw speed`,
    budget: budgeted ? `≥ ${BUDGET.pullShareOfRaw} (reference)` : '—',
    ok: budgeted ? yesNo(result.ratio >= BUDGET.pullShareOfRaw) : '—',
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
    const usable = await measureTimeToUsable(server.url, bare.url, USABLE_RUNS);

    progress('pull of the demo catalogue …');
    const demoBytes = await pullJsonBytes(server.url);
    const demoPull = await measurePull(server.url, bundle, PULL_RUNS);
    progress(`writing ${BIG_CATALOGUE_ACTIVITIES.toLocaleString('en')} activities …`);
    await withTimeout(
      'writing the big catalogue',
      120_000,
      addActivities(server.db, BIG_CATALOGUE_ACTIVITIES),
    );
    const bigBytes = await pullJsonBytes(server.url);
    progress('pull of the big catalogue …');
    const bigPull = await measurePull(server.url, bundle, PULL_RUNS);

    const rows: Row[] = [
      {
        measure: `First-screen JS+CSS, gzip level 9 (${size.assets.length} files)`,
        value: kb(size.gzipBytes),
        baseline: '— (vs budget)',
        ratio: `${(size.gzipBytes / BUDGET.firstScreenBytes).toFixed(2)} of budget`,
        budget: `≤ ${kb(BUDGET.firstScreenBytes)}`,
        ok: yesNo(size.gzipBytes <= BUDGET.firstScreenBytes),
      },
      ...usableRows(usable.app, usable.baseline),
      pullRow('demo catalogue', demoPull, false),
      pullRow(`+${BIG_CATALOGUE_ACTIVITIES.toLocaleString('en')} activities`, bigPull, true),
    ];
    const pullNote = (what: string, result: PullResult, bytes: number) =>
      `- Pull, ${what}: ${kb(bytes)} JSON (uncompressed); fetch + JSON + schema check ` +
      `${ms(result.fetchMedian)}, applyPull ${ms(result.applyMedian)} (medians); ` +
      `runs pull [${list(result.pull.map((timing) => timing.totalMs))}] ms, ` +
      `raw [${list(result.raw)}] ms.`;
    return [
      `Date: ${date.toISOString()}`,
      `Machine: ${machineLine(chromium)}`,
      `Load average (1 min): ${loadAtStart.toFixed(1)} at start, ` +
        `${(os.loadavg()[0] ?? 0).toFixed(1)} at end (${os.cpus().length} cores; more than that means other work competed).`,
      '',
      markdownTable(rows),
      '',
      `- Time to usable: ${describeThrottling()}; fresh on-disk profile per round; ` +
        'usable = main-menu buttons laid out and the storefront line shows text.',
      `- First visits, app [${list(usable.app.first)}] ms, bare page [${list(usable.baseline.first)}] ms; ` +
        `repeat visits, app [${list(usable.app.repeat)}] ms, bare page [${list(usable.baseline.repeat)}] ms.`,
      `- First-screen files: ${size.assets
        .map((asset) => `${asset.file} ${kb(asset.bytes)} → ${kb(asset.gzipBytes)}`)
        .join('; ')}. 1 KB = 1,000 bytes.`,
      pullNote('demo catalogue', demoPull, demoBytes),
      pullNote(`+${BIG_CATALOGUE_ACTIVITIES.toLocaleString('en')} activities`, bigPull, bigBytes),
      `- Pull ratio = raw bulkPut time / pull time, higher is better. DESIGN.md §5 asks ≥ ` +
        `${BUDGET.pullShareOfRaw} for 10,000 entries; it is applied to the big catalogue as a ` +
        'reference, the demo row has no budget.',
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
