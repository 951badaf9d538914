// Measure 9 (issue 9): a two-hour walk at one fix per second, 7,200 fixes.
// - Page memory while recording: the built app in Chromium, a person signed in, "Spaziergang
//   aufzeichnen" started, and the fixes handed to the app's own `watchPosition` callback by a
//   stand-in geolocation (so two hours pass in under a minute; the timestamps are a walk's).
//   JS heap after a forced garbage collection at 0, 200, 1,800, 3,600, 5,400 and 7,200 fixes.
//   The baseline is the same page after the first 200 fixes (every code path of recording has
//   run once): memory must not grow with the route (the points go to IndexedDB at once, the
//   screen reads only the recording's counters).
// - Its push through the server: bench/long-walk-push.ts, on SQLite and PostgreSQL.
import type { CDPSession, Page } from 'playwright-core';
import { enrolAndSignIn } from '../tests/e2e/enrol';
import type { AppServer } from '../tests/support/app-server';
import { withFreshProfile, withTimeout } from './bench-support';
import { LONG_WALK_POINTS, measureLongWalkPush, type LongWalkPushResult } from './long-walk-push';
import { startPushServer } from './push-server';
import { ms, yesNo, type Row } from './report';

/** Heap after two hours of recording may be at most this many times the heap at its start. */
const HEAP_GROWTH_BUDGET = 1.5;
/**
 * The baseline is the heap after the first fixes, not before: the first fix loads and runs
 * the recorder's code once (about 5 MB, measured 2026-12-01), which is not growth with the
 * route. The heap before any fix is in the notes.
 */
const WARM_FIXES = 200;
const CHECKPOINTS = [0, WARM_FIXES, 1_800, 3_600, 5_400, 7_200];
/** Fixes handed over per page.evaluate; the page awaits each batch's storage before the next. */
const BATCH = 200;

/**
 * Replaces `navigator.geolocation` before the app loads: `watchPosition` keeps the app's
 * callback, `window.__qbFeed(from, count)` hands it `count` fixes of a walk going east from
 * the Bergmannstraße, one second apart, accuracy 5 m. A string: tsx may wrap functions.
 */
const STAND_IN_GEOLOCATION = `(() => {
  const watchers = new Map();
  let next = 1;
  const start = Date.parse('2026-05-12T08:00:00Z');
  const fix = (i) => ({
    coords: {
      latitude: 52.48935 + Math.sin(i / 400) * 0.002,
      longitude: 13.394 + i * 0.000016,
      accuracy: 5, altitude: null, altitudeAccuracy: null, heading: null, speed: null,
    },
    timestamp: start + i * 1000,
  });
  const geolocation = {
    watchPosition(success) { const id = next++; watchers.set(id, success); return id; },
    clearWatch(id) { watchers.delete(id); },
    getCurrentPosition(success) { success(fix(0)); },
  };
  Object.defineProperty(navigator, 'geolocation', { value: geolocation, configurable: true });
  window.__qbFeed = (from, count) => {
    for (let i = from; i < from + count; i += 1) watchers.forEach((success) => success(fix(i)));
  };
})()`;

export interface LongWalkMemory {
  /** JS heap used (bytes) after GC at each checkpoint. */
  heap: { fixes: number; bytes: number }[];
  /** Points the app kept of the 7,200 fixes. */
  kept: number;
  /** Wall time to hand over and store all fixes (unthrottled), ms. */
  feedMs: number;
}

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** Points the app stored for the walk being recorded (read straight from IndexedDB). */
function storedPoints(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('quartiersbuch');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const request = open.result.transaction('walkPoints').objectStore('walkPoints').count();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error ?? new Error('count failed'));
        };
      }),
  );
}

async function measureMemory(server: AppServer): Promise<LongWalkMemory> {
  return withFreshProfile(async (context) => {
    await context.addInitScript(STAND_IN_GEOLOCATION);
    const page = await context.newPage();
    await page.goto(server.url);
    await enrolAndSignIn(page, server);
    await page.evaluate(() => (location.hash = '#/spaziergang'));
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByText('Die Aufzeichnung läuft.').waitFor({ timeout: 30_000 });
    const already = await storedPoints(page);
    const cdp = await context.newCDPSession(page);
    const heap: LongWalkMemory['heap'] = [];
    const started = performance.now();
    let fed = 0;
    for (const checkpoint of CHECKPOINTS) {
      while (fed < checkpoint) {
        const count = Math.min(BATCH, checkpoint - fed);
        await page.evaluate(({ from, n }) => window.__qbFeed?.(from, n), {
          from: fed + 1,
          n: count,
        });
        fed += count;
        // Wait until the app has judged the batch: the filter keeps about every tenth fix
        // of this walk (12–16 m apart at 1.2 m/s … the counter moves, then settles).
        let last = -1;
        for (;;) {
          const now = await storedPoints(page);
          if (now === last) break;
          last = now;
          await page.waitForTimeout(150);
        }
      }
      heap.push({ fixes: checkpoint, bytes: await heapAfterGc(cdp) });
    }
    const feedMs = performance.now() - started;
    return { heap, kept: (await storedPoints(page)) - already, feedMs };
  });
}

export interface LongWalkMeasures {
  rows: Row[];
  notes: string[];
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

async function pushOn(dialect: 'sqlite' | 'postgres'): Promise<LongWalkPushResult | Error> {
  try {
    const server = await startPushServer(dialect);
    try {
      return await measureLongWalkPush(server);
    } finally {
      await server.close();
    }
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export async function measureLongWalk(
  server: AppServer,
  progress: (line: string) => void,
): Promise<LongWalkMeasures> {
  progress(`long walk: ${LONG_WALK_POINTS} fixes through the recording screen …`);
  const memory = await withTimeout('long walk memory', 10 * 60_000, measureMemory(server)).catch(
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  progress('long walk: its push through the server, SQLite and PostgreSQL …');
  const pushes = { sqlite: await pushOn('sqlite'), postgres: await pushOn('postgres') };
  const rows: Row[] = [];
  const notes: string[] = [];
  if (memory instanceof Error) {
    rows.push({
      measure: 'Page memory while recording a two-hour walk',
      value: 'not measured',
      baseline: memory.message.split('\n')[0] ?? '',
      ratio: '—',
      budget: `≤ ${HEAP_GROWTH_BUDGET}× at start`,
      ok: '—',
    });
  } else {
    const first = memory.heap.find((point) => point.fixes === WARM_FIXES)?.bytes ?? NaN;
    const last = memory.heap[memory.heap.length - 1]?.bytes ?? NaN;
    rows.push({
      measure: `Page memory while recording a two-hour walk: JS heap after GC at ${LONG_WALK_POINTS} fixes (1/s)`,
      value: megabytes(last),
      baseline: `${megabytes(first)} after the first ${WARM_FIXES} fixes`,
      ratio: `${(last / first).toFixed(2)}× at start`,
      budget: `≤ ${HEAP_GROWTH_BUDGET}× at start`,
      ok: yesNo(last / first <= HEAP_GROWTH_BUDGET),
    });
    notes.push(
      `- Long walk, heap after GC by fixes handed over: ${memory.heap
        .map((point) => `${point.fixes}: ${megabytes(point.bytes)}`)
        .join(', ')}; the app kept ${memory.kept} route points of ${LONG_WALK_POINTS} fixes ` +
        `(the filter's minimum step), stored as they came; all fixes handed over and stored in ` +
        `${(memory.feedMs / 1000).toFixed(0)} s (no CPU throttle).`,
    );
  }
  for (const [dialect, result] of Object.entries(pushes)) {
    const name = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const measure = `Push of a two-hour route (${LONG_WALK_POINTS} points: walk.create, 15 walk.track chunks, walk.update), ${name}, median of 5`;
    if (result instanceof Error) {
      rows.push({
        measure,
        value: 'not measured',
        baseline: result.message.split('\n')[0] ?? '',
        ratio: '—',
        budget: '— (reference)',
        ok: '—',
      });
      continue;
    }
    rows.push({
      measure,
      value: ms(result.pushMedian),
      baseline: `${ms(result.rawMedian)} raw INSERT of the 15 chunk rows`,
      ratio: `${(result.rawMedian / result.pushMedian).toFixed(2)} of raw speed`,
      budget: '— (reference)',
      ok: '—',
    });
    notes.push(
      `- Long walk push, ${name}: ${megabytes(result.bodyBytes)} of JSON for ${result.chunks} ` +
        `chunks, in ${result.requests} requests (a 413 halves the batch, as on the device); push [${result.pushMs.map((v) => Math.round(v)).join(', ')}] ms, raw ` +
        `[${result.rawMs.map((v) => Math.round(v)).join(', ')}] ms.`,
    );
  }
  return { rows, notes };
}

declare global {
  interface Window {
    __qbFeed?: (from: number, count: number) => void;
  }
}
