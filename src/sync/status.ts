// What the last sync round did, for the connection line in the UI. Memory only: the lasting
// fact ("Zuletzt aktualisiert") is the pull time stored with the cookie in IndexedDB.
import { useEffect, useState } from 'preact/hooks';

export type SyncPhase = 'idle' | 'syncing' | 'ok' | 'failed';

let phase: SyncPhase = 'idle';
const listeners = new Set<(phase: SyncPhase) => void>();

export function setSyncPhase(next: SyncPhase): void {
  phase = next;
  listeners.forEach((listener) => listener(next));
}

export function useSyncPhase(): SyncPhase {
  const [value, setValue] = useState(phase);
  useEffect(() => {
    listeners.add(setValue);
    return () => void listeners.delete(setValue);
  }, []);
  return value;
}
