// Calendar days for the demo's dated exceptions, built on the app's one date module
// (src/domain/dates.ts), so server and device agree on Berlin days.
import { addDays, berlinInstant, berlinWallClock } from '../../src/domain/dates';

export { addDays, isoWeekday } from '../../src/domain/dates';

/** The calendar day in Berlin at the instant `now`. */
export function berlinDay(now: Date): string {
  return berlinWallClock(now.getTime()).day;
}

/**
 * `days` Berlin calendar days before `now`, at `minutes` after midnight on a Berlin clock: the
 * demo's calls and walk happen in the daytime whenever the server first starts.
 */
export function daysBefore(now: Date, days: number, minutes: number): Date {
  return new Date(berlinInstant(addDays(berlinDay(now), -days), minutes));
}

/** The next `MM-dd` strictly after `day` (this year's or next year's). */
export function nextMonthDay(day: string, monthDay: string): string {
  const year = Number(day.slice(0, 4));
  const thisYear = `${year}-${monthDay}`;
  return thisYear > day ? thisYear : `${year + 1}-${monthDay}`;
}
