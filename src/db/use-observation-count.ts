// How many observations a walk has, live: the recording screen numbers the next one with it.
// Reads only the walk's observations, never its route (that grows for hours while recording).
import { db } from './instance';
import { useLiveQuery } from './use-live-query';
import { countWalkObservations } from './walk-queries';

export const useObservationCount = (walkId: string) =>
  useLiveQuery(() => countWalkObservations(db, walkId), [walkId]);
