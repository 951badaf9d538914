// The storefront's hours as staff edit them (issue 10, "Öffnungszeiten"): the weekly table as
// seven lists of intervals, and a dated exception. Pure: the form keeps what is typed (possibly
// empty or half-typed), these functions say what is wrong at which field before anything is
// sent, and turn a clean draft into the request. The time rule is the one the app reads hours
// with (`isValidInterval` in opening-hours.ts: `HH:mm`, 24:00 for the end of the day, closes
// after it opens); on top of that no two intervals of one day may overlap (touching is fine:
// 10–12 and 12–16 read as 10–16, see `mergeSpans` there).
import type { Interval, WeeklyInterval } from '../shared/catalogue';
import { isValidDay, isValidTime, type IsoWeekday } from './dates';
import { isValidInterval } from './opening-hours';

/** One interval as typed: either time may still be empty. */
export interface IntervalDraft {
  opens: string;
  closes: string;
}

/** Monday … Sunday (index 0 = Monday), each with its intervals in the order shown. */
export type WeeklyDraft = IntervalDraft[][];

export type TimeProblem = 'missing' | 'format' | 'order' | 'overlap';

/** What is wrong with one interval, by field; both undefined when it is fine. */
export interface IntervalProblems {
  opens?: TimeProblem;
  closes?: TimeProblem;
  /** For 'overlap': the interval it overlaps (its index in the same list). */
  overlapsWith?: number;
}

export const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

function timeProblem(time: string): TimeProblem | undefined {
  if (time.trim() === '') return 'missing';
  return isValidTime(time) ? undefined : 'format';
}

/** Problems of each interval of one day (same order as `intervals`). */
export function intervalProblems(intervals: readonly IntervalDraft[]): IntervalProblems[] {
  const problems: IntervalProblems[] = intervals.map((interval) => {
    const found: IntervalProblems = {};
    const opens = timeProblem(interval.opens);
    const closes = timeProblem(interval.closes);
    if (opens) found.opens = opens;
    if (closes) found.closes = closes;
    if (!opens && !closes && !isValidInterval(interval)) found.closes = 'order';
    return found;
  });
  // Overlaps among the intervals that are fine on their own, reported at the later one's start.
  const clean = intervals
    .map((interval, index) => ({ interval, index }))
    .filter(({ index }) => isFine(problems[index]))
    .sort((a, b) => compare(a.interval.opens, b.interval.opens) || a.index - b.index);
  for (let i = 1; i < clean.length; i++) {
    const later = clean[i];
    const earlier = clean
      .slice(0, i)
      .find((candidate) => later && candidate.interval.closes > later.interval.opens);
    if (later && earlier) {
      problems[later.index] = { opens: 'overlap', overlapsWith: earlier.index };
    }
  }
  return problems;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isFine(problems: IntervalProblems | undefined): boolean {
  return !problems || (problems.opens === undefined && problems.closes === undefined);
}

/** The week as the storefront holds it, sorted by opening time within each day. */
export function weeklyDraftOf(weekly: readonly WeeklyInterval[]): WeeklyDraft {
  return WEEKDAYS.map((weekday) =>
    weekly
      .filter((interval) => interval.weekday === weekday)
      .map(({ opens, closes }) => ({ opens, closes }))
      .sort((a, b) => compare(a.opens, b.opens)),
  );
}

/** Problems per weekday; the draft may be sent when `hasProblems` is false. */
export function weeklyProblems(draft: WeeklyDraft): IntervalProblems[][] {
  return draft.map(intervalProblems);
}

export function hasProblems(problems: readonly IntervalProblems[][]): boolean {
  return problems.some((day) => !day.every(isFine));
}

/** The request's weekly list: Monday first, each day by opening time. */
export function weeklyOf(draft: WeeklyDraft): WeeklyInterval[] {
  return draft.flatMap((intervals, index) =>
    [...intervals]
      .sort((a, b) => compare(a.opens, b.opens))
      .map(({ opens, closes }) => ({ weekday: index + 1, opens, closes })),
  );
}

/** A dated exception as typed. */
export interface ExceptionDraft {
  date: string;
  closed: boolean;
  intervals: IntervalDraft[];
  note: string;
}

export type DateProblem = 'missing' | 'format' | 'taken';

export interface ExceptionProblems {
  date?: DateProblem;
  /** Open on that day but no hours given. */
  noHours?: boolean;
  intervals: IntervalProblems[];
}

/**
 * What is wrong with an exception. `takenDays`: days that already have another exception (one
 * per day: the app would otherwise have to guess which one holds).
 */
export function exceptionProblems(
  draft: ExceptionDraft,
  takenDays: readonly string[],
): ExceptionProblems {
  const found: ExceptionProblems = { intervals: [] };
  if (draft.date.trim() === '') found.date = 'missing';
  else if (!isValidDay(draft.date)) found.date = 'format';
  else if (takenDays.includes(draft.date)) found.date = 'taken';
  if (!draft.closed) {
    if (draft.intervals.length === 0) found.noHours = true;
    found.intervals = intervalProblems(draft.intervals);
  }
  return found;
}

export function exceptionHasProblems(problems: ExceptionProblems): boolean {
  return (
    problems.date !== undefined ||
    problems.noHours === true ||
    !problems.intervals.every((interval) => isFine(interval))
  );
}

/** The intervals to send: none on a closed day, by opening time otherwise. */
export function exceptionIntervals(draft: ExceptionDraft): Interval[] {
  if (draft.closed) return [];
  return [...draft.intervals]
    .map(({ opens, closes }) => ({ opens, closes }))
    .sort((a, b) => compare(a.opens, b.opens));
}
