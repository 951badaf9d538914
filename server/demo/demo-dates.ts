// Calendar days for the demo's dated exceptions, built on the app's one date module
// (src/domain/dates.ts), so server and device agree on Berlin days.
import { berlinWallClock } from '../../src/domain/dates';

export { addDays, isoWeekday } from '../../src/domain/dates';

/** The calendar day in Berlin at the instant `now`. */
export function berlinDay(now: Date): string {
  return berlinWallClock(now.getTime()).day;
}

/** The next `MM-dd` strictly after `day` (this year's or next year's). */
export function nextMonthDay(day: string, monthDay: string): string {
  const year = Number(day.slice(0, 4));
  const thisYear = `${year}-${monthDay}`;
  return thisYear > day ? thisYear : `${year + 1}-${monthDay}`;
}
