// GPS routes of walks on the device. For now a route is only sent, not kept: the walk entity
// (with its own table and the route it shows) arrives with walk logging. Until then the outbox
// rows ARE the durable copy of the route — they stay on the device until the server has
// stored every chunk, survive closing the tab and signing out, and go into the export of
// unsent changes like any other row. A local table would only be a second copy with nothing
// that reads it. A chunk the server refuses (G7) is kept in `rejectedChanges` with its walk's
// id (src/db/outbox.ts), so its author sees it under "Braucht Aufmerksamkeit".
// Offline: the chunks wait in the outbox like any change and are sent in order, in batches the
// server accepts (a 413 halves the batch). Conflicts: none — the server stores each (walk,
// chunk) once, so a resent chunk has no second effect.
import * as v from 'valibot';
import { chunkTrack } from '../domain/track-chunks';
import { WALK_TRACK_VERSION } from '../shared/push-protocol';
import { walkTrackV1, type TrackPoint } from '../shared/walk-track';
import type { QuartiersbuchDb } from './db';
import type { ChangeOptions } from './entries';
import { enqueue } from './outbox';

/**
 * Queues a walk's route as `walk.track` chunks, all in ONE transaction (G1): either the whole
 * route waits in the outbox or none of it, never a route with a hole in the middle. Throws on
 * an invalid walk id or point before writing anything; an empty route queues nothing. Returns
 * the seqs of the chunks in chunk order.
 */
export async function saveTrackChunks(
  db: QuartiersbuchDb,
  walkId: string,
  points: readonly TrackPoint[],
  options: ChangeOptions,
): Promise<number[]> {
  const chunks = chunkTrack(points).map((chunk) => v.parse(walkTrackV1, { walkId, ...chunk }));
  return db.transaction('rw', [db.outbox, db.clientState], async () => {
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
  });
}
