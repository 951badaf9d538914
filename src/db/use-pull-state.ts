// What the device knows about its last pull (quarter name, time), as a live query; null before
// the first pull.
import { db } from './instance';
import { readPullState } from './pull-state';
import { useLiveQuery } from './use-live-query';

export const usePullState = () => useLiveQuery(async () => (await readPullState(db)) ?? null, []);
