// A mutation that can never apply as sent (G7): it is rolled back to its savepoint, recorded
// with a code and a German message for its author ("braucht Aufmerksamkeit"), and the queue
// moves on. Only this error counts as permanent; anything else thrown while applying is taken
// as transient and rolls the whole push back (503), so a retry can still apply it.
import type * as v from 'valibot';

export type RejectionCode =
  | 'unknown_mutation'
  | 'invalid_args'
  | 'unknown_author'
  /**
   * An update or delete of an entry the device's quarter does not have as that kind (none with
   * the id, or one of another kind: `call.update` of an advice session's id).
   */
  | 'unknown_entry'
  /** A create whose id belongs to an entry of another kind (the ids are client-generated). */
  | 'id_in_use'
  /** A volunteer's update or delete of someone else's entry; a chunk of someone else's walk. */
  | 'forbidden';

export class MutationRejection extends Error {
  override name = 'MutationRejection';
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Ends a push's first attempt, which runs without savepoints (push.service.ts): a mutation was
 * rejected, or a create's id was taken. Everything is rolled back and the push runs again, one
 * mutation at a time, each in its own savepoint.
 */
export class RedoOneByOne extends Error {
  override name = 'RedoOneByOne';
}

/**
 * "Der Anruf konnte nicht gespeichert werden: „Dauer“ fehlt oder ist ungültig." — the fields
 * by their German labels, never the submitted values. A field is named by the label of the
 * longest part of its path that has one (`fields.note` before `fields`, `activity` for
 * `activity.id`). Fields without a label, and args that are not an object at all, get a
 * general sentence.
 */
export function invalidArgsMessage(
  what: string,
  labels: Readonly<Record<string, string>>,
  issues: readonly v.BaseIssue<unknown>[],
): string {
  const named = issues.map((issue) => labelOf(labels, issue.path ?? []));
  if (named.includes(undefined)) {
    return `${what} konnte nicht gespeichert werden: die Angaben sind unvollständig oder ungültig.`;
  }
  const fields = [...new Set(named)].map((label) => `„${label}“`);
  const list =
    fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(', ')} und ${fields.at(-1)}`;
  const verb = fields.length === 1 ? 'fehlt oder ist' : 'fehlen oder sind';
  return `${what} konnte nicht gespeichert werden: ${list} ${verb} ungültig.`;
}

function labelOf(
  labels: Readonly<Record<string, string>>,
  path: readonly { key: unknown }[],
): string | undefined {
  const keys = path.map((item) => item.key);
  for (let length = keys.length; length > 0; length -= 1) {
    const head = keys.slice(0, length);
    if (!head.every((key) => typeof key === 'string')) continue;
    const dotted = head.join('.');
    if (Object.hasOwn(labels, dotted)) return labels[dotted];
  }
  return undefined;
}
