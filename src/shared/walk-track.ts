// A walk's GPS route travels as `walk.track` chunks (src/domain/track-chunks.ts), each stored
// once per (walk, chunk number) on the server. The walk itself becomes an entry kind with
// walk logging.
import * as v from 'valibot';
import { instant, int, plainId } from './text';

const id = plainId(64);

/** Most points one `walk.track` chunk may carry; devices send 500 (src/domain/track-chunks.ts). */
export const TRACK_MAX_CHUNK_POINTS = 1000;
/** Chunk numbers stay far below PostgreSQL's integer limit: a bad one is `invalid_args` (G7). */
export const TRACK_MAX_CHUNK = 99_999;
/** Largest `accuracy` of a track point, in metres (a fix worse than that is no route). */
export const TRACK_MAX_ACCURACY = 100_000;

/** One GPS fix of a walk's route. */
export const trackPointSchema = v.object({
  /** Device time of the fix: data, never used for ordering (G9). */
  t: instant,
  lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  lon: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
  /** Radius of the fix's uncertainty in metres, as the Geolocation API reports it. */
  accuracy: v.pipe(v.number(), v.minValue(0), v.maxValue(TRACK_MAX_ACCURACY)),
});
export type TrackPoint = v.InferOutput<typeof trackPointSchema>;

/**
 * walk.track v1: chunk number `chunk` (0, 1, 2, …) of a walk's route. A route travels in
 * chunks so no single mutation comes near the push's byte cap; the server stores each
 * (walk, chunk) once, so a chunk sent again has no second effect. The route is the chunks
 * in chunk order, the points of each in their order.
 */
export const walkTrackV1 = v.object({
  /** Client-generated id of the walk (the walk entity itself arrives with walk logging). */
  walkId: id,
  chunk: int(0, TRACK_MAX_CHUNK),
  points: v.pipe(v.array(trackPointSchema), v.minLength(1), v.maxLength(TRACK_MAX_CHUNK_POINTS)),
});
export type WalkTrackV1 = v.InferOutput<typeof walkTrackV1>;
