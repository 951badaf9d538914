// A walk as a GPX 1.1 file (https://www.topografix.com/GPX/1/1/), for download: the route as one
// track with a <trkseg> per segment (a gap starts a new one, so no program draws or measures a
// line across it), the observations that have a position as waypoints. Elements appear in the
// schema's order (metadata, wpt, trk; in a wpt time, name, desc, type), coordinates with at most
// 7 decimals (about 1 cm), text XML-escaped. The same walk always gives the same file: the
// metadata time is the walk's start, not the time of the download.
import { routeSegments, type LatLon } from './route-geometry';

export interface ExportWalk {
  title: string;
  /** Start of the walk (its `occurredAt`). */
  occurredAt: string;
  endedAt: string | null;
}

export interface ExportObservation {
  /** The category's code, e.g. `bench`. */
  category: string;
  /** The category as people read it, e.g. "Sitzbank". */
  label: string;
  note: string;
  occurredAt: string;
  position: (LatLon & { accuracy?: number }) | null;
}

export interface ExportPoint extends LatLon {
  t: string;
  gap?: boolean;
}

// Not allowed in XML 1.0 at all: control characters other than tab and line breaks, U+FFFE/F.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// Surrogate halves without their partner (no lookbehind: older Safari cannot parse it).
const SURROGATES = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text fit for an XML element or attribute. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(SURROGATES, (pair) => (pair.length === 2 ? pair : ''))
    .replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A coordinate with at most 7 decimals, never in exponent notation (`1e-7`). */
export function coordinate(value: number): string {
  const text = value.toFixed(7).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** An instant as xsd:dateTime in UTC, or null when it is none. */
function utc(instant: string): string | null {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const element = (name: string, text: string | null) =>
  text === null || text === '' ? '' : `<${name}>${xmlText(text)}</${name}>`;

const latLon = (p: LatLon) => `lat="${coordinate(p.lat)}" lon="${coordinate(p.lon)}"`;

function waypoint(o: ExportObservation & { position: LatLon }): string {
  return (
    `  <wpt ${latLon(o.position)}>` +
    element('time', utc(o.occurredAt)) +
    element('name', o.label) +
    element('desc', o.note) +
    element('type', o.category) +
    '</wpt>'
  );
}

function track(walk: ExportWalk, points: readonly ExportPoint[]): string[] {
  if (points.length === 0) return [];
  const segments = routeSegments(points).map((segment) => [
    '    <trkseg>',
    ...segment.map((p) => `      <trkpt ${latLon(p)}>${element('time', utc(p.t))}</trkpt>`),
    '    </trkseg>',
  ]);
  const name = element('name', walk.title.trim());
  return ['  <trk>', ...(name ? [`    ${name}`] : []), ...segments.flat(), '  </trk>'];
}

/** The GPX 1.1 document of a walk: route points in order, observations as waypoints. */
export function toGpx(
  walk: ExportWalk,
  points: readonly ExportPoint[],
  observations: readonly ExportObservation[],
): string {
  const metadata = element('name', walk.title.trim()) + element('time', utc(walk.occurredAt));
  const placed = observations.filter(
    (o): o is ExportObservation & { position: LatLon } => o.position !== null,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="Quartiersbuch" xmlns="http://www.topografix.com/GPX/1/1">',
    ...(metadata ? [`  <metadata>${metadata}</metadata>`] : []),
    ...placed.map(waypoint),
    ...track(walk, points),
    '</gpx>',
    '',
  ].join('\n');
}
