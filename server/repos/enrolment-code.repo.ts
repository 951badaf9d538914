// Enrolment codes: created by staff (or the admin CLI), redeemed once by a device.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';
import { hashDeviceCredential, newDeviceCredential } from '../secrets/device-credential';
import {
  CODE_LIFETIME_MS,
  hashEnrolmentCode,
  newEnrolmentCode,
  normaliseEnrolmentCode,
} from '../secrets/enrolment-code';
import { insertDevice } from './device.repo';

export interface IssuedCode {
  /** As shown to people (`K7QM-3XPA-HW9D`); not stored anywhere. */
  code: string;
  expiresAt: Date;
}

export async function createEnrolmentCode(
  db: Kysely<Database>,
  quarterId: string,
  options: { createdByUserId?: string; now?: Date } = {},
): Promise<IssuedCode> {
  const now = options.now ?? new Date();
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS);
  await db
    .insertInto('enrolment_codes')
    .values({
      code_hash: hashEnrolmentCode(code.normalised),
      quarter_id: quarterId,
      created_by_user_id: options.createdByUserId ?? null,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      used_at: null,
      device_id: null,
    })
    .execute();
  return { code: code.display, expiresAt };
}

export interface EnrolledDevice {
  deviceId: string;
  /** Returned exactly once; the database keeps only its hash. */
  credential: string;
  quarterId: string;
}

/**
 * Trades a code for a new device. Undefined when the code is malformed, unknown, used or
 * expired — deliberately one answer for all four. One transaction: claiming the code, creating
 * the device and linking them happen together or not at all, so a failure never burns a code
 * without a device, and the conditional UPDATE (used_at is null) lets only one of two
 * concurrent redeems win.
 */
export async function redeemEnrolmentCode(
  db: Kysely<Database>,
  typedCode: string,
  options: { label?: string; now?: Date } = {},
): Promise<EnrolledDevice | undefined> {
  const normalised = normaliseEnrolmentCode(typedCode);
  if (!normalised) return undefined;
  const codeHash = hashEnrolmentCode(normalised);
  const at = (options.now ?? new Date()).toISOString();
  return db.transaction().execute(async (tx) => {
    const claimed = await tx
      .updateTable('enrolment_codes')
      .set({ used_at: at })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returning('quarter_id')
      .executeTakeFirst();
    if (!claimed) return undefined;
    const deviceId = randomUUID();
    const credential = newDeviceCredential();
    await insertDevice(tx, {
      id: deviceId,
      quarter_id: claimed.quarter_id,
      credential_hash: hashDeviceCredential(credential),
      label: options.label ?? '',
      created_at: at,
      last_seen_at: null,
      revoked_at: null,
      app_version: null,
      waiting_count: null,
      last_delivered_at: null,
    });
    // Linked after the insert: the foreign key needs the device row to exist.
    await tx
      .updateTable('enrolment_codes')
      .set({ device_id: deviceId })
      .where('code_hash', '=', codeHash)
      .execute();
    return { deviceId, credential, quarterId: claimed.quarter_id };
  });
}
