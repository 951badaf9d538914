// Devices and the audit log on the staff screens (issue 10): the quarter's tablets with what
// they last reported, a new enrolment code, revoking a tablet, and the log of staff actions.
// A device id of another quarter is "not found", like an unknown one.
import type { Kysely } from 'kysely';
import { deliveryState, needsLook } from '../../src/domain/device-delivery';
import type {
  AuditEntryView,
  AuditResponse,
  EnrolmentCodeResponse,
  StaffDevice,
} from '../../src/shared/staff/staff-people';
import type { Database } from '../db/tables';
import { NotFoundError } from '../errors';
import { listAudit, recordAudit } from '../repos/audit.repo';
import { consoleId } from '../repos/console-identity.repo';
import { findDevice, listDevices, revokeDevice, type Device } from '../repos/device.repo';
import { createEnrolmentCode } from '../repos/enrolment-code.repo';
import { listUsers } from '../repos/user.repo';
import type { Acting } from './staff-people.service';

type Db = Kysely<Database>;

export async function listStaffDevices(
  db: Db,
  quarterId: string,
  now: Date,
): Promise<StaffDevice[]> {
  const devices = await listDevices(db, quarterId);
  // The console's device (repos/console-identity.repo.ts) is no tablet: revoked from the start.
  const consoleDeviceId = consoleId(quarterId);
  return devices
    .filter((device) => device.id !== consoleDeviceId)
    .map((device) => deviceView(device, now));
}

/** A one-time code for a new tablet of the quarter (7 days, secrets/enrolment-code.ts). */
export async function issueEnrolmentCode(
  db: Db,
  acting: Acting,
  now: Date,
): Promise<EnrolmentCodeResponse> {
  return db.transaction().execute(async (tx) => {
    const issued = await createEnrolmentCode(tx, acting.quarterId, {
      createdByUserId: acting.userId,
      now,
    });
    // The code is a secret until used and never stored: the line names the quarter it is for
    // and when it runs out.
    await recordAudit(
      tx,
      {
        quarterId: acting.quarterId,
        actor: { userId: acting.userId, name: acting.name },
        action: 'enrolment_code.create',
        subjectType: 'quarter',
        subjectId: acting.quarterId,
        detail: { expiresAt: issued.expiresAt.toISOString() },
      },
      now,
    );
    return { code: issued.code, expiresAt: issued.expiresAt.toISOString() };
  });
}

/**
 * Revokes a tablet of the quarter: its next request gets 401, and what it has not delivered
 * stays on it (shown there) until it is enrolled again. Revoking a revoked one changes nothing
 * and writes no second audit line.
 */
export async function revokeStaffDevice(
  db: Db,
  acting: Acting,
  deviceId: string,
  now: Date,
): Promise<StaffDevice> {
  const device = await findDevice(db, acting.quarterId, deviceId);
  if (!device) throw new NotFoundError('Dieses Gerät gibt es hier nicht.');
  await db.transaction().execute(async (tx) => {
    if ((await revokeDevice(tx, device.id, now)) !== 'revoked') return;
    await recordAudit(
      tx,
      {
        quarterId: acting.quarterId,
        actor: { userId: acting.userId, name: acting.name },
        action: 'device.revoke',
        subjectType: 'device',
        subjectId: device.id,
        detail: {},
      },
      now,
    );
  });
  const updated = await findDevice(db, acting.quarterId, deviceId);
  if (!updated) throw new NotFoundError('Dieses Gerät gibt es hier nicht.');
  return deviceView(updated, now);
}

/**
 * One page of the quarter's audit log, newest first. Lines are paged by their instant; a page
 * never ends inside a group of lines with the same instant (they would be skipped by the next
 * page's `before`), unless one group fills a whole page.
 */
export async function auditPage(
  db: Db,
  quarterId: string,
  query: { before?: string | undefined; limit?: number | undefined },
): Promise<AuditResponse> {
  const limit = query.limit ?? 50;
  const rows = await listAudit(db, quarterId, {
    limit: limit + 1,
    ...(query.before === undefined ? {} : { before: query.before }),
  });
  let page = rows.slice(0, limit);
  let nextBefore: string | null = null;
  const boundary = page[page.length - 1]?.at;
  if (rows.length > limit && boundary !== undefined) {
    if (rows[limit]?.at === boundary) {
      const complete = page.filter((row) => row.at !== boundary);
      // Else one instant fills the whole page: the rest of it is skipped.
      if (complete.length > 0) page = complete;
    }
    // `before` is exclusive: the next page starts below the oldest instant shown here.
    nextBefore = page[page.length - 1]?.at ?? null;
  }
  const labels = await subjectLabels(db, quarterId);
  return {
    entries: page.map((row): AuditEntryView => ({
      id: row.id,
      at: row.at,
      actorUserId: row.actor_user_id,
      actorName: row.actor_name,
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      subjectLabel: labels.get(`${row.subject_type}:${row.subject_id}`) ?? null,
      detail: parseDetail(row.detail),
    })),
    nextBefore,
  };
}

/**
 * Names of people and labels of devices as of now, for reading the log: the log itself stores
 * ids only, so a renamed person reads under their current name and nothing personal is copied.
 */
async function subjectLabels(db: Db, quarterId: string): Promise<Map<string, string>> {
  const [users, devices] = await Promise.all([
    listUsers(db, quarterId),
    listDevices(db, quarterId),
  ]);
  return new Map([
    ...users.map((user) => [`person:${user.id}`, user.name] as const),
    ...devices.map((device) => [`device:${device.id}`, device.label] as const),
  ]);
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * A tablet stands out (`stale`) by the one rule of src/domain/device-delivery.ts (3 days): no
 * contact for 3 days, or changes waiting and nothing delivered for 3 days. A tablet that has
 * not been seen or has not delivered yet counts from its enrolment, so a tablet set up an hour
 * ago does not stand out. Revoked tablets never stand out.
 */
function deviceView(device: Device, now: Date): StaffDevice {
  const stale = needsLook(
    deliveryState(
      {
        lastSeenAt: device.last_seen_at ?? device.created_at,
        lastDeliveredAt: device.last_delivered_at ?? device.created_at,
        waitingCount: device.waiting_count,
        revokedAt: device.revoked_at,
      },
      now.getTime(),
    ),
  );
  return {
    id: device.id,
    label: device.label,
    createdAt: device.created_at,
    lastSeenAt: device.last_seen_at,
    appVersion: device.app_version,
    waitingCount: device.waiting_count,
    lastDeliveredAt: device.last_delivered_at,
    revokedAt: device.revoked_at,
    stale,
  };
}
