// The merge rule for `<kind>.update` (G6), as a pure function, the same for every entry kind:
// per-field last writer wins in server order. The update is applied after everything the
// server already has, so each field it sets takes its value; a field that another client
// changed after the update's base version is a concurrent edit: the update still wins (it is
// later in server order), and the value it overwrites is kept in the entry's history, flagged
// as a conflict for staff to review. A field set to the value it already has is no change: no
// history, no conflict. Values are compared as canonical JSON (object keys sorted), so the
// order of keys inside a value (an activity, a topic) never makes an equal value a change.

/** An entry's values (no id), as the protocol has them. */
export type Values = Readonly<Record<string, unknown>>;

export interface FieldChange {
  field: string;
  /** Protocol values, before and after. */
  oldValue: unknown;
  newValue: unknown;
  /** `oldValue` came from a concurrent edit and lost. */
  conflict: boolean;
}

export interface EntryUpdatePlan<V extends Values> {
  /** The entry's values after the update (the current ones when nothing changes). */
  values: V;
  /** In the kind's field order; empty: nothing changes. */
  changes: FieldChange[];
  /** Whether any change lost a concurrent value. */
  conflict: boolean;
}

/**
 * `fieldNames`: the kind's fields in their fixed order. `changes`: the fields the update sets
 * (absent ones stay). `changedByOthers`: the fields another client changed on the server after
 * the update's base version (entry-history.repo.ts answers that).
 */
export function planEntryUpdate<V extends Values>(
  fieldNames: readonly string[],
  current: V,
  changes: Values,
  changedByOthers: ReadonlySet<string>,
): EntryUpdatePlan<V> {
  const values: Record<string, unknown> = { ...current };
  const planned: FieldChange[] = [];
  for (const field of fieldNames) {
    if (!Object.hasOwn(changes, field)) continue;
    const newValue = changes[field];
    if (newValue === undefined) continue;
    const oldValue = current[field];
    if (canonicalJson(oldValue) === canonicalJson(newValue)) continue;
    values[field] = newValue;
    planned.push({ field, oldValue, newValue, conflict: changedByOthers.has(field) });
  }
  return {
    values: values as V,
    changes: planned,
    conflict: planned.some((change) => change.conflict),
  };
}

/** JSON with every object's keys sorted: equal values give equal text, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, inner: unknown) =>
      inner !== null && typeof inner === 'object' && !Array.isArray(inner)
        ? Object.fromEntries(
            Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
              a < b ? -1 : a > b ? 1 : 0,
            ),
          )
        : inner,
    ) ?? 'undefined'
  );
}
