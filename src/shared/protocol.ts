// The sync protocol, version 1 (docs/sync-protocol.md says the same in prose).
// Pull: GET /api/v1/pull?cookie=<opaque>  →  PullResponse.
// The cookie is opaque to the device; `epoch` and `head` travel beside it so the device can
// refuse a response that would move its replica backwards (G4) without parsing the cookie.
import * as v from 'valibot';
import { ENTRY_KINDS } from './entry-kinds';
import { rejectionSchema } from './push-protocol';
import type { RetentionKind } from './retention-defaults';
import { trackChunkRecordSchema } from './walk-track';
import {
  activitySchema,
  institutionSchema,
  openingExceptionSchema,
  storefrontSchema,
  themeSchema,
  topicSchema,
} from './catalogue';
import { int, MAX_INT32, plainId, printableAscii } from './text';

export const PROTOCOL_VERSION = 1;
export { API_PREFIX } from './request-basics';

/** Reference tables, in the order a pull lists them. Names are the device's table names. */
export const REFERENCE_TABLES = [
  'themes',
  'institutions',
  'activities',
  'storefronts',
  'openingExceptions',
  'topics',
] as const;
export type ReferenceTable = (typeof REFERENCE_TABLES)[number];

// The device's own entries (a per-device view: entries of the people signed in on it) come
// in one list per entry kind, named by the kind (src/shared/entry-kinds.ts). A new kind adds
// its list to `changes` and `deleted` below; older apps ignore lists they do not know.

const ids = v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64)));

/** Days of a retention period, as the server accepts them (server/retention/retention-rules.ts). */
const retentionDays = int(1, 36_500);

/**
 * The retention periods in force on the server (issue 11), days per kind: the keys of
 * RETENTION_DEFAULT_DAYS (src/shared/retention-defaults.ts). Kinds a newer server adds are
 * dropped by parsing; an older app ignores the whole object.
 */
export const retentionPeriodsSchema = v.object({
  notes: retentionDays,
  entries: retentionDays,
  history: retentionDays,
  endedPartners: retentionDays,
  routes: retentionDays,
  pushLog: retentionDays,
  audit: retentionDays,
  readAudit: retentionDays,
} satisfies Record<RetentionKind, typeof retentionDays>);

export const pullResponseSchema = v.object({
  protocol: v.literal(PROTOCOL_VERSION),
  /** Opaque; send it back unchanged with the next pull. */
  cookie: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  /** Identifies one server database; a new epoch means "forget what you have". */
  epoch: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** The server version this response is complete up to. Never decreases within an epoch. */
  head: int(0),
  /** true: `changes` is the full state; drop all reference rows not in it. */
  reset: v.boolean(),
  quarter: v.object({
    id: v.pipe(v.string(), v.maxLength(64)),
    name: v.pipe(v.string(), v.maxLength(300)),
  }),
  changes: v.object({
    themes: v.array(themeSchema),
    institutions: v.array(institutionSchema),
    activities: v.array(activitySchema),
    storefronts: v.array(storefrontSchema),
    openingExceptions: v.array(openingExceptionSchema),
    /** Topics of advice sessions. */
    topics: v.array(topicSchema),
    /** Entries in this device's view, per kind: those of the people signed in on it. */
    calls: v.array(ENTRY_KINDS.call.schemas.record),
    advice: v.array(ENTRY_KINDS.advice.schemas.record),
    walks: v.array(ENTRY_KINDS.walk.schemas.record),
    observations: v.array(ENTRY_KINDS.observation.schemas.record),
    /** Call partners assigned to the people signed in on the device (not their own entries). */
    partners: v.array(ENTRY_KINDS.partner.schemas.record),
    /**
     * Route chunks of the walks in `walks` (and of walks the device had before), stored since
     * the cookie: every chunk once, so a guide's other devices get the route (G4).
     */
    tracks: v.array(trackChunkRecordSchema),
  }),
  /** Tombstones: ids deleted since the cookie (empty on reset). */
  deleted: v.object({
    themes: ids,
    institutions: ids,
    activities: ids,
    storefronts: ids,
    openingExceptions: ids,
    topics: ids,
    calls: ids,
    advice: ids,
    walks: ids,
    observations: ids,
    /** Also partners no longer assigned to anyone signed in on the device: it drops them. */
    partners: ids,
  }),
  /**
   * Where the server stands with this device's outbox, read in the same snapshot (G4): every
   * seq up to `lastSeq` is done, and `rejected` lists the rejections among seqs `from`..lastSeq.
   * Null when the request named no client or the server has never seen it.
   */
  client: v.nullable(
    v.object({
      lastSeq: int(0),
      rejected: v.array(rejectionSchema),
    }),
  ),
  /** Server clock at the snapshot, ISO 8601. Data only (G9): used to warn about skew. */
  serverTime: v.pipe(v.string(), v.maxLength(64), v.isoTimestamp()),
  /** Presented person sessions that prove nothing (revoked, unknown): the device forgets them. */
  invalidSessions: v.optional(v.array(v.pipe(v.string(), v.maxLength(64))), []),
  /**
   * Of the people whose sessions the request presented, those staff erased (issue 11): the
   * device forgets them and everything of theirs, waiting changes included.
   */
  erasedPeople: v.optional(v.array(v.pipe(v.string(), v.maxLength(64))), []),
  /**
   * The retention periods the server deletes by (issue 11): the device keeps the last ones and
   * drops expired routes by them. Optional: an older server sends none.
   */
  retention: v.optional(retentionPeriodsSchema),
});
export type PullResponse = v.InferOutput<typeof pullResponseSchema>;
/** As the server sends it: lists that are empty may be left out. */
export type PullResponseBody = v.InferInput<typeof pullResponseSchema>;

/**
 * With `Authorization` the quarter is the device's (from its credential) and the entries those
 * of the people whose sessions it presents. Without, the pull is public: reference data only.
 */
export const pullQuerySchema = v.object({
  /** Public pull only: which quarter (default: the server's first). */
  quarter: v.optional(v.pipe(v.string(), v.regex(/^[0-9A-Za-z_-]{1,64}$/))),
  /** Opaque: printable ASCII, ≤ 200 characters. */
  cookie: v.optional(printableAscii(200)),
  /** The device's clientId (a plain id), to learn its `lastSeq` (drop acknowledged outbox rows). */
  client: v.optional(plainId(64)),
  /** The lowest seq still in the device's outbox (1 … 2^31 − 1): rejections from here on. */
  from: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,10}$/),
      v.transform(Number),
      v.integer(),
      v.minValue(1),
      v.maxValue(MAX_INT32),
    ),
  ),
});

/** Every error response from the API has this shape; `message` is German, for people. */
export const errorResponseSchema = v.object({
  error: v.pipe(v.string(), v.maxLength(64)),
  message: v.pipe(v.string(), v.maxLength(1000)),
});
export type ErrorResponse = v.InferOutput<typeof errorResponseSchema>;
