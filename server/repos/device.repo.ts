// Enrolled devices. Devices are created only by redeeming an enrolment code
// (enrolment-code.repo.ts); here they are authenticated, listed and revoked. Not synced, so
// writes do not bump the quarter version.
import type { Kysely, Transaction } from 'kysely';
import type { Database, DevicesTable } from '../db/tables';
import { credentialMatches } from '../secrets/device-credential';

export type Device = Omit<DevicesTable, 'credential_hash'>;

const DEVICE_COLUMNS = [
  'id',
  'quarter_id',
  'label',
  'created_at',
  'last_seen_at',
  'revoked_at',
  'app_version',
  'waiting_count',
  'last_delivered_at',
] as const;

/** A hash that matches no credential, compared against when the device id is unknown. */
const NO_DEVICE_HASH = '0'.repeat(64);

export async function insertDevice(tx: Transaction<Database>, device: DevicesTable): Promise<void> {
  await tx.insertInto('devices').values(device).execute();
}

/**
 * The device for a presented id and credential, or undefined when the id is unknown, the
 * credential wrong or the device revoked. Unknown ids cost the same hash comparison as known
 * ones, so response times do not tell which ids exist.
 */
export async function authenticateDevice(
  db: Kysely<Database>,
  deviceId: string,
  credential: string,
): Promise<Device | undefined> {
  const row = await db
    .selectFrom('devices')
    .select([...DEVICE_COLUMNS, 'credential_hash'])
    .where('id', '=', deviceId)
    .executeTakeFirst();
  const matches = credentialMatches(credential, row?.credential_hash ?? NO_DEVICE_HASH);
  if (!row || !matches || row.revoked_at !== null) return undefined;
  return {
    id: row.id,
    quarter_id: row.quarter_id,
    label: row.label,
    created_at: row.created_at,
    last_seen_at: row.last_seen_at,
    revoked_at: row.revoked_at,
    app_version: row.app_version,
    waiting_count: row.waiting_count,
    last_delivered_at: row.last_delivered_at,
  };
}

/**
 * Whether a "last seen / last used" time recorded at `lastAt` is due to be written again: at
 * most once per `intervalMs`, so busy devices do not write on every request.
 */
export function isTouchDue(lastAt: string | null, now: Date, intervalMs: number): boolean {
  return lastAt === null || Date.parse(lastAt) <= now.getTime() - intervalMs;
}

/**
 * Records that the device was seen, unless that was recorded less than `minIntervalMs` ago.
 * The condition sits in the UPDATE, so busy devices (and several server instances) write at
 * most about once per interval instead of on every request.
 */
export async function touchDevice(
  db: Kysely<Database>,
  deviceId: string,
  now: Date,
  minIntervalMs: number,
): Promise<void> {
  const before = new Date(now.getTime() - minIntervalMs).toISOString();
  await db
    .updateTable('devices')
    .set({ last_seen_at: now.toISOString() })
    .where('id', '=', deviceId)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<=', before)]))
    .execute();
}

export type RevokeResult = 'revoked' | 'already-revoked' | 'unknown';

/** Revokes a device: its next request gets 401. Its unsent entries stay on the device. */
export async function revokeDevice(
  db: Kysely<Database>,
  deviceId: string,
  now: Date = new Date(),
): Promise<RevokeResult> {
  const result = await db
    .updateTable('devices')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) return 'revoked';
  const exists = await db
    .selectFrom('devices')
    .select('id')
    .where('id', '=', deviceId)
    .executeTakeFirst();
  return exists ? 'already-revoked' : 'unknown';
}

/** All devices of the quarter, revoked ones included, newest first. */
export async function listDevices(db: Kysely<Database>, quarterId: string): Promise<Device[]> {
  return db
    .selectFrom('devices')
    .select(DEVICE_COLUMNS)
    .where('quarter_id', '=', quarterId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** True when the device exists and is revoked (it can never push again). */
export async function isDeviceRevoked(db: Kysely<Database>, deviceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('devices')
    .select('revoked_at')
    .where('id', '=', deviceId)
    .executeTakeFirst();
  return row !== undefined && row.revoked_at !== null;
}

/** One device of the quarter; undefined for an unknown id or another quarter's. */
export async function findDevice(
  db: Kysely<Database> | Transaction<Database>,
  quarterId: string,
  deviceId: string,
): Promise<Device | undefined> {
  return db
    .selectFrom('devices')
    .select(DEVICE_COLUMNS)
    .where('id', '=', deviceId)
    .where('quarter_id', '=', quarterId)
    .executeTakeFirst();
}

/** What a device says about itself on a request (`X-App-Version`, `X-Outbox-Waiting`). */
export interface DeviceReport {
  appVersion?: string;
  waitingCount?: number;
}

/** True when the report holds a value other than the one stored. */
export function reportDiffers(device: Device, report: DeviceReport): boolean {
  return (
    (report.appVersion !== undefined && report.appVersion !== device.app_version) ||
    (report.waitingCount !== undefined && report.waitingCount !== device.waiting_count)
  );
}

/**
 * Stores what the device reported, and that it was seen now. Unconditional: the caller
 * decided that something changed (`reportDiffers`); otherwise `touchDevice` is enough.
 */
export async function storeDeviceReport(
  db: Kysely<Database>,
  deviceId: string,
  report: DeviceReport,
  now: Date,
): Promise<void> {
  await db
    .updateTable('devices')
    .set({
      last_seen_at: now.toISOString(),
      ...(report.appVersion === undefined ? {} : { app_version: report.appVersion }),
      ...(report.waitingCount === undefined ? {} : { waiting_count: report.waitingCount }),
    })
    .where('id', '=', deviceId)
    .execute();
}

/** A push applied at least one change of this device (in the push's transaction). */
export async function markDeviceDelivered(
  tx: Kysely<Database> | Transaction<Database>,
  deviceId: string,
  now: Date,
): Promise<void> {
  await tx
    .updateTable('devices')
    .set({ last_delivered_at: now.toISOString() })
    .where('id', '=', deviceId)
    .execute();
}
