// A walk's GPS route travels as `walk.track` chunks (src/domain/track-chunks.ts), each stored
// once per (walk, chunk number) on the server and pulled back by the guide's other devices.
// The walk itself is an entry (src/shared/kinds/walk-kind.ts).
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

/**
 * A point of walk.track v2: a fix plus `gap`, set on the first point after a pause or after the
 * page was hidden. The route is drawn and measured in segments split at those points: the time
 * in between is a gap, never a straight walked line.
 */
export const trackPointV2Schema = v.object({
  ...trackPointSchema.entries,
  gap: v.optional(v.literal(true)),
});
export type TrackPointV2 = v.InferOutput<typeof trackPointV2Schema>;

/** walk.track v2: as v1, with points that may start a new segment (`gap`). */
export const walkTrackV2 = v.object({
  walkId: id,
  chunk: int(0, TRACK_MAX_CHUNK),
  points: v.pipe(v.array(trackPointV2Schema), v.minLength(1), v.maxLength(TRACK_MAX_CHUNK_POINTS)),
});
export type WalkTrackV2 = v.InferOutput<typeof walkTrackV2>;

/** A stored chunk as a pull brings it (v1 chunks simply have no gaps). */
export const trackChunkRecordSchema = v.object({
  walkId: v.pipe(v.string(), v.maxLength(64)),
  chunk: v.pipe(v.number(), v.integer(), v.minValue(0)),
  points: v.array(trackPointV2Schema),
});
export type TrackChunkRecord = v.InferOutput<typeof trackChunkRecordSchema>;
