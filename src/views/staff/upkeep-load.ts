// Loading what an upkeep screen shows, and the words for a failure. Staff screens work online
// only (nothing of them is kept on the device but the week): a failure says whether the
// connection is missing or the server refused, with the server's own German sentence where it
// gave one ("Diesen Namen gibt es schon."). A 401 is left to the staff shell, which shows the
// sign-in (staff-requests.ts, `onStaffSignedOut`).
import { useEffect, useState } from 'preact/hooks';
import { isUnreachable, StaffSignedOut, type StaffDeps } from '../../sync/staff-requests';
import { SyncError } from '../../sync/transport';
import { useStaffDeps } from './staff-context';
import type { StaffT } from './use-staff-t';

export type Load<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: unknown };

/**
 * Runs `load` when the screen opens and on `reload()`. `set` replaces what is shown (after a
 * save the answer's row goes in at once, without asking the server again).
 */
export function useStaffLoad<T>(load: (deps: StaffDeps) => Promise<T>) {
  const deps = useStaffDeps();
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    load(deps).then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [deps, round]);
  return {
    state,
    reload: () => setRound((n) => n + 1),
    set: (update: (data: T) => T) =>
      setState((previous) =>
        previous.status === 'ready' ? { status: 'ready', data: update(previous.data) } : previous,
      ),
  };
}

/** Why a request failed, in words for people; null when the shell handles it (signed out). */
export function problemText(t: StaffT, error: unknown): string | null {
  if (error instanceof StaffSignedOut) return null;
  if (isUnreachable(error)) return t('upkeep.error.offline');
  if (error instanceof SyncError && error.status !== undefined && error.status < 500) {
    const message = error.body?.message;
    if (typeof message === 'string' && message.trim() !== '') return message;
  }
  return t('upkeep.error.failed');
}
