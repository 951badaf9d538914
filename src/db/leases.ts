// A lease in IndexedDB: "tab X runs sync until time T". For browsers without Web Locks
// (iOS Safari before 15.4). Offline: purely local. Conflicts: two tabs that try at once are
// serialised by the rw transaction, so exactly one of them gets the lease.
import type { QuartiersbuchDb } from './db';

/** Takes the lease when it is free, expired or already ours; true when we hold it now. */
export async function acquireLease(
  db: QuartiersbuchDb,
  name: string,
  owner: string,
  now: number,
  durationMs: number,
): Promise<boolean> {
  return db.transaction('rw', db.leases, async () => {
    const current = await db.leases.get(name);
    if (current && current.owner !== owner && current.expiresAt > now) return false;
    await db.leases.put({ name, owner, expiresAt: now + durationMs });
    return true;
  });
}

/** Gives the lease back, if it is still ours. */
export async function releaseLease(db: QuartiersbuchDb, name: string, owner: string) {
  await db.transaction('rw', db.leases, async () => {
    if ((await db.leases.get(name))?.owner === owner) await db.leases.delete(name);
  });
}
