// Staff's follow-up of what needs a person (issue 10, migration 0009): a concern, a flagged call
// partner or a conflict gets an owner, a due date, a status and a note. A row exists once staff
// touched the item; until then it is open with no owner (version 0).
// Concurrency: every write names the version it was made from. An insert for version 0 that
// finds a row (someone else was quicker) and an update whose version moved on change nothing
// and answer VersionConflictError (409), so one staff member never silently overwrites
// another's follow-up. Not synced: devices never see follow-ups, no quarter version is bumped.
import type { Kysely, Transaction } from 'kysely';
import type { Database, FollowUpStatus, FollowUpSubject, FollowUpsTable } from '../db/tables';
import { VersionConflictError } from '../errors';

export type FollowUpRow = FollowUpsTable & { owner_name: string | null };

type Db = Kysely<Database> | Transaction<Database>;

function selectFollowUps(db: Db, quarterId: string) {
  return db
    .selectFrom('follow_ups as f')
    .leftJoin('users as u', 'u.id', 'f.owner_user_id')
    .selectAll('f')
    .select('u.name as owner_name')
    .where('f.quarter_id', '=', quarterId);
}

/** The quarter's follow-ups of one subject type, by subject id. */
export async function readFollowUps(
  db: Db,
  quarterId: string,
  subjectType: FollowUpSubject,
): Promise<Map<string, FollowUpRow>> {
  const rows = await selectFollowUps(db, quarterId)
    .where('f.subject_type', '=', subjectType)
    .execute();
  return new Map(rows.map((row) => [row.subject_id, row]));
}

/** Subject ids per query: far below either database's limit on parameters. */
const IDS_PER_QUERY = 500;

/**
 * The follow-ups of these subjects, by subject id (those without a row are missing). For the
 * items on staff's week: only the open ones are asked for, so the quarter's many done
 * follow-ups are never read.
 */
export async function readFollowUpsOf(
  db: Db,
  quarterId: string,
  subjectType: FollowUpSubject,
  subjectIds: readonly string[],
): Promise<Map<string, FollowUpRow>> {
  const found = new Map<string, FollowUpRow>();
  for (let start = 0; start < subjectIds.length; start += IDS_PER_QUERY) {
    const rows = await selectFollowUps(db, quarterId)
      .where('f.subject_type', '=', subjectType)
      .where('f.subject_id', 'in', subjectIds.slice(start, start + IDS_PER_QUERY))
      .execute();
    for (const row of rows) found.set(row.subject_id, row);
  }
  return found;
}

export async function readFollowUp(
  db: Db,
  quarterId: string,
  subjectType: FollowUpSubject,
  subjectId: string,
): Promise<FollowUpRow | undefined> {
  return selectFollowUps(db, quarterId)
    .where('f.subject_type', '=', subjectType)
    .where('f.subject_id', '=', subjectId)
    .executeTakeFirst();
}

export interface FollowUpValues {
  ownerUserId: string | null;
  dueDate: string | null;
  status: FollowUpStatus;
  note: string;
}

/**
 * Writes the follow-up of (`subjectType`, `subjectId`) made from `expectedVersion` (0: no row
 * yet). `done_at` is set when the status becomes done and kept while it stays done.
 * Returns the new version.
 */
export async function writeFollowUp(
  tx: Transaction<Database>,
  key: { quarterId: string; subjectType: FollowUpSubject; subjectId: string },
  values: FollowUpValues,
  expectedVersion: number,
  by: { userId: string; now: Date },
): Promise<number> {
  const at = by.now.toISOString();
  const current = await readFollowUp(tx, key.quarterId, key.subjectType, key.subjectId);
  const currentVersion = current?.version ?? 0;
  if (currentVersion !== expectedVersion) throw new VersionConflictError(currentVersion);
  const doneAt =
    values.status !== 'done' ? null : current?.status === 'done' ? current.done_at : at;
  const columns = {
    owner_user_id: values.ownerUserId,
    due_date: values.dueDate,
    status: values.status,
    note: values.note,
    updated_at: at,
    updated_by_user_id: by.userId,
    done_at: doneAt,
  };
  if (!current) {
    const inserted = await tx
      .insertInto('follow_ups')
      .values({
        quarter_id: key.quarterId,
        subject_type: key.subjectType,
        subject_id: key.subjectId,
        ...columns,
        version: 1,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['quarter_id', 'subject_type', 'subject_id']).doNothing())
      .executeTakeFirst();
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) throw new VersionConflictError(null);
    return 1;
  }
  const updated = await tx
    .updateTable('follow_ups')
    .set({ ...columns, version: expectedVersion + 1 })
    .where('quarter_id', '=', key.quarterId)
    .where('subject_type', '=', key.subjectType)
    .where('subject_id', '=', key.subjectId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw new VersionConflictError(null);
  return expectedVersion + 1;
}
