// Recording a walk on the device: start, fixes, gaps, pause, resume, stop, observations on the
// way. The walk is an entry like any other (created through src/db/entries.ts with endedAt
// null, completed at the end); while it is recorded, a `recordings` row says so — that is what
// lets recording go on after the app is reopened — and every kept point is written to
// `walkPoints` the moment it is judged (src/domain/track-filter.ts), so a crash, a reload or an
// app update loses seconds at most.
// Offline: everything here is local; the walk's create and its final update and route chunks
// wait in the outbox like any change (G1). Conflicts: a recording is this device's alone (the
// points never sync until the walk stops); the walk entry merges per field on the server like
// every entry (G6), and its route is stored once per chunk (src/db/tracks.ts).
import * as v from 'valibot';
import { metresBetween, routeDistance } from '../domain/route-geometry';
import { stepTrackFilter, type FixVerdict } from '../domain/track-filter';
import type { ValuesOf } from '../shared/entry-kinds';
import { WALK_MAX_METRES, WALK_MAX_SECONDS } from '../shared/kinds/walk-kind';
import type { ObservationCategory, Position } from '../shared/kinds/observation-kind';
import { trackPointSchema, type TrackPoint } from '../shared/walk-track';
import type { QuartiersbuchDb, Recording } from './db';
import { saveEntry, updateEntry, type ChangeOptions } from './entries';
import { queueTrackChunks } from './tracks';
import { readWalkPoints } from './walk-points';

export { activeRecording } from './walk-queries';

const iso = (ms: number) => new Date(ms).toISOString();

/** What may be given when a walk starts or stops; the rest is recorded, not typed. */
export type WalkDetails = Partial<
  Pick<
    ValuesOf<'walk'>,
    | 'title'
    | 'activity'
    | 'participants'
    | 'withWalkingAids'
    | 'withWheelchairs'
    | 'note'
    | 'concern'
  >
>;

/**
 * Starts recording a walk: the walk entry (occurredAt = now, endedAt null, nothing measured
 * yet) with its `walk.create` outbox row, and the `recordings` row, in ONE transaction — a
 * recording never exists without its walk, nor a walk "being recorded" that no recording
 * continues. Throws, writing nothing, when the author is recording a walk already. Offline: the
 * walk waits in the outbox; observations and, at the end, the route belong to it by its id.
 */
export async function startWalk(
  db: QuartiersbuchDb,
  options: ChangeOptions & WalkDetails & { makeId?: () => string },
): Promise<string> {
  const { author, now, makeId, ...details } = options;
  const values: ValuesOf<'walk'> = {
    occurredAt: iso(now),
    concern: false,
    title: '',
    activity: null,
    participants: 0,
    withWalkingAids: 0,
    withWheelchairs: 0,
    note: '',
    endedAt: null,
    distanceMetres: 0,
    walkingSeconds: 0,
    ...details,
  };
  const tables = [db.entries, db.outbox, db.clientState, db.drafts, db.recordings];
  return db.transaction('rw', tables, async () => {
    if ((await db.recordings.where('author').equals(author).count()) > 0) {
      throw new Error('Es wird schon ein Spaziergang aufgezeichnet.');
    }
    const walk = await saveEntry(db, 'walk', values, { author, now, ...(makeId && { makeId }) });
    const recording: Recording = {
      walkId: walk.id,
      author,
      status: 'recording',
      startedAt: now,
      pausedAt: null,
      pausedMs: 0,
      lastKept: null,
      lastPlausible: null,
      gapPending: false,
      kept: 0,
      dropped: 0,
      distanceMetres: 0,
    };
    await db.recordings.add(recording);
    return walk.id;
  });
}

/**
 * What became of a fix: the filter's verdict ('keep' or why it was dropped), 'invalid' for a
 * fix no route may hold (a clock outside 2000–2100, coordinates out of range), 'paused' while
 * the walk is paused, 'not-recording' when the walk is not recorded (stopped, or deleted).
 */
export type RecordVerdict = FixVerdict | 'invalid' | 'paused' | 'not-recording';

/**
 * Judges one GPS fix (src/domain/track-filter.ts, the same rules as `filterTrack`) and, when it
 * is kept, stores it at once: the point (with `gap: true` when it is the first after a gap or a
 * pause) and the recording's new state in ONE transaction, so the running distance always
 * matches the stored points and a reload judges the next fix exactly as before. Local only;
 * nothing is queued.
 */
export async function recordFix(
  db: QuartiersbuchDb,
  walkId: string,
  fix: TrackPoint,
): Promise<RecordVerdict> {
  return db.transaction('rw', [db.recordings, db.walkPoints], async () => {
    const recording = await db.recordings.get(walkId);
    if (!recording) return 'not-recording';
    if (recording.status === 'paused') return 'paused';
    const { t, lat, lon, accuracy } = fix;
    if (!v.is(trackPointSchema, { t, lat, lon, accuracy })) {
      await db.recordings.update(walkId, { dropped: recording.dropped + 1 });
      return 'invalid';
    }
    const step = stepTrackFilter(
      {
        lastKept: recording.lastKept ?? undefined,
        lastPlausible: recording.lastPlausible ?? undefined,
        gapPending: recording.gapPending,
      },
      { t, lat, lon, accuracy },
    );
    const { kept } = step;
    const previous = recording.lastKept;
    const metres = kept && previous && !kept.gap ? metresBetween(previous, kept) : 0;
    if (kept) await db.walkPoints.add({ ...kept, walkId, n: recording.kept });
    await db.recordings.put({
      ...recording,
      lastKept: step.state.lastKept ?? null,
      lastPlausible: step.state.lastPlausible ?? null,
      gapPending: step.state.gapPending,
      kept: recording.kept + (kept ? 1 : 0),
      dropped: recording.dropped + (kept ? 0 : 1),
      distanceMetres: recording.distanceMetres + metres,
    });
    return step.verdict;
  });
}

/**
 * The route has a gap here: the page was hidden (or geolocation had to be re-armed), so the
 * next kept point starts a new segment — the time in between is never drawn or counted as a
 * straight walked line. No effect on a walk that is not recorded. Local only.
 */
export async function markGap(db: QuartiersbuchDb, walkId: string): Promise<void> {
  await db.recordings
    .where('walkId')
    .equals(walkId)
    .modify((recording) => {
      recording.gapPending = startsSegment(recording);
    });
}

/** After a gap the next kept point starts a segment — unless it is the route's first point. */
const startsSegment = (recording: Recording) => recording.lastKept !== null;

/**
 * Pauses the walk: fixes are ignored until it resumes, and the paused time is not walking
 * time. Pausing a paused walk changes nothing. Local only.
 */
export async function pauseWalk(
  db: QuartiersbuchDb,
  walkId: string,
  options: { now: number },
): Promise<void> {
  await db.transaction('rw', db.recordings, async () => {
    const recording = await db.recordings.get(walkId);
    if (!recording || recording.status === 'paused') return;
    await db.recordings.update(walkId, { status: 'paused', pausedAt: options.now });
  });
}

/**
 * Resumes a paused walk: the pause is added to the paused time and the next kept point starts
 * a new segment. Resuming a walk that is not paused changes nothing. Local only.
 */
export async function resumeWalk(
  db: QuartiersbuchDb,
  walkId: string,
  options: { now: number },
): Promise<void> {
  await db.transaction('rw', db.recordings, async () => {
    const recording = await db.recordings.get(walkId);
    if (!recording || recording.status !== 'paused') return;
    await db.recordings.update(walkId, {
      status: 'recording',
      pausedAt: null,
      pausedMs: recording.pausedMs + pausedSince(recording, options.now),
      gapPending: startsSegment(recording),
    });
  });
}

/** The current pause's length so far, ms (0 while recording; never negative, G9). */
const pausedSince = (recording: Recording, now: number) =>
  recording.pausedAt === null ? 0 : Math.max(0, now - recording.pausedAt);

const clamp = (value: number, max: number) => Math.min(max, Math.max(0, Math.round(value)));

/**
 * Stops recording: the walk entry gets its end, its distance (the kept route, measured within
 * segments only) and its walking time (start to end without the pauses), plus any `details`
 * given; its route is queued as `walk.track` v2 chunks; the recording row goes. All in ONE
 * transaction: the walk is never complete without its route queued, and never recorded on
 * after it counts as complete. Offline: the update and the chunks wait in the outbox. Throws,
 * changing nothing, when the walk is not being recorded. Returns the walk as it now is.
 */
export async function stopWalk(
  db: QuartiersbuchDb,
  walkId: string,
  options: ChangeOptions & { details?: WalkDetails },
) {
  const { author, now, details } = options;
  const tables = [db.entries, db.outbox, db.clientState, db.drafts, db.recordings, db.walkPoints];
  return db.transaction('rw', tables, async () => {
    const recording = await db.recordings.get(walkId);
    if (!recording) throw new Error('Dieser Spaziergang wird nicht aufgezeichnet.');
    const points = await readWalkPoints(db, walkId);
    const pausedMs = recording.pausedMs + pausedSince(recording, now);
    const walk = await updateEntry(
      db,
      'walk',
      walkId,
      {
        ...details,
        endedAt: iso(now),
        distanceMetres: clamp(routeDistance(points), WALK_MAX_METRES),
        walkingSeconds: clamp((now - recording.startedAt - pausedMs) / 1000, WALK_MAX_SECONDS),
      },
      { author, now },
    );
    await queueTrackChunks(db, walkId, points, { author, now });
    await db.recordings.delete(walkId);
    return walk;
  });
}

/**
 * Saves an observation on walk `walkId` (Barriere, Sitzbank, …) with where and when it was
 * seen: an entry of its own with its outbox row (G1), so two observations made at once never
 * overwrite each other. `position` may be a poor fix ("Hier" with bad accuracy) or null.
 * Throws, writing nothing, when the device holds no such walk. Offline: it waits in the outbox
 * behind its walk's create (the server takes it only for a walk its author may change).
 */
export async function addObservation(
  db: QuartiersbuchDb,
  input: {
    walkId: string;
    category: ObservationCategory;
    position: Position | null;
    note: string;
    concern?: boolean;
  } & ChangeOptions & { makeId?: () => string },
): Promise<string> {
  const { walkId, category, position, note, author, now, makeId } = input;
  const tables = [db.entries, db.outbox, db.clientState, db.drafts];
  return db.transaction('rw', tables, async () => {
    const walk = await db.entries.get(walkId);
    if (walk?.kind !== 'walk') {
      throw new Error(`Diesen Spaziergang gibt es auf diesem Gerät nicht (${walkId}).`);
    }
    const values: ValuesOf<'observation'> = {
      occurredAt: iso(now),
      concern: input.concern ?? false,
      walkId,
      category,
      position,
      note,
    };
    const saved = await saveEntry(db, 'observation', values, {
      author,
      now,
      ...(makeId && { makeId }),
    });
    return saved.id;
  });
}
