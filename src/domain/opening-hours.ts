// Opening hours of a storefront, on Berlin wall-clock time (DST policy: top of dates.ts).
// Which hours apply on a day, most specific first:
//   1. a dated exception for that day (closed all day, or replacement intervals) — this is also
//      how a storefront opens on a public holiday;
//   2. an NRW public holiday, closed when `storefront.holidaysClosed`;
//   3. the weekly intervals for that weekday (several per day allowed, e.g. a lunch break).
// Intervals are [opens, closes): the closing minute is already closed. `24:00` closes at the end
// of the day; an interval that ends at 24:00 runs on into one that starts at 00:00 next day.
// Intervals that do not close after they open (overnight hours, bad data) are ignored, since
// guessing would be worse than leaving them out; `isValidInterval` lets an editing form reject
// them before they are saved.
import type { Interval, OpeningException, Storefront } from '../shared/catalogue';
import {
  addDays,
  berlinInstant,
  isoWeekday,
  isValidTime,
  berlinWallClock,
  minutesToTime,
  MINUTES_PER_DAY,
  timeToMinutes,
  type IsoWeekday,
} from './dates';
import { nrwHoliday } from './holidays';

/** How far `openingState` looks for the next opening: a year and a bit, so annual events count. */
export const NEXT_OPENING_HORIZON_DAYS = 370;

export type DayReason = 'weekly' | 'exception' | 'holiday' | 'closed-exception';

export interface DayHours {
  /** Sorted by opening time; empty when closed all day. */
  intervals: Interval[];
  reason: DayReason;
  /** Set whenever the day is an NRW public holiday, whether or not it closes the storefront. */
  holidayName?: string;
  /** feiertagejs key (e.g. `'KARFREITAG'`) for translating `holidayName`. */
  holidayKey?: string;
  /** The exception's note, when it has one. */
  note?: string;
}

export interface SpecialDay extends DayHours {
  day: string;
}

export interface WeekRow {
  isoWeekday: IsoWeekday;
  intervals: Interval[];
}

export interface NextOpening {
  day: string;
  opens: string;
}

interface StateDetails {
  /** Berlin calendar day of `now`. */
  day: string;
  /** Why today has the hours it has. */
  reason: DayReason;
  holidayName?: string;
  holidayKey?: string;
  note?: string;
}

export type OpeningState =
  | (StateDetails & { open: true; closesAt: string; closesDay: string })
  | (StateDetails & { open: false; next: NextOpening | null });

interface Span {
  start: number;
  end: number;
}

type ExceptionIndex = Map<string, OpeningException>;

export function isValidInterval(interval: Interval): boolean {
  // Zero-padded HH:mm strings compare like the times they stand for.
  return (
    isValidTime(interval.opens) && isValidTime(interval.closes) && interval.opens < interval.closes
  );
}

function cleanIntervals(intervals: readonly Interval[]): Interval[] {
  return intervals
    .filter(isValidInterval)
    .map((i) => ({ opens: i.opens, closes: i.closes }))
    .sort((a, b) => (a.opens === b.opens ? cmp(a.closes, b.closes) : cmp(a.opens, b.opens)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Overlapping and touching intervals become one span: 10–12 + 12–16 is open until 16. */
function mergeSpans(sorted: readonly Interval[]): Span[] {
  const spans: Span[] = [];
  for (const i of sorted) {
    const start = timeToMinutes(i.opens);
    const end = timeToMinutes(i.closes);
    const last = spans[spans.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else spans.push({ start, end });
  }
  return spans;
}

function weeklyFor(storefront: Storefront, weekday: number): Interval[] {
  return cleanIntervals(storefront.weekly.filter((w) => w.weekday === weekday));
}

/**
 * One exception per day for this storefront. Two for the same day should not exist; if a sync
 * race leaves two, the later `updatedAt` wins (then the larger id), so every device agrees.
 */
function indexExceptions(storefrontId: string, exceptions: readonly OpeningException[]) {
  const index: ExceptionIndex = new Map();
  for (const e of exceptions) {
    if (e.storefrontId !== storefrontId) continue;
    const held = index.get(e.date);
    if (!held || isNewer(e, held)) index.set(e.date, e);
  }
  return index;
}

function isNewer(a: OpeningException, b: OpeningException): boolean {
  const diff = Date.parse(a.updatedAt) - Date.parse(b.updatedAt);
  return diff !== 0 ? diff > 0 : a.id > b.id;
}

function dayHours(storefront: Storefront, index: ExceptionIndex, day: string): DayHours {
  const holiday = nrwHoliday(day);
  const exception = index.get(day);
  let hours: DayHours;
  if (exception) {
    // "Open, but with no hours" can only mean closed.
    const intervals = exception.closed ? [] : cleanIntervals(exception.intervals);
    hours = { intervals, reason: intervals.length > 0 ? 'exception' : 'closed-exception' };
    if (exception.note.trim() !== '') hours.note = exception.note;
  } else if (holiday && storefront.holidaysClosed) {
    hours = { intervals: [], reason: 'holiday' };
  } else {
    hours = { intervals: weeklyFor(storefront, isoWeekday(day)), reason: 'weekly' };
  }
  if (holiday) {
    hours.holidayName = holiday.name;
    hours.holidayKey = holiday.key;
  }
  return hours;
}

/** The hours that apply on `day` (`yyyy-MM-dd`), and why. */
export function hoursForDay(
  storefront: Storefront,
  exceptions: readonly OpeningException[],
  day: string,
): DayHours {
  return dayHours(storefront, indexExceptions(storefront.id, exceptions), day);
}

/** Monday..Sunday with their regular intervals, for the weekly table. */
export function weekSchedule(storefront: Storefront): WeekRow[] {
  const days: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
  return days.map((d) => ({ isoWeekday: d, intervals: weeklyFor(storefront, d) }));
}

/**
 * Days in [fromDay, fromDay + days) whose hours differ from the weekly table: every exception,
 * and every public holiday that closes the storefront on a day it would otherwise be open (a
 * holiday on a day that is closed anyway changes nothing, so it is not listed).
 */
export function upcomingExceptions(
  storefront: Storefront,
  exceptions: readonly OpeningException[],
  fromDay: string,
  days: number,
): SpecialDay[] {
  const index = indexExceptions(storefront.id, exceptions);
  const special: SpecialDay[] = [];
  for (let i = 0; i < days; i++) {
    const day = addDays(fromDay, i);
    const hours = dayHours(storefront, index, day);
    if (hours.reason === 'weekly') continue;
    if (hours.reason === 'holiday' && weeklyFor(storefront, isoWeekday(day)).length === 0) continue;
    special.push({ day, ...hours });
  }
  return special;
}

/** Open or closed at `nowMs`, on Berlin wall-clock time, with when that changes. */
export function openingState(
  storefront: Storefront,
  exceptions: readonly OpeningException[],
  nowMs: number,
): OpeningState {
  const index = indexExceptions(storefront.id, exceptions);
  const { day, minutes } = berlinWallClock(nowMs);
  const { intervals, ...details } = dayHours(storefront, index, day);
  const spans = mergeSpans(intervals);
  const current = spans.find((s) => s.start <= minutes && minutes < s.end);
  if (current) {
    const close = closingOf(storefront, index, day, current.end);
    return {
      open: true,
      day,
      closesAt: minutesToTime(close.end),
      closesDay: close.day,
      ...details,
    };
  }
  const later = spans.find((s) => s.start > minutes);
  const next = later
    ? { day, opens: minutesToTime(later.start) }
    : nextOpeningAfter(storefront, index, day);
  return { open: false, day, next, ...details };
}

/**
 * The instant until which the words for `state` stay true: its next change (the closing, or the
 * next opening) or the next Berlin midnight (when "heute", "morgen" and the weekday move on),
 * whichever comes first. A kept picture of the start screen is painted only before it
 * (src/views/start-picture.ts).
 */
export function openingStateUntil(state: OpeningState): number {
  const midnight = firstReached(addDays(state.day, 1), 0);
  const change = state.open
    ? firstReached(state.closesDay, timeToMinutes(state.closesAt))
    : state.next && firstReached(state.next.day, timeToMinutes(state.next.opens));
  return change ? Math.min(change, midnight) : midnight;
}

const HOUR_MS = 3_600_000;

/**
 * The first instant at which Berlin's clock shows `minutes` of `day` or later. In the autumn
 * night the clock shows 02:00–02:59 twice: the first time, an hour before the instant
 * `berlinInstant` gives (the second).
 */
function firstReached(day: string, minutes: number): number {
  const instant = berlinInstant(day, minutes);
  const hourBefore = berlinWallClock(instant - HOUR_MS);
  return hourBefore.day === day && hourBefore.minutes >= minutes ? instant - HOUR_MS : instant;
}

/** Follows a span ending at 24:00 into the next day when that day opens at 00:00. */
function closingOf(storefront: Storefront, index: ExceptionIndex, day: string, end: number) {
  let close = { day, end };
  for (let i = 0; close.end === MINUTES_PER_DAY && i < NEXT_OPENING_HORIZON_DAYS; i++) {
    const nextDay = addDays(close.day, 1);
    const first = mergeSpans(dayHours(storefront, index, nextDay).intervals)[0];
    if (!first || first.start !== 0) break;
    close = { day: nextDay, end: first.end };
  }
  return close;
}

function nextOpeningAfter(
  storefront: Storefront,
  index: ExceptionIndex,
  day: string,
): NextOpening | null {
  for (let i = 1; i <= NEXT_OPENING_HORIZON_DAYS; i++) {
    const candidate = addDays(day, i);
    const first = dayHours(storefront, index, candidate).intervals[0];
    if (first) return { day: candidate, opens: first.opens };
  }
  return null;
}
