// What the device knows about its last pull (cookie, head, when), for "Zuletzt aktualisiert"
// and for the next pull. Apart from pull.ts so the start screen can show it without loading
// the code that applies pulls. Read-only.
import type { PullState, QuartiersbuchDb } from './db';

export async function readPullState(db: QuartiersbuchDb): Promise<PullState | undefined> {
  return db.syncState.get('pull');
}
