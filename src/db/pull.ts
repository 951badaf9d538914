// Applying a pull to the device's reference data (catalogue and opening hours).
// Offline: nothing to do here; the replica stays as it is and the views keep reading it.
// Conflicts: reference data is only edited on the server, so a pull simply replaces rows;
// an older or duplicate response is refused by `decidePull` and changes nothing.
import { decidePull, type PullDecision } from '../domain/pull-decision';
import { REFERENCE_TABLES, type PullResponse } from '../shared/protocol';
import type { QuartiersbuchDb } from './db';

/**
 * Applies one pull atomically: all reference tables and the cookie commit together or not at
 * all (G4), so a tab killed half-way leaves the previous, complete replica and cookie.
 */
export async function applyPull(
  db: QuartiersbuchDb,
  response: PullResponse,
  receivedAt: number,
): Promise<PullDecision> {
  const tables = REFERENCE_TABLES.map((name) => db.table(name));
  return db.transaction('rw', [...tables, db.syncState], async () => {
    const stored = await db.syncState.get('pull');
    const decision = decidePull(stored, response);
    if (decision === 'stale') return decision;
    for (const name of REFERENCE_TABLES) {
      const table = db.table(name);
      if (response.reset) await table.clear();
      else await table.bulkDelete(response.deleted[name]);
      await table.bulkPut(response.changes[name]);
    }
    await db.syncState.put({
      key: 'pull',
      cookie: response.cookie,
      epoch: response.epoch,
      head: response.head,
      quarterId: response.quarter.id,
      quarterName: response.quarter.name,
      pulledAt: receivedAt,
      serverTime: response.serverTime,
    });
    return decision;
  });
}

export async function readPullState(db: QuartiersbuchDb) {
  return db.syncState.get('pull');
}
