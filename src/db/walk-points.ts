// The kept route points of walks on the device (`walkPoints`, schema version 8), in the order
// they were kept: read by the walk screen and by stopping a walk, dropped with their walk.
// Never synced themselves: the route travels as `walk.track` chunks (src/db/tracks.ts) and
// comes back through pull (src/db/pull-tracks.ts). Works the same offline.
import Dexie from 'dexie';
import type { QuartiersbuchDb, WalkPoint } from './db';

/** A walk's points in route order (by their number n). Read-only. */
export function readWalkPoints(db: QuartiersbuchDb, walkId: string): Promise<WalkPoint[]> {
  return db.walkPoints
    .where('[walkId+n]')
    .between([walkId, Dexie.minKey], [walkId, Dexie.maxKey], true, true)
    .toArray();
}

/**
 * Drops the points and any recording of these walks: a walk deleted on the device or by a
 * pull takes its route with it. Must run inside a rw transaction over `walkPoints` and
 * `recordings`. Local only; nothing is sent.
 */
export async function dropWalkData(db: QuartiersbuchDb, walkIds: readonly string[]) {
  if (walkIds.length === 0) return;
  await db.walkPoints.where('walkId').anyOf(walkIds).delete();
  await db.recordings.bulkDelete([...walkIds]);
}

/**
 * Drops what belongs to a walk that is no longer on the device (a pull tombstoned it, or a
 * reset no longer lists it): its points, its recording, and its delivered observations — an
 * observation is shown only with its walk, and one the server accepted for a walk deleted
 * meanwhile was never stored there (delete wins), so no pull would ever remove it. Observations
 * with changes waiting or a refusal to read stay until those are settled. Inside a rw
 * transaction over `entries`, `walkPoints` and `recordings`, after the pull's entries are
 * applied. Local only; nothing is sent.
 */
export async function dropWhatLostItsWalk(db: QuartiersbuchDb): Promise<void> {
  const pointed = (await db.walkPoints.orderBy('walkId').uniqueKeys()) as string[];
  const recorded = await db.recordings.toCollection().primaryKeys();
  const observations = await db.entries
    .where('kind')
    .equals('observation')
    .filter((entry) => entry.state === 'delivered')
    .toArray();
  const walkIds = [
    ...new Set([
      ...pointed,
      ...recorded,
      ...observations.map((entry) => (entry.kind === 'observation' ? entry.walkId : '')),
    ]),
  ];
  const walks = await db.entries.bulkGet(walkIds);
  const gone = new Set(walkIds.filter((_, i) => walks[i]?.kind !== 'walk'));
  await dropWalkData(db, [...gone]);
  await db.entries.bulkDelete(
    observations
      .filter((entry) => entry.kind === 'observation' && gone.has(entry.walkId))
      .map((entry) => entry.id),
  );
}
