// The catalogue (themes, activities, institutions, advice topics) as a live query; it
// re-renders when a pull changes it, in any tab. `undefined` while loading.
import { readCatalogue } from './catalogue-queries';
import { db } from './instance';
import { useLiveQuery } from './use-live-query';

export const useCatalogue = () => useLiveQuery(() => readCatalogue(db), []);
