// A walk's route and observations as a live query, for the walk screen (SVG route, list,
// downloads): points in route order, observations oldest first. Re-renders when a fix is kept,
// an observation saved or a pull brings the route, in this tab or another. `undefined` while
// loading. Read-only; works the same offline.
import { db } from './instance';
import { useLiveQuery } from './use-live-query';
import { readWalkRoute } from './walk-queries';

/** `{ points, observations }` of walk `walkId`. */
export const useWalkRoute = (walkId: string) =>
  useLiveQuery(() => readWalkRoute(db, walkId), [walkId]);

export type { WalkRoute } from './walk-queries';
export type { WalkPoint } from './db';
