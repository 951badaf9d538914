// Push (G2, G3, G7): applies a device's mutations in ONE transaction that owns the next version
// of the device's quarter. Why one transaction over quarters, sync_clients, mutation_log and
// calls: a mutation's effect, its log row and the client's last_seq must commit together — an
// effect without last_seq would apply twice on a retry, a last_seq without its effect would be
// lost — and a transient failure must leave nothing behind, so the retry starts from the same
// state. Inside, each mutation runs in a savepoint so a permanently bad one is rolled back,
// recorded and skipped while the rest apply.
import type { Kysely } from 'kysely';
import type { Mutation, PushRequest, PushResponse, Rejection } from '../../src/shared/push';
import type { Database } from '../db/tables';
import { ApiError, ClientMismatchError, SeqGapError, UnavailableError } from '../errors';
import type { AuthenticatedDevice } from '../http/device-auth';
import { isDeviceRevoked } from '../repos/device.repo';
import { logMutation, rejectionsAmong } from '../repos/mutation-log.repo';
import {
  writeInQuarterWithSavepoints,
  type SavepointWriteContext,
} from '../repos/quarter-version.repo';
import {
  lockSyncClient,
  moveSyncClient,
  setLastSeq,
  type SyncClient,
} from '../repos/sync-client.repo';
import { MutationRejection } from './mutation-rejection';
import { applyMutation, type ApplyMutation } from './mutation.registry';
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
): Promise<PushResponse> {
  const now = options.now ?? new Date();
  const apply = options.hooks?.applyMutation ?? applyMutation;
  try {
    const done = await writeInQuarterWithSavepoints(
      db,
      device.quarterId,
      (w) => applyBatch(w, device, request, apply, now),
      { now },
    );
    return { ...done, updateAdvised: isUpdateAdvised(request.appVersion) };
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
): Promise<{ lastSeq: number; rejected: Rejection[] }> {
  const client = await claimClient(w, request.clientId, device, now);
  const plan = planPush(request.mutations, client.lastSeq);
  if ('expectedSeq' in plan) throw new SeqGapError(plan.expectedSeq);
  for (const mutation of plan.pending) {
    const rejection = await applyInSavepoint(w, mutation, device.id, apply);
    await logMutation(w.tx, {
      clientId: request.clientId,
      seq: mutation.seq,
      name: mutation.name,
      v: mutation.v,
      authorId: mutation.author,
      rejection: rejection && { code: rejection.code, message: rejection.message },
      receivedAt: now,
    });
  }
  const lastSeq = plan.pending.at(-1)?.seq ?? client.lastSeq;
  if (lastSeq !== client.lastSeq) await setLastSeq(w.tx, request.clientId, lastSeq, now);
  // Also rejections recorded by an earlier push of the same seqs: the device may have lost
  // that response, and must still learn which of its entries need attention.
  const seqs = [...new Set(request.mutations.map((mutation) => mutation.seq))];
  return { lastSeq, rejected: await rejectionsAmong(w.tx, request.clientId, seqs) };
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

/** Applies one mutation in a savepoint; returns its rejection, or null when it applied. */
async function applyInSavepoint(
  w: SavepointWriteContext,
  mutation: Mutation,
  deviceId: string,
  apply: ApplyMutation,
): Promise<MutationRejection | null> {
  const savepoint = await w.tx.savepoint('mutation').execute();
  try {
    await apply({ ...w, tx: savepoint }, mutation, deviceId);
  } catch (error) {
    if (!(error instanceof MutationRejection)) throw error;
    await savepoint.rollbackToSavepoint('mutation').execute();
    await savepoint.releaseSavepoint('mutation').execute();
    return error;
  }
  await savepoint.releaseSavepoint('mutation').execute();
  return null;
}
