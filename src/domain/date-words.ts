// Month and weekday names, and the dates written with them, in German and English: the only
// importer of date-fns (its `de` and `en-GB` locales, through `localize`, not `format`, which is
// large). Apart from src/domain/dates.ts so the start screen, which shows no such word, does
// not load the locales (issue 12); the rules for days and Berlin time are there.
import type { Day, Month } from 'date-fns';
import { de } from 'date-fns/locale/de';
import { enGB } from 'date-fns/locale/en-GB';
import { isoWeekday, parseDay, type IsoWeekday, type Lang } from './dates';

const LOCALES = { de, en: enGB };

/** `'Montag, 30. November 2026'` / `'Monday, 30 November 2026'`. */
export function formatDayLong(day: string, lang: Lang = 'de'): string {
  // Assembled from the locale's words rather than date-fns `format`, which would pull every
  // format token into the first screen's bundle (docs/benchmarks.md, budgets).
  const [y, m, d] = parseDay(day);
  const month = monthName(m, lang);
  const weekday = weekdayName(isoWeekday(day), lang);
  return lang === 'de' ? `${weekday}, ${d}. ${month} ${y}` : `${weekday}, ${d} ${month} ${y}`;
}

/** `'15. November 2026'` / `'15 November 2026'`: a day without its weekday (the Ampel's date). */
export function formatDayMedium(day: string, lang: Lang = 'de'): string {
  const [y, m, d] = parseDay(day);
  const month = monthName(m, lang);
  return lang === 'de' ? `${d}. ${month} ${y}` : `${d} ${month} ${y}`;
}

/** `monthName(11)` → `'November'`; months are 1 = January … 12 = December. */
export function monthName(month: number, lang: Lang = 'de'): string {
  return LOCALES[lang].localize.month((month - 1) as Month, { width: 'wide' });
}

/** `weekdayName(1)` → `'Montag'`; `'short'` gives `'Mo'` / `'Mon'`. */
export function weekdayName(
  weekday: IsoWeekday,
  lang: Lang = 'de',
  width: 'long' | 'short' = 'long',
): string {
  // date-fns numbers days 0 = Sunday … 6 = Saturday.
  return LOCALES[lang].localize.day((weekday % 7) as Day, {
    width: width === 'long' ? 'wide' : lang === 'de' ? 'short' : 'abbreviated',
  });
}
