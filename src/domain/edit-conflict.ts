// A staff edit that met a newer version on the server (issue 10, optimistic concurrency): which
// fields to show side by side, "Ihre Änderung" beside "Inzwischen gespeichert". Pure.
// Only fields whose values differ are listed; a field both sides set to the same value is no
// conflict. Values are compared by their JSON form, so lists (an activity's institutions, a
// day's intervals) compare by content.

export interface FieldConflict<K extends string = string> {
  field: K;
  mine: unknown;
  theirs: unknown;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields (in the order given) where what I am sending differs from what the server holds. */
export function conflictingFields<K extends string>(
  fields: readonly K[],
  mine: Readonly<Record<K, unknown>>,
  theirs: Readonly<Record<K, unknown>>,
): FieldConflict<K>[] {
  return fields
    .filter((field) => !sameValue(mine[field], theirs[field]))
    .map((field) => ({ field, mine: mine[field], theirs: theirs[field] }));
}
