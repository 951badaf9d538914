// Measure 2's rows and notes for the runner's report (bench/run.ts).
import { seconds, yesNo, type Row } from './report';
import { describeThrottling } from './throttling';
import { USABLE_WAIT_MS, type UsableResult } from './time-to-usable';

/**
 * docs/benchmarks.md, budgets: load to usable, 6× CPU throttle + slow network, first visit / from
 * service worker.
 */
export const USABLE_BUDGET_MS = { first: 1500, repeat: 400 };
/** Issue 12: the repeat visit also costs at most this many bare page loads (same run). */
export const REPEAT_BARE_PAGES = 2.5;

export type UsableMeasure = { app: UsableResult; baseline: UsableResult } | Error;

const list = (values: number[]) => values.map((value) => Math.round(value)).join(', ');

const WHAT = {
  first: 'first visit from the QR-code link: enrol + pull',
  repeat: 'repeat visit, via service worker + start snapshot',
};

/** Rows saying why time to usable has no figure (the rest of the run still counts). */
function notMeasuredRows(error: Error): Row[] {
  return (['first', 'repeat'] as const).map((visit) => ({
    measure: `Time to usable, ${WHAT[visit]}`,
    value: 'not measured',
    baseline: visit === 'first' ? (error.message.split('\n')[0] ?? '') : '(see above)',
    ratio: '—',
    budget: `≤ ${seconds(USABLE_BUDGET_MS[visit])}`,
    ok: '—',
  }));
}

/** A median that may be "never" (Infinity) or missing (null). */
function figure(value: number | null): string {
  if (value === null) return 'not measured';
  return Number.isFinite(value) ? seconds(value) : `never (> ${seconds(USABLE_WAIT_MS)})`;
}

export function usableRows(usable: UsableMeasure, runs: number): Row[] {
  if (usable instanceof Error) return notMeasuredRows(usable);
  const { app, baseline: bare } = usable;
  const row = (visit: 'first' | 'repeat', baselineWhat: string): Row => {
    const value = visit === 'first' ? app.firstMedian : app.repeatMedian;
    const baseline = visit === 'first' ? bare.firstMedian : bare.repeatMedian;
    const samples = visit === 'first' ? app.first.length : app.repeat.length;
    const never = visit === 'first' ? app.neverFirst : app.neverRepeat;
    const skipped = runs - samples - never;
    const counted = [
      `median of ${samples + never}`,
      ...(never > 0 ? [`${never} never usable`] : []),
      // Rounds whose first visit never became usable have no repeat visit.
      ...(skipped > 0 ? [`${skipped} skipped`] : []),
    ].join(', ');
    const comparable = value !== null && baseline !== null && Number.isFinite(value);
    const withinRatio = visit === 'first' || (comparable && value / baseline <= REPEAT_BARE_PAGES);
    return {
      measure: `Time to usable, ${WHAT[visit]} (${counted})`,
      value: figure(value),
      baseline: `${figure(baseline)} ${baselineWhat}`,
      ratio: comparable ? `${(value / baseline).toFixed(1)}× bare page` : '—',
      budget:
        `≤ ${seconds(USABLE_BUDGET_MS[visit])}` +
        (visit === 'repeat' ? ` and ≤ ${REPEAT_BARE_PAGES}× bare` : ''),
      ok: value === null ? '—' : yesNo(value <= USABLE_BUDGET_MS[visit] && withinRatio),
    };
  };
  return [row('first', 'bare HTML page'), row('repeat', 'bare page from HTTP cache')];
}

export function usableNotes(usable: UsableMeasure): string[] {
  if (usable instanceof Error) return [`- Time to usable: not measured (${usable.message}).`];
  const { app, baseline } = usable;
  return [
    `- Time to usable: ${describeThrottling()}; fresh on-disk profile per round; ` +
      'usable = main-menu buttons laid out and the storefront line shows a state computed ' +
      'from pulled data ("Jetzt geöffnet bis …" or "Geschlossen – öffnet …", never the ' +
      '"noch nicht auf diesem Gerät" placeholder).',
    '- The first visit opens `/#/geraet/<code>` with a new enrolment code per round, so it ' +
      'includes the enrolment (one POST /api/v1/enrol) and the first authenticated pull; ' +
      'the repeat visit opens `/` in the same, now enrolled profile.',
    `- First visits, app [${list(app.first)}] ms, bare page [${list(baseline.first)}] ms; ` +
      `repeat visits, app [${list(app.repeat)}] ms, bare page [${list(baseline.repeat)}] ms.`,
    ...[...app.never, ...baseline.never.map((line) => `bare page, ${line}`)].map(
      (line) => `- Never usable within ${seconds(USABLE_WAIT_MS)}: ${line}.`,
    ),
  ];
}
