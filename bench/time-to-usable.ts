// Measure 2: load to usable on a slow tablet and network (bench/throttling.ts), first visit on a
// fresh profile and repeat visit once the service worker controls the app, for the app and for
// a bare HTML page under the same conditions (bench/baseline-server.ts).
import type { BrowserContext, Page } from 'playwright-core';
import { waitForServiceWorkerControl } from '../tests/e2e/browser';
import { median, withFreshProfile, withTimeout } from './bench-support';
import { throttle } from './throttling';
import { USABLE_PROBE_SCRIPT } from './usable-probe';

const VISIT_TIMEOUT_MS = 30_000;

export interface UsableSamples {
  first: number[];
  repeat: number[];
}

export interface UsableResult extends UsableSamples {
  firstMedian: number;
  repeatMedian: number;
}

/** Opens `url` in a new throttled page and returns ms from navigation start to usable. */
async function visit(context: BrowserContext, url: string): Promise<{ page: Page; ms: number }> {
  const page = await context.newPage();
  await throttle(context, page);
  await page.goto(url, { waitUntil: 'commit', timeout: VISIT_TIMEOUT_MS });
  const handle = await page.waitForFunction(() => window.__qbUsableAt, undefined, {
    polling: 250,
    timeout: VISIT_TIMEOUT_MS,
  });
  const ms = (await handle.jsonValue()) as number;
  await handle.dispose();
  return { page, ms };
}

async function oneRun(url: string, serviceWorker: boolean) {
  return withFreshProfile(async (context) => {
    await context.addInitScript({ content: USABLE_PROBE_SCRIPT });
    for (const blank of context.pages()) await blank.close();
    const first = await visit(context, url);
    if (serviceWorker) {
      await withTimeout(
        'service worker taking control',
        VISIT_TIMEOUT_MS,
        waitForServiceWorkerControl(first.page),
      );
    }
    // A new page (the app opened again) while the first one closes, as after a restart.
    const opener = await context.newPage();
    await first.page.close();
    const repeat = await visit(context, url);
    // Make sure the repeat visit came from where it should, or the figure means something else.
    const fromCache = await repeat.page.evaluate(
      (viaWorker) =>
        viaWorker
          ? Boolean(navigator.serviceWorker.controller)
          : performance
              .getEntriesByType('navigation')
              .every((entry) => (entry as PerformanceNavigationTiming).transferSize === 0),
      serviceWorker,
    );
    if (!fromCache) {
      throw new Error(
        `The repeat visit of ${url} did not come from the ${serviceWorker ? 'service worker' : 'HTTP cache'}.`,
      );
    }
    await opener.close();
    return { first: first.ms, repeat: repeat.ms };
  });
}

function summarise(samples: UsableSamples): UsableResult {
  return { ...samples, firstMedian: median(samples.first), repeatMedian: median(samples.repeat) };
}

/**
 * `runs` rounds; each round measures the app, then the bare page, each on its own fresh
 * profile (alternating, so drift on the machine affects both alike).
 */
export async function measureTimeToUsable(appUrl: string, baselineUrl: string, runs: number) {
  const app: UsableSamples = { first: [], repeat: [] };
  const bare: UsableSamples = { first: [], repeat: [] };
  for (let run = 0; run < runs; run += 1) {
    for (const [url, samples, serviceWorker] of [
      [appUrl, app, true],
      [baselineUrl, bare, false],
    ] as const) {
      const result = await withTimeout(
        `time to usable of ${url}, run ${run + 1}`,
        3 * VISIT_TIMEOUT_MS,
        oneRun(url, serviceWorker),
      );
      samples.first.push(result.first);
      samples.repeat.push(result.repeat);
    }
  }
  return { app: summarise(app), baseline: summarise(bare) };
}
