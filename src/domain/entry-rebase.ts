// How an entry of any kind looks on this device: the server's version with this device's
// unsent changes applied on top, in seq order (the order the server will apply them, G3). Pure:
// the caller reads the outbox and the pulled record. Conflicts: a pending delete hides the
// entry (delete wins, G6); a pending create of an entry the server already has changes nothing
// (creates are idempotent by id on the server, so the server's values are the ones that count).
// Which change is which comes from the mutation's name (`entryMutation`), the same for every
// kind.
import { entryMutation } from '../shared/entry-key';

/** One waiting outbox row of an entry, as far as this rule needs it. */
export interface PendingChange {
  name: string;
  args: unknown;
}

/** The entry with `fields` set; fields not named (or undefined) keep their value. */
export function applyEntryFields<T extends object>(entry: T, fields: object): T {
  const next = { ...entry };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** The server's entry with the pending changes on top, or null when a pending delete waits. */
export function rebaseEntry<T extends object>(
  record: T,
  pending: readonly PendingChange[],
): T | null {
  let entry = record;
  for (const change of pending) {
    const operation = entryMutation(change.name)?.operation;
    if (operation === 'delete') return null;
    if (operation === 'update') {
      const fields = (change.args as { fields?: unknown } | null)?.fields;
      if (fields && typeof fields === 'object') entry = applyEntryFields(entry, fields);
    }
  }
  return entry;
}
