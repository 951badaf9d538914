// Measure 8, route quality (issue 9): the Bergmannkiez loop of tests/support/walk-route-fixture.ts
// (about 2.4 km, 1.1 m/s, one fix per second, two standing pauses of three minutes) with seeded,
// realistic GPS noise, replayed through the app's track filter one fix at a time as the recorder
// does (`stepTrackFilter`, which is `judgeFix` plus the state the recorder carries). Value: the
// recorded distance's error against the route's true length; baseline, same run: the error of
// summing every raw fix. Goal: within 3 %. No timings: the figures are the same on any machine.
import { metresBetween, routeDistance, lineDistance } from '../src/domain/route-geometry';
import { EMPTY_TRACK_FILTER, stepTrackFilter } from '../src/domain/track-filter';
import type { TrackPointV2 } from '../src/shared/walk-track';
import { walkRouteFixture, type WalkRouteFixture } from '../tests/support/walk-route-fixture';
import { median } from './bench-support';
import { yesNo, type Row } from './report';

export const WALK_ROUTE_SEEDS = 20;
const GOAL = 0.03;

export interface WalkRouteRun {
  seed: number;
  trueMetres: number;
  recordedMetres: number;
  rawMetres: number;
  /** Kept points, and fixes dropped for each reason. */
  kept: number;
  dropped: { inaccurate: number; tooClose: number; tooFast: number };
  /** Metres the kept points add beyond the truth while the group stands; raw fixes' sum there. */
  standingRecorded: number;
  standingRaw: number;
}

/** One walk through the filter, fix by fix, as src/db's recorder feeds it. */
export function replayWalk(walk: WalkRouteFixture, seed: number): WalkRouteRun {
  let state = EMPTY_TRACK_FILTER;
  const kept: TrackPointV2[] = [];
  const dropped = { inaccurate: 0, tooClose: 0, tooFast: 0 };
  let lastKeptIndex = -1;
  let standingRecorded = 0;
  let standingRaw = 0;
  walk.fixes.forEach((fix, i) => {
    const previous = state.lastKept;
    const step = stepTrackFilter(state, fix);
    state = step.state;
    if (step.verdict === 'inaccurate') dropped.inaccurate += 1;
    if (step.verdict === 'too-close') dropped.tooClose += 1;
    if (step.verdict === 'too-fast') dropped.tooFast += 1;
    const standing = walk.standing[i] === true;
    if (standing && i > 0) standingRaw += metresBetween(walk.fixes[i - 1] ?? fix, fix);
    if (!step.kept) return;
    if (previous && standing && lastKeptIndex >= 0) {
      const truth = metresBetween(walk.truth[lastKeptIndex] ?? fix, walk.truth[i] ?? fix);
      standingRecorded += metresBetween(previous, step.kept) - truth;
    }
    kept.push(step.kept);
    lastKeptIndex = i;
  });
  return {
    seed,
    trueMetres: walk.trueMetres,
    recordedMetres: routeDistance(kept),
    rawMetres: lineDistance(walk.fixes),
    kept: kept.length,
    dropped,
    standingRecorded,
    standingRaw,
  };
}

const error = (metres: number, truth: number) => metres / truth - 1;
const percent = (share: number) => `${share >= 0 ? '+' : '−'}${Math.abs(share * 100).toFixed(1)} %`;
const metres = (value: number) => `${Math.round(value).toLocaleString('en')} m`;

/** Measure 8: rows for the report table and a note with every seed. */
export function measureWalkRoute(seeds: number = WALK_ROUTE_SEEDS): {
  rows: Row[];
  notes: string[];
} {
  const runs = Array.from({ length: seeds }, (_, i) =>
    replayWalk(walkRouteFixture({ seed: i + 1 }), i + 1),
  );
  const recorded = runs.map((run) => error(run.recordedMetres, run.trueMetres));
  const raw = runs.map((run) => error(run.rawMetres, run.trueMetres));
  const worst = runs.reduce((a, b) =>
    Math.abs(error(b.recordedMetres, b.trueMetres)) >
    Math.abs(error(a.recordedMetres, a.trueMetres))
      ? b
      : a,
  );
  const within = recorded.filter((e) => Math.abs(e) <= GOAL).length;
  const trueMetres = runs[0]?.trueMetres ?? 0;
  const label = `Route quality: recorded distance vs the true ${metres(trueMetres)}`;
  const rows: Row[] = [
    {
      measure: `${label} (seeded GPS noise, median of ${seeds} seeds)`,
      value: percent(median(recorded)),
      baseline: `${percent(median(raw))} summing every raw fix`,
      ratio: `${(Math.abs(median(recorded)) / Math.abs(median(raw))).toFixed(3)} of the raw error`,
      budget: `within ±${GOAL * 100} %`,
      ok: yesNo(Math.abs(median(recorded)) <= GOAL),
    },
    {
      measure: `Route quality: worst of the ${seeds} seeds (seed ${worst.seed})`,
      value: percent(error(worst.recordedMetres, worst.trueMetres)),
      baseline: `${percent(error(worst.rawMetres, worst.trueMetres))} raw, same seed`,
      ratio: '—',
      budget: `within ±${GOAL * 100} %`,
      ok: yesNo(Math.abs(error(worst.recordedMetres, worst.trueMetres)) <= GOAL),
    },
    {
      measure: `Route quality: seeds within ±${GOAL * 100} %`,
      value: `${within} of ${seeds}`,
      baseline: `${raw.filter((e) => Math.abs(e) <= GOAL).length} of ${seeds} raw`,
      ratio: '—',
      budget: '— (reference)',
      ok: '—',
    },
    {
      measure: 'Route quality: metres added while standing, 2 × 3 min (median of seeds)',
      value: metres(median(runs.map((run) => run.standingRecorded))),
      baseline: `${metres(median(runs.map((run) => run.standingRaw)))} summing raw fixes`,
      ratio: '—',
      budget: '≈ 0 m',
      ok: '—',
    },
  ];
  const perSeed = runs
    .map(
      (run) =>
        `${run.seed}: ${percent(error(run.recordedMetres, run.trueMetres))} ` +
        `(raw ${percent(error(run.rawMetres, run.trueMetres))}, ${run.kept} kept)`,
    )
    .join('; ');
  const total = (key: keyof WalkRouteRun['dropped']) =>
    runs.reduce((sum, run) => sum + run.dropped[key], 0);
  return {
    rows,
    notes: [
      `- Route quality per seed, recorded (raw): ${perSeed}.`,
      `- Dropped fixes over all seeds: ${total('inaccurate')} inaccurate (over 30 m, or over ` +
        `15 m at a segment's start), ${total('tooClose')} too close, ${total('tooFast')} too fast; ` +
        `${runs.reduce((sum, run) => sum + run.kept, 0)} kept.`,
    ],
  };
}
