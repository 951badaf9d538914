// One sync at a time per device, across tabs (issue 3, item 6): Web Locks where the browser
// has them, otherwise a lease in IndexedDB that a crashed tab loses after `leaseMs`.
// A tab that finds sync busy simply skips its round: the other tab is doing the work.
import type { QuartiersbuchDb } from '../db/db';
import { acquireLease, releaseLease } from '../db/leases';

export const SYNC_LOCK = 'quartiersbuch-sync';

type LockRequest = (
  name: string,
  options: { ifAvailable: boolean },
  callback: (lock: unknown) => Promise<unknown>,
) => Promise<unknown>;

export interface SyncLockDeps {
  db: QuartiersbuchDb;
  /** This tab's id. */
  owner: string;
  now: () => number;
  /** `navigator.locks`, when present. */
  locks?: { request: LockRequest } | undefined;
  leaseMs?: number;
}

export type Exclusive<T> = { ran: true; value: T } | { ran: false };

export async function runExclusive<T>(
  deps: SyncLockDeps,
  task: () => Promise<T>,
): Promise<Exclusive<T>> {
  if (deps.locks) {
    return (await deps.locks.request(SYNC_LOCK, { ifAvailable: true }, async (lock) =>
      lock ? { ran: true, value: await task() } : { ran: false },
    )) as Exclusive<T>;
  }
  const leaseMs = deps.leaseMs ?? 60_000;
  if (!(await acquireLease(deps.db, SYNC_LOCK, deps.owner, deps.now(), leaseMs))) {
    return { ran: false };
  }
  // Renew while the task runs, so a long push does not lose the lease to another tab.
  const renew = setInterval(
    () => void acquireLease(deps.db, SYNC_LOCK, deps.owner, deps.now(), leaseMs),
    leaseMs / 3,
  );
  try {
    return { ran: true, value: await task() };
  } finally {
    clearInterval(renew);
    await releaseLease(deps.db, SYNC_LOCK, deps.owner);
  }
}
