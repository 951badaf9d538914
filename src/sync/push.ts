// Push: sends the outbox in seq order, in batches, and acknowledges what the server has done.
// Safe to interrupt anywhere: the server applies each (clientId, seq) at most once (G2), so a
// batch whose answer was lost is simply sent again. A 413 halves the batch (issue 3, item 3).
// A 409 seq_gap is handed back, not thrown: what to do depends on which side is behind
// (src/sync/sync-once.ts).
// Authorship (issue 7): each batch carries the session tokens of its authors, and the server
// accepts a change only under its author's session. A row whose author has no token on this
// device would be refused for good, so it is never sent: the batch ends before it, and it and
// every later row wait (in order) until that person signs in here again online (the hold rule).
// Sessions the server calls invalid are forgotten at once (src/db/people.ts). A session that
// ended after this round read the tokens (revoked meanwhile) makes the server refuse the whole
// batch (403 not_signed_in, nothing applied): its sessions are forgotten and the batch is cut
// again by the hold rule, so that person's rows wait instead of being lost.
import type { OutboxRow, QuartiersbuchDb } from '../db/db';
import { readClient, readOutboxBatch } from '../db/outbox';
import { acknowledge } from '../db/outbox-settle';
import { forgetErasedPeople } from '../db/erased-people';
import { firstHeldIndex, forgetSessions, NO_SESSION_NEEDED, readSessionTokens } from '../db/people';
import { MAX_PERSON_SESSIONS } from '../shared/identity';
import { PUSH_MAX_MUTATIONS } from '../shared/push-protocol';
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
  /** Rows still wait for an author without a token on this device (the hold rule). */
  held: boolean;
  /** The server refused a batch with 409 seq_gap: it expects `expectedSeq`, we sent `firstSeq`. */
  seqGap?: { expectedSeq: number; firstSeq: number };
}

export async function pushOutbox(deps: PushDeps): Promise<PushResult> {
  const client = await readClient(deps.db);
  let batchSize = PUSH_MAX_MUTATIONS;
  const result: PushResult = { sent: 0, updateAdvised: false, held: false };
  if (!client) return result;
  for (;;) {
    if (deps.signal?.aborted) throw new SyncError('network', 'Übertragung abgebrochen');
    const waiting = await readOutboxBatch(deps.db, batchSize);
    const { rows, sessions } = sendablePrefix(waiting, await readSessionTokens(deps.db));
    const firstSeq = rows[0]?.seq;
    if (firstSeq === undefined) return { ...result, held: waiting.length > 0 };
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
        sessions,
        await deps.db.outbox.count(),
      );
      await forgetSessions(deps.db, response.invalidSessions);
      await acknowledge(deps.db, response.lastSeq, response.rejected);
      await forgetErasedPeople(deps.db, response.erasedPeople);
      result.updateAdvised ||= response.updateAdvised;
      result.sent += rows.filter((row) => row.seq <= response.lastSeq).length;
      // A server that made no progress would loop us forever; stop and let the scheduler retry.
      if (response.lastSeq < firstSeq) return result;
    } catch (error) {
      // 413: over the caps; 408: the body did not arrive in time (a very slow link). Either way a
      // smaller batch gets through.
      const tooBig = error instanceof SyncError && (error.status === 413 || error.status === 408);
      if (tooBig && batchSize > 1) {
        batchSize = Math.max(1, Math.floor(rows.length / 2));
        continue;
      }
      const expectedSeq = seqGapOf(error);
      if (expectedSeq !== undefined) return { ...result, seqGap: { expectedSeq, firstSeq } };
      const ended = endedSessionsOf(error);
      const erased = listIn(error, 'erasedPeople');
      if (erased.length > 0) await forgetErasedPeople(deps.db, erased);
      if (ended !== undefined && (ended.length > 0 || erased.length > 0)) {
        await forgetSessions(deps.db, ended);
        continue;
      }
      throw error;
    }
  }
}

/**
 * The rows of a batch that may go out, in seq order, and the tokens to send with them: up to the
 * first row whose author has no token here (it and everything after it wait), and at most
 * MAX_PERSON_SESSIONS different authors (the server's limit per request; the rest goes in the
 * next batch).
 */
export function sendablePrefix(
  waiting: readonly OutboxRow[],
  tokens: ReadonlyMap<string, string>,
): { rows: OutboxRow[]; sessions: string[] } {
  const held = firstHeldIndex(waiting, tokens);
  const candidates = held < 0 ? waiting : waiting.slice(0, held);
  const sessions = new Map<string, string>();
  const rows: OutboxRow[] = [];
  for (const row of candidates) {
    const token = tokens.get(row.author) as string;
    if (token !== NO_SESSION_NEEDED && !sessions.has(row.author)) {
      if (sessions.size === MAX_PERSON_SESSIONS) break;
      sessions.set(row.author, token);
    }
    rows.push(row);
  }
  return { rows, sessions: [...sessions.values()] };
}

/** The sessions a 403 not_signed_in names as ended; undefined for any other error. */
function endedSessionsOf(error: unknown): string[] | undefined {
  if (!(error instanceof SyncError) || error.status !== 403 || error.code !== 'not_signed_in') {
    return undefined;
  }
  return listIn(error, 'invalidSessions');
}

/** A list of ids in a 403 not_signed_in's body (empty for any other error). */
function listIn(error: unknown, key: 'invalidSessions' | 'erasedPeople'): string[] {
  if (!(error instanceof SyncError) || error.status !== 403 || error.code !== 'not_signed_in') {
    return [];
  }
  const ids = error.body?.[key];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

function seqGapOf(error: unknown): number | undefined {
  if (!(error instanceof SyncError) || error.status !== 409 || error.code !== 'seq_gap') {
    return undefined;
  }
  const expected = error.body?.expectedSeq;
  return typeof expected === 'number' && Number.isInteger(expected) ? expected : undefined;
}
