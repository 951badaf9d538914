// A walk as GeoJSON (RFC 7946), for download: a FeatureCollection with the route as one Feature
// (a MultiLineString, one LineString per segment, so no line crosses a gap) and every
// observation as a Feature of its own. Positions are [longitude, latitude] in WGS84 with at most
// 7 decimals (RFC 7946 §11.2: about 1 cm); there is no `crs` member (§4: WGS84 is implied).
//
// Decisions:
// - A segment of a single point has no line: RFC 7946 §3.1.4 asks two or more positions of a
//   LineString. It is left out of the geometry (it adds no length either); the GPX export keeps
//   it. A route with no line at all has `geometry: null` (§3.2: an unlocated Feature).
// - An observation without a position stays in the collection with `geometry: null`, so the
//   file holds every observation; those with one are Points.
import type { ExportObservation, ExportPoint, ExportWalk } from './gpx';
import { routeDistance, routeSegments, type LatLon } from './route-geometry';

type Position = [number, number];

export interface GeoJsonFeature {
  type: 'Feature';
  geometry:
    | { type: 'MultiLineString'; coordinates: Position[][] }
    | { type: 'Point'; coordinates: Position }
    | null;
  properties: Record<string, string | number | null>;
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: GeoJsonFeature[];
}

const round7 = (value: number) => Math.round(value * 1e7) / 1e7 || 0;
const position = (p: LatLon): Position => [round7(p.lon), round7(p.lat)];

function routeFeature(walk: ExportWalk, points: readonly ExportPoint[]): GeoJsonFeature {
  const lines = routeSegments(points)
    .filter((segment) => segment.length >= 2)
    .map((segment) => segment.map(position));
  return {
    type: 'Feature',
    geometry: lines.length > 0 ? { type: 'MultiLineString', coordinates: lines } : null,
    properties: {
      kind: 'route',
      title: walk.title,
      start: walk.occurredAt,
      end: walk.endedAt,
      // Within segments, as the app measures it.
      distanceMetres: Math.round(routeDistance(points)),
    },
  };
}

function observationFeature(o: ExportObservation): GeoJsonFeature {
  return {
    type: 'Feature',
    geometry: o.position ? { type: 'Point', coordinates: position(o.position) } : null,
    properties: {
      kind: 'observation',
      category: o.category,
      label: o.label,
      note: o.note,
      time: o.occurredAt,
      accuracy: o.position?.accuracy ?? null,
    },
  };
}

/** The RFC 7946 FeatureCollection of a walk: its route first, then its observations. */
export function toGeoJson(
  walk: ExportWalk,
  points: readonly ExportPoint[],
  observations: readonly ExportObservation[],
): GeoJsonFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [routeFeature(walk, points), ...observations.map(observationFeature)],
  };
}
