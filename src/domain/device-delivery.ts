// Whether a tablet still delivers (issue 10, "Geräte"): a tablet that has entries waiting but
// has not delivered for days, or has not been heard from for days, stands out in the device
// list, so staff can go and look at it before the entries on it are lost. Pure: `nowMs` comes
// in.

/** Days without a delivery (or without any contact) after which a tablet stands out. */
export const STALE_AFTER_DAYS = 3;

const MS_PER_DAY = 86_400_000;

export interface DeliveryFacts {
  /** ISO instants or null: never. */
  lastSeenAt: string | null;
  lastDeliveredAt: string | null;
  /** Entries the device said still wait; null: it never said. */
  waitingCount: number | null;
  revokedAt: string | null;
}

export type DeliveryState =
  /** Revoked: nothing more to expect. */
  | { state: 'revoked' }
  /** Delivered, or nothing to deliver, within STALE_AFTER_DAYS. */
  | { state: 'ok' }
  /** No contact at all for `days` days (or never, `days` null). */
  | { state: 'silent'; days: number | null }
  /** In contact, but entries wait and the last delivery is `days` days ago (null: never). */
  | { state: 'stuck'; days: number | null };

function daysSince(instant: string | null, nowMs: number): number | null {
  if (instant === null) return null;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? null : Math.floor((nowMs - ms) / MS_PER_DAY);
}

export function deliveryState(device: DeliveryFacts, nowMs: number): DeliveryState {
  if (device.revokedAt !== null) return { state: 'revoked' };
  const seen = daysSince(device.lastSeenAt, nowMs);
  if (seen === null || seen >= STALE_AFTER_DAYS) return { state: 'silent', days: seen };
  const delivered = daysSince(device.lastDeliveredAt, nowMs);
  const waiting = (device.waitingCount ?? 0) > 0;
  if (waiting && (delivered === null || delivered >= STALE_AFTER_DAYS)) {
    return { state: 'stuck', days: delivered };
  }
  return { state: 'ok' };
}

/** True when the tablet should stand out in the list. */
export function needsLook(state: DeliveryState): boolean {
  return state.state === 'silent' || state.state === 'stuck';
}
