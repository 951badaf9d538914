// Live-query hooks the views use. They re-render when a pull changes the data, in any tab.
import { countActivities, readActivity, readCatalogue, readStorefront } from './catalogue';
import { db } from './instance';
import { readPullState } from './pull-state';
import { useLiveQuery } from './use-live-query';

export const useCatalogue = () => useLiveQuery(() => readCatalogue(db), []);
export const useActivityCount = () => useLiveQuery(() => countActivities(db), []);
export const useActivity = (id: string) => useLiveQuery(() => readActivity(db, id), [id]);
export const useStorefront = () => useLiveQuery(() => readStorefront(db), []);
export const usePullState = () => useLiveQuery(async () => (await readPullState(db)) ?? null, []);
