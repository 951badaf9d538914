// Devices and the audit log on the staff screens (issue 10): the quarter's tablets with what
// they last reported, a new enrolment code, revoking a tablet, and the log of staff actions.
// A device id of another quarter is "not found", like an unknown one.
import type { Kysely } from 'kysely';
import { deliveryState, needsLook } from '../../src/domain/device-delivery';
import type { AuditShow } from '../../src/shared/staff/audit-actions';
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
 * One page of the quarter's audit log, newest first, all lines or only changes or only reads
 * (`show`). Pages follow (at, id): the next page starts right below the last line shown, so
 * lines of the same instant (tablets pulling at once) are neither skipped nor shown twice.
 */
export async function auditPage(
  db: Db,
  quarterId: string,
  query: {
    show?: AuditShow | undefined;
    before?: string | undefined;
    beforeId?: string | undefined;
    limit?: number | undefined;
  },
): Promise<AuditResponse> {
  const limit = query.limit ?? 50;
  const rows = await listAudit(db, quarterId, {
    limit: limit + 1,
    ...(query.show === undefined ? {} : { show: query.show }),
    ...(query.before === undefined ? {} : { before: { at: query.before, id: query.beforeId } }),
  });
  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  const labels = await subjectLabels(db, quarterId);
  return {
    entries: page.map((row): AuditEntryView => {
      const detail = parseDetail(row.detail);
      return {
        id: row.id,
        at: row.at,
        actorUserId: row.actor_user_id,
        actorName: row.actor_name,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        subjectLabel:
          peopleLabel(detail, labels) ??
          labels.get(`${row.subject_type}:${row.subject_id}`) ??
          null,
        detail,
      };
    }),
    nextBefore: last?.at ?? null,
    nextBeforeId: last?.id ?? null,
  };
}

/**
 * A line naming people by id (`detail.people`: whose data a tablet pulled) reads with their
 * names as of now; null when it names none.
 */
function peopleLabel(
  detail: Record<string, unknown>,
  labels: ReadonlyMap<string, string>,
): string | null {
  const { people } = detail;
  if (!Array.isArray(people) || people.length === 0) return null;
  const names = people.map((id) => labels.get(`person:${String(id)}`) ?? '?').join(', ');
  // The answer's label holds 300 characters; a tablet with many people signed in says so.
  return names.length <= LABEL_MAX ? names : `${names.slice(0, LABEL_MAX - 1)}…`;
}

const LABEL_MAX = 300;

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
