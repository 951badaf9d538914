// Push: sends the outbox in seq order, in batches, and acknowledges what the server has done.
// Safe to interrupt anywhere: the server applies each (clientId, seq) at most once (G2), so a
// batch whose answer was lost is simply sent again. A 413 halves the batch (issue 3, item 3).
import type { QuartiersbuchDb } from '../db/db';
import { acknowledge, readClient, readOutboxBatch } from '../db/outbox';
import { PUSH_MAX_MUTATIONS } from '../shared/push';
import { APP_VERSION, postPush, SyncError, type FetchLike } from './transport';

export interface PushDeps {
  db: QuartiersbuchDb;
  fetch: FetchLike;
  authorization: string;
  baseUrl?: string;
}

export interface PushResult {
  sent: number;
  updateAdvised: boolean;
}

export async function pushOutbox(deps: PushDeps): Promise<PushResult> {
  const client = await readClient(deps.db);
  let batchSize = PUSH_MAX_MUTATIONS;
  let sent = 0;
  let updateAdvised = false;
  if (!client) return { sent, updateAdvised };
  for (;;) {
    const rows = await readOutboxBatch(deps.db, batchSize);
    if (rows.length === 0) return { sent, updateAdvised };
    const mutations = rows.map(({ seq, name, v, author, args }) => ({
      seq,
      name,
      v,
      author,
      args,
    }));
    try {
      const response = await postPush(
        { clientId: client.clientId, appVersion: APP_VERSION, mutations },
        deps.authorization,
        deps.fetch,
        deps.baseUrl,
      );
      await acknowledge(deps.db, response.lastSeq, response.rejected);
      updateAdvised ||= response.updateAdvised;
      sent += rows.filter((row) => row.seq <= response.lastSeq).length;
      // A server that made no progress would loop us forever; stop and let the scheduler retry.
      if (response.lastSeq < (rows[0]?.seq ?? 0)) return { sent, updateAdvised };
    } catch (error) {
      if (error instanceof SyncError && error.status === 413 && batchSize > 1) {
        batchSize = Math.max(1, Math.floor(rows.length / 2));
        continue;
      }
      throw error;
    }
  }
}
