// Entries between database rows and the protocol, for every kind alike: `occurredAt` and
// `concern` are columns of their own (the server indexes and filters by them), the kind's other
// fields are one JSON object in `fields`, written in the kind's field order, and what the
// entry adds to the week's figures is derived from them into `fig_*` columns whenever they
// change. The only place that knows how an entry's values are stored; the pull
// (`toEntryRecord`), the create, the merge of an update and its history all read and write
// through it, so they agree on what a value is.
// Pure: no SQL (repos/entry.repo.ts runs the statements).
import type { Selectable } from 'kysely';
import { figureValuesOf } from '../../src/domain/entry-figure-values';
import { formatIsoWeekId, isoWeekOfInstant } from '../../src/domain/iso-week';
import { ENTRY_KINDS, isEntryKind, type EntryKindName } from '../../src/shared/entry-kinds';
import type { EntriesTable, Flag } from './tables';

export type EntryRow = Selectable<EntriesTable>;

/** Any declared kind (src/shared/entry-kinds.ts). */
export type AnyEntryKind = (typeof ENTRY_KINDS)[EntryKindName];

/** An entry's values as the protocol has them (no id): occurredAt, concern and its own fields. */
export type EntryValues = { occurredAt: string; concern: boolean } & Record<string, unknown>;

/** What an entry adds to the week's figures (src/domain/entry-figure-values.ts). */
export type FigureColumns = Pick<
  EntriesTable,
  | 'fig_activity_id'
  | 'fig_reached'
  | 'fig_seconds'
  | 'fig_participants'
  | 'fig_walking_aids'
  | 'fig_wheelchairs'
  | 'fig_metres'
  | 'fig_week'
>;

/** The figure columns of a row without content (a tombstone): it adds nothing. */
export const NO_FIGURES: Readonly<FigureColumns> = {
  fig_activity_id: null,
  fig_reached: null,
  fig_seconds: 0,
  fig_participants: 0,
  fig_walking_aids: 0,
  fig_wheelchairs: 0,
  fig_metres: 0,
  fig_week: null,
};

/** The columns that hold an entry's values. */
export interface EntryValueColumns extends FigureColumns {
  occurred_at: string;
  concern: Flag;
  /** JSON text of the kind's own fields. */
  fields: string;
}

/** The fields stored in columns of their own; every other field is in `fields`. */
const COLUMN_FIELDS: ReadonlySet<string> = new Set(['occurredAt', 'concern']);

/** The declared kind of a row; undefined for a kind this server does not know. */
export function kindOfRow(row: Pick<EntryRow, 'kind'>): AnyEntryKind | undefined {
  return isEntryKind(row.kind) ? ENTRY_KINDS[row.kind] : undefined;
}

/** The columns of a new entry. */
export function valueColumns(kind: AnyEntryKind, values: EntryValues): EntryValueColumns {
  return {
    occurred_at: values.occurredAt,
    concern: values.concern ? 1 : 0,
    fields: ownFieldsJson(kind, values),
    ...figureColumns(kind, values),
  };
}

/**
 * The figure columns of an entry of `kind` with these values, from its own fields (exactly what
 * `fields` stores) and occurredAt.
 */
export function figureColumns(kind: AnyEntryKind, values: EntryValues): FigureColumns {
  return figureColumnsOf(kind.kind, values.occurredAt, ownFields(kind, values));
}

/** The figure columns of an entry given by its kind's name, time and own fields. */
export function figureColumnsOf(
  kind: string,
  occurredAt: string,
  fields: Record<string, unknown>,
): FigureColumns {
  const figures = figureValuesOf(kind, occurredAt, fields);
  return {
    fig_activity_id: figures.activityId,
    fig_reached: figures.reached === null ? null : figures.reached ? 1 : 0,
    fig_seconds: figures.seconds,
    fig_participants: figures.participants,
    fig_walking_aids: figures.withWalkingAids,
    fig_wheelchairs: figures.withWheelchairs,
    fig_metres: figures.metres,
    fig_week: formatIsoWeekId(isoWeekOfInstant(Date.parse(occurredAt))),
  };
}

/**
 * The columns to write after an update changed `changed` (field names) to `values` (the
 * entry's values after the update): only those whose value moved.
 */
export function changedColumns(
  kind: AnyEntryKind,
  values: EntryValues,
  changed: readonly string[],
): Partial<EntryValueColumns> {
  const columns: Partial<EntryValueColumns> = {};
  if (changed.includes('occurredAt')) columns.occurred_at = values.occurredAt;
  if (changed.includes('concern')) columns.concern = values.concern ? 1 : 0;
  const ownChanged = changed.some((field) => !COLUMN_FIELDS.has(field));
  if (ownChanged) columns.fields = ownFieldsJson(kind, values);
  // From the merged values: a walk's time depends on its start as well as its fields.
  if (ownChanged || changed.includes('occurredAt')) {
    Object.assign(columns, figureColumns(kind, values));
  }
  return columns;
}

/** The kind's own fields as JSON, in the kind's order; nothing else gets in. */
function ownFieldsJson(kind: AnyEntryKind, values: EntryValues): string {
  return JSON.stringify(ownFields(kind, values));
}

function ownFields(kind: AnyEntryKind, values: EntryValues): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const name of kind.ownFieldNames) own[name] = values[name];
  return own;
}

/** An entry's values, as a create sent them (or the updates since made them). */
export function readValues(row: EntryRow): EntryValues {
  const own = JSON.parse(row.fields) as Record<string, unknown>;
  return { ...own, occurredAt: row.occurred_at, concern: row.concern === 1 };
}

/** An entry as a pull brings it (`RecordOf<kind>`): its values plus id, author, version, flag. */
export function toEntryRecord(row: EntryRow): Record<string, unknown> {
  return {
    id: row.id,
    ...readValues(row),
    author: row.author_user_id,
    version: row.version,
    conflict: row.conflict === 1,
  };
}
