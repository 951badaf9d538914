// Rules for a caller's call partners (Begegnungstelefon): how many attempts in a row went
// unanswered (three flag the partner for staff), the last call, and the Berlin calendar day of
// the next planned call. Calls are ordered by `occurredAt` (when the call happened, as typed or
// saved), never by the order they reached the device.
import { addDays, berlinWallClock, compareDay } from './dates';

/** After this many unanswered attempts in a row a partner is flagged for staff. */
export const PARTNER_FLAG_AFTER = 3;

export interface CallOutcome {
  occurredAt: string;
  reached: boolean;
}

/** Oldest first; calls at the same instant keep their given order. */
function byTime<C extends { occurredAt: string }>(calls: readonly C[]): C[] {
  return calls
    .map((call, index) => ({ call, index, at: Date.parse(call.occurredAt) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ call }) => call);
}

/** Unanswered calls since the last reached one (all of them if none was reached). */
export function unansweredInARow(calls: readonly CallOutcome[]): number {
  const ordered = byTime(calls);
  let count = 0;
  for (let i = ordered.length - 1; i >= 0 && !ordered[i]?.reached; i -= 1) count += 1;
  return count;
}

/** True when the partner should be flagged for staff. */
export function isFlagged(calls: readonly CallOutcome[]): boolean {
  return unansweredInARow(calls) >= PARTNER_FLAG_AFTER;
}

/** The latest call, or only the latest reached one; undefined when there is none. */
export function lastCall<C extends CallOutcome>(
  calls: readonly C[],
  { reachedOnly = false }: { reachedOnly?: boolean } = {},
): C | undefined {
  const ordered = byTime(reachedOnly ? calls.filter((call) => call.reached) : calls);
  return ordered[ordered.length - 1]; // not .at(-1): Safari 12 has no Array#at
}

/**
 * The Berlin day (`yyyy-MM-dd`) of the next planned call: `callEveryDays` calendar days after
 * the Berlin day of `lastCallAt`, or today when that day has passed or there was no call yet.
 * Pass the last *reached* call: an unanswered attempt is not the call that was due, so the
 * partner stays due. Calendar days, not 24-hour steps: a daylight-saving switch in between
 * moves nothing.
 */
export function nextPlannedCall(
  lastCallAt: string | null,
  callEveryDays: number,
  now: Date,
): string {
  const today = berlinWallClock(now.getTime()).day;
  const last = lastCallAt === null ? NaN : Date.parse(lastCallAt);
  if (Number.isNaN(last)) return today;
  const every = Number.isFinite(callEveryDays) ? Math.max(0, Math.floor(callEveryDays)) : 0;
  const next = addDays(berlinWallClock(last).day, every);
  return compareDay(next, today) < 0 ? today : next;
}
