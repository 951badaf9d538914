// Push (protocol v1, docs/sync-protocol.md): a device sends its outbox, in `seq` order, and
// the server applies each (clientId, seq) at most once (G2), in order (G3), rejecting a
// permanently bad mutation without blocking the rest (G7).
// POST /api/v1/push with `Authorization: Bearer <deviceId>.<credential>`.
import * as v from 'valibot';
import { instant, int, multiLine, plainId, printableAscii, singleLine, visibleName } from './text';

/** Caps per request; the server answers 413 above them and the device halves its batch. */
export const PUSH_MAX_MUTATIONS = 200;
export const PUSH_MAX_BYTES = 512 * 1024;

const id = plainId(64);
/** 1 … 2^31 − 1: the database stores seqs as 32-bit integers. */
const seq = int(1);
/** Highest mutation version a request may name; any unknown one is `unknown_mutation`. */
export const MUTATION_MAX_VERSION = 1000;

/** One outbox row as it travels. `args` is checked per mutation name and version. */
export const mutationSchema = v.object({
  seq,
  /** e.g. 'call.create'; with `v` it selects the args schema (and an upcaster for old ones). */
  name: plainId(64),
  v: int(1, MUTATION_MAX_VERSION),
  /** The user who made the change on the device (shared tablets: who was signed in). */
  author: id,
  args: v.unknown(),
});
export type Mutation = v.InferOutput<typeof mutationSchema>;

export const pushRequestSchema = v.object({
  /** Random per device installation; numbers its mutations 1, 2, 3, … */
  clientId: id,
  appVersion: printableAscii(32),
  mutations: v.pipe(v.array(mutationSchema), v.maxLength(PUSH_MAX_MUTATIONS)),
});
export type PushRequest = v.InferOutput<typeof pushRequestSchema>;

export const rejectionSchema = v.object({
  seq,
  /** Machine-readable, e.g. 'invalid_args', 'unknown_mutation', 'unknown_author'. */
  code: v.pipe(v.string(), v.maxLength(64)),
  /** German, for the author ("braucht Aufmerksamkeit"). */
  message: v.pipe(v.string(), v.maxLength(1000)),
});
export type Rejection = v.InferOutput<typeof rejectionSchema>;

/**
 * 200: everything up to `lastSeq` is done — applied, or rejected for good and listed in
 * `rejected` (the device drops those rows from its outbox and shows them to their author).
 * A duplicate of an already done `seq` is acknowledged again without effect.
 */
export const pushResponseSchema = v.object({
  lastSeq: int(0),
  rejected: v.array(rejectionSchema),
  /** Set when the device's app is older than the server supports well ("bitte aktualisieren"). */
  updateAdvised: v.boolean(),
  /**
   * Person sessions the request presented that prove nothing (revoked, unknown): the device
   * forgets them, and those people must sign in again before their changes can go out.
   */
  invalidSessions: v.optional(v.array(v.pipe(v.string(), v.maxLength(64))), []),
});
export type PushResponse = v.InferOutput<typeof pushResponseSchema>;
/** As the server sends it: lists that are empty may be left out. */
export type PushResponseBody = v.InferInput<typeof pushResponseSchema>;

/** 409 with error 'seq_gap': the first seq sent was beyond lastSeq + 1. Resend from here. */
export const seqGapResponseSchema = v.object({
  error: v.literal('seq_gap'),
  message: v.pipe(v.string(), v.maxLength(1000)),
  expectedSeq: seq,
});

// ---- Mutations -----------------------------------------------------------------------------
// Named and versioned (G10). A new version never changes an old one: the server keeps an
// upcaster from each old version to the newest for as long as old apps are supported.
// Text and times are checked by the builders of text.ts: a bad field is `invalid_args` for that
// one mutation, never a database error for the whole push.

const callFields = {
  /** Device time when the call took place, UTC, 2000–2100: data, never used for ordering (G9). */
  occurredAt: instant,
  /** How the caller refers to the person called (a first name or a code, no full names). */
  partner: visibleName(80),
  durationMinutes: int(0, 600),
  /** "Sorge / Hilfebedarf": staff follow up in the weekly review. */
  concern: v.boolean(),
  /** Line breaks and tabs allowed. */
  note: multiLine(2000),
  /** Catalogue context (G11): the id plus a snapshot of name and theme at the time. */
  activity: v.nullable(v.object({ id, name: singleLine(200), themeName: singleLine(200) })),
};

/** call.create v1 (app 0.1): a call that took place. Upcast to v2 with `reached: true`. */
export const callCreateV1 = v.object({
  /** Client-generated, so a retried create is idempotent by id too. */
  id,
  ...callFields,
});
export type CallCreateV1 = v.InferOutput<typeof callCreateV1>;

/** call.create v2: also logs attempts that did not reach the person (`reached: false`). */
export const callCreateV2 = v.object({
  id,
  ...callFields,
  /** Was the person reached? Unreached attempts count too (staff see who is hard to reach). */
  reached: v.boolean(),
});
export type CallCreateV2 = v.InferOutput<typeof callCreateV2>;

/** The fields of a call a later change may set (per-field last writer wins, G6). */
export const callChangeFields = v.object({
  occurredAt: v.optional(callFields.occurredAt),
  partner: v.optional(callFields.partner),
  durationMinutes: v.optional(callFields.durationMinutes),
  concern: v.optional(callFields.concern),
  note: v.optional(callFields.note),
  activity: v.optional(callFields.activity),
  reached: v.optional(v.boolean()),
});
export type CallChangeFields = v.InferOutput<typeof callChangeFields>;
export type CallField = keyof CallChangeFields;

/**
 * call.update v1: changes some fields of a call. `baseVersion` is the server version of the
 * call the device had when the change was made (null: the device never had it back from the
 * server). A field changed on the server after `baseVersion` is a concurrent edit: the later
 * one in server order wins and the other value is kept in the call's history, flagged.
 */
export const callUpdateV1 = v.object({
  id,
  baseVersion: v.nullable(int(0)),
  fields: v.pipe(
    callChangeFields,
    v.check((fields) => Object.keys(fields).length > 0, 'Keine Änderung angegeben'),
  ),
});
export type CallUpdateV1 = v.InferOutput<typeof callUpdateV1>;

/** call.delete v1: removes a call. Delete wins over concurrent updates (G6). */
export const callDeleteV1 = v.object({ id });
export type CallDeleteV1 = v.InferOutput<typeof callDeleteV1>;

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

export const MUTATIONS = {
  'call.create': { 1: callCreateV1, 2: callCreateV2 },
  'call.update': { 1: callUpdateV1 },
  'call.delete': { 1: callDeleteV1 },
  'walk.track': { 1: walkTrackV1 },
} as const;

/** The versions this app writes. */
export const CURRENT_MUTATION_VERSION = {
  'call.create': 2,
  'call.update': 1,
  'call.delete': 1,
  'walk.track': 1,
} as const satisfies { [N in keyof typeof MUTATIONS]: keyof (typeof MUTATIONS)[N] };

/**
 * A call as the server has it, in a pull (the device's own view, see protocol.ts). Read back
 * leniently (bounded lengths, no character checks): what the server stored before the checks
 * above were strict must never make a device refuse every pull.
 */
const storedText = (max: number) => v.pipe(v.string(), v.maxLength(max));
export const callRecordSchema = v.object({
  id: storedText(64),
  occurredAt: v.pipe(v.string(), v.maxLength(64), v.isoTimestamp()),
  partner: storedText(1000),
  durationMinutes: v.pipe(v.number(), v.integer(), v.minValue(0)),
  concern: v.boolean(),
  note: storedText(100_000),
  activity: v.nullable(
    v.object({ id: storedText(64), name: storedText(1_000_000), themeName: storedText(1_000_000) }),
  ),
  reached: v.boolean(),
  /** The user who made the call. */
  author: storedText(64),
  /** Server version of the last change (the `baseVersion` of a later update). */
  version: int(0),
  /** A concurrent edit lost a value here; staff review it (G6). */
  conflict: v.boolean(),
});
export type CallRecord = v.InferOutput<typeof callRecordSchema>;
