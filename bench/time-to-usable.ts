// Measure 2: load to usable on a slow tablet and network (bench/throttling.ts), for the app and
// for a bare HTML page under the same conditions (bench/baseline-server.ts).
// The app's first visit is a fresh profile opening the QR-code link `/#/geraet/<code>` with a
// new one-time code: the app enrols the device (one POST /api/v1/enrol), goes to the start
// screen and pulls as the enrolled device; pull answers enrolled devices only, so without the
// enrolment the storefront line could never show a real state. Its repeat visit is the same
// profile opening `/` again once the service worker controls the app (enrolled, data in
// IndexedDB).
// A visit that is not usable after USABLE_WAIT_MS is recorded as "never", with what the page
// showed and which API requests it made, and counts as slower than any figure in the median:
// hiding it (or retrying the round) would report a faster app than the one measured.
import type { BrowserContext, Page } from 'playwright-core';
import { waitForServiceWorkerControl } from '../tests/e2e/browser';
import { median, withFreshProfile, withTimeout } from './bench-support';
import { throttle } from './throttling';
import { USABLE_PROBE_SCRIPT } from './usable-probe';

const NAVIGATION_TIMEOUT_MS = 30_000;
/** Usable within a few seconds or not at all: nothing in the app waits longer on purpose. */
export const USABLE_WAIT_MS = 20_000;

export interface UsableSamples {
  first: number[];
  repeat: number[];
  /** Visits never usable within USABLE_WAIT_MS: which visit of which round, and what it showed. */
  never: string[];
  neverFirst: number;
  neverRepeat: number;
}

export interface UsableResult extends UsableSamples {
  /** Infinity when half of the visits or more were never usable; null without any visit. */
  firstMedian: number | null;
  repeatMedian: number | null;
}

/** What one round opens: the first visit's URL (made anew per round) and the repeat visit's. */
export interface VisitPlan {
  first: string;
  repeat: string;
  /** true: the repeat visit must come from the service worker; false: from the HTTP cache. */
  serviceWorker: boolean;
}

type Visit = { page: Page; ms: number } | { page: Page; never: string };

/** What the page shows instead, and its API requests, for a visit that never became usable. */
async function describe(page: Page, api: string[]): Promise<string> {
  const shown = await page
    .evaluate(() => ({
      hash: location.hash,
      state: document.querySelector('[class~="store-state"]')?.textContent ?? null,
    }))
    .catch(() => null);
  const what = shown ? `at ${shown.hash || '(no hash)'} the line said "${shown.state}"` : '';
  return `${what}; API requests: ${api.join(', ') || 'none'}`;
}

const POLL_MS = 250;

/**
 * The probe's figure once the page has one, or undefined after USABLE_WAIT_MS. Polled with a
 * plain expression: Playwright's `waitForFunction` first evaluates its own injected script in the
 * page, ~80 ms of main-thread work at 6× CPU that landed in the middle of the app's load (seen
 * in a trace), and the measured page is to do nothing but its own work.
 */
async function usableAt(page: Page): Promise<number | undefined> {
  const until = Date.now() + USABLE_WAIT_MS;
  while (Date.now() < until) {
    const at: unknown = await page.evaluate('window.__qbUsableAt').catch(() => undefined);
    if (typeof at === 'number') return at;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return undefined;
}

/** Opens `url` in a new throttled page; ms from navigation start to usable, or why never. */
async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage();
  const api: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) api.push(`${request.method()} ${path}`);
  });
  await throttle(context, page);
  await page.goto(url, { waitUntil: 'commit', timeout: NAVIGATION_TIMEOUT_MS });
  const ms = await usableAt(page);
  return ms === undefined ? { page, never: await describe(page, api) } : { page, ms };
}

/** The round's two visits; no repeat visit after a first visit that never became usable. */
async function oneRun({ first: firstUrl, repeat: repeatUrl, serviceWorker }: VisitPlan) {
  return withFreshProfile(async (context): Promise<[Visit, Visit?]> => {
    await context.addInitScript({ content: USABLE_PROBE_SCRIPT });
    for (const blank of context.pages()) await blank.close();
    const first = await visit(context, firstUrl);
    if ('never' in first) return [first];
    if (serviceWorker) {
      await withTimeout(
        'service worker taking control',
        NAVIGATION_TIMEOUT_MS,
        waitForServiceWorkerControl(first.page),
      );
    }
    // A new page (the app opened again) while the first one closes, as after a restart.
    const opener = await context.newPage();
    await first.page.close();
    const repeat = await visit(context, repeatUrl);
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
        `The repeat visit of ${repeatUrl} did not come from the ${serviceWorker ? 'service worker' : 'HTTP cache'}.`,
      );
    }
    await opener.close();
    return [first, repeat];
  });
}

/** The median with every "never" counted as slower than any figure. */
function medianWithNever(values: number[], never: number): number | null {
  const all = [...values, ...Array.from({ length: never }, () => Infinity)];
  return all.length === 0 ? null : median(all);
}

function record(samples: UsableSamples, run: number, visits: [Visit, Visit?]): void {
  for (const [index, visit] of visits.entries()) {
    if (!visit) continue;
    const which = index === 0 ? 'first' : 'repeat';
    if ('ms' in visit) {
      samples[which].push(visit.ms);
    } else {
      samples.never.push(`round ${run + 1}, ${which} visit: ${visit.never}`);
      if (which === 'first') samples.neverFirst += 1;
      else samples.neverRepeat += 1;
    }
  }
}

function summarise(samples: UsableSamples): UsableResult {
  return {
    ...samples,
    firstMedian: medianWithNever(samples.first, samples.neverFirst),
    repeatMedian: medianWithNever(samples.repeat, samples.neverRepeat),
  };
}

/**
 * `runs` rounds; each round measures the app, then the bare page, each on its own fresh
 * profile (alternating, so drift on the machine affects both alike). `appPlan` is called once
 * per round, before the clock starts (e.g. for a new enrolment code).
 */
export async function measureTimeToUsable(
  appPlan: () => Promise<VisitPlan>,
  baselineUrl: string,
  runs: number,
) {
  const empty = (): UsableSamples => ({
    first: [],
    repeat: [],
    never: [],
    neverFirst: 0,
    neverRepeat: 0,
  });
  const app = empty();
  const bare = empty();
  const barePlan = async (): Promise<VisitPlan> => ({
    first: baselineUrl,
    repeat: baselineUrl,
    serviceWorker: false,
  });
  for (let run = 0; run < runs; run += 1) {
    for (const [plan, samples] of [
      [appPlan, app],
      [barePlan, bare],
    ] as const) {
      const visits = await plan();
      const result = await withTimeout(
        `time to usable of ${visits.first}, run ${run + 1}`,
        2 * NAVIGATION_TIMEOUT_MS + 2 * USABLE_WAIT_MS,
        oneRun(visits),
      );
      record(samples, run, result);
    }
  }
  return { app: summarise(app), baseline: summarise(bare) };
}
