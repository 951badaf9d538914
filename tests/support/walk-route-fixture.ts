// A known walk with seeded, realistic GPS noise: for the track filter's tests, the route-quality
// benchmark (bench/walk-route.ts), the recorder's tests and the e2e walk. The same seed always
// gives the same fixes.
//
// The route is a loop of about 2.4 km through Berlin-Kreuzberg's Bergmannkiez (the waypoints
// follow its streets approximately), walked at 1.1 m/s with one fix per second and two standing
// pauses of three minutes, at a street corner and at the market hall. Its true length is the
// length of the waypoint polyline.
//
// The noise, per fix (east and north in metres, then turned into degrees):
// - a slowly wandering error (an Ornstein-Uhlenbeck process per axis): σ 4 m with 60 s
//   correlation while walking; while standing σ 6 m with 20 s correlation, so fixes of a
//   standing group wander about 5–15 m around it, as phones do when nothing moves;
// - white jitter, σ 0.7 m per axis walking, 0.8 m standing;
// - a cold start: the first fixes are off by 40–80 m, converging within about 15 s;
// - two or three "street canyon" stretches of 20–60 s with an extra error of σ 10 m (15 s
//   correlation);
// - three to six jumps of 50–200 m lasting 1–5 fixes, anywhere, also while standing.
// Reported accuracy follows the conditions: 1.5 × the current error's σ (a 68 % radius) with a
// ±30 % log-normal spread (±40 % in a canyon), at least 3 m, so canyon fixes are sometimes
// worse than 30 m and often not; for a jump between 15 % and 80 % of the jump's length (so some
// jumps look accurate and only their speed betrays them). `events: false` leaves out the cold
// start, canyons and jumps.
import { lineDistance, metresBetween, type LatLon } from '../../src/domain/route-geometry';
import type { TrackPoint } from '../../src/shared/walk-track';

/** The loop through the Bergmannkiez: U Gneisenaustraße and back. */
export const BERGMANNKIEZ_LOOP: readonly LatLon[] = [
  { lat: 52.49125, lon: 13.3953 }, // U Gneisenaustraße
  { lat: 52.49135, lon: 13.3944 }, // Gneisenaustraße / Zossener Straße
  { lat: 52.48935, lon: 13.394 }, // Zossener Straße / Bergmannstraße
  { lat: 52.4899, lon: 13.388 }, // Bergmannstraße / Mehringdamm (first pause)
  { lat: 52.487, lon: 13.3873 }, // Mehringdamm / Fidicinstraße
  { lat: 52.4868, lon: 13.391 }, // Fidicinstraße
  { lat: 52.4876, lon: 13.3927 }, // Chamissoplatz
  { lat: 52.4888, lon: 13.3956 }, // Marheinekeplatz, the market hall (second pause)
  { lat: 52.4885, lon: 13.3987 }, // Bergmannstraße / Friesenstraße
  { lat: 52.49, lon: 13.399 }, // Friesenstraße
  { lat: 52.49115, lon: 13.3989 }, // Gneisenaustraße
  { lat: 52.49125, lon: 13.3953 }, // U Gneisenaustraße
];

export interface WalkPause {
  /** Index of the waypoint where the group stands. */
  atWaypoint: number;
  seconds: number;
}

export interface WalkRouteOptions {
  seed?: number;
  waypoints?: readonly LatLon[];
  /** Walking speed, m/s. */
  speed?: number;
  pauses?: readonly WalkPause[];
  /** Instant of the first fix. */
  start?: string;
  /** false: fixes exactly on the route, accuracy 5 m (for tests that need no noise). */
  noise?: boolean;
  /** false: only jitter and wandering, no cold start, street canyons or jumps. */
  events?: boolean;
}

export interface WalkRouteFixture {
  waypoints: readonly LatLon[];
  /** Length of the waypoint polyline, metres. */
  trueMetres: number;
  /** Where the group really was, one per second (accuracy 0). */
  truth: TrackPoint[];
  /** What the phone reported, one per second. */
  fixes: TrackPoint[];
  /** Per second: was the group standing (a pause)? */
  standing: boolean[];
  /** What was put in: how many jumps and fixes reported worse than 30 m. */
  jumps: number;
  inaccurateFixes: number;
}

export const DEFAULT_PAUSES: readonly WalkPause[] = [
  { atWaypoint: 3, seconds: 180 },
  { atWaypoint: 7, seconds: 180 },
];

const METRES_PER_DEGREE = 111_195;

/** mulberry32: a tiny seeded generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function gaussian(random: () => number): () => number {
  return () => {
    const u = 1 - random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/** The true position every second: walking the legs, standing at the pauses. */
function walkTruth(
  waypoints: readonly LatLon[],
  speed: number,
  pauses: readonly WalkPause[],
): { position: LatLon; standing: boolean }[] {
  const seconds: { position: LatLon; standing: boolean }[] = [];
  const first = waypoints[0];
  if (!first) return seconds;
  seconds.push({ position: first, standing: false });
  let carried = 0; // metres already walked into the current leg
  for (let leg = 1; leg < waypoints.length; leg += 1) {
    const from = waypoints[leg - 1] as LatLon;
    const to = waypoints[leg] as LatLon;
    const length = metresBetween(from, to);
    let along = speed - carried;
    while (along <= length) {
      const f = along / length;
      seconds.push({
        position: {
          lat: from.lat + f * (to.lat - from.lat),
          lon: from.lon + f * (to.lon - from.lon),
        },
        standing: false,
      });
      along += speed;
    }
    carried = length - (along - speed);
    for (const pause of pauses.filter((p) => p.atWaypoint === leg)) {
      for (let s = 0; s < pause.seconds; s += 1) seconds.push({ position: to, standing: true });
      carried = 0;
    }
  }
  return seconds;
}

interface Episode {
  start: number;
  length: number;
}

function episodes(
  random: () => number,
  total: number,
  count: number,
  minLen: number,
  maxLen: number,
) {
  return Array.from({ length: count }, (): Episode => ({
    start: Math.floor(random() * total),
    length: minLen + Math.floor(random() * (maxLen - minLen + 1)),
  }));
}

const inside = (list: Episode[], i: number) =>
  list.find((e) => i >= e.start && i < e.start + e.length);

/** The walk, with `fixes` as a phone would report them (seeded). */
export function walkRouteFixture(options: WalkRouteOptions = {}): WalkRouteFixture {
  const waypoints = options.waypoints ?? BERGMANNKIEZ_LOOP;
  const speed = options.speed ?? 1.1;
  const start = Date.parse(options.start ?? '2026-06-10T08:00:00.000Z');
  const seconds = walkTruth(waypoints, speed, options.pauses ?? DEFAULT_PAUSES);
  const at = (i: number) => new Date(start + i * 1000).toISOString();
  const truth = seconds.map(({ position }, i) => ({ t: at(i), ...position, accuracy: 0 }));
  const standing = seconds.map((second) => second.standing);
  const base = { waypoints, trueMetres: lineDistance(waypoints), truth, standing };
  if (options.noise === false) {
    return {
      ...base,
      fixes: truth.map((p) => ({ ...p, accuracy: 5 })),
      jumps: 0,
      inaccurateFixes: 0,
    };
  }

  const random = seededRandom(options.seed ?? 1);
  const normal = gaussian(random);
  const total = seconds.length;
  const events = options.events !== false;
  const canyons = episodes(random, total, events ? 2 + Math.floor(random() * 2) : 0, 20, 60);
  const jumps = episodes(random, total, events ? 3 + Math.floor(random() * 4) : 0, 1, 5).map(
    (e) => {
      const metres = 50 + random() * 150;
      const angle = random() * 2 * Math.PI;
      return { ...e, east: metres * Math.cos(angle), north: metres * Math.sin(angle), metres };
    },
  );
  const coldStart = { metres: events ? 40 + random() * 40 : 0, angle: random() * 2 * Math.PI };

  let wander = { east: normal() * 4, north: normal() * 4 };
  let canyon = { east: 0, north: 0 };
  const ou = (value: number, sigma: number, tau: number) => {
    const a = Math.exp(-1 / tau);
    return a * value + Math.sqrt(1 - a * a) * sigma * normal();
  };

  let inaccurateFixes = 0;
  const fixes = seconds.map(({ position, standing }, i): TrackPoint => {
    const sigma = standing ? 6 : 4;
    wander = {
      east: ou(wander.east, sigma, standing ? 20 : 60),
      north: ou(wander.north, sigma, standing ? 20 : 60),
    };
    canyon = { east: ou(canyon.east, 10, 15), north: ou(canyon.north, 10, 15) };
    const inCanyon = inside(canyons, i) !== undefined;
    const white = standing ? 0.8 : 0.7;
    let east = wander.east + white * normal() + (inCanyon ? canyon.east : 0);
    let north = wander.north + white * normal() + (inCanyon ? canyon.north : 0);
    let errorSigma = Math.hypot(sigma, white, inCanyon ? 10 : 0);

    const cold = coldStart.metres * Math.exp(-i / 4);
    if (cold > 1) {
      east += cold * Math.cos(coldStart.angle);
      north += cold * Math.sin(coldStart.angle);
      errorSigma = Math.hypot(errorSigma, cold);
    }
    let accuracy = Math.max(3, 1.5 * errorSigma * Math.exp((inCanyon ? 0.4 : 0.3) * normal()));
    const jump = jumps.find((j) => i >= j.start && i < j.start + j.length);
    if (jump) {
      east += jump.east;
      north += jump.north;
      accuracy = Math.max(accuracy, jump.metres * (0.15 + 0.65 * random()));
    }
    if (accuracy > 30) inaccurateFixes += 1;
    const metresPerLon = METRES_PER_DEGREE * Math.cos((position.lat * Math.PI) / 180);
    return {
      t: at(i),
      lat: round7(position.lat + north / METRES_PER_DEGREE),
      lon: round7(position.lon + east / metresPerLon),
      accuracy: Math.round(accuracy * 10) / 10,
    };
  });
  return { ...base, fixes, jumps: jumps.length, inaccurateFixes };
}

const round7 = (value: number) => Math.round(value * 1e7) / 1e7;
