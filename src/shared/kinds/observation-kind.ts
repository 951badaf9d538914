// Observations on a walk: a barrier, a bench, a toilet, a meeting point, a hazard — with where
// and when, and a short note. Each is an entry of its own that names its walk, so two
// observations made at once (two devices, one offline) never overwrite each other, as one
// array field on the walk would. The server accepts one only for a walk the writer may change
// (its guide, or staff of the quarter): `links` in the declaration.
import * as v from 'valibot';
import { defineEntryKind, storedText } from '../entry-kind';
import { multiLine, plainId } from '../text';
import { TRACK_MAX_ACCURACY } from '../walk-track';

export const OBSERVATION_CATEGORIES = [
  'barrier',
  'bench',
  'toilet',
  'meetingPoint',
  'hazard',
  'other',
] as const;
export type ObservationCategory = (typeof OBSERVATION_CATEGORIES)[number];

/** Where it was seen: the fix at the time, however poor ("Hier" with a bad fix is marked). */
export const positionSchema = v.object({
  lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  lon: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
  /** Radius of uncertainty in metres; above the walk's accuracy threshold it shows as "ungenau". */
  accuracy: v.pipe(v.number(), v.minValue(0), v.maxValue(TRACK_MAX_ACCURACY)),
});
export type Position = v.InferOutput<typeof positionSchema>;

export const OBSERVATION = defineEntryKind({
  kind: 'observation',
  list: 'observations',
  fields: {
    walkId: plainId(64),
    category: v.picklist(OBSERVATION_CATEGORIES),
    /** null: no position could be had at all. */
    position: v.nullable(positionSchema),
    /** Short; line breaks allowed. */
    note: multiLine(500),
  },
  recordFields: {
    walkId: storedText(64),
    category: v.picklist(OBSERVATION_CATEGORIES),
    position: v.nullable(positionSchema),
    note: storedText(100_000),
  },
  createVersion: 1,
  words: {
    subject: 'Die Beobachtung',
    genitive: 'der Beobachtung',
    accusative: 'Diese Beobachtung',
  },
  labels: {
    walkId: 'Spaziergang',
    category: 'Art',
    position: 'Ort',
    note: 'Notiz',
  },
  links: { walkId: 'walk' },
});
