// Push (G2, G3, G7): applies a device's mutations in ONE transaction that owns the next version
// of the device's quarter. Why one transaction over quarters, sync_clients, mutation_log and
// entries: a mutation's effect, its log row and the client's last_seq must commit together — an
// effect without last_seq would apply twice on a retry, a last_seq without its effect would be
// lost — and a transient failure must leave nothing behind, so the retry starts from the same
// state. A permanently bad mutation is rolled back, recorded and skipped while the rest apply.
//
// Fast, with the same outcome (docs/benchmarks.md, measure 4):
// - The mutations first run without any savepoint. Only when one of them is rejected is that
//   whole transaction rolled back and the push run again in a new one, with a savepoint per
//   mutation, so only the rejected ones leave nothing behind — exactly what a savepoint per
//   mutation from the start would have left. A rejection is rare; a savepoint per mutation
//   cost as much as the mutation's own write, and even one savepoint around the batch cost
//   SQLite 5–15 % of a push (it keeps the original of every page the batch changes).
// - In that first attempt, a create that only adds an entry (no link to check, an author who may
//   create it: most of a push) is not written at once but collected with the others and written
//   in INSERTs of up to 100 rows (`EntryBatch`): 12–19 % faster on SQLite than an INSERT each.
//   Any other mutation first writes what was collected, so it sees the database as if every
//   mutation before it had been applied in turn. An id found taken (a create sent again, rare)
//   also sends the push to the one-by-one run, where that create finds out what it means.
// - Each author is looked up once per request. A push never writes users, so within it the
//   answer could only change by a concurrent disable, which then simply counts as after this
//   push (SQLite: impossible anyway, the push holds the write lock on one snapshot).
// - The log rows are written together after the mutations, in multi-row INSERTs; they still
//   commit with the effects and last_seq, and the primary key (client_id, seq) still refuses
//   a second row for a seq.
import type { Kysely } from 'kysely';
import type {
  Mutation,
  PushRequest,
  PushResponseBody,
  Rejection,
} from '../../src/shared/push-protocol';
import type { Database } from '../db/tables';
import {
  ApiError,
  ClientMismatchError,
  NotSignedInError,
  SeqGapError,
  UnavailableError,
} from '../errors';
import type { AuthenticatedDevice } from '../identity/authenticated-device';
import { isDeviceRevoked, markDeviceDelivered } from '../repos/device.repo';
import { entryBatch } from '../repos/entry.repo';
import { logMutations, rejectionsBetween } from '../repos/mutation-log.repo';
import { erasedAmong } from '../repos/person-erasure.repo';
import {
  writeInQuarterWithSavepoints,
  type SavepointWriteContext,
} from '../repos/quarter-version.repo';
import { findActiveUser, type ActiveUser } from '../repos/user.repo';
import {
  lockSyncClient,
  moveSyncClient,
  setLastSeq,
  type SyncClient,
} from '../repos/sync-client.repo';
import { MutationRejection, RedoOneByOne } from './mutation-rejection';
import {
  applyMutation,
  type ApplyMutation,
  type MutationSource,
  type PushWriteContext,
  writeCollectedEntries,
} from './mutation.registry';
import { planPush } from './push-sequence';
import { isUpdateAdvised } from './update-advice';

/** Seconds a device waits after a 503 before it pushes again. */
export const PUSH_RETRY_AFTER_SECONDS = 5;

/** Replaceable parts, passed in by buildApp (tests inject faults here). */
export interface PushHooks {
  applyMutation: ApplyMutation;
}

export const DEFAULT_PUSH_HOOKS: PushHooks = { applyMutation };

export interface PushOptions {
  hooks?: PushHooks;
  now?: Date;
}

export async function push(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
  request: PushRequest,
  options: PushOptions = {},
): Promise<PushResponseBody> {
  const now = options.now ?? new Date();
  const apply = options.hooks?.applyMutation ?? applyMutation;
  const attempt = (oneByOne: boolean) =>
    writeInQuarterWithSavepoints(
      db,
      device.quarterId,
      (w) => applyBatch(w, device, request, apply, now, oneByOne),
      { now },
    );
  try {
    const done = await attempt(false).catch((error: unknown) => {
      if (error instanceof RedoOneByOne) return attempt(true);
      throw error;
    });
    return {
      ...done,
      updateAdvised: isUpdateAdvised(request.appVersion),
      // Only when there are some: the device reads a missing list as empty.
      ...(device.invalidSessions.length > 0 && { invalidSessions: [...device.invalidSessions] }),
      ...(device.erasedPeople.length > 0 && { erasedPeople: [...device.erasedPeople] }),
    };
  } catch (error) {
    // Our own refusals (gap, mismatch) are answers; everything else is taken as transient.
    if (error instanceof ApiError) throw error;
    throw new UnavailableError(PUSH_RETRY_AFTER_SECONDS, { cause: error });
  }
}

async function applyBatch(
  w: SavepointWriteContext,
  device: AuthenticatedDevice,
  request: PushRequest,
  apply: ApplyMutation,
  now: Date,
  oneByOne: boolean,
): Promise<{ lastSeq: number; rejected: Rejection[] }> {
  const { clientId } = request;
  const client = await claimClient(w, clientId, device, now);
  const plan = planPush(request.mutations, client.lastSeq);
  if ('expectedSeq' in plan) throw new SeqGapError(plan.expectedSeq);
  const source = { deviceId: device.id, clientId };
  // Who wrote it is proven, not claimed (issue 7): every new change needs its author's session
  // on this device in the request. Refused whole, before anything is written, so no change is
  // lost: the device holds that person's changes until they sign in again.
  // Changes of a person staff erased need no session: the device can never present one again,
  // and they are refused below all the same (`unknown_author`), so nothing of them is stored.
  const unsigned = plan.pending
    .map((mutation) => mutation.author)
    .filter((author) => !device.people.has(author));
  if (unsigned.length > 0) {
    const erased = new Set(await erasedAmong(w.tx, device.quarterId, [...new Set(unsigned)]));
    if (unsigned.some((author) => !erased.has(author))) {
      throw new NotSignedInError(device.invalidSessions, device.erasedPeople);
    }
  }
  const context = { ...w, activeUser: activeUsersOf(w) };
  const rejections = oneByOne
    ? await applyEach(context, plan.pending, source, apply)
    : await applyAll(context, plan.pending, source, apply);
  const entries = plan.pending.map((mutation) => ({
    clientId,
    seq: mutation.seq,
    name: mutation.name,
    v: mutation.v,
    authorId: mutation.author,
    rejection: rejections.get(mutation.seq) ?? null,
    receivedAt: now,
  }));
  await logMutations(w.tx, entries);
  // Staff see when a tablet last delivered (issue 10): a push that applied at least one change.
  if (plan.pending.length > rejections.size) await markDeviceDelivered(w.tx, device.id, now);
  const lastSeq = plan.pending.at(-1)?.seq ?? client.lastSeq;
  if (lastSeq !== client.lastSeq) await setLastSeq(w.tx, clientId, lastSeq, now);
  // Also rejections recorded by an earlier push of the same seqs: the device may have lost
  // that response, and must still learn which of its entries need attention.
  const seqs = new Set(request.mutations.map((mutation) => mutation.seq));
  const recorded = await rejectionsBetween(w.tx, clientId, Math.min(...seqs), Math.max(...seqs));
  return { lastSeq, rejected: recorded.filter((rejection) => seqs.has(rejection.seq)) };
}

/**
 * The client's row, locked for this push. A client id stays with its device; it moves to a
 * newly enrolled device of the same quarter only when its old device is revoked, so an app
 * that had to enrol again keeps pushing its outbox (issue 3, item 1). Any other device using
 * it is refused: its seqs would pass as duplicates of another device's and be dropped.
 */
async function claimClient(
  w: SavepointWriteContext,
  clientId: string,
  device: AuthenticatedDevice,
  now: Date,
): Promise<SyncClient> {
  const owner = { deviceId: device.id, quarterId: device.quarterId };
  const client = await lockSyncClient(w.tx, clientId, owner, now);
  if (client.deviceId === device.id) return client;
  if (client.quarterId !== device.quarterId || !(await isDeviceRevoked(w.tx, client.deviceId))) {
    throw new ClientMismatchError();
  }
  await moveSyncClient(w.tx, clientId, device.id, now);
  return { ...client, deviceId: device.id };
}

/** Looks each person up once per push (see the header for why that is safe). */
function activeUsersOf(w: SavepointWriteContext): PushWriteContext['activeUser'] {
  const known = new Map<string, Promise<ActiveUser | undefined>>();
  return (userId) => {
    const found = known.get(userId) ?? findActiveUser(w.tx, w.quarterId, userId);
    known.set(userId, found);
    return found;
  };
}

/**
 * Applies the mutations in order, no savepoint, plain new entries written together; a rejection
 * or a taken id ends the attempt (see the header).
 */
async function applyAll(
  w: PushWriteContext,
  mutations: readonly Mutation[],
  source: MutationSource,
  apply: ApplyMutation,
): Promise<Map<number, MutationRejection>> {
  const context = { ...w, newEntries: entryBatch(w) };
  try {
    for (const mutation of mutations) await apply(context, mutation, source);
    await writeCollectedEntries(context);
  } catch (error) {
    if (error instanceof MutationRejection) throw new RedoOneByOne();
    throw error;
  }
  return new Map();
}

/** Applies the mutations in order, each in its own savepoint; returns the rejected ones by seq. */
async function applyEach(
  w: PushWriteContext & SavepointWriteContext,
  mutations: readonly Mutation[],
  source: MutationSource,
  apply: ApplyMutation,
): Promise<Map<number, MutationRejection>> {
  const rejections = new Map<number, MutationRejection>();
  for (const mutation of mutations) {
    const savepoint = await w.tx.savepoint('mutation').execute();
    try {
      await apply({ ...w, tx: savepoint }, mutation, source);
    } catch (error) {
      if (!(error instanceof MutationRejection)) throw error;
      await savepoint.rollbackToSavepoint('mutation').execute();
      rejections.set(mutation.seq, error);
    }
    await savepoint.releaseSavepoint('mutation').execute();
  }
  return rejections;
}
