// Push: sends the outbox in seq order, in batches, and acknowledges what the server has done.
// Safe to interrupt anywhere: the server applies each (clientId, seq) at most once (G2), so a
// batch whose answer was lost is simply sent again. A 413 halves the batch (issue 3, item 3).
// A 409 seq_gap is handed back, not thrown: what to do depends on which side is behind
// (src/sync/sync-once.ts).
import type { QuartiersbuchDb } from '../db/db';
import { acknowledge, readClient, readOutboxBatch } from '../db/outbox';
import { PUSH_MAX_MUTATIONS } from '../shared/push';
import { APP_VERSION, postPush, SyncError, type FetchLike } from './transport';

export interface PushDeps {
  db: QuartiersbuchDb;
  fetch: FetchLike;
  authorization: string;
  baseUrl?: string | undefined;
  /** Aborted when the round was abandoned (scheduler watchdog): no further batch starts. */
  signal?: AbortSignal | undefined;
}

export interface PushResult {
  sent: number;
  updateAdvised: boolean;
  /** The server refused a batch with 409 seq_gap: it expects `expectedSeq`, we sent `firstSeq`. */
  seqGap?: { expectedSeq: number; firstSeq: number };
}

export async function pushOutbox(deps: PushDeps): Promise<PushResult> {
  const client = await readClient(deps.db);
  let batchSize = PUSH_MAX_MUTATIONS;
  const result: PushResult = { sent: 0, updateAdvised: false };
  if (!client) return result;
  for (;;) {
    if (deps.signal?.aborted) throw new SyncError('network', 'Übertragung abgebrochen');
    const rows = await readOutboxBatch(deps.db, batchSize);
    const firstSeq = rows[0]?.seq;
    if (firstSeq === undefined) return result;
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
      result.updateAdvised ||= response.updateAdvised;
      result.sent += rows.filter((row) => row.seq <= response.lastSeq).length;
      // A server that made no progress would loop us forever; stop and let the scheduler retry.
      if (response.lastSeq < firstSeq) return result;
    } catch (error) {
      if (error instanceof SyncError && error.status === 413 && batchSize > 1) {
        batchSize = Math.max(1, Math.floor(rows.length / 2));
        continue;
      }
      const expectedSeq = seqGapOf(error);
      if (expectedSeq !== undefined) return { ...result, seqGap: { expectedSeq, firstSeq } };
      throw error;
    }
  }
}

function seqGapOf(error: unknown): number | undefined {
  if (!(error instanceof SyncError) || error.status !== 409 || error.code !== 'seq_gap') {
    return undefined;
  }
  const expected = error.body?.expectedSeq;
  return typeof expected === 'number' && Number.isInteger(expected) ? expected : undefined;
}
