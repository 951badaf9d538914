// Chunks of walks' GPS routes (migration 0005). Written only by `walk.track` mutations, inside
// the push transaction (a `WriteContext`), so every chunk carries the version of the push that
// wrote it; a pull brings the chunks of the walks in the device's view (`readViewTracks`).
// Points are stored as sent (JSON text): v1 points have no `gap`, v2 points may have one.
import type { Kysely } from 'kysely';
import type { TrackChunkRecord, TrackPointV2 } from '../../src/shared/walk-track';
import type { Database } from '../db/tables';
import type { WriteContext } from './quarter-version.repo';

export interface NewTrackChunk {
  walkId: string;
  chunk: number;
  authorId: string;
  deviceId: string;
  points: readonly TrackPointV2[];
}

/**
 * Who owns a walk's route: the author of its stored chunks, or undefined for a walk the quarter
 * has no chunk of yet. Inside the push transaction, which holds the quarter's write lock, so
 * two first chunks of one walk cannot both find it unowned.
 */
export async function findTrackOwner(w: WriteContext, walkId: string): Promise<string | undefined> {
  const row = await w.tx
    .selectFrom('walk_track_chunks')
    .select('author_user_id')
    .where('quarter_id', '=', w.quarterId)
    .where('walk_id', '=', walkId)
    .limit(1)
    .executeTakeFirst();
  return row?.author_user_id;
}

/**
 * Stores one chunk of a walk's route. A chunk the quarter already has for that walk and chunk
 * number stays as it is — a resent chunk (a lost answer, a re-queued outbox) has no second
 * effect (G2). The caller has checked that the sender owns the walk. Returns false for such a
 * chunk.
 */
export async function insertTrackChunk(w: WriteContext, chunk: NewTrackChunk): Promise<boolean> {
  const result = await w.tx
    .insertInto('walk_track_chunks')
    .values({
      quarter_id: w.quarterId,
      walk_id: chunk.walkId,
      chunk: chunk.chunk,
      author_user_id: chunk.authorId,
      device_id: chunk.deviceId,
      points: JSON.stringify(chunk.points),
      point_count: chunk.points.length,
      version: w.version,
      created_at: w.updatedAt,
    })
    .onConflict((oc) => oc.columns(['quarter_id', 'walk_id', 'chunk']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export interface StoredTrackChunk {
  chunk: number;
  pointCount: number;
  points: TrackPointV2[];
}

/** A walk's stored chunks in chunk order; the route is their points in that order. */
export async function readTrackChunks(
  db: Kysely<Database>,
  quarterId: string,
  walkId: string,
): Promise<StoredTrackChunk[]> {
  const rows = await db
    .selectFrom('walk_track_chunks')
    .select(['chunk', 'point_count', 'points'])
    .where('quarter_id', '=', quarterId)
    .where('walk_id', '=', walkId)
    .orderBy('chunk')
    .execute();
  return rows.map((row) => ({
    chunk: row.chunk,
    pointCount: row.point_count,
    points: JSON.parse(row.points) as TrackPointV2[],
  }));
}

/**
 * The route chunks a pull brings, inside its snapshot transaction: those of live walk entries
 * authored by `authorIds` (whoever sent the chunk: staff may add chunks to a guide's walk).
 * `since` null (a reset): every chunk of those walks; a number: the chunks stored after it.
 * In version order, then walk and chunk number. Chunks whose walk is no entry (routes of old
 * apps, sent before walks were entries) are not pulled.
 */
export async function readViewTracks(
  db: Kysely<Database>,
  quarterId: string,
  authorIds: readonly string[],
  since: number | null,
): Promise<TrackChunkRecord[]> {
  if (authorIds.length === 0) return [];
  const rows = await db
    .selectFrom('walk_track_chunks as c')
    .innerJoin('entries as e', (join) =>
      join.onRef('e.quarter_id', '=', 'c.quarter_id').onRef('e.id', '=', 'c.walk_id'),
    )
    .select(['c.walk_id', 'c.chunk', 'c.points'])
    .where('c.quarter_id', '=', quarterId)
    .where('e.kind', '=', 'walk')
    .where('e.deleted', '=', 0)
    .where('e.author_user_id', 'in', [...authorIds])
    .$if(since !== null, (qb) => qb.where('c.version', '>', since ?? 0))
    .orderBy('c.version')
    .orderBy('c.walk_id')
    .orderBy('c.chunk')
    .execute();
  return rows.map((row) => ({
    walkId: row.walk_id,
    chunk: row.chunk,
    points: JSON.parse(row.points) as TrackPointV2[],
  }));
}
