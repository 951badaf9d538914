// The audit log of staff actions (issue 10): who changed, resolved, exported or revoked what,
// and when. Written in the same transaction as the action where there is one, so an action and
// its line are stored together or not at all. `detail` names fields and non-personal values
// only — never a note, a concern's text or a partner's name or phone: the log is readable by
// every staff member of the quarter, and personal data must not multiply through it.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  OLDER_READ_ACTIONS,
  READ_ACTION_PREFIX,
  type AuditShow,
} from '../../src/shared/staff/audit-actions';
import type { AuditLogTable, Database } from '../db/tables';

export interface AuditActor {
  userId: string | null;
  name: string;
}

export interface AuditEvent {
  quarterId: string;
  actor: AuditActor;
  /**
   * e.g. 'staff.sign_in', 'activity.update', 'follow_up.update', 'export.csv', 'device.revoke';
   * reads of personal data 'read.<what>' (src/shared/staff/audit-actions.ts).
   */
  action: string;
  subjectType: string;
  subjectId: string;
  /** Field names and non-personal values; stored as JSON. */
  detail?: Readonly<Record<string, unknown>>;
}

export type AuditEntry = AuditLogTable;

export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  event: AuditEvent,
  now: Date = new Date(),
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      quarter_id: event.quarterId,
      at: now.toISOString(),
      actor_user_id: event.actor.userId,
      actor_name: event.actor.name,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}

/** Where a page of the log starts: right below the line with this `at` (and `id`, if given). */
export interface AuditCursor {
  at: string;
  id?: string | undefined;
}

/**
 * The quarter's log, newest first. `before` pages back: with an id it is exact (lines of the
 * same instant are ordered by id, so none is skipped or shown twice); with an instant alone
 * the page starts below that instant. `show` keeps only reads or only changes
 * (src/shared/staff/audit-actions.ts). The index (quarter_id, at, id) serves the order and
 * the cursor; the action is filtered on the rows it finds (no index of its own: migration 0009
 * has none, and a page ends after `limit` matching lines).
 */
export async function listAudit(
  db: Kysely<Database>,
  quarterId: string,
  options: { before?: AuditCursor; limit?: number; show?: AuditShow } = {},
): Promise<AuditEntry[]> {
  const { before, show = 'all' } = options;
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(options.limit ?? 100, 500));
  if (before?.id !== undefined) {
    const { at, id } = before;
    query = query.where((eb) =>
      eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]),
    );
  } else if (before !== undefined) {
    query = query.where('at', '<', before.at);
  }
  if (show !== 'all') {
    query = query.where((eb) => {
      const isRead = eb.or([
        eb('action', 'like', `${READ_ACTION_PREFIX}%`),
        eb('action', 'in', [...OLDER_READ_ACTIONS]),
      ]);
      return show === 'reads' ? isRead : eb.not(isRead);
    });
  }
  return query.execute();
}

/**
 * A value in the SELECT list of an INSERT … SELECT, typed: PostgreSQL cannot always tell the
 * type of a bare parameter there; SQLite takes the cast as it is.
 */
const text = (value: string | null) => sql<string>`cast(${value} as text)`;

/** A read by a tablet: the tablet is the actor, named by its label at the time. */
export interface DeviceReadEvent {
  quarterId: string;
  deviceId: string;
  action: string;
  /** Ids and counts only. */
  detail: Readonly<Record<string, unknown>>;
}

/**
 * Records a tablet's read as one INSERT … SELECT: the actor's name is the device's label, read
 * by the same statement (a pull carries the device's id, not its label), the subject the device
 * the data went to. A device that does not exist writes nothing.
 */
export async function recordDeviceRead(
  db: Kysely<Database>,
  event: DeviceReadEvent,
  now: Date = new Date(),
): Promise<void> {
  await db
    .insertInto('audit_log')
    .columns([
      'id',
      'quarter_id',
      'at',
      'actor_user_id',
      'actor_name',
      'action',
      'subject_type',
      'subject_id',
      'detail',
    ])
    .expression(
      db
        .selectFrom('devices')
        .select([
          text(randomUUID()).as('id'),
          text(event.quarterId).as('quarter_id'),
          text(now.toISOString()).as('at'),
          // No person acted: the tablet did (its label is the actor's name).
          text(null).as('actor_user_id'),
          'label',
          text(event.action).as('action'),
          text('device').as('subject_type'),
          text(event.deviceId).as('subject_id'),
          text(JSON.stringify(event.detail)).as('detail'),
        ])
        .where('id', '=', event.deviceId)
        .where('quarter_id', '=', event.quarterId),
    )
    .execute();
}
