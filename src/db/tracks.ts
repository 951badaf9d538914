// Sending a walk's GPS route: `walk.track` v2 chunks in the outbox. The route itself is kept in
// `walkPoints` (src/db/walk-recording.ts writes it while recording, src/db/pull-tracks.ts when
// another device's route arrives); the outbox rows are what still has to reach the server. They
// stay on the device until the server has stored every chunk, survive closing the tab and
// signing out, and go into the export of unsent changes like any other row. A chunk the server
// refuses (G7) is kept in `rejectedChanges` with its walk's id (src/db/outbox-settle.ts), so
// its author sees it under "Braucht Aufmerksamkeit".
// Offline: the chunks wait in the outbox like any change and are sent in order, in batches the
// server accepts (a 413 halves the batch). Conflicts: none — the server stores each (walk,
// chunk) once, so a resent chunk has no second effect.
import * as v from 'valibot';
import { chunkTrack } from '../domain/track-chunks';
import { WALK_TRACK_VERSION } from '../shared/push-protocol';
import { walkTrackV2, type TrackPointV2 } from '../shared/walk-track';
import type { QuartiersbuchDb } from './db';
import type { ChangeOptions } from './entries';
import { enqueue } from './outbox';

/** Only what a route point says (a stored WalkPoint also has its walk and number). */
const routePoint = ({ t, lat, lon, accuracy, gap }: TrackPointV2): TrackPointV2 =>
  gap ? { t, lat, lon, accuracy, gap } : { t, lat, lon, accuracy };

/**
 * Queues `points` as the walk's `walk.track` chunks. Must run inside a rw transaction over
 * `outbox` and `clientState` (stopping a walk queues its route together with the walk's last
 * change). Throws on an invalid walk id or point before queueing anything, which aborts the
 * caller's transaction: never a route with a hole in the middle.
 */
export async function queueTrackChunks(
  db: QuartiersbuchDb,
  walkId: string,
  points: readonly TrackPointV2[],
  options: ChangeOptions,
): Promise<number[]> {
  const chunks = chunkTrack(points.map(routePoint)).map((chunk) =>
    v.parse(walkTrackV2, { walkId, ...chunk }),
  );
  const seqs: number[] = [];
  for (const args of chunks) {
    seqs.push(
      await enqueue(db, {
        name: 'walk.track',
        v: WALK_TRACK_VERSION,
        author: options.author,
        args,
        createdAt: options.now,
      }),
    );
  }
  return seqs;
}

/**
 * Queues a walk's route as `walk.track` chunks, all in ONE transaction (G1): either the whole
 * route waits in the outbox or none of it. Throws on an invalid walk id or point before
 * writing anything; an empty route queues nothing. Returns the seqs of the chunks in chunk
 * order.
 */
export async function saveTrackChunks(
  db: QuartiersbuchDb,
  walkId: string,
  points: readonly TrackPointV2[],
  options: ChangeOptions,
): Promise<number[]> {
  return db.transaction('rw', [db.outbox, db.clientState], async () =>
    queueTrackChunks(db, walkId, points, options),
  );
}
