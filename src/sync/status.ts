// What the last sync round did, for the connection line in the UI. Memory only: the lasting
// fact ("Zuletzt aktualisiert") is the pull time stored with the cookie in IndexedDB.
import { useEffect, useState } from 'preact/hooks';

/** 'needs-enrolment': no credential, or the server refused it; sync waits for a new enrolment. */
export type SyncPhase = 'idle' | 'syncing' | 'ok' | 'failed' | 'needs-enrolment';

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

/**
 * The server said this app is older than it supports well (G10): its pushes are still
 * accepted, and the person is asked to update. Remembered until the next push says otherwise.
 */
let updateAdvised = false;
const adviceListeners = new Set<(advised: boolean) => void>();

export function setUpdateAdvised(next: boolean): void {
  if (next === updateAdvised) return;
  updateAdvised = next;
  adviceListeners.forEach((listener) => listener(next));
}

export function readUpdateAdvised(): boolean {
  return updateAdvised;
}

export function useUpdateAdvised(): boolean {
  const [value, setValue] = useState(updateAdvised);
  useEffect(() => {
    adviceListeners.add(setValue);
    return () => void adviceListeners.delete(setValue);
  }, []);
  return value;
}
