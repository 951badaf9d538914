// Calls between database rows and the protocol (src/shared/push.ts): one reader and one writer
// per field a call.update may change, so the update, its history and the pull all agree on
// what a field's value is. The only place that knows how a call's fields are stored.
import type { Selectable } from 'kysely';
import type { CallChangeFields, CallField, CallRecord } from '../../src/shared/push';
import type { CallsTable } from '../db/tables';
import { toFlag } from './synced-row.repo';

export type CallRow = Selectable<CallsTable>;

/** A value of each changeable field, as the protocol has it. */
export type CallValues = Required<CallChangeFields>;

type FieldColumns = Partial<
  Pick<
    CallsTable,
    | 'occurred_at'
    | 'partner'
    | 'duration_minutes'
    | 'concern'
    | 'note'
    | 'activity_id'
    | 'activity_name'
    | 'theme_name'
    | 'reached'
  >
>;

interface FieldCodec<F extends CallField> {
  read(row: CallRow): CallValues[F];
  write(value: CallValues[F]): FieldColumns;
}

const CODECS: { [F in CallField]: FieldCodec<F> } = {
  occurredAt: { read: (row) => row.occurred_at, write: (value) => ({ occurred_at: value }) },
  partner: { read: (row) => row.partner, write: (value) => ({ partner: value }) },
  durationMinutes: {
    read: (row) => row.duration_minutes,
    write: (value) => ({ duration_minutes: value }),
  },
  concern: { read: (row) => row.concern === 1, write: (value) => ({ concern: toFlag(value) }) },
  note: { read: (row) => row.note, write: (value) => ({ note: value }) },
  activity: {
    // Catalogue context (G11): the id plus the snapshot of its names, or null.
    read: (row) =>
      row.activity_id === null
        ? null
        : { id: row.activity_id, name: row.activity_name ?? '', themeName: row.theme_name ?? '' },
    write: (value) => ({
      activity_id: value?.id ?? null,
      activity_name: value?.name ?? null,
      theme_name: value?.themeName ?? null,
    }),
  },
  reached: { read: (row) => row.reached === 1, write: (value) => ({ reached: toFlag(value) }) },
};

/** Every field a call.update may change, in a fixed order (history rows follow it). */
export const CALL_FIELDS = Object.keys(CODECS) as CallField[];

export function readField<F extends CallField>(row: CallRow, field: F): CallValues[F] {
  return CODECS[field].read(row);
}

export function fieldColumns<F extends CallField>(field: F, value: CallValues[F]): FieldColumns {
  return CODECS[field].write(value);
}

export function toCallRecord(row: CallRow): CallRecord {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    partner: row.partner,
    durationMinutes: row.duration_minutes,
    concern: row.concern === 1,
    note: row.note,
    activity: readField(row, 'activity'),
    reached: row.reached === 1,
    author: row.author_user_id,
    version: row.version,
    conflict: row.conflict === 1,
  };
}
