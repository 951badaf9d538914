// One activity of the catalogue with its theme and actors, as a live query. `undefined` while
// loading; null when there is no such activity.
import { readActivity } from './catalogue-queries';
import { db } from './instance';
import { useLiveQuery } from './use-live-query';

export const useActivity = (id: string) => useLiveQuery(() => readActivity(db, id), [id]);
