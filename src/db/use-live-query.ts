// Preact binding for Dexie's liveQuery: re-renders whenever the tables the query read change,
// in this tab or another. `undefined` means "still loading".
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    // `async`, so Dexie counts the query's awaits as its own (see DEXIE_ZONES in eslint.config.js).
    const subscription = liveQuery(async () => query()).subscribe({
      next: setValue,
      error: (error: unknown) => console.error('liveQuery failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps); // the caller lists what the query depends on
  return value;
}
