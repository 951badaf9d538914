// The save flow every upkeep form shares (issue 10, optimistic concurrency): the form keeps
// what is typed and the row it was loaded from; "Speichern" sends the values with that row's
// version. When someone saved the row meanwhile, the server changes nothing and sends the row
// as it is now: the form keeps the typed values and shows both side by side
// (upkeep-conflict.tsx). "Meine übernehmen" sends the same values again with the new version
// (which may meet yet another change, shown the same way); "Verwerfen" takes the saved row
// into the form. Nothing is ever overwritten without that choice.
import { useState } from 'preact/hooks';
import { conflictingFields, type FieldConflict } from '../../domain/edit-conflict';
import type { Saved } from '../../sync/staff-upkeep-requests';
import { problemText } from './upkeep-load';
import type { StaffT } from './use-staff-t';

export interface VersionedOptions<Row extends { version: number }, Values, K extends string> {
  /** The row as loaded; null for a new one (sent with version 0). */
  row: Row | null;
  initial: Values;
  /** The form's values for a row (to compare with, and to take over on "Verwerfen"). */
  valuesOf: (row: Row) => Values;
  /** The fields compared on a conflict, in the order they are shown. */
  fields: readonly K[];
  send: (values: Values, expectedVersion: number) => Promise<Saved<Row>>;
  onSaved: (row: Row) => void;
  /** "Verwerfen": the row as saved now, for the screen's list (the form stays open with it). */
  onRefreshed?: (row: Row) => void;
  /** "Verwerfen" after the row was deleted meanwhile: the screen loads its list again. */
  onGone?: () => void;
  t: StaffT;
}

export interface Conflict<K extends string> {
  /** Fields whose values differ, mine beside theirs. */
  fields: FieldConflict<K>[];
  /** The row is gone (deleted meanwhile): only "Verwerfen" is left. */
  gone: boolean;
}

export function useVersionedForm<Row extends { version: number }, Values, K extends string>(
  options: VersionedOptions<Row, Values, K>,
) {
  const [values, setValues] = useState<Values>(options.initial);
  const [base, setBase] = useState<Row | null>(options.row);
  const [conflict, setConflict] = useState<Conflict<K> | null>(null);
  const [conflictRow, setConflictRow] = useState<Row | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const send = async (expectedVersion: number) => {
    setBusy(true);
    setProblem(null);
    try {
      const saved = await options.send(values, expectedVersion);
      if (saved.ok) {
        setBase(saved.row);
        setConflict(null);
        setConflictRow(null);
        options.onSaved(saved.row);
        return;
      }
      const current = saved.current;
      setConflictRow(current);
      setConflict({
        gone: current === null,
        fields:
          current === null
            ? []
            : conflictingFields(
                options.fields,
                values as Record<K, unknown>,
                options.valuesOf(current) as Record<K, unknown>,
              ),
      });
    } catch (error) {
      setProblem(problemText(options.t, error));
    } finally {
      setBusy(false);
    }
  };

  return {
    values,
    setValues,
    /** Merges a change of some fields into the form. */
    change: (patch: Partial<Values>) => setValues((previous) => ({ ...previous, ...patch })),
    busy,
    /** A failure that is not a conflict (no connection, refused), in words. */
    problem,
    conflict,
    save: () => send(base?.version ?? 0),
    takeMine: () => conflictRow && send(conflictRow.version),
    discard: () => {
      if (conflictRow) {
        setValues(options.valuesOf(conflictRow));
        setBase(conflictRow);
        options.onRefreshed?.(conflictRow);
      } else if (conflict?.gone) {
        options.onGone?.();
      }
      setConflict(null);
      setConflictRow(null);
    },
  };
}
