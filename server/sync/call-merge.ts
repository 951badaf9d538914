// The merge rule for call.update (G6), as a pure function: per-field last writer wins in server
// order. The update is applied after everything the server already has, so each field it sets
// takes its value; a field that another client changed after the update's base version is a
// concurrent edit: the update still wins (it is later in server order), and the value it
// overwrites is kept in the call's history, flagged as a conflict for staff to review.
// A field set to the value it already has is no change: no history, no conflict.
import type { CallChangeFields, CallField } from '../../src/shared/push';
import {
  CALL_FIELDS,
  fieldColumns,
  readField,
  type CallRow,
  type CallValues,
} from '../repos/call-columns';

export interface FieldChange {
  field: CallField;
  /** Protocol values, before and after. */
  oldValue: unknown;
  newValue: unknown;
  /** `oldValue` came from a concurrent edit and lost. */
  conflict: boolean;
}

export interface CallUpdatePlan {
  /** Columns to write (empty: nothing changes). */
  columns: Partial<CallRow>;
  changes: FieldChange[];
  /** Whether any change lost a concurrent value. */
  conflict: boolean;
}

/**
 * `changedByOthers`: the fields another client changed on the server after the update's base
 * version (call-history.repo.ts answers that).
 */
export function planCallUpdate(
  row: CallRow,
  fields: CallChangeFields,
  changedByOthers: ReadonlySet<CallField>,
): CallUpdatePlan {
  let columns: Partial<CallRow> = {};
  const changes: FieldChange[] = [];
  for (const field of CALL_FIELDS) {
    const value = fields[field];
    if (value === undefined) continue;
    const written = fieldColumns(field, value as CallValues[typeof field]);
    const oldValue = readField(row, field);
    // Read back through the same codec, so equal values compare equal whatever their key order.
    const newValue = readField({ ...row, ...written }, field);
    if (JSON.stringify(oldValue) === JSON.stringify(newValue)) continue;
    columns = { ...columns, ...written };
    changes.push({ field, oldValue, newValue, conflict: changedByOthers.has(field) });
  }
  return { columns, changes, conflict: changes.some((change) => change.conflict) };
}
