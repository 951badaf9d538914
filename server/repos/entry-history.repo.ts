// The history of entry changes (G6), for every kind: one row per field an update changed, with
// the value before and after (JSON text), in server order (`version`), and who changed it from
// where. Written in the push transaction together with the change itself, so a change without
// its history (or the reverse) can never be seen. The per-field change versions the merge rule
// needs are read from here.
import type { Kysely } from 'kysely';
import type { Database, EntryHistoryTable } from '../db/tables';
import type { WriteContext } from './quarter-version.repo';
import { toFlag } from './synced-row.repo';

/** The mutation a change came from. */
export interface ChangeSource {
  authorId: string;
  deviceId: string;
  clientId: string;
  seq: number;
}

export interface RecordedChange {
  /** The protocol's field name (`note`, `occurredAt`, …). */
  field: string;
  oldValue: unknown;
  newValue: unknown;
  conflict: boolean;
}

export async function recordEntryChanges(
  w: WriteContext,
  entryId: string,
  changes: readonly RecordedChange[],
  source: ChangeSource,
): Promise<void> {
  if (changes.length === 0) return;
  const rows: EntryHistoryTable[] = changes.map((change) => ({
    quarter_id: w.quarterId,
    entry_id: entryId,
    field: change.field,
    // A value the entry did not have (a field added to its kind later) is recorded as null.
    old_value: JSON.stringify(change.oldValue ?? null),
    new_value: JSON.stringify(change.newValue ?? null),
    version: w.version,
    author_user_id: source.authorId,
    device_id: source.deviceId,
    client_id: source.clientId,
    seq: source.seq,
    conflict: toFlag(change.conflict),
    recorded_at: w.updatedAt,
  }));
  await w.tx.insertInto('entry_history').values(rows).execute();
}

/**
 * Which of `fields` another client (not `clientId`) changed after version `since`. A client's
 * own earlier changes never count: its device made the new change knowing them.
 */
export async function fieldsChangedByOthers(
  w: WriteContext,
  entryId: string,
  fields: readonly string[],
  since: number,
  clientId: string,
): Promise<Set<string>> {
  if (fields.length === 0) return new Set();
  const rows = await w.tx
    .selectFrom('entry_history')
    .select('field')
    .distinct()
    .where('quarter_id', '=', w.quarterId)
    .where('entry_id', '=', entryId)
    .where('field', 'in', [...fields])
    .where('version', '>', since)
    .where('client_id', '!=', clientId)
    .execute();
  return new Set(rows.map((row) => row.field));
}

export interface HistoryEntry {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  version: number;
  authorId: string;
  deviceId: string;
  conflict: boolean;
  recordedAt: string;
}

/** An entry's history in server order (staff review of conflicts; tests). */
export async function readEntryHistory(
  db: Kysely<Database>,
  quarterId: string,
  entryId: string,
): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('entry_history')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('entry_id', '=', entryId)
    .orderBy('version')
    .orderBy('seq')
    .orderBy('field')
    .execute();
  return rows.map((row) => ({
    field: row.field,
    oldValue: JSON.parse(row.old_value) as unknown,
    newValue: JSON.parse(row.new_value) as unknown,
    version: row.version,
    authorId: row.author_user_id,
    deviceId: row.device_id,
    conflict: row.conflict === 1,
    recordedAt: row.recorded_at,
  }));
}

/** A history row for staff: with the author's name and the device's label at reading time. */
export interface StaffHistoryEntry extends HistoryEntry {
  authorName: string;
  deviceLabel: string;
}

/** An entry's history in server order, for staff's history view (issue 10). */
export async function readStaffEntryHistory(
  db: Kysely<Database>,
  quarterId: string,
  entryId: string,
): Promise<StaffHistoryEntry[]> {
  const rows = await db
    .selectFrom('entry_history as h')
    .leftJoin('users as u', 'u.id', 'h.author_user_id')
    .leftJoin('devices as d', 'd.id', 'h.device_id')
    .selectAll('h')
    .select(['u.name as author_name', 'd.label as device_label'])
    .where('h.quarter_id', '=', quarterId)
    .where('h.entry_id', '=', entryId)
    .orderBy('h.version')
    .orderBy('h.seq')
    .orderBy('h.field')
    .execute();
  return rows.map((row) => ({
    field: row.field,
    oldValue: JSON.parse(row.old_value) as unknown,
    newValue: JSON.parse(row.new_value) as unknown,
    version: row.version,
    authorId: row.author_user_id,
    deviceId: row.device_id,
    conflict: row.conflict === 1,
    recordedAt: row.recorded_at,
    authorName: row.author_name ?? '',
    deviceLabel: row.device_label ?? '',
  }));
}
