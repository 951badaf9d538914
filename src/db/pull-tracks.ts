// The route part of a pull: `changes.tracks`, the stored chunks of walks in this device's view
// (a guide's walk recorded on another device, or this device's own coming back). Runs inside
// applyPull's transaction (src/db/pull.ts), after the entries, never alone. Offline: not
// reached. Conflicts: none — a chunk's points land on fixed keys (point n = chunk × 500 +
// index, src/domain/track-chunks.ts), so the device's own chunks coming back, or a chunk
// pulled twice, change nothing; a walk this device is still recording is never touched (its
// points are the newer truth until it stops and sends them). What belonged to a walk that left
// the device with this pull goes with it (src/db/walk-points.ts).
import { TRACK_CHUNK_POINTS } from '../domain/track-chunks';
import type { PullResponse } from '../shared/protocol';
import type { QuartiersbuchDb, WalkPoint } from './db';
import { dropWhatLostItsWalk } from './walk-points';

/**
 * Stores the pulled route chunks of walks the device holds, and drops the points, recordings
 * and observations of walks that left the device with this pull (tombstoned, or not listed by
 * a reset). Chunks of a walk the device does not hold (a route without a walk, or a walk whose
 * delete waits here) are skipped: no point ever outlives its walk.
 */
export async function applyPulledTracks(
  db: QuartiersbuchDb,
  response: PullResponse,
): Promise<void> {
  await dropWhatLostItsWalk(db);
  const { tracks } = response.changes;
  if (tracks.length === 0) return;
  const walkIds = [...new Set(tracks.map((chunk) => chunk.walkId))];
  const [walks, recordings] = await Promise.all([
    db.entries.bulkGet(walkIds),
    db.recordings.bulkGet(walkIds),
  ]);
  const takes = new Set(walkIds.filter((_, i) => walks[i]?.kind === 'walk' && !recordings[i]));
  const points: WalkPoint[] = [];
  for (const { walkId, chunk, points: chunkPoints } of tracks) {
    if (!takes.has(walkId)) continue;
    chunkPoints.forEach(({ t, lat, lon, accuracy, gap }, index) => {
      const n = chunk * TRACK_CHUNK_POINTS + index;
      points.push(
        gap ? { walkId, n, t, lat, lon, accuracy, gap } : { walkId, n, t, lat, lon, accuracy },
      );
    });
  }
  await db.walkPoints.bulkPut(points);
}
