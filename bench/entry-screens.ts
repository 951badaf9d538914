// Measures 6 and 7 (issue 8): the entry screens on a slow tablet (CPU 6× slower, bench/throttling.ts),
// in the built app on a 768×1024 viewport, with a person signed in.
// - Save: tap "Speichern" on the call form → "Auf diesem Gerät gespeichert" painted, p95 of
//   SAVE_RUNS saves, timed inside the page from the click event to the frame after the notice
//   appears. The baseline is a raw Dexie write of the same rows (the entry, its outbox row and
//   the client's seq, one transaction) in the app's schema, in a page of the same origin at the
//   same throttle (bench/pull-page).
// - "Meine Einträge" with ENTRY_COUNT entries of mixed kinds (calls and advice sessions pushed
//   under the person's name, pulled by the app): from opening the list to the frame in which
//   every entry's card is in the page, median of LIST_RUNS. The baseline is the same list's
//   rows read raw from IndexedDB (Dexie `toArray`) in the bench page at the same throttle.
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS } from '../server/demo/demo-users';
import { enrolAndSignIn } from '../tests/e2e/enrol';
import type { AppServer } from '../tests/support/app-server';
import { median, withFreshProfile, withTimeout } from './bench-support';
import { openBenchPage } from './pull-into-indexeddb';
import { throttle, type ThrottledNetwork } from './throttling';

export const SAVE_RUNS = 30;
export const LIST_RUNS = 5;
export const ENTRY_COUNT = 2_000;
const STEP_TIMEOUT_MS = 60_000;
const APP_DB = 'quartiersbuch';

export interface EntryScreenResult {
  /** Online: each save starts a sync round, which runs beside the next save. */
  saves: number[];
  /** Offline (the field): no sync round competes. */
  offlineSaves: number[];
  offlineSaveP95: number;
  /** Where the time of each save went (both series). */
  splits: SaveSplit[];
  rawSaves: number[];
  saveP95: number;
  rawSaveP95: number;
  lists: number[];
  rawLists: number[];
  listMedian: number;
  rawListMedian: number;
  /** Entries the list showed (must be ENTRY_COUNT). */
  listed: number;
}

export function p95(values: readonly number[]): number {
  if (values.length === 0) throw new Error('p95 of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] as number;
}

/**
 * Starts watching for the save notice; resolves `window.__qbSaveMs` with the time from the next
 * click on the form's submit button to the frame after "Auf diesem Gerät gespeichert" shows.
 * A string, not a function: tsx may wrap named functions in helpers the page lacks.
 */
const SAVE_PROBE = `(() => {
  window.__qbSaveMs = undefined;
  const button = document.querySelector('form button[type="submit"]');
  if (!button) throw new Error('no submit button');
  let start = 0;
  button.addEventListener('click', () => { start = performance.now(); }, { capture: true, once: true });
  const saved = () => Array.prototype.some.call(
    document.querySelectorAll('[role="status"], .notice'),
    (node) => (node.textContent || '').indexOf('Auf diesem Gerät gespeichert') === 0,
  );
  const observer = new MutationObserver(() => {
    if (!start || !saved()) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const at = (name) => { const marks = performance.getEntriesByName(name); return marks.length ? marks[marks.length - 1].startTime : NaN; };
      window.__qbSaveSplit = [at('qb-save-start') - start, at('qb-save-checked') - start, at('qb-save-parsed') - start, at('qb-save-stored') - start];
      performance.clearMarks();
      window.__qbSaveMs = performance.now() - start;
    });
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

/** Opens the list and resolves `window.__qbListMs` once `count` entry cards are in the page. */
const listProbe = (count: number) => `(() => {
  window.__qbListMs = undefined;
  const start = performance.now();
  const done = () => document.querySelectorAll('.entry-list > li').length >= ${count};
  const observer = new MutationObserver(() => {
    if (!done()) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__qbListMs = performance.now() - start; });
  });
  observer.observe(document.body, { childList: true, subtree: true });
  location.hash = '#/eintraege';
})()`;

async function waitForNumber(page: Page, name: '__qbSaveMs' | '__qbListMs'): Promise<number> {
  const handle = await page.waitForFunction((key) => window[key], name, {
    polling: 100,
    timeout: STEP_TIMEOUT_MS,
  });
  const value = (await handle.jsonValue()) as number;
  await handle.dispose();
  return value;
}

/**
 * Per save, ms after the click: the submit handler starts, the form's input is checked, the
 * kind's schema has parsed it, the entry and its outbox row are stored (the app's User Timing
 * marks `qb-save-*`, src/views/entries/use-entry-save.ts and src/db/entries.ts).
 */
export type SaveSplit = [start: number, checked: number, parsed: number, stored: number];

async function saveCalls(page: Page, runs: number, splits: SaveSplit[]): Promise<number[]> {
  const times: number[] = [];
  await page.evaluate(() => (location.hash = '#/anruf'));
  for (let run = 0; run < runs; run += 1) {
    await page.getByLabel('Mit wem haben Sie telefoniert?').fill(`Frau B. ${run}`);
    await page.getByLabel('Wie lange? (Minuten)').fill(String(5 + (run % 40)));
    await page.evaluate(SAVE_PROBE);
    await page.getByRole('button', { name: 'Speichern' }).click();
    times.push(await waitForNumber(page, '__qbSaveMs'));
    const split = await page.evaluate(() => window.__qbSaveSplit);
    if (split?.length === 4) splits.push(split as SaveSplit);
  }
  return times;
}

async function openList(page: Page, count: number): Promise<number> {
  await page.evaluate(() => (location.hash = '#/'));
  await page.getByRole('navigation', { name: 'Hauptmenü' }).waitFor();
  await page.evaluate(listProbe(count));
  return waitForNumber(page, '__qbListMs');
}

/**
 * The person whose tablet it is: the demo's second volunteer, so the 10,000 calls the pull
 * measure pushes for the first never reach this list.
 */
export const ENTRY_SCREENS_PERSON = DEMO_USERS[1] ?? { name: 'Hans Beispiel', pin: '5927' };

/** The app in a fresh profile: enrolled, the person signed in, their data pulled. */
async function appPage(context: BrowserContext, server: AppServer) {
  const page = await context.newPage();
  await page.goto(server.url);
  await enrolAndSignIn(page, server, ENTRY_SCREENS_PERSON);
  return { page, network: await throttle(context, page) };
}

/**
 * Offline or online, checked by a request from the page: an "offline" figure measured online
 * is wrong (and `navigator.onLine` said false while requests still went through).
 */
async function switchNetwork(
  page: Page,
  network: ThrottledNetwork,
  offline: boolean,
): Promise<void> {
  await network.setOffline(offline);
  const reached = await page.evaluate(() =>
    fetch('/api/v1/health', { cache: 'no-store' }).then(
      () => true,
      () => false,
    ),
  );
  if (reached === offline) {
    throw new Error(`The save page did not go ${offline ? 'offline' : 'online'}.`);
  }
}

/**
 * Both measures in one profile: first the saves (with only the demo's entries on the device),
 * then `push` puts ENTRY_COUNT entries on the server under the person's name and answers how
 * many live entries they now have; the app pulls them, and the list is opened LIST_RUNS times.
 * The raw baselines run in a second profile on the same origin, through the bench page and the
 * app's Dexie schema.
 */
export async function measureEntryScreens(
  server: AppServer,
  bundle: string,
  push: (count: number) => Promise<number>,
  progress: (message: string) => void,
): Promise<EntryScreenResult> {
  const app = await withFreshProfile(async (context) => {
    const { page, network } = await appPage(context, server);
    progress(`${SAVE_RUNS} saves of a call offline, then ${SAVE_RUNS} online …`);
    await switchNetwork(page, network, true);
    const splits: SaveSplit[] = [];
    const offlineSaves = await withTimeout(
      'saving offline',
      10 * 60_000,
      saveCalls(page, SAVE_RUNS, splits),
    );
    await switchNetwork(page, network, false);
    const saves = await withTimeout(
      'saving calls',
      10 * 60_000,
      saveCalls(page, SAVE_RUNS, splits),
    );
    progress(`${ENTRY_COUNT} entries for "Meine Einträge" …`);
    const expected = await push(ENTRY_COUNT);
    // Opening the app again starts a sync round, which pulls them (as on a tablet).
    await page.reload();
    await page.waitForFunction(
      ({ name, expected }) =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => {
            const count = open.result.transaction('entries').objectStore('entries').count();
            count.onsuccess = () => resolve(count.result >= expected);
            count.onerror = () => resolve(false);
          };
          open.onerror = () => resolve(false);
        }),
      { name: APP_DB, expected },
      { polling: 1000, timeout: 3 * STEP_TIMEOUT_MS },
    );
    const lists: number[] = [];
    for (let run = 0; run < LIST_RUNS; run += 1) lists.push(await openList(page, expected));
    const listed = await page.locator('.entry-list > li').count();
    return { saves, offlineSaves, splits, lists, listed };
  });
  const raw = await withFreshProfile(async (context) => {
    const page = await context.newPage();
    await openBenchPage(page, server.url, bundle);
    await throttle(context, page);
    const rawSaves = await page.evaluate(
      ({ runs }) => window.qbBenchPull?.rawSaves('bench-saves', runs),
      { runs: SAVE_RUNS },
    );
    const rawLists = await page.evaluate(
      ({ count, runs }) => window.qbBenchPull?.rawReads('bench-list', count, runs),
      { count: app.listed, runs: LIST_RUNS },
    );
    if (!rawSaves || !rawLists) throw new Error('The bench page is not ready.');
    return { rawSaves, rawLists };
  });
  return {
    ...app,
    ...raw,
    saveP95: p95(app.saves),
    offlineSaveP95: p95(app.offlineSaves),
    rawSaveP95: p95(raw.rawSaves),
    listMedian: median(app.lists),
    rawListMedian: median(raw.rawLists),
  };
}

declare global {
  interface Window {
    __qbSaveMs?: number;
    __qbSaveSplit?: number[];
    __qbListMs?: number;
  }
}
