// Calendar days for the demo's dated exceptions. Days are `yyyy-MM-dd` strings in
// Europe/Berlin (the time zone of record); the arithmetic runs on UTC noon of that day, which
// no daylight-saving switch can push into a neighbouring day.

/** The calendar day in Berlin at the instant `now`. */
export function berlinDay(now: Date): string {
  // en-CA formats as yyyy-MM-dd.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(now);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
}

/** The next `MM-dd` strictly after `day` (this year's or next year's). */
export function nextMonthDay(day: string, monthDay: string): string {
  const year = Number(day.slice(0, 4));
  const thisYear = `${year}-${monthDay}`;
  return thisYear > day ? thisYear : `${year + 1}-${monthDay}`;
}
