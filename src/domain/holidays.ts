// Public holidays in North Rhine-Westphalia (the project is in Krefeld), from feiertagejs.
// feiertagejs builds each holiday at 12:00 UTC, which is the right Berlin calendar day, but its
// `dateString` is derived with the *device's* UTC offset and is a day off on devices set beyond
// ±12 h. So the day is read from the UTC parts of `date` instead.
// Only statutory holidays are known: 24 and 31 December are ordinary days unless a storefront
// records an exception for them.
import { getHolidays } from 'feiertagejs';

export interface PublicHoliday {
  /** `yyyy-MM-dd`. */
  day: string;
  /** feiertagejs name, e.g. `'KARFREITAG'`, for the message catalogue. */
  key: string;
  /** German name, e.g. `'Karfreitag'`. */
  name: string;
}

// Holidays per year, computed once; the lookup is deterministic, so caching keeps it pure.
const byYear = new Map<number, Map<string, PublicHoliday>>();

function holidaysOfYear(year: number): Map<string, PublicHoliday> {
  let days = byYear.get(year);
  if (!days) {
    days = new Map();
    for (const h of getHolidays(year, 'NW')) {
      const d = h.date;
      const day = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
      days.set(day, { day, key: h.name, name: h.translate('de') ?? h.name });
    }
    byYear.set(year, days);
  }
  return days;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The NRW public holiday on `day` (`yyyy-MM-dd`), if there is one. */
export function nrwHoliday(day: string): PublicHoliday | undefined {
  return holidaysOfYear(Number(day.slice(0, 4))).get(day);
}
