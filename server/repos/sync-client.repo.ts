// Sync clients: one row per app installation that pushes, with the highest seq it has done
// (G2, G3). Written only inside the push transaction, after the quarter's version bump.
import type { Kysely, Transaction } from 'kysely';
import { dialectOf } from '../db/database';
import type { Database } from '../db/tables';

export interface SyncClient {
  clientId: string;
  deviceId: string;
  quarterId: string;
  lastSeq: number;
}

export interface ClientOwner {
  deviceId: string;
  quarterId: string;
}

/**
 * The client's row, created for `owner` on its first push, and locked until the transaction
 * ends so two pushes of one client cannot both take the same seqs. On PostgreSQL that is
 * SELECT … FOR UPDATE (the quarter's version bump before it already serialises writers of one
 * quarter; this lock keeps the guarantee should that ever change). SQLite has one writer at a
 * time and no FOR UPDATE. The row may belong to another device: the caller decides.
 */
export async function lockSyncClient(
  tx: Transaction<Database>,
  clientId: string,
  owner: ClientOwner,
  now: Date,
): Promise<SyncClient> {
  const at = now.toISOString();
  await tx
    .insertInto('sync_clients')
    .values({
      client_id: clientId,
      device_id: owner.deviceId,
      quarter_id: owner.quarterId,
      last_seq: 0,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  const select = tx
    .selectFrom('sync_clients')
    .select(['client_id', 'device_id', 'quarter_id', 'last_seq'])
    .where('client_id', '=', clientId);
  const row = await (
    dialectOf(tx) === 'postgres' ? select.forUpdate() : select
  ).executeTakeFirstOrThrow();
  return {
    clientId: row.client_id,
    deviceId: row.device_id,
    quarterId: row.quarter_id,
    lastSeq: row.last_seq,
  };
}

/** Hands the client to a newly enrolled device (after its old one was revoked). */
export async function moveSyncClient(
  tx: Transaction<Database>,
  clientId: string,
  deviceId: string,
  now: Date,
): Promise<void> {
  await tx
    .updateTable('sync_clients')
    .set({ device_id: deviceId, updated_at: now.toISOString() })
    .where('client_id', '=', clientId)
    .execute();
}

export async function setLastSeq(
  tx: Transaction<Database>,
  clientId: string,
  lastSeq: number,
  now: Date,
): Promise<void> {
  await tx
    .updateTable('sync_clients')
    .set({ last_seq: lastSeq, updated_at: now.toISOString() })
    .where('client_id', '=', clientId)
    .execute();
}

/**
 * The client's last_seq, only when the client is `deviceId`'s: a device must not learn another
 * device's position. Undefined for an unknown client, or one that moved to another device.
 */
export async function findLastSeq(
  db: Kysely<Database>,
  clientId: string,
  deviceId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('sync_clients')
    .select('last_seq')
    .where('client_id', '=', clientId)
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  return row?.last_seq;
}
