// The route as SVG path data: a gap stays a gap, north is up, the aspect ratio is kept and the
// drawing is fitted into the box; degenerate routes (one point, none) still give a picture.
import { describe, expect, it } from 'vitest';
import { routeSvg } from '../../src/domain/route-svg';
import type { TrackPointV2 } from '../../src/shared/walk-track';

const BOX = { width: 300, height: 200, padding: 10 };
const METRES_PER_DEGREE = 111_195;
const LAT = 52.4888;
const LON = 13.3956;
const COS = Math.cos((LAT * Math.PI) / 180);

/** A point `east` and `north` metres from the corner of the square. */
function at(east: number, north: number, gap?: true): TrackPointV2 {
  return {
    t: '2026-06-10T08:00:00.000Z',
    lat: LAT + north / METRES_PER_DEGREE,
    lon: LON + east / (METRES_PER_DEGREE * COS),
    accuracy: 5,
    ...(gap ? { gap } : {}),
  };
}

/** The numbers of a path `d`, as [x, y] pairs. */
function vertices(d: string): [number, number][] {
  const numbers = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2)
    pairs.push([numbers[i] ?? 0, numbers[i + 1] ?? 0]);
  return pairs;
}

describe('routeSvg', () => {
  it('draws one path per segment: a gap is never a line', () => {
    const svg = routeSvg([at(0, 0), at(100, 0), at(100, 100, true), at(0, 100)], [], BOX);
    expect(svg.viewBox).toBe('0 0 300 200');
    expect(svg.paths).toHaveLength(2);
    expect(svg.paths.every((d) => /^M[^M]*$/.test(d))).toBe(true);
    expect(svg.paths.map((d) => vertices(d).length)).toEqual([2, 2]);
  });

  it('keeps a square of streets square, north up, centred in the box', () => {
    const square = [at(0, 0), at(200, 0), at(200, 200), at(0, 200), at(0, 0)];
    const [d] = routeSvg(square, [], BOX).paths;
    const points = vertices(d ?? '');
    const xs = points.map(([x]) => x);
    const ys = points.map(([, y]) => y);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(width).toBeCloseTo(height, 0); // not stretched to the 3:2 box
    expect(height).toBeCloseTo(180, 0); // fills the height inside the padding
    expect(Math.min(...ys)).toBeCloseTo(10, 0);
    expect((Math.min(...xs) + Math.max(...xs)) / 2).toBeCloseTo(150, 0); // centred
    // The first point is the south-west corner: bottom left.
    expect(points[0]?.[0]).toBeCloseTo(Math.min(...xs), 5);
    expect(points[0]?.[1]).toBeCloseTo(Math.max(...ys), 5);
    expect(points[2]?.[1]).toBeCloseTo(Math.min(...ys), 5); // north-east corner on top
  });

  it('fits a wide route to the width', () => {
    const [d] = routeSvg([at(0, 0), at(1000, 10)], [], BOX).paths;
    const xs = vertices(d ?? '').map(([x]) => x);
    expect(Math.min(...xs)).toBeCloseTo(10, 0);
    expect(Math.max(...xs)).toBeCloseTo(290, 0);
  });

  it('draws a single point as a dot in the middle', () => {
    const svg = routeSvg([at(0, 0)], [], BOX);
    expect(svg.paths).toEqual(['M150 100h0']);
  });

  it('gives nothing to draw for no points, and places markers without a route', () => {
    expect(routeSvg([], [], BOX)).toEqual({ viewBox: '0 0 300 200', paths: [], markers: [] });
    const svg = routeSvg([], [{ id: 'o1', position: at(0, 0) }], BOX);
    expect(svg.markers).toEqual([{ id: 'o1', x: 150, y: 100 }]);
  });

  it('puts observations on the route, and leaves out those without a position', () => {
    const svg = routeSvg(
      [at(0, 0), at(100, 0)],
      [
        { id: 'start', position: at(0, 0) },
        { id: 'nowhere', position: null },
        { id: 'end', position: at(100, 0) },
      ],
      BOX,
    );
    const [first, last] = vertices(svg.paths[0] ?? '');
    expect(svg.markers).toEqual([
      { id: 'start', x: first?.[0], y: first?.[1] },
      { id: 'end', x: last?.[0], y: last?.[1] },
    ]);
  });

  it('includes observations off the route in the fitted area', () => {
    const svg = routeSvg([at(0, 0), at(100, 0)], [{ id: 'far', position: at(0, 300) }], BOX);
    expect(svg.markers[0]?.y).toBeCloseTo(10, 0);
    const ys = vertices(svg.paths[0] ?? '').map(([, y]) => y);
    expect(ys[0]).toBeCloseTo(190, 0);
  });
});
