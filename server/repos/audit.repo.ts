// The audit log of staff actions (issue 10): who changed, resolved, exported or revoked what,
// and when. Written in the same transaction as the action where there is one, so an action and
// its line are stored together or not at all. `detail` names fields and non-personal values
// only — never a note, a concern's text or a partner's name or phone: the log is readable by
// every staff member of the quarter, and personal data must not multiply through it.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AuditLogTable, Database } from '../db/tables';

export interface AuditActor {
  userId: string | null;
  name: string;
}

export interface AuditEvent {
  quarterId: string;
  actor: AuditActor;
  /** e.g. 'staff.sign_in', 'activity.update', 'follow_up.update', 'export.csv', 'device.revoke'. */
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

/** The quarter's log, newest first; `before` (an `at` value) pages back. */
export async function listAudit(
  db: Kysely<Database>,
  quarterId: string,
  options: { before?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(options.limit ?? 100, 500));
  if (options.before !== undefined) query = query.where('at', '<', options.before);
  return query.execute();
}
