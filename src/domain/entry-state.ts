// Pure rules for the sync-state screen (docs/sync-protocol.md, Guarantees, "said plainly"): when a
// waiting entry is overdue, and when the device's clock is far enough off to mention. Clocks never
// decide anything about the data (G9); these only decide what to tell people.

/** An entry waiting this long although the device has reached the server since is overdue. */
export const OVERDUE_MS = 24 * 60 * 60_000;

/** Below this, a difference between device and server clock is not worth a word. */
export const CLOCK_SKEW_WARN_MS = 60 * 60_000;

/**
 * True when the oldest waiting entry was made more than 24 h before the device's last contact
 * with the server: the device was online long after it, yet it still is not delivered. (A
 * device that was simply offline for a week is not overdue: its first sync sends everything.)
 */
export function isDeliveryOverdue(
  oldestCreatedAt: number | null,
  lastContactAt: number | undefined,
): boolean {
  if (oldestCreatedAt === null || lastContactAt === undefined) return false;
  return lastContactAt - oldestCreatedAt > OVERDUE_MS;
}

/**
 * How far the device clock was off at the last pull, in whole hours (rounded), or null when
 * it is close enough. `receivedAt` is device time, `serverTime` the server's at the snapshot.
 */
export function clockSkewHours(receivedAt: number, serverTime: string): number | null {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return null;
  const skew = Math.abs(receivedAt - server);
  return skew < CLOCK_SKEW_WARN_MS ? null : Math.round(skew / (60 * 60_000));
}
