// Applying a pull to the device: reference data (catalogue, opening hours, topics), the
// device's own entries of every kind (and the call partners assigned to its people), the
// routes of its walks, and what the server says about this device's outbox.
// Offline: nothing to do here; the replica stays as it is and the views keep reading it.
// Conflicts: reference data is only edited on the server, so a pull simply replaces rows;
// entries keep this device's unsent changes on top (src/db/pull-entries.ts); an older or
// duplicate response is refused by `decidePull` and changes nothing.
// Retention (issue 11): the periods the server names are kept with the pull state (an answer
// without them keeps the last ones), and routes past the routes' period go (expired-routes.ts).
import { decidePull, type PullDecision } from '../domain/pull-decision';
import { REFERENCE_TABLES, type PullResponse } from '../shared/protocol';
import type { QuartiersbuchDb } from './db';
import { dropExpiredRoutes } from './expired-routes';
import { settleOutbox } from './outbox-settle';
import { applyPulledEntries } from './pull-entries';
import { applyPulledTracks } from './pull-tracks';

/**
 * Applies one pull atomically (G4): reference tables, entries, routes, the acknowledged outbox
 * rows (and the refusals among them) and the cookie commit together or not at all. So a tab killed
 * half-way keeps the previous, complete replica and cookie, an entry never shows "Übertragen"
 * while its row still waits, and a row is never dropped without the pull that acknowledged it.
 */
export async function applyPull(
  db: QuartiersbuchDb,
  response: PullResponse,
  receivedAt: number,
): Promise<PullDecision> {
  const tables = REFERENCE_TABLES.map((name) => db.table(name));
  const own = [
    db.syncState,
    db.entries,
    db.rejectedChanges,
    db.outbox,
    db.walkPoints,
    db.recordings,
  ];
  return db.transaction('rw', [...tables, ...own], async () => {
    const stored = await db.syncState.get('pull');
    const decision = decidePull(stored, { ...response, quarterId: response.quarter.id });
    if (decision === 'stale') return decision;
    const retention = response.retention ?? stored?.retention;
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
      ...(retention && { retention }),
    });
    // First the acknowledgements, so entries whose rows are done now take the server's values.
    if (response.client) {
      await settleOutbox(db, response.client.lastSeq, response.client.rejected);
    }
    await applyPulledEntries(db, response);
    await applyPulledTracks(db, response);
    // Only by a period a server told: an older server's routes stay until it says.
    if (retention) await dropExpiredRoutes(db, retention.routes, receivedAt);
    return decision;
  });
}
