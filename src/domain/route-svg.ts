// A walk's route as SVG path data, without map tiles (works offline). The projection is
// equirectangular: east-west distances are shrunk by the cosine of the middle latitude of what
// is drawn, so a square of streets stays square at a quarter's scale; north is up. The drawing
// keeps its aspect ratio and is centred in width × height inside the padding. Each segment is
// a path of its own: a gap (a pause, a hidden page) is drawn as a gap, never as a line across.
import { routeSegments, type LatLon } from './route-geometry';

export interface RouteSvgOptions {
  width: number;
  height: number;
  /** Space kept free at every edge, in the same units. */
  padding: number;
}

export interface RouteSvgMarker {
  id: string;
  x: number;
  y: number;
}

export interface RouteSvg {
  /** `0 0 width height`. */
  viewBox: string;
  /** One path `d` per segment; a segment of one point is a dot (`h0`: needs round caps). */
  paths: string[];
  /** Observations that have a position, in the order given. */
  markers: RouteSvgMarker[];
}

export interface RouteSvgObservation {
  id: string;
  position: LatLon | null;
}

/** One tenth of a unit is far finer than a screen shows; shorter paths, same picture. */
const round1 = (value: number) => Math.round(value * 10) / 10;

/** A loop, not Math.min(...): a long walk has more points than a call may take arguments. */
function bounds(positions: readonly LatLon[]) {
  let [south, north, west, east] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const { lat, lon } of positions) {
    south = Math.min(south, lat);
    north = Math.max(north, lat);
    west = Math.min(west, lon);
    east = Math.max(east, lon);
  }
  return { south, north, west, east };
}

function projector(positions: readonly LatLon[], options: RouteSvgOptions) {
  const { width, height, padding } = options;
  const { south, north, west, east } = bounds(positions);
  const shrink = Math.cos((((south + north) / 2) * Math.PI) / 180);
  // Extent in "north degrees": east-west degrees are shorter by `shrink`.
  const spanX = (east - west) * shrink;
  const spanY = north - south;
  const room = { x: Math.max(0, width - 2 * padding), y: Math.max(0, height - 2 * padding) };
  const scales = [spanX > 0 ? room.x / spanX : Infinity, spanY > 0 ? room.y / spanY : Infinity];
  const scale = Math.min(...scales);
  const unit = Number.isFinite(scale) ? scale : 0; // a single place: everything in the middle
  const offsetX = (width - spanX * unit) / 2;
  const offsetY = (height - spanY * unit) / 2;
  return (p: LatLon) => ({
    x: round1(offsetX + (p.lon - west) * shrink * unit),
    y: round1(offsetY + (north - p.lat) * unit),
  });
}

function pathData(points: readonly { x: number; y: number }[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  const start = `M${first.x} ${first.y}`;
  return rest.length === 0 ? `${start}h0` : `${start}${rest.map((p) => `L${p.x} ${p.y}`).join('')}`;
}

/** The route's segments as paths and the observations as markers, fitted into the box. */
export function routeSvg(
  points: readonly (LatLon & { gap?: boolean })[],
  observations: readonly RouteSvgObservation[],
  options: RouteSvgOptions,
): RouteSvg {
  const viewBox = `0 0 ${options.width} ${options.height}`;
  const placed = observations.filter(
    (o): o is RouteSvgObservation & { position: LatLon } => o.position !== null,
  );
  const everything = [...points, ...placed.map((o) => o.position)];
  if (everything.length === 0) return { viewBox, paths: [], markers: [] };
  const project = projector(everything, options);
  return {
    viewBox,
    paths: routeSegments(points).map((segment) => pathData(segment.map(project))),
    markers: placed.map((o) => ({ id: o.id, ...project(o.position) })),
  };
}
