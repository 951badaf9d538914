// Retry delays after failed sync rounds: exponential from 2 s, capped at 5 minutes, with "full
// jitter" (a random point in [cap/2, cap]) so many tablets coming online together don't retry
// in lockstep. `random` is passed in to keep this pure and testable.
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

export function nextDelay(failures: number, random: () => number): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}
