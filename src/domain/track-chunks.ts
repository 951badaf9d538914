// A walk's route is sent as `walk.track` chunks (src/shared/walk-track.ts): one push is capped at
// PUSH_MAX_MUTATIONS mutations and PUSH_MAX_BYTES, and a route of hours has tens of thousands
// of points. 500 points are about 40 KB of JSON, so a push of chunks fits after at most a few
// halvings (413), and one chunk alone stays far below the byte cap.
import { TRACK_MAX_CHUNK, TRACK_MAX_CHUNK_POINTS } from '../shared/walk-track';

export const TRACK_CHUNK_POINTS = 500;

export interface TrackChunk<P> {
  /** 0, 1, 2, … in route order. */
  chunk: number;
  points: P[];
}

/**
 * Splits a route into consecutive chunks of `size` points (the last one may be shorter), in
 * order; an empty route has no chunks. The same route always gives the same chunks, so a
 * route chunked again numbers its points the same way.
 */
export function chunkTrack<P>(
  points: readonly P[],
  size: number = TRACK_CHUNK_POINTS,
): TrackChunk<P>[] {
  if (!Number.isInteger(size) || size < 1 || size > TRACK_MAX_CHUNK_POINTS) {
    throw new RangeError(`chunk size must be 1…${TRACK_MAX_CHUNK_POINTS}, got ${size}`);
  }
  const chunks: TrackChunk<P>[] = [];
  for (let start = 0; start < points.length; start += size) {
    chunks.push({ chunk: chunks.length, points: points.slice(start, start + size) });
  }
  if (chunks.length - 1 > TRACK_MAX_CHUNK) {
    throw new RangeError(`a route has at most ${TRACK_MAX_CHUNK + 1} chunks`);
  }
  return chunks;
}
