// Which GPS fixes of a walk become route points. Raw fixes overstate a walk: they jitter by
// metres every second, wander while the group stands, and now and then leap 50–200 m. A fix is
// kept only when it is accurate enough, plausible (no impossible speed) and clearly away from
// the last kept point; every dropped fix says why. Measured against a known route with seeded
// noise in bench/walk-route.ts (docs/benchmarks.md, "Route quality of a recorded walk"): the
// median walk within 1–2 % of its length, where summing raw fixes gives 2.7 times it.
//
// The thresholds (TRACK_FILTER_DEFAULTS) and why:
// - maxAccuracy 30 m: the figure. A fix that may be 30 m off may as well be in the
//   next street.
// - startAccuracy 15 m: the first point of the walk and of each segment after a gap must be
//   good, since every later step is measured from it. Phones' first fixes are often off by
//   20–30 m while reporting less than 30 m; the next good fix comes within seconds.
// - minDistance 10 m and accuracyFactor 3: a fix counts as a move only when it is at least
//   10 m and 3 × the mean accuracy of the two fixes away from the last kept point. A fix's
//   error is about its accuracy and changes slowly; an error e across the way adds about
//   e²/2d to a step of d metres, so steps of a few accuracies keep that at 1–2 % while corners
//   cut by such steps lose about as much. With 5–8 m accuracy (a city street) steps are
//   15–25 m; in bad stretches (15 m) they grow to 45 m.
// - standSeconds 30, standDistance 40 m: nothing kept for 30 s means the group stands (a group
//   with walking frames still covers 15 m in 30 s). A standing phone's fixes wander 5–15 m,
//   in a street canyon up to 30 m and more, so then only a fix 40 m away counts as moving on;
//   a standing group adds (almost) nothing. After a stop the first step is about 40 m straight.
//   (A drift beyond ~20 m within the first 30 s of a stand still counts once: a slow group
//   covers as much, and nothing in two fixes tells them apart.)
// - maxSpeed 3 m/s: faster than any walking group (older people walk 0.5–1.3 m/s). Speed is
//   judged after taking off both fixes' accuracy (a move within the uncertainty proves no
//   speed), from the last kept point AND from the last plausible fix (kept or too close,
//   usually one second old). The second catches a leap right after a long stand, when the
//   last kept point is minutes old and any distance would look like a walk. An accepted leap
//   can never lock the filter out: the allowed distance grows with the time since the
//   reference, so the real position is accepted again (after the leap's length ÷ 3 m/s).
//
// A gap (`gap: true` on the fix, set by the recorder after a pause or a hidden page) starts a
// new segment: distance and speed are not judged across it, and its first good fix is kept.
//
// The recorder carries three things from fix to fix (TrackFilterState): the last kept point
// (stored anyway), the last plausible fix (may live in memory: after a reload it is simply
// missing, and speed is judged from the last kept point alone) and whether a gap is pending.
// `stepTrackFilter` does exactly that; `filterTrack` is the same over a whole list.
import type { TrackPoint, TrackPointV2 } from '../shared/walk-track';
import { metresBetween } from './route-geometry';

export interface TrackFilterOptions {
  /** Fixes less accurate than this (metres) are dropped. */
  maxAccuracy: number;
  /** The first point of a segment must be at least this accurate (metres). */
  startAccuracy: number;
  /** Least distance (metres) from the last kept point. */
  minDistance: number;
  /** A kept fix is at least this many times the two fixes' mean accuracy away. */
  accuracyFactor: number;
  /** Nothing kept for this long (seconds): the group stands … */
  standSeconds: number;
  /** … and only a fix this far (metres) from the last kept point moves on. */
  standDistance: number;
  /** Fastest plausible walk, m/s, after taking off the fixes' accuracy. */
  maxSpeed: number;
}

export const TRACK_FILTER_DEFAULTS: Readonly<TrackFilterOptions> = {
  maxAccuracy: 30,
  startAccuracy: 15,
  minDistance: 10,
  accuracyFactor: 3,
  standSeconds: 30,
  standDistance: 40,
  maxSpeed: 3,
};

/** A fix as the recorder hands it over: `gap` when a pause or a hidden page came before it. */
export type TrackFix = TrackPoint & { gap?: true };

export type FixVerdict = 'keep' | 'inaccurate' | 'too-close' | 'too-fast';

const seconds = (from: TrackPoint, to: TrackPoint) =>
  (Date.parse(to.t) - Date.parse(from.t)) / 1000;

function tooFast(reference: TrackPoint, fix: TrackPoint, maxSpeed: number): boolean {
  const beyondUncertainty = metresBetween(reference, fix) - reference.accuracy - fix.accuracy;
  return beyondUncertainty > maxSpeed * Math.max(0, seconds(reference, fix));
}

/**
 * The verdict on one fix, given the last kept point and the last plausible fix (the newest
 * one judged 'keep' or 'too-close': see `isPlausible`). Without `lastPlausible` (after a
 * reload) the speed is judged from the last kept point alone.
 */
export function judgeFix(
  lastKept: TrackPointV2 | null | undefined,
  fix: TrackFix,
  options: Partial<TrackFilterOptions> = {},
  lastPlausible?: TrackPoint | null,
): FixVerdict {
  const o = { ...TRACK_FILTER_DEFAULTS, ...options };
  if (!(fix.accuracy <= o.maxAccuracy)) return 'inaccurate';
  if (!lastKept || fix.gap) return fix.accuracy <= o.startAccuracy ? 'keep' : 'inaccurate';
  if (tooFast(lastKept, fix, o.maxSpeed)) return 'too-fast';
  if (lastPlausible && tooFast(lastPlausible, fix, o.maxSpeed)) return 'too-fast';
  const needed = Math.max(
    o.minDistance,
    (o.accuracyFactor * (lastKept.accuracy + fix.accuracy)) / 2,
    seconds(lastKept, fix) > o.standSeconds ? o.standDistance : 0,
  );
  return metresBetween(lastKept, fix) < needed ? 'too-close' : 'keep';
}

/** A fix judged so is where the group plausibly was: the next fix's speed is judged from it. */
export function isPlausible(verdict: FixVerdict): boolean {
  return verdict === 'keep' || verdict === 'too-close';
}

/** What the recorder carries from one fix to the next. */
export interface TrackFilterState {
  lastKept: TrackPointV2 | undefined;
  lastPlausible: TrackPoint | undefined;
  /** A pause or hidden page came since the last kept point: the next one starts a segment. */
  gapPending: boolean;
}

export const EMPTY_TRACK_FILTER: TrackFilterState = {
  lastKept: undefined,
  lastPlausible: undefined,
  gapPending: false,
};

/**
 * One fix through the filter as the recorder does it: the verdict, the route point to store
 * when kept (with `gap: true` when a gap is pending), and the state for the next fix. A gap on
 * a dropped fix stays pending.
 */
export function stepTrackFilter(
  state: TrackFilterState,
  fix: TrackFix,
  options: Partial<TrackFilterOptions> = {},
): { verdict: FixVerdict; kept: TrackPointV2 | undefined; state: TrackFilterState } {
  const gap = state.gapPending || fix.gap === true;
  const { t, lat, lon, accuracy } = fix;
  const verdict = judgeFix(
    state.lastKept,
    gap ? { t, lat, lon, accuracy, gap: true } : { t, lat, lon, accuracy },
    options,
    gap ? undefined : state.lastPlausible,
  );
  const point: TrackPointV2 = { t, lat, lon, accuracy };
  const kept = verdict === 'keep' ? (gap ? { ...point, gap: true as const } : point) : undefined;
  return {
    verdict,
    kept,
    state: {
      lastKept: kept ?? state.lastKept,
      lastPlausible: isPlausible(verdict) ? point : gap ? undefined : state.lastPlausible,
      gapPending: gap && !kept,
    },
  };
}

/** The kept points of a whole list of fixes, with exactly the rules of `judgeFix`, in order. */
export function filterTrack(
  fixes: readonly TrackFix[],
  options: Partial<TrackFilterOptions> = {},
): TrackPointV2[] {
  const kept: TrackPointV2[] = [];
  let state = EMPTY_TRACK_FILTER;
  for (const fix of fixes) {
    const step = stepTrackFilter(state, fix, options);
    if (step.kept) kept.push(step.kept);
    state = step.state;
  }
  return kept;
}
