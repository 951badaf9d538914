// The date module (with src/domain/date-words.ts, the only importer of date-fns; docs/architecture.md,
// House style).
//
// Daylight-saving policy
// - The time zone of record is Europe/Berlin. An instant (epoch ms) becomes Berlin wall-clock
//   parts by the EU summer-time rule in force since 1996 (`berlinOffsetMinutes`): plain
//   arithmetic, because the first use of an `Intl.DateTimeFormat` for a time zone loads the
//   engine's zone data (about 40 ms in Chromium, about 200 ms at 6× CPU throttle) and the start
//   screen needs the Berlin day at once (docs/architecture.md, "Berlin time without Intl"). tests/domain/berlin-offset.test.ts checks
//   the rule hour by hour against `Intl` over 1996–2100. Outside those years the instant goes
//   through `Intl.DateTimeFormat` with `timeZone: 'Europe/Berlin'` and `formatToParts`, which
//   the whole supported floor has (iOS Safari 12.2, Chrome 71). `@date-fns/tz` is not used: it
//   breaks below Safari 15.4.
// - Calendar days are `yyyy-MM-dd` strings and carry no time zone. Day arithmetic never goes
//   through Berlin instants: it is done on UTC midnights, which no DST rule touches. Days never
//   become local `Date`s, so the device's own DST rules can't shift one to another day.
// - Wall-clock times (`HH:mm`) are minutes since local midnight as printed on a Berlin clock, not
//   elapsed time. On the spring-forward day (last Sunday in March) 02:00–02:59 never happens, so
//   an opening interval inside that hour is simply never open. On the fall-back day (last Sunday
//   in October) 02:00–02:59 happens twice, and an interval covering it is open both times.
// - Month and weekday names come from date-fns in src/domain/date-words.ts, apart from this
//   module so the start screen, which needs none of them, does not load date-fns's locales
//   (issue 12). Numeric forms are assembled here from strings; that is shorter than a format
//   pattern and cannot be shifted by the device's time zone.
// - Instants shown to people (`formatInstantBerlin`) are printed in Berlin time too, whatever
//   time zone the device is set to.

export const TIME_ZONE = 'Europe/Berlin';
export const MINUTES_PER_DAY = 1440;
const MS_PER_DAY = 86_400_000;

export type Lang = 'de' | 'en';
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface WallClock {
  /** Berlin calendar day, `yyyy-MM-dd`. */
  day: string;
  /** Minutes since Berlin midnight, 0..1439. */
  minutes: number;
  isoWeekday: IsoWeekday;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;
// Same rule as `timeString` in src/shared/catalogue.ts: 00:00–23:59, or 24:00 for end of day.
const VALID_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

let berlinFormatter: Intl.DateTimeFormat | undefined;

function formatter(): Intl.DateTimeFormat {
  // Only for instants outside the years the EU rule is checked for (`berlinWallClock`). Built
  // once: constructing an Intl formatter costs far more than using one.
  if (!berlinFormatter) {
    berlinFormatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
  }
  return berlinFormatter;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// The years the EU rule below is checked against `Intl` for (by UTC year of the instant; both
// ends are in winter time, so a Berlin New Year an hour off UTC's changes nothing).
const RULE_FIRST_YEAR = 1996;
const RULE_LAST_YEAR = 2100;
const MS_PER_MINUTE = 60_000;

/** The instant of 01:00 UTC on the last Sunday of `month0` (0-based; a 31-day month). */
function lastSundayAt0100Utc(year: number, month0: number): number {
  const day31 = Date.UTC(year, month0, 31);
  // 1970-01-01 was a Thursday (weekday 4, Sunday = 0).
  const weekday = (Math.floor(day31 / MS_PER_DAY) + 4) % 7;
  return day31 - weekday * MS_PER_DAY + 3_600_000;
}

/**
 * Berlin's offset from UTC in minutes at an instant by the EU rule in force since 1996: summer
 * time (CEST, +120) from 01:00 UTC on the last Sunday of March up to 01:00 UTC on the last
 * Sunday of October, else CET (+60). Pure arithmetic, no `Intl`. Equal to `Intl`'s answer for
 * every instant in 1996–2100 (tests/domain/berlin-offset.test.ts); before 1996 Germany ended
 * summer time in September, so callers outside those years use `Intl` (`berlinWallClock`).
 */
export function berlinOffsetMinutes(instantMs: number): 60 | 120 {
  const year = new Date(instantMs).getUTCFullYear();
  return instantMs >= lastSundayAt0100Utc(year, 2) && instantMs < lastSundayAt0100Utc(year, 9)
    ? 120
    : 60;
}

/** The Berlin calendar day, minute of day and weekday of an instant. */
export function berlinWallClock(instantMs: number): WallClock {
  const year = new Date(instantMs).getUTCFullYear();
  // `!(… && …)` also sends NaN (an invalid instant) to Intl, which throws as it always did.
  if (!(year >= RULE_FIRST_YEAR && year <= RULE_LAST_YEAR)) {
    return wallClockFromParts(formatter().formatToParts(new Date(instantMs)));
  }
  // Seconds are cut, not rounded, as `formatToParts` does.
  const localMinute = Math.floor(instantMs / MS_PER_MINUTE) + berlinOffsetMinutes(instantMs);
  const dayNumber = Math.floor(localMinute / MINUTES_PER_DAY);
  const day = fromUtc(dayNumber * MS_PER_DAY);
  return { day, minutes: localMinute - dayNumber * MINUTES_PER_DAY, isoWeekday: isoWeekday(day) };
}

/**
 * Reads `formatToParts` output. Some engines (Chrome 80 among them) print midnight as hour "24" of
 * the day that is just starting when `hour12: false` is set; that is hour 0.
 */
export function wallClockFromParts(parts: Intl.DateTimeFormatPart[]): WallClock {
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (!part) throw new Error(`Date part "${type}" missing`);
    return parseInt(part.value, 10);
  };
  const hour = get('hour') % 24;
  const day = `${get('year')}-${pad2(get('month'))}-${pad2(get('day'))}`;
  return { day, minutes: hour * 60 + get('minute'), isoWeekday: isoWeekday(day) };
}

export function parseDay(day: string): [number, number, number] {
  const m = DAY_PATTERN.exec(day);
  if (!m) throw new Error(`Not a yyyy-MM-dd day: "${day}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Day arithmetic on UTC midnights: UTC has no DST, and no device setting reaches it. */
function toUtc(day: string): number {
  const [y, m, d] = parseDay(day);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  const date = new Date(ms);
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

/** True for a real calendar day written `yyyy-MM-dd` (rejects 2026-02-30). */
export function isValidDay(value: string): boolean {
  return DAY_PATTERN.test(value) && fromUtc(toUtc(value)) === value;
}

export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * MS_PER_DAY);
}

export function isoWeekday(day: string): IsoWeekday {
  return (new Date(toUtc(day)).getUTCDay() || 7) as IsoWeekday;
}

/** Negative, zero or positive like `Array.prototype.sort` wants. */
export function compareDay(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / MS_PER_DAY);
}

/** Which relative word fits `day` seen from `today`; the message catalogue has the words. */
export function relativeDay(day: string, today: string): 'today' | 'tomorrow' | null {
  const diff = daysBetween(today, day);
  return diff === 0 ? 'today' : diff === 1 ? 'tomorrow' : null;
}

/** True for `HH:mm` from 00:00 to 23:59, and for 24:00 (end of day). */
export function isValidTime(value: string): boolean {
  return VALID_TIME.test(value);
}

/** `'10:00'` → 600; `'24:00'` → 1440. */
export function timeToMinutes(time: string): number {
  const m = TIME_PATTERN.exec(time);
  if (!m) throw new Error(`Not an HH:mm time: "${time}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 600 → `'10:00'`; 1440 → `'24:00'` (end of day). */
export function minutesToTime(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Both languages use the 24-hour clock, so a stored `HH:mm` is already the display form. */
export function formatTime(time: string): string {
  return minutesToTime(timeToMinutes(time));
}

/** `'30.11.2026'` / `'30/11/2026'`. */
export function formatDayShort(day: string, lang: Lang = 'de'): string {
  const [y, m, d] = day.split('-');
  return lang === 'de' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}

/**
 * `'25.11.2026, 14:30'` in Berlin time, for "Zuletzt aktualisiert: …". Built from the Berlin
 * parts by hand: handing them to date-fns would mean a local `Date`, which the device's own
 * DST gaps could shift.
 */
export function formatInstantBerlin(instantMs: number, lang: Lang = 'de'): string {
  const { day, minutes } = berlinWallClock(instantMs);
  return `${formatDayShort(day, lang)}, ${minutesToTime(minutes)}`;
}

/**
 * The instant of a Berlin wall-clock time (`day` + minutes), for entries typed in by people.
 * Found by correcting a UTC guess with the Berlin offset at that guess, twice (the offset can
 * differ on either side of a DST switch). In the spring-forward gap (02:00–02:59 never
 * happens) the result lands an hour later; in the fall-back hour it is the second of the two
 * (winter time).
 */
export function berlinInstant(day: string, minutes: number): number {
  const wanted = toUtc(day) + minutes * 60_000;
  let guess = wanted;
  for (let i = 0; i < 2; i += 1) {
    const seen = berlinWallClock(guess);
    guess += wanted - (toUtc(seen.day) + seen.minutes * 60_000);
  }
  return guess;
}
