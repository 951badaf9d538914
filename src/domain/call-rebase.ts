// How a call looks on this device: the server's version with this device's unsent changes
// applied on top, in seq order (the order the server will apply them, G3). Pure: the caller
// reads the outbox and the pulled record. Conflicts: a pending delete hides the call (delete
// wins, G6); a pending create of a call the server already has changes nothing (creates are
// idempotent by id on the server, so the server's values are the ones that count).
import type { CallChangeFields, CallUpdateV1 } from '../shared/push';

/** One waiting outbox row of a call, as far as this rule needs it. */
export interface PendingCallChange {
  name: string;
  args: unknown;
}

/** The call with `fields` set; fields not named keep their value. */
export function applyCallFields<T extends object>(call: T, fields: CallChangeFields): T {
  const next = { ...call };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** The server's call with the pending changes on top, or null when a pending delete waits. */
export function rebaseCall<T extends object>(
  record: T,
  pending: readonly PendingCallChange[],
): T | null {
  let call = record;
  for (const change of pending) {
    if (change.name === 'call.delete') return null;
    if (change.name === 'call.update')
      call = applyCallFields(call, (change.args as CallUpdateV1).fields);
  }
  return call;
}
