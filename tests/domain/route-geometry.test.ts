// Distances on a route: the haversine formula against published values, and a route measured
// within its segments only (never across a gap).
import { describe, expect, it } from 'vitest';
import {
  EARTH_RADIUS_METRES,
  lineDistance,
  metresBetween,
  routeDistance,
  routeSegments,
} from '../../src/domain/route-geometry';
import type { TrackPointV2 } from '../../src/shared/walk-track';

const point = (lat: number, lon: number, gap?: true): TrackPointV2 => ({
  t: '2026-06-10T08:00:00.000Z',
  lat,
  lon,
  accuracy: 5,
  ...(gap ? { gap } : {}),
});

describe('metresBetween', () => {
  it('makes a degree of latitude 111.2 km (2πR / 360 with the WGS84 mean radius)', () => {
    expect(EARTH_RADIUS_METRES).toBe(6_371_008.8);
    const degree = metresBetween({ lat: 52, lon: 13.4 }, { lat: 53, lon: 13.4 });
    expect(degree).toBeCloseTo((2 * Math.PI * 6_371_008.8) / 360, 3);
    expect(degree / 1000).toBeCloseTo(111.2, 1);
  });

  it('makes a degree of longitude in Berlin cos(52.5°) of a degree of latitude', () => {
    const east = metresBetween({ lat: 52.5, lon: 13 }, { lat: 52.5, lon: 14 });
    expect(east / 1000).toBeCloseTo(67.69, 1);
  });

  it('matches the published haversine reference (Rosetta Code: Nashville to Los Angeles)', () => {
    // Rosetta Code, task "Haversine formula": BNA (36.12, -86.67) to LAX (33.94, -118.40) is
    // 2887.2599506071106 km with R = 6372.8 km; the formula scales with the radius.
    const metres = metresBetween({ lat: 36.12, lon: -86.67 }, { lat: 33.94, lon: -118.4 });
    expect(((metres / 1000) * 6372.8) / 6371.0088).toBeCloseTo(2887.2599506071106, 6);
  });

  it('stays within 0.5 % of a published ellipsoidal distance (Flinders Peak to Buninyong)', () => {
    // Vincenty (1975), the standard test line of Geoscience Australia: 54 972.271 m on the
    // GRS80 ellipsoid. A sphere is off by less than half a percent.
    const dms = (d: number, m: number, s: number) =>
      Math.sign(d) * (Math.abs(d) + m / 60 + s / 3600);
    const flindersPeak = { lat: dms(-37, 57, 3.7203), lon: dms(144, 25, 29.5244) };
    const buninyong = { lat: dms(-37, 39, 10.1561), lon: dms(143, 55, 35.3839) };
    const metres = metresBetween(flindersPeak, buninyong);
    expect(Math.abs(metres / 54_972.271 - 1)).toBeLessThan(0.005);
  });

  it('is 0 for the same place, symmetric, and finite for antipodes', () => {
    const gate = { lat: 52.516275, lon: 13.377704 }; // Brandenburger Tor
    const tower = { lat: 52.520817, lon: 13.409419 }; // Fernsehturm
    expect(metresBetween(gate, gate)).toBe(0);
    expect(metresBetween(gate, tower)).toBeCloseTo(metresBetween(tower, gate), 9);
    expect(metresBetween(gate, tower)).toBeGreaterThan(2_100);
    expect(metresBetween(gate, tower)).toBeLessThan(2_300);
    expect(metresBetween({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(
      Math.PI * EARTH_RADIUS_METRES,
      3,
    );
  });
});

describe('routeSegments', () => {
  it('starts a new segment at every gap', () => {
    const route = [point(52, 13), point(52.001, 13), point(52.002, 13, true), point(52.003, 13)];
    expect(routeSegments(route)).toEqual([route.slice(0, 2), route.slice(2)]);
  });

  it('makes no empty segment for a gap on the first point, and none for no points', () => {
    const route = [point(52, 13, true), point(52.001, 13)];
    expect(routeSegments(route)).toEqual([route]);
    expect(routeSegments([])).toEqual([]);
  });

  it('keeps one-point segments (a gap right after a gap)', () => {
    const route = [point(52, 13), point(52.001, 13, true), point(52.002, 13, true)];
    expect(routeSegments(route).map((segment) => segment.length)).toEqual([1, 1, 1]);
  });
});

describe('routeDistance', () => {
  it('is 0 for no points, one point, or the same point twice', () => {
    expect(routeDistance([])).toBe(0);
    expect(routeDistance([point(52.5, 13.4)])).toBe(0);
    expect(routeDistance([point(52.5, 13.4), point(52.5, 13.4)])).toBe(0);
  });

  it('sums the steps of a segment', () => {
    const route = [point(52, 13), point(52.01, 13), point(52.02, 13)];
    expect(routeDistance(route)).toBeCloseTo(lineDistance(route), 9);
    expect(routeDistance(route)).toBeCloseTo(
      2 * metresBetween({ lat: 52, lon: 13 }, { lat: 52.01, lon: 13 }),
      6,
    );
  });

  it('never counts the line across a gap', () => {
    const before = [point(52, 13), point(52.001, 13)];
    const after = [point(52.1, 13.2, true), point(52.101, 13.2)];
    const within = lineDistance(before) + lineDistance(after);
    expect(routeDistance([...before, ...after])).toBeCloseTo(within, 9);
    // Without the gap flag the 12 km jump between the segments would count.
    expect(lineDistance([...before, ...after]) - within).toBeGreaterThan(10_000);
  });
});
