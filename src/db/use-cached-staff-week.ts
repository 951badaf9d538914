// The staff's kept week (staff-week-cache.ts) for a view: read when the view mounts and again
// whenever `reload` changes (after a new week was kept). `undefined` while reading, `null`
// when there is none. Not a live query: idb-keyval has no change events, and only the
// Wochenübersicht itself writes the record.
import { useEffect, useState } from 'preact/hooks';
import { readCachedStaffWeek, type CachedStaffWeek } from './staff-week-cache';

export function useCachedStaffWeek(reload: unknown = 0): CachedStaffWeek | null | undefined {
  const [cached, setCached] = useState<CachedStaffWeek | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void readCachedStaffWeek().then((record) => current && setCached(record ?? null));
    return () => {
      current = false;
    };
  }, [reload]);
  return cached;
}
