// The GeoJSON writer (RFC 7946): a FeatureCollection with the route as one MultiLineString
// ([longitude, latitude], one LineString per segment) and observations as Points.
import { describe, expect, it } from 'vitest';
import { toGeoJson } from '../../src/domain/geojson';
import type { ExportObservation } from '../../src/domain/gpx';
import { routeDistance } from '../../src/domain/route-geometry';
import type { TrackPointV2 } from '../../src/shared/walk-track';

const point = (second: number, lat: number, lon: number, gap?: true): TrackPointV2 => ({
  t: new Date(Date.UTC(2026, 5, 10, 8, 0, second)).toISOString(),
  lat,
  lon,
  accuracy: 6,
  ...(gap ? { gap } : {}),
});

const WALK = {
  title: 'Rund um den Marheinekeplatz',
  occurredAt: '2026-06-10T08:00:00.000Z',
  endedAt: '2026-06-10T09:10:00.000Z',
};

const toilet: ExportObservation = {
  category: 'toilet',
  label: 'Toilette',
  note: 'In der Markthalle, „nette Toilette“ <öffentlich>',
  occurredAt: '2026-06-10T08:20:00.000Z',
  position: { lat: 52.488812345678, lon: 13.39561234567, accuracy: 8 },
};

/** Deep: every number in a coordinate array has at most 7 decimals. */
function decimals(value: unknown): number {
  if (Array.isArray(value)) return Math.max(0, ...value.map(decimals));
  if (typeof value !== 'number') return 0;
  return (String(value).split('.')[1] ?? '').length;
}

describe('toGeoJson', () => {
  it('writes a FeatureCollection without a crs member, the route first', () => {
    const geo = toGeoJson(WALK, [point(0, 52.4888, 13.3956), point(10, 52.4889, 13.3957)], []);
    expect(geo.type).toBe('FeatureCollection');
    expect(geo).not.toHaveProperty('crs');
    expect(geo.features).toHaveLength(1);
    const [route] = geo.features;
    expect(route?.type).toBe('Feature');
    expect(route?.properties).toMatchObject({
      kind: 'route',
      title: WALK.title,
      start: WALK.occurredAt,
      end: WALK.endedAt,
    });
    // It survives JSON: what the download holds.
    expect(JSON.parse(JSON.stringify(geo))).toEqual(geo);
  });

  it('writes the route as [lon, lat], one LineString per segment', () => {
    const route = [
      point(0, 52.4888, 13.3956),
      point(10, 52.4889, 13.3957),
      point(300, 52.4895, 13.396, true),
      point(310, 52.4896, 13.3961),
      point(320, 52.4897, 13.3962),
    ];
    const [feature] = toGeoJson(WALK, route, []).features;
    expect(feature?.geometry).toEqual({
      type: 'MultiLineString',
      coordinates: [
        [
          [13.3956, 52.4888],
          [13.3957, 52.4889],
        ],
        [
          [13.396, 52.4895],
          [13.3961, 52.4896],
          [13.3962, 52.4897],
        ],
      ],
    });
    expect(feature?.properties.distanceMetres).toBe(Math.round(routeDistance(route)));
  });

  it('leaves one-point segments out of the lines, and gives no geometry without a line', () => {
    const route = [
      point(0, 52.4888, 13.3956),
      point(300, 52.4895, 13.396, true),
      point(310, 52.4896, 13.3961),
    ];
    const [feature] = toGeoJson(WALK, route, []).features;
    expect(feature?.geometry).toEqual({
      type: 'MultiLineString',
      coordinates: [
        [
          [13.396, 52.4895],
          [13.3961, 52.4896],
        ],
      ],
    });
    expect(toGeoJson(WALK, [point(0, 52.4888, 13.3956)], []).features[0]?.geometry).toBeNull();
    expect(toGeoJson(WALK, [], []).features[0]?.geometry).toBeNull();
  });

  it('writes observations as Points with category, label, note, time and accuracy', () => {
    const unplaced = { ...toilet, category: 'other', position: null };
    const geo = toGeoJson(WALK, [], [toilet, unplaced]);
    expect(geo.features.slice(1)).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [13.3956123, 52.4888123] },
        properties: {
          kind: 'observation',
          category: 'toilet',
          label: 'Toilette',
          note: toilet.note,
          time: toilet.occurredAt,
          accuracy: 8,
        },
      },
      {
        type: 'Feature',
        geometry: null,
        properties: {
          kind: 'observation',
          category: 'other',
          label: 'Toilette',
          note: toilet.note,
          time: toilet.occurredAt,
          accuracy: null,
        },
      },
    ]);
  });

  it('rounds every coordinate to at most 7 decimals', () => {
    const route = [point(0, 52.48881234567891, 13.39561234567891), point(1, 52.4889, -0.000000001)];
    const geo = toGeoJson(WALK, route, [toilet]);
    const coordinates = geo.features.map((f) => f.geometry?.coordinates);
    expect(decimals(coordinates)).toBeLessThanOrEqual(7);
    expect(JSON.stringify(coordinates)).not.toMatch(/e-/); // no -1e-9 left
  });
});
