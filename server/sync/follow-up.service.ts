// Staff give an item that needs a person an owner, a due date, a status and a note
// (`PUT /staff/follow-ups/:subjectType/:subjectId`, issue 10). The item must exist in the staff
// member's quarter (an id of another quarter is "not found", like an unknown one): a live entry
// marked as a concern, a live call partner, or a live entry (conflict). The owner must be an
// active staff member or admin of the quarter. "erledigt" takes a note (checked by the shared
// schema). A conflict is not closed here but by resolving it in the entry's history, where
// staff choose which value holds (entry-resolve.service.ts).
// Concurrency: `expectedVersion` (0 for an item nobody touched) — a stale one is a 409 and
// nothing changes. The change and its audit line (`follow_up.update`, field names and the
// status only, never the note) commit together.
import type { Kysely } from 'kysely';
import type {
  FollowUp,
  FollowUpSubject,
  followUpUpdateSchema,
} from '../../src/shared/staff/staff-week';
import type * as v from 'valibot';
import type { Database } from '../db/tables';
import { InvalidInputError, NotFoundError } from '../errors';
import { recordAudit } from '../repos/audit.repo';
import { readFollowUp, writeFollowUp } from '../repos/follow-up.repo';
import { findLiveEntry, readStaffMembers } from '../repos/staff-week.repo';
import { followUpOf } from './attention-items';

export interface StaffIdentity {
  userId: string;
  name: string;
  quarterId: string;
}

type Update = v.InferOutput<typeof followUpUpdateSchema>;

async function requireSubject(
  db: Kysely<Database>,
  quarterId: string,
  subjectType: FollowUpSubject,
  subjectId: string,
): Promise<void> {
  const entry = await findLiveEntry(db, quarterId, subjectId);
  const exists =
    entry !== undefined &&
    (subjectType === 'partner'
      ? entry.kind === 'partner'
      : subjectType === 'concern'
        ? entry.concern === 1
        : true);
  if (!exists) throw new NotFoundError('Diesen Eintrag gibt es hier nicht (mehr).');
}

export async function updateFollowUp(
  db: Kysely<Database>,
  staff: StaffIdentity,
  subject: { subjectType: FollowUpSubject; subjectId: string },
  update: Update,
  now: Date,
): Promise<FollowUp> {
  const { quarterId } = staff;
  const { subjectType, subjectId } = subject;
  await requireSubject(db, quarterId, subjectType, subjectId);
  if (subjectType === 'conflict' && update.status === 'done') {
    throw new InvalidInputError(
      'Ein Konflikt wird im Verlauf des Eintrags geklärt: dort auswählen, welcher Wert gilt.',
    );
  }
  if (update.ownerUserId !== null) {
    const members = await readStaffMembers(db, quarterId);
    if (!members.some((member) => member.userId === update.ownerUserId)) {
      throw new InvalidInputError(
        'Diese Person kann die Aufgabe nicht übernehmen: Bitte eine Person aus dem Team dieses Quartiers wählen.',
      );
    }
  }
  await db.transaction().execute(async (tx) => {
    const before = followUpOf(
      subjectType,
      subjectId,
      await readFollowUp(tx, quarterId, subjectType, subjectId),
    );
    await writeFollowUp(
      tx,
      { quarterId, subjectType, subjectId },
      {
        ownerUserId: update.ownerUserId,
        dueDate: update.dueDate,
        status: update.status,
        note: update.note,
      },
      update.expectedVersion,
      { userId: staff.userId, now },
    );
    const fields = (['ownerUserId', 'dueDate', 'status', 'note'] as const).filter(
      (field) => before[field] !== update[field],
    );
    await recordAudit(
      tx,
      {
        quarterId,
        actor: { userId: staff.userId, name: staff.name },
        action: 'follow_up.update',
        subjectType,
        subjectId,
        detail: { fields, status: update.status },
      },
      now,
    );
  });
  const row = await readFollowUp(db, quarterId, subjectType, subjectId);
  return followUpOf(subjectType, subjectId, row);
}
