// How a walk's figures read: kilometres with the language's decimal sign ("2,4 km"), walking
// time in hours and minutes ("1 Std. 5 Min."), the GPS state in plain words.
import type { Lang } from '../../../i18n/messages';
import type { EntriesT } from '../use-entries-t';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** `metres` as kilometres: two decimals under 1 km ("0,35 km"), one from there ("2,4 km"). */
export function kmText(t: EntriesT, lang: Lang, metres: number): string {
  const digits = metres < 1000 ? 2 : 1;
  const key = `${lang}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    numberFormats.set(key, format);
  }
  return t('walk.km', { km: format.format(metres / 1000) });
}

/** Whole minutes of `seconds` (rounded down), as "42 Min." or "1 Std. 5 Min.". */
export function walkingTimeText(t: EntriesT, seconds: number): string {
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  if (minutes < 60) return t('walk.minutes', { minutes });
  return t('walk.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** What the GPS is like now: a fix within the route's threshold, a poorer one, or none. */
export type GpsState = 'good' | 'poor' | 'none';

export function gpsState(accuracy: number | null, maxAccuracy: number): GpsState {
  if (accuracy === null) return 'none';
  return accuracy <= maxAccuracy ? 'good' : 'poor';
}
