// The storefront and its dated exceptions, as a live query; null before the first pull.
import { readStorefront } from './catalogue-queries';
import { db } from './instance';
import { useLiveQuery } from './use-live-query';

export const useStorefront = () => useLiveQuery(() => readStorefront(db), []);
