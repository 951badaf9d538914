// One sync round: pull → apply → push the outbox → pull again if anything was pushed, so the
// entries show the server's version of them (docs/sync-protocol.md). Offline or failing: a
// network error, a 5xx or an answer that is not ours is thrown and the scheduler retries with
// backoff; nothing is half-applied (each pull and each acknowledgement is one transaction).
// A 401 asks for a new enrolment and wipes the device's personal data, keeping the outbox and
// what it describes (src/db/device-wipe.ts); a 503 hands its Retry-After back.
// People (issue 7): pulls present the session tokens of the people who signed in here (their
// entries come along), pushes those of each batch's authors; rows of an author without a token
// wait (src/sync/push.ts). A device that is not enrolled (a first visit, or revoked) pulls the
// public reference data only — catalogue and opening hours — without credential or client.
import type { QuartiersbuchDb } from '../db/db';
import { readDevice } from '../db/device-identity';
import { wipeRevokedDevice } from '../db/device-wipe';
import { forgetErasedPeople } from '../db/erased-people';
import { forgetLeftPeople } from '../db/leave-device';
import { firstWaitingSeq, readClient } from '../db/outbox';
import { acknowledge } from '../db/outbox-settle';
import { forgetSessions, readHeldOutbox, readPullSessions } from '../db/people';
import { applyPull } from '../db/pull';
import { readPullState } from '../db/pull-state';
import type { PullDecision } from '../domain/pull-decision';
import { deviceAuthorization } from '../shared/identity';
import { pushOutbox } from './push';
import { fetchPull, SyncError, type FetchLike } from './transport';

export interface SyncDeps {
  db: QuartiersbuchDb;
  fetch: FetchLike;
  now: () => number;
  baseUrl?: string;
  /** Aborted when the scheduler abandoned this round: it stops before its next step. */
  signal?: AbortSignal;
  /**
   * True while an enrolment sent early by the QR link is under way (src/sync/early-requests.ts):
   * a round without a device then pulls nothing; the new device's own pull follows.
   */
  enrolling?: () => boolean;
}

export type SyncResult =
  | {
      status: 'synced';
      pushed: number;
      waiting: number;
      /** Of `waiting`, the rows held for an author without a session here (see push.ts). */
      held: number;
      updateAdvised: boolean;
    }
  /**
   * No credential, or the server refused it (401): nothing is sent until the device enrols.
   * Without a credential the round pulled the public reference data (after a 401: next round).
   */
  | { status: 'needs-enrolment' }
  /** The server is busy (503/429): try again not before `retryAfterMs`. */
  | { status: 'retry-later'; retryAfterMs: number }
  /**
   * The server expects a seq below our oldest waiting row: it forgot changes it had already
   * acknowledged (restored from a backup). They are no longer in the outbox, so this device
   * cannot resend them; people must be told. Pushing stops until then.
   */
  | { status: 'server-lost-changes'; expectedSeq: number; firstWaitingSeq: number };

/** How often one round follows a "the server is ahead of us" seq_gap before giving up. */
const MAX_GAP_RECOVERIES = 3;

export async function syncOnce(deps: SyncDeps): Promise<SyncResult> {
  const device = await readDevice(deps.db);
  try {
    if (!device || device.needsEnrolment) {
      if (!deps.enrolling?.()) await publicPull(deps, device?.quarterId);
      return { status: 'needs-enrolment' };
    }
    return await round(deps, deviceAuthorization(device.deviceId, device.credential));
  } catch (error) {
    if (!(error instanceof SyncError) || error.kind !== 'http') throw error;
    if (error.status === 401 && device) {
      await wipeRevokedDevice(deps.db, device.deviceId);
      return { status: 'needs-enrolment' };
    }
    if ((error.status === 503 || error.status === 429) && error.retryAfter !== undefined) {
      return { status: 'retry-later', retryAfterMs: error.retryAfter * 1000 };
    }
    throw error;
  }
}

async function round(deps: SyncDeps, authorization: string): Promise<SyncResult> {
  await pullAndApply(deps, authorization);
  let pushed = 0;
  let updateAdvised = false;
  for (let recoveries = 0; ; recoveries++) {
    checkAbandoned(deps.signal);
    const result = await pushOutbox({ ...deps, authorization });
    pushed += result.sent;
    updateAdvised ||= result.updateAdvised;
    if (!result.seqGap) break;
    const { expectedSeq, firstSeq } = result.seqGap;
    if (expectedSeq < firstSeq) {
      return { status: 'server-lost-changes', expectedSeq, firstWaitingSeq: firstSeq };
    }
    if (expectedSeq === firstSeq || recoveries >= MAX_GAP_RECOVERIES) {
      throw new SyncError('http', `seq_gap ${expectedSeq} after sending ${firstSeq}`, 409);
    }
    // The server already has our rows before expectedSeq (their answer was lost). A pull
    // tells us how each of them ended (applied or rejected); whatever it could not settle is
    // taken as done, then we send on from expectedSeq.
    await pullAndApply(deps, authorization);
    await acknowledge(deps.db, expectedSeq - 1, []);
  }
  if (pushed > 0) await pullAndApply(deps, authorization);
  const waiting = await deps.db.outbox.count();
  const held = (await readHeldOutbox(deps.db))?.rows ?? 0;
  return { status: 'synced', pushed, waiting, held, updateAdvised };
}

/**
 * One pull with this device's outbox position and its people's sessions, applied in one
 * transaction (G4); sessions the server calls invalid are forgotten, and so is what people who
 * signed out left behind once it is delivered (src/db/leave-device.ts).
 */
async function pullAndApply(deps: SyncDeps, authorization: string): Promise<PullDecision> {
  const [state, client, from, sessions, waiting] = await Promise.all([
    readPullState(deps.db),
    readClient(deps.db),
    firstWaitingSeq(deps.db),
    readPullSessions(deps.db),
    deps.db.outbox.count(),
  ]);
  const response = await fetchPull(
    { cookie: state?.cookie, client: client?.clientId, from },
    authorization,
    deps.fetch,
    deps.baseUrl,
    sessions,
    waiting,
  );
  checkAbandoned(deps.signal);
  const decision = await applyPull(deps.db, response, deps.now());
  await forgetSessions(deps.db, response.invalidSessions);
  await forgetErasedPeople(deps.db, response.erasedPeople);
  // People who signed out: what the last push delivered for them goes now (issue 11).
  await forgetLeftPeople(deps.db);
  return decision;
}

/**
 * The public pull of a device without a (valid) credential: catalogue and opening hours of its
 * quarter (the enrolled one, else the one it pulled before, else the server's first). No
 * `Authorization`, no client position, no sessions; nothing personal comes or goes.
 */
async function publicPull(deps: SyncDeps, quarterId?: string): Promise<PullDecision> {
  const state = await readPullState(deps.db);
  const response = await fetchPull(
    { quarter: quarterId ?? state?.quarterId, cookie: state?.cookie },
    null,
    deps.fetch,
    deps.baseUrl,
  );
  checkAbandoned(deps.signal);
  return applyPull(deps.db, response, deps.now());
}

function checkAbandoned(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SyncError('network', 'Übertragung abgebrochen');
}
