// Reading walks being recorded and walks' routes, for the live-query hooks (use-recording.ts,
// use-walk-route.ts) and the recorder. Apart from walk-recording.ts so that these screens read
// without loading the code (valibot, the kinds' schemas) for writing. Read-only; works the same
// offline.
import type { EntryOf, QuartiersbuchDb, Recording, WalkPoint } from './db';
import { readWalkPoints } from './walk-points';

/**
 * The walk `author` is recording on this device (recording or paused), or null. After the app
 * is reopened this is what says that recording goes on.
 */
export async function activeRecording(
  db: QuartiersbuchDb,
  author: string,
): Promise<Recording | null> {
  return (await db.recordings.where('author').equals(author).first()) ?? null;
}

/** A walk's route as the walk screen draws it. */
export interface WalkRoute {
  /** The kept points in route order; `gap` marks the first point of each later segment. */
  points: WalkPoint[];
  /** The walk's observations on this device, oldest first. */
  observations: EntryOf<'observation'>[];
}

/** The observations of walk `walkId` on the device (a walk has few: filtered by kind). */
function observationsOf(db: QuartiersbuchDb, walkId: string) {
  return db.entries
    .where('kind')
    .equals('observation')
    .filter((entry) => entry.kind === 'observation' && entry.walkId === walkId);
}

/**
 * How many observations walk `walkId` has: what the recording screen shows. It must not read
 * the route, which grows by a point every few seconds for hours (docs/benchmarks.md, the
 * two-hour walk).
 */
export function countWalkObservations(db: QuartiersbuchDb, walkId: string): Promise<number> {
  return observationsOf(db, walkId).count();
}

/** The route and observations of walk `walkId` (empty lists for a walk without any). */
export async function readWalkRoute(db: QuartiersbuchDb, walkId: string): Promise<WalkRoute> {
  const [points, observations] = await Promise.all([
    readWalkPoints(db, walkId),
    observationsOf(db, walkId).toArray() as Promise<EntryOf<'observation'>[]>,
  ]);
  observations.sort((a, b) =>
    a.occurredAt === b.occurredAt ? (a.id < b.id ? -1 : 1) : a.occurredAt < b.occurredAt ? -1 : 1,
  );
  return { points, observations };
}
