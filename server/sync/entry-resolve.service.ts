// An entry's history for staff and the resolution of its conflict (issue 10):
// - `GET /staff/entries/:id/history`: who changed which field when, on which device (the
//   entry's `entry_history`, G6), the entry's values now, and the values concurrent edits
//   overwrote since the last resolution (newest per field, with who had written them).
// - `POST /staff/entries/:id/resolve`: the chosen lost values come back as a normal
//   `<kind>.update` by the staff member (console-writes.ts: the push's own handler, so the
//   version, the history and every device's next pull treat it as any change), the conflict
//   flag is cleared with the same version, the resolution is a history row of its own
//   (entry-conflict.repo.ts), an open follow-up of the conflict is marked done, and the audit
//   line (`entry.resolve_conflict`, field names only) is written — all in one transaction, so a
//   half-resolved entry is never seen. A stale `expectedVersion` (the entry changed since staff
//   loaded its history) is a 409 and nothing changes.
// An entry of another quarter is "not found", exactly like an unknown id.
import type { Kysely } from 'kysely';
import { ENTRY_KINDS, isEntryKind } from '../../src/shared/entry-kinds';
import type { EntryHistoryResponse } from '../../src/shared/staff/staff-week';
import { readValues, type AnyEntryKind } from '../db/entry-row';
import type { Database } from '../db/tables';
import { InvalidInputError, NotFoundError, VersionConflictError } from '../errors';
import { recordAudit } from '../repos/audit.repo';
import { ensureConsoleIdentity } from '../repos/console-identity.repo';
import {
  clearEntryConflict,
  readStaffEntry,
  recordConflictResolved,
  RESOLVED_FIELD,
  type StaffEntryRow,
} from '../repos/entry-conflict.repo';
import { readStaffEntryHistory, type StaffHistoryEntry } from '../repos/entry-history.repo';
import { findEntry } from '../repos/entry.repo';
import { readFollowUp, writeFollowUp } from '../repos/follow-up.repo';
import { writeInQuarter } from '../repos/quarter-version.repo';
import { consoleWriter } from './console-writes';
import { MutationRejection } from './mutation-rejection';

export interface StaffWriter {
  userId: string;
  name: string;
  role: 'staff' | 'admin';
  quarterId: string;
}

/** The follow-up note when staff resolve a conflict whose follow-up had none. */
export const RESOLVED_NOTE = 'Im Verlauf des Eintrags geklärt.';

const notFound = () => new NotFoundError('Diesen Eintrag gibt es hier nicht.');

function labelOf(kind: AnyEntryKind | undefined, field: string): string {
  if (field === RESOLVED_FIELD) return 'Konflikt geklärt';
  return kind?.allLabels[field] ?? field;
}

type Lost = EntryHistoryResponse['lost'];

/**
 * Per field, the newest value a concurrent edit overwrote after the last resolution; only while
 * the entry is flagged. Who had written it: the author of the field's change before (or of
 * the entry, when the lost value was the one it was created with).
 */
function lostValues(
  entry: StaffEntryRow,
  kind: AnyEntryKind | undefined,
  history: readonly StaffHistoryEntry[],
): Lost {
  if (entry.conflict !== 1) return [];
  let resolvedAt = 0;
  for (const row of history) {
    if (row.field === RESOLVED_FIELD) resolvedAt = Math.max(resolvedAt, row.version);
  }
  const values = readValues(entry);
  const newest = new Map<string, StaffHistoryEntry>();
  for (const row of history) {
    if (row.conflict && row.version > resolvedAt) newest.set(row.field, row);
  }
  return [...newest.values()].map((row) => {
    const before = history.filter((h) => h.field === row.field && h.version < row.version).at(-1);
    return {
      field: row.field,
      label: labelOf(kind, row.field),
      value: row.oldValue,
      current: values[row.field] ?? null,
      recordedAt: row.recordedAt,
      lostBy: before ? before.authorName : entry.author_name,
    };
  });
}

export async function entryHistory(
  db: Kysely<Database>,
  quarterId: string,
  id: string,
): Promise<EntryHistoryResponse> {
  const entry = await readStaffEntry(db, quarterId, id);
  if (!entry) throw notFound();
  const kind = isEntryKind(entry.kind) ? (ENTRY_KINDS[entry.kind] as AnyEntryKind) : undefined;
  // A resolution is written with the restored values (same version): show it after them.
  const history = (await readStaffEntryHistory(db, quarterId, id)).sort(
    (a, b) =>
      a.version - b.version ||
      Number(a.field === RESOLVED_FIELD) - Number(b.field === RESOLVED_FIELD),
  );
  return {
    entry: {
      id: entry.id,
      kind: entry.kind,
      occurredAt: entry.occurred_at,
      createdAt: entry.created_at,
      authorName: entry.author_name,
      deviceLabel: entry.device_label,
      version: entry.version,
      conflict: entry.conflict === 1,
      values: entry.deleted === 1 ? {} : readValues(entry),
    },
    changes: history.map((row) => ({
      field: row.field,
      label: labelOf(kind, row.field),
      oldValue: row.oldValue,
      newValue: row.newValue,
      version: row.version,
      recordedAt: row.recordedAt,
      authorName: row.authorName,
      deviceLabel: row.deviceLabel,
      conflict: row.conflict,
    })),
    lost: lostValues(entry, kind, history),
  };
}

export async function resolveConflict(
  db: Kysely<Database>,
  staff: StaffWriter,
  id: string,
  request: { expectedVersion: number; restore: readonly string[] },
  now: Date,
): Promise<void> {
  const { quarterId } = staff;
  await writeInQuarter(
    db,
    quarterId,
    async (w) => {
      const row = await findEntry(w, id);
      if (!row || row.deleted === 1) throw notFound();
      if (row.version !== request.expectedVersion) throw new VersionConflictError(row.version);
      if (row.conflict !== 1) {
        throw new InvalidInputError('Bei diesem Eintrag gibt es keinen Konflikt (mehr).');
      }
      const kind = isEntryKind(row.kind) ? (ENTRY_KINDS[row.kind] as AnyEntryKind) : undefined;
      if (!kind) throw notFound();
      const entry = await readStaffEntry(w.tx, quarterId, id);
      if (!entry) throw notFound();
      const lost = lostValues(entry, kind, await readStaffEntryHistory(w.tx, quarterId, id));
      const unknown = request.restore.filter((field) => !lost.some((l) => l.field === field));
      if (unknown.length > 0) {
        throw new InvalidInputError(
          `Für ${unknown.map((f) => `„${labelOf(kind, f)}“`).join(', ')} ging kein Wert verloren.`,
        );
      }
      const as = { userId: staff.userId, role: staff.role };
      if (request.restore.length > 0) {
        const fields = Object.fromEntries(
          lost.filter((l) => request.restore.includes(l.field)).map((l) => [l.field, l.value]),
        );
        const writer = await consoleWriter(w, now);
        try {
          await writer.apply(
            {
              name: kind.mutationNames.update,
              v: 1,
              args: { id, baseVersion: row.version, fields },
            },
            as,
          );
        } catch (error) {
          if (error instanceof MutationRejection) throw new InvalidInputError(error.message);
          throw error;
        }
      }
      await clearEntryConflict(w, id);
      const identity = await ensureConsoleIdentity(w.tx, quarterId, now);
      await recordConflictResolved(w, id, { authorId: staff.userId, deviceId: identity.deviceId });
      const followUp = await readFollowUp(w.tx, quarterId, 'conflict', id);
      if (followUp && followUp.status !== 'done') {
        await writeFollowUp(
          w.tx,
          { quarterId, subjectType: 'conflict', subjectId: id },
          {
            ownerUserId: followUp.owner_user_id,
            dueDate: followUp.due_date,
            status: 'done',
            note: followUp.note.trim() === '' ? RESOLVED_NOTE : followUp.note,
          },
          followUp.version,
          { userId: staff.userId, now },
        );
      }
      await recordAudit(
        w.tx,
        {
          quarterId,
          actor: { userId: staff.userId, name: staff.name },
          action: 'entry.resolve_conflict',
          subjectType: 'entry',
          subjectId: id,
          detail: { restored: [...request.restore] },
        },
        now,
      );
    },
    { now },
  );
}
