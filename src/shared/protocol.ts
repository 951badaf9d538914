// The sync protocol, version 1 (docs/sync-protocol.md says the same in prose).
// Pull: GET /api/v1/pull?cookie=<opaque>  →  PullResponse.
// The cookie is opaque to the device; `epoch` and `head` travel beside it so the device can
// refuse a response that would move its replica backwards (G4) without parsing the cookie.
import * as v from 'valibot';
import { callRecordSchema, rejectionSchema } from './push';
import {
  activitySchema,
  institutionSchema,
  openingExceptionSchema,
  storefrontSchema,
  themeSchema,
} from './catalogue';

export const PROTOCOL_VERSION = 1;
export const API_PREFIX = '/api/v1';

/** Reference tables, in the order a pull lists them. Names are the device's table names. */
export const REFERENCE_TABLES = [
  'themes',
  'institutions',
  'activities',
  'storefronts',
  'openingExceptions',
] as const;
export type ReferenceTable = (typeof REFERENCE_TABLES)[number];

/** The device's own entries (a per-device view: entries of the people signed in on it). */
export const ENTRY_TABLES = ['calls'] as const;
export type EntryTable = (typeof ENTRY_TABLES)[number];

const ids = v.array(v.pipe(v.string(), v.minLength(1)));

export const pullResponseSchema = v.object({
  protocol: v.literal(PROTOCOL_VERSION),
  /** Opaque; send it back unchanged with the next pull. */
  cookie: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  /** Identifies one server database; a new epoch means "forget what you have". */
  epoch: v.pipe(v.string(), v.minLength(1)),
  /** The server version this response is complete up to. Never decreases within an epoch. */
  head: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** true: `changes` is the full state; drop all reference rows not in it. */
  reset: v.boolean(),
  quarter: v.object({ id: v.string(), name: v.string() }),
  changes: v.object({
    themes: v.array(themeSchema),
    institutions: v.array(institutionSchema),
    activities: v.array(activitySchema),
    storefronts: v.array(storefrontSchema),
    openingExceptions: v.array(openingExceptionSchema),
    /** Entries in this device's view: calls by the people who signed in on it. */
    calls: v.array(callRecordSchema),
  }),
  /** Tombstones: ids deleted since the cookie (empty on reset). */
  deleted: v.object({
    themes: ids,
    institutions: ids,
    activities: ids,
    storefronts: ids,
    openingExceptions: ids,
    calls: ids,
  }),
  /**
   * Where the server stands with this device's outbox, read in the same snapshot (G4): every
   * seq up to `lastSeq` is done, and `rejected` lists the rejections among seqs `from`..lastSeq.
   * Null when the request named no client or the server has never seen it.
   */
  client: v.nullable(
    v.object({
      lastSeq: v.pipe(v.number(), v.integer(), v.minValue(0)),
      rejected: v.array(rejectionSchema),
    }),
  ),
  /** Server clock at the snapshot, ISO 8601. Data only (G9): used to warn about skew. */
  serverTime: v.pipe(v.string(), v.isoTimestamp()),
});
export type PullResponse = v.InferOutput<typeof pullResponseSchema>;

/** The quarter is the device's (from its credential); pull needs `Authorization`. */
export const pullQuerySchema = v.object({
  cookie: v.optional(v.pipe(v.string(), v.maxLength(200))),
  /** The device's clientId, to learn its `lastSeq` (drop acknowledged outbox rows). */
  client: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
  /** The lowest seq still in the device's outbox: rejections from here on are listed. */
  from: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number), v.integer(), v.minValue(1)),
  ),
});

/** Every error response from the API has this shape; `message` is German, for people. */
export const errorResponseSchema = v.object({
  error: v.string(),
  message: v.string(),
});
export type ErrorResponse = v.InferOutput<typeof errorResponseSchema>;
