// Measure 3: the initial pull into IndexedDB in Chromium on a fresh on-disk profile. The app's
// code (fetchPull + applyPull, bundled by bench/pull-page-bundle.ts) runs in a page on the
// app's origin, so it talks to the real server as an enrolled device; the baseline is a bare
// Dexie bulkPut of the same rows (reference rows and calls) into the same tables in one
// transaction, in the same page. Which rows a pull brings depends on the device: its quarter's
// catalogue, plus the calls of the people who signed in on it.
import type { DemoDevice } from './demo-devices';
import type { Page } from 'playwright-core';
import type { PullTiming } from './pull-page/api';
import { median, withFreshProfile, withTimeout } from './bench-support';

const PAGE_PATH = '/__bench/pull';
const SCRIPT_PATH = '/__bench/pull.js';
const STEP_TIMEOUT_MS = 60_000;

export interface PullResult {
  /** Rows per pull, all tables. */
  rows: number;
  /** Of those, calls. */
  calls: number;
  runs: number;
  pull: PullTiming[];
  raw: number[];
  pullMedian: number;
  fetchMedian: number;
  applyMedian: number;
  rawMedian: number;
  /** raw bulkPut time / pull time: the share of raw IndexedDB speed the pull reaches. */
  ratio: number;
}

/** Serves the bench page and its script from the app's origin without touching the app. */
export async function openBenchPage(page: Page, appUrl: string, bundle: string): Promise<void> {
  const origin = new URL(appUrl).origin;
  await page.route(`${origin}${SCRIPT_PATH}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: bundle }),
  );
  await page.route(`${origin}${PAGE_PATH}`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Pull bench</title><script src="${SCRIPT_PATH}"></script></head><body></body></html>`,
    }),
  );
  await page.goto(`${origin}${PAGE_PATH}`, { timeout: STEP_TIMEOUT_MS });
  await page.waitForFunction(() => window.qbBenchPull !== undefined, undefined, {
    timeout: STEP_TIMEOUT_MS,
  });
}

const timePull = (page: Page, name: string, device: DemoDevice) =>
  withTimeout(
    'pull',
    STEP_TIMEOUT_MS,
    page.evaluate(({ db, device }) => window.qbBenchPull?.pull(db, device), {
      db: name,
      device,
    }),
  ).then((timing) => {
    if (!timing) throw new Error('The pull bench page is not ready.');
    return timing;
  });

const timeRaw = (page: Page, name: string) =>
  withTimeout(
    'raw bulkPut',
    STEP_TIMEOUT_MS,
    page.evaluate((db) => window.qbBenchPull?.rawBulkPut(db), name),
  ).then((ms) => {
    if (ms === undefined) throw new Error('The pull bench page is not ready.');
    return ms;
  });

const drop = (page: Page, name: string) =>
  withTimeout(
    'deleting a bench database',
    STEP_TIMEOUT_MS,
    page.evaluate((db) => window.qbBenchPull?.drop(db), name),
  );

/** `device`: an enrolled device, with the sessions of the people whose calls it pulls. */
export async function measurePull(
  appUrl: string,
  device: DemoDevice,
  bundle: string,
  runs: number,
) {
  return withFreshProfile(async (context): Promise<PullResult> => {
    const page = await context.newPage();
    await openBenchPage(page, appUrl, bundle);
    // Warm-up (not counted): JIT, server caches, and the rows rawBulkPut writes.
    await timePull(page, 'qb-bench-warmup', device);
    await timeRaw(page, 'qb-bench-warmup');
    await drop(page, 'qb-bench-warmup');
    const pull: PullTiming[] = [];
    const raw: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const pullDb = `qb-bench-pull-${run}`;
      const rawDb = `qb-bench-raw-${run}`;
      // Alternate the order so neither side always runs on a warmer disk or a fuller heap.
      if (run % 2 === 0) {
        pull.push(await timePull(page, pullDb, device));
        raw.push(await timeRaw(page, rawDb));
      } else {
        raw.push(await timeRaw(page, rawDb));
        pull.push(await timePull(page, pullDb, device));
      }
      await drop(page, pullDb);
      await drop(page, rawDb);
    }
    const pullMedian = median(pull.map((timing) => timing.totalMs));
    const rawMedian = median(raw);
    return {
      rows: pull[0]?.rows ?? 0,
      calls: pull[0]?.calls ?? 0,
      runs,
      pull,
      raw,
      pullMedian,
      fetchMedian: median(pull.map((timing) => timing.fetchMs)),
      applyMedian: median(pull.map((timing) => timing.applyMs)),
      rawMedian,
      ratio: rawMedian / pullMedian,
    };
  });
}
