// Distances on a walk's route. The earth is a sphere of the WGS84 mean radius here (haversine):
// over a walk of a few kilometres the sphere differs from the ellipsoid by at most about 0.5 %,
// far below what GPS noise does, and the formula needs no iteration. A route is measured within
// its segments only: the first point of a segment (`gap: true`) follows a pause or a time the
// page was hidden, and nobody knows the way walked in between, so no line is counted across it.

/** WGS84 mean earth radius R1 = (2a + b) / 3, in metres. */
export const EARTH_RADIUS_METRES = 6_371_008.8;

export interface LatLon {
  lat: number;
  lon: number;
}

const RADIANS = Math.PI / 180;

/** Great-circle distance in metres between two positions (haversine). */
export function metresBetween(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RADIANS;
  const dLon = (b.lon - a.lon) * RADIANS;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * RADIANS) * Math.cos(b.lat * RADIANS) * Math.sin(dLon / 2) ** 2;
  // min(1, …): rounding can push h a hair above 1 for antipodal points.
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(Math.min(1, h)));
}

/**
 * The route's segments in order: a new one starts at every point with `gap: true` (a gap on the
 * very first point starts nothing new). No empty segments; an empty route has none.
 */
export function routeSegments<P extends LatLon & { gap?: boolean }>(points: readonly P[]): P[][] {
  const segments: P[][] = [];
  let current: P[] = [];
  for (const point of points) {
    if (point.gap && current.length > 0) {
      segments.push(current);
      current = [];
    }
    current.push(point);
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

/** Length of a line through `points`, in metres. */
export function lineDistance(points: readonly LatLon[]): number {
  let metres = 0;
  for (let i = 1; i < points.length; i += 1) {
    metres += metresBetween(points[i - 1] as LatLon, points[i] as LatLon);
  }
  return metres;
}

/** Length of a route in metres: the sum of its segments, never a line across a gap. */
export function routeDistance(points: readonly (LatLon & { gap?: boolean })[]): number {
  return routeSegments(points).reduce((sum, segment) => sum + lineDistance(segment), 0);
}
