// chunkTrack: a route splits into consecutive, numbered chunks that put it back together in
// order, and never into chunks the server would refuse.
import { describe, expect, it } from 'vitest';
import { chunkTrack, TRACK_CHUNK_POINTS } from '../../src/domain/track-chunks';
import { TRACK_MAX_CHUNK_POINTS } from '../../src/shared/walk-track';

const route = (length: number) => Array.from({ length }, (_, i) => i);

describe('chunkTrack', () => {
  it('splits into chunks of 500 by default, the last one shorter, numbered from 0', () => {
    const chunks = chunkTrack(route(1_234));
    expect(TRACK_CHUNK_POINTS).toBe(500);
    expect(chunks.map((c) => [c.chunk, c.points.length])).toEqual([
      [0, 500],
      [1, 500],
      [2, 234],
    ]);
  });

  it('puts the route back together in order', () => {
    const points = route(20_000);
    const chunks = chunkTrack(points, 700);
    expect(chunks).toHaveLength(29);
    expect(chunks.flatMap((c) => c.points)).toEqual(points);
  });

  it('gives one full chunk for an exact multiple, and none for an empty route', () => {
    expect(chunkTrack(route(1_000)).map((c) => c.points.length)).toEqual([500, 500]);
    expect(chunkTrack(route(3), 1)).toEqual([
      { chunk: 0, points: [0] },
      { chunk: 1, points: [1] },
      { chunk: 2, points: [2] },
    ]);
    expect(chunkTrack([])).toEqual([]);
  });

  it('refuses chunk sizes the server would refuse', () => {
    expect(() => chunkTrack(route(5), 0)).toThrow(RangeError);
    expect(() => chunkTrack(route(5), 2.5)).toThrow(RangeError);
    expect(() => chunkTrack(route(5), TRACK_MAX_CHUNK_POINTS + 1)).toThrow(RangeError);
    expect(chunkTrack(route(TRACK_MAX_CHUNK_POINTS), TRACK_MAX_CHUNK_POINTS)).toHaveLength(1);
  });

  it('does not change the route it was given', () => {
    const points = route(10);
    chunkTrack(points, 3)[0]?.points.push(99);
    expect(points).toEqual(route(10));
  });
});
