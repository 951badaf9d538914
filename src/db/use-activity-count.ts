// How many activities the catalogue has, for the start screen (a count reads no rows).
import { countActivities } from './catalogue-queries';
import { db } from './instance';
import { useLiveQuery } from './use-live-query';

export const useActivityCount = () => useLiveQuery(() => countActivities(db), []);
