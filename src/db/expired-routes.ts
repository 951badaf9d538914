// Routes past their period on the device (issue 11): the server deletes a walk's route chunks
// once the walk started more than `routes` days ago (server/retention/retention.job.ts), and
// after each pull the device drops its points of those walks too, by the period the server told
// (src/db/pull.ts) and the device's clock. The walk entry stays (entries have a longer period of
// their own, and its distance stays with it); the walk's page then says the route was deleted.
// Never touched: the points of a walk being recorded (a `recordings` row, or not ended yet), of
// a walk with changes waiting in the outbox (its route may not have reached the server: the
// points are the only copy), or with a refused change to read (src/db/outbox-settle.ts) — they
// go with a later pull, once that is settled. Offline: not reached (runs inside applyPull).
// Conflicts: none — nothing is sent; the server has deleted, or will delete, the same route.
import { routeExpired } from '../domain/retention-periods';
import { entryIdOf } from '../shared/entry-key';
import type { QuartiersbuchDb } from './db';

/**
 * Drops the route points of walks older than `routesDays` at `now` (device time, epoch ms),
 * except those above; returns the walks whose points went. Must run inside a rw transaction
 * over `entries`, `walkPoints`, `recordings`, `outbox` and `rejectedChanges`. Local only.
 */
export async function dropExpiredRoutes(
  db: QuartiersbuchDb,
  routesDays: number,
  now: number,
): Promise<string[]> {
  const pointed = (await db.walkPoints.orderBy('walkId').uniqueKeys()) as string[];
  if (pointed.length === 0) return [];
  const walks = await db.entries.bulkGet(pointed);
  const expired = pointed.filter((_, i) => {
    const walk = walks[i];
    return (
      walk?.kind === 'walk' &&
      walk.endedAt !== null &&
      routeExpired(walk.occurredAt, routesDays, now)
    );
  });
  if (expired.length === 0) return [];
  const recordings = await db.recordings.bulkGet(expired);
  const kept = new Set(expired.filter((_, i) => recordings[i] !== undefined));
  await db.outbox.each((row) => {
    const id = entryIdOf(row);
    if (id !== undefined) kept.add(id);
  });
  await db.rejectedChanges.each((change) => {
    if (change.entryId !== null) kept.add(change.entryId);
  });
  const drop = expired.filter((walkId) => !kept.has(walkId));
  if (drop.length > 0) await db.walkPoints.where('walkId').anyOf(drop).delete();
  return drop;
}
