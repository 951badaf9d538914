// Building blocks for the fields of every request, shared by the device and the server (issue 7:
// every bad input a clear 4xx on SQLite and PostgreSQL alike, checked at the edge).
// - Text has a maximum length, no NUL or other control characters (C0 except line feed and tab
//   in multi-line fields, DEL, C1), no lone surrogates (not valid UTF-8), no bidi embeddings,
//   overrides or isolates (U+202A–U+202E, U+2066–U+2069: they make a name read differently from
//   what it is), and is normalised to NFC after those checks, so "Müller" typed either way is
//   one name.
// - Names (a call's partner, a person, a device label) have at least one visible character.
// - Times are ISO 8601 instants in UTC exactly as `Date#toISOString` writes them, a real
//   calendar date within a fixed window. Pure: no clock.
// - Integers that reach the database stay within PostgreSQL's `integer` (32 bits).
// Plain regular expressions without the `u` flag or lookbehind: the app's floor is ES2017.
import * as v from 'valibot';

/** PostgreSQL `integer` (and SQLite's safe range for it): every counter, seq and version. */
export const MAX_INT32 = 2_147_483_647;

/** The window of plausible instants: a time outside it is a typing or clock error. */
export const INSTANT_MIN_YEAR = 2000;
export const INSTANT_MAX_YEAR = 2100;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
/** As above, but line feed and tab are allowed (notes). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_MULTI_LINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const WHITESPACE = /\s/;
/**
 * Characters that show nothing besides whitespace: soft hyphen, combining grapheme joiner,
 * Hangul and Khmer fillers, Mongolian selectors, zero-width spaces, joiners and marks, word
 * joiner and invisible operators, variation selectors, BOM. (A list of ranges, not a regular
 * expression: some of them combine with what precedes them.)
 */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x2060, 0x2064],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];

function isInvisible(char: string): boolean {
  const code = char.charCodeAt(0);
  return WHITESPACE.test(char) || INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to);
}

/** No control characters (line feed and tab only when `multiLine`), no lone surrogates. */
export function isCleanText(text: string, multiLine = false): boolean {
  const forbidden = multiLine ? FORBIDDEN_MULTI_LINE : FORBIDDEN_SINGLE_LINE;
  return !forbidden.test(text) && !LONE_SURROGATE.test(text);
}

/** At least one character that shows something (not only spaces or zero-width characters). */
export function hasVisibleCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    if (!isInvisible(text.charAt(i))) return true;
  }
  return false;
}

const CONTROL_MESSAGE = 'Text mit Steuerzeichen';
const VISIBLE_MESSAGE = 'Mindestens ein sichtbares Zeichen';
const toNfc = (text: string) => text.normalize('NFC');

/**
 * One line of text, at most `max` characters (also after NFC), no control characters; `min`
 * characters at least (default 0). Not trimmed.
 */
export function singleLine(max: number, min = 0) {
  return v.pipe(
    v.string(),
    v.minLength(min),
    v.maxLength(max),
    v.check((text) => isCleanText(text), CONTROL_MESSAGE),
    v.transform(toNfc),
    v.maxLength(max),
  );
}

/** Text with line breaks (`\n`) and tabs, e.g. a note; at most `max` characters. */
export function multiLine(max: number) {
  return v.pipe(
    v.string(),
    v.maxLength(max),
    v.check((text) => isCleanText(text, true), CONTROL_MESSAGE),
    v.transform(toNfc),
    v.maxLength(max),
  );
}

/**
 * A name people read (a call's partner, a person, a device label): trimmed, one line, 1–`max`
 * characters with at least one visible one, NFC.
 */
export function visibleName(max: number) {
  return v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1),
    v.maxLength(max),
    v.check((text) => isCleanText(text), CONTROL_MESSAGE),
    v.check(hasVisibleCharacter, VISIBLE_MESSAGE),
    v.transform(toNfc),
    v.maxLength(max),
  );
}

/**
 * An identifier machines make (UUIDs, `theme-3`, `call.create`): 1–`max` characters of ASCII
 * letters, digits and `_ . : -`. Nothing a database, a log or a terminal could trip over.
 */
export function plainId(max = 64) {
  return v.pipe(
    v.string(),
    v.minLength(1),
    v.maxLength(max),
    v.regex(/^[A-Za-z0-9_.:-]+$/, 'Kennung aus Buchstaben, Ziffern und _ . : -'),
  );
}

/** Printable ASCII only (opaque tokens such as the pull cookie), at most `max` characters. */
export function printableAscii(max: number) {
  return v.pipe(v.string(), v.maxLength(max), v.regex(/^[\x21-\x7E]*$/, 'Nur druckbare Zeichen'));
}

/** An integer in [min, max]; the default max is PostgreSQL's `integer`. (-0 counts as 0.) */
export function int(min: number, max = MAX_INT32) {
  return v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{3})?Z$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is year-month-day a day of the Gregorian calendar (no 31 February)? */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** `yyyy-MM-dd` naming a real calendar day (any year). */
export function isDayString(text: string): boolean {
  const match = DAY.exec(text);
  return match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC, as `toISOString` writes it), a
 * real date and time (no 31 February, no hour 24, no leap second), years 2000–2100.
 */
export function isInstant(text: string): boolean {
  const match = INSTANT.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return (
    year >= INSTANT_MIN_YEAR &&
    year <= INSTANT_MAX_YEAR &&
    isCalendarDay(year, month, day) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

/** An instant in UTC (see `isInstant`), e.g. `2026-11-25T14:50:38.465Z`. */
export const instant = v.pipe(
  v.string(),
  v.maxLength(24),
  v.check(isInstant, 'Zeitpunkt als JJJJ-MM-TTTHH:MM:SS(.sss)Z in UTC, 2000–2100'),
);
