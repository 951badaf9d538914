// Push (protocol v1, docs/sync-protocol.md): a device sends its outbox, in `seq` order, and
// the server applies each (clientId, seq) at most once (G2), in order (G3), rejecting a
// permanently bad mutation without blocking the rest (G7).
// POST /api/v1/push with `Authorization: Bearer <deviceId>.<credential>`.
import * as v from 'valibot';
import {
  ENTRY_KIND_NAMES,
  ENTRY_KINDS,
  type EntryKindName,
  type EntryOperation,
} from './entry-kinds';
import { int, plainId, printableAscii } from './text';
import { walkTrackV1, walkTrackV2 } from './walk-track';

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
  /** Of those, the people staff erased: the device forgets them (see the pull's list). */
  erasedPeople: v.optional(v.array(v.pipe(v.string(), v.maxLength(64))), []),
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
// Entry mutations follow from the entry kinds (src/shared/entry-kind.ts); text and times are
// checked by the builders of text.ts: a bad field is `invalid_args` for that one mutation,
// never a database error for the whole push.

/** Every mutation the server accepts: name → version → args schema. */
export const MUTATIONS: Readonly<Record<string, Readonly<Record<number, v.GenericSchema>>>> = {
  ...Object.assign({}, ...ENTRY_KIND_NAMES.map((kind) => ENTRY_KINDS[kind].mutations)),
  'walk.track': { 1: walkTrackV1, 2: walkTrackV2 },
};

/** The version of `<kind>.<operation>` this app writes. */
export function currentVersion(kind: EntryKindName, operation: EntryOperation): number {
  return ENTRY_KINDS[kind].currentVersions[operation];
}

/** The version of `walk.track` this app writes. */
export const WALK_TRACK_VERSION = 2;
