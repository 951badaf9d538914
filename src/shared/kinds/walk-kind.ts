// Walks (Stadtspaziergänge): a walk guide leads a group through the quarter. The walk entry is
// created when recording starts (so observations and route chunks made on the way have a walk
// to belong to) and completed when it stops. Its route travels separately as `walk.track`
// chunks (src/shared/walk-track.ts); its observations are entries of their own
// (observation-kind.ts), so a concurrent edit of one never replaces the others.
import * as v from 'valibot';
import { defineEntryKind, storedText } from '../entry-kind';
import { instant, int, multiLine, singleLine } from '../text';
import { activityRef } from './call-kind';

/** Most people one walk may count. */
export const WALK_MAX_PARTICIPANTS = 500;
/** Longest walk the app records: one week (a forgotten "Beenden" must not overflow anything). */
export const WALK_MAX_SECONDS = 7 * 24 * 3600;
/** Longest walk distance, in metres. */
export const WALK_MAX_METRES = 1_000_000;

const people = int(0, WALK_MAX_PARTICIPANTS);

export const WALK = defineEntryKind({
  kind: 'walk',
  list: 'walks',
  fields: {
    /** e.g. "Rund um den Marktplatz"; may stay empty while recording. */
    title: singleLine(120),
    activity: activityRef,
    /** Everyone who walked, the guide not counted. */
    participants: people,
    /** Of them, with a walking aid (Rollator, Stock). */
    withWalkingAids: people,
    /** Of them, in a wheelchair. */
    withWheelchairs: people,
    /** Line breaks and tabs allowed. */
    note: multiLine(2000),
    /** When recording stopped; null while the walk is being recorded. `occurredAt` is the start. */
    endedAt: v.nullable(instant),
    /** Length of the recorded route in metres, pauses and gaps not counted. */
    distanceMetres: int(0, WALK_MAX_METRES),
    /** Walking time in seconds: start to end without the pauses. */
    walkingSeconds: int(0, WALK_MAX_SECONDS),
  },
  recordFields: {
    title: storedText(1000),
    activity: v.nullable(
      v.object({ id: storedText(64), name: storedText(100_000), themeName: storedText(100_000) }),
    ),
    participants: v.pipe(v.number(), v.integer(), v.minValue(0)),
    withWalkingAids: v.pipe(v.number(), v.integer(), v.minValue(0)),
    withWheelchairs: v.pipe(v.number(), v.integer(), v.minValue(0)),
    note: storedText(100_000),
    endedAt: v.nullable(v.pipe(v.string(), v.maxLength(64), v.isoTimestamp())),
    distanceMetres: v.pipe(v.number(), v.integer(), v.minValue(0)),
    walkingSeconds: v.pipe(v.number(), v.integer(), v.minValue(0)),
  },
  createVersion: 1,
  words: {
    subject: 'Der Spaziergang',
    genitive: 'des Spaziergangs',
    accusative: 'Diesen Spaziergang',
  },
  labels: {
    title: 'Titel',
    activity: 'Angebot',
    participants: 'Teilnehmende',
    withWalkingAids: 'mit Gehhilfe',
    withWheelchairs: 'im Rollstuhl',
    note: 'Notiz',
    endedAt: 'Ende',
    distanceMetres: 'Strecke',
    walkingSeconds: 'Gehzeit',
  },
});
