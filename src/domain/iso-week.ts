// ISO weeks named as `2026-W48`, for staff's week view and its address (`#/team/woche/…`):
// parse and format the name, step to the week before or after, and the week's span of time.
// A week is Monday 00:00 to the next Monday 00:00 on a Berlin clock, so its length in hours
// changes with daylight saving (167 in the week of the last Sunday of March, 169 in October's);
// entries are placed by comparing their UTC instants with that span, never by local `Date`s.
// Days and weeks come from dates.ts and week-groups.ts; this file only names and steps them.
// Pure.
import { addDays, berlinInstant, berlinWallClock } from './dates';
import { isoWeekOf, type IsoWeek } from './week-groups';

/** Weeks of these ISO years only, like the instants entries may carry (2000–2100). */
export const ISO_WEEK_FIRST_YEAR = 2000;
export const ISO_WEEK_LAST_YEAR = 2099;

/** `2026-W48`; the pattern allows what could be a week, `parseIsoWeekId` checks it exists. */
export const ISO_WEEK_ID_PATTERN = /^(\d{4})-W(\d{2})$/;

export interface IsoWeekSpan {
  /** Monday 00:00 in Berlin, UTC ISO 8601 (inclusive). */
  start: string;
  /** The next Monday 00:00 in Berlin, UTC ISO 8601 (exclusive). */
  end: string;
}

/** `2026-W48`, `2027-W01`. */
export function formatIsoWeekId(week: Pick<IsoWeek, 'year' | 'week'>): string {
  return `${week.year}-W${week.week < 10 ? '0' : ''}${week.week}`;
}

/** The Monday of week 1: the week of 4 January always belongs to its year. */
function firstMonday(year: number): string {
  return isoWeekOf(`${year}-01-04`).monday;
}

/** The week an id names, or null for anything else (`2025-W53`, `2026-W00`, `garbage`). */
export function parseIsoWeekId(id: string): IsoWeek | null {
  const match = ISO_WEEK_ID_PATTERN.exec(id);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < ISO_WEEK_FIRST_YEAR || year > ISO_WEEK_LAST_YEAR || week < 1 || week > 53) {
    return null;
  }
  const found = isoWeekOf(addDays(firstMonday(year), (week - 1) * 7));
  // Week 53 of a year with 52 weeks is week 1 of the next.
  return found.year === year && found.week === week ? found : null;
}

/** The week `n` weeks later (negative: earlier). */
export function shiftIsoWeek(week: Pick<IsoWeek, 'monday'>, n: number): IsoWeek {
  return isoWeekOf(addDays(week.monday, n * 7));
}

export const previousIsoWeek = (week: Pick<IsoWeek, 'monday'>) => shiftIsoWeek(week, -1);
export const nextIsoWeek = (week: Pick<IsoWeek, 'monday'>) => shiftIsoWeek(week, 1);

/** The week's span of instants: Berlin Monday 00:00 up to (not including) the next. */
export function isoWeekSpan(week: Pick<IsoWeek, 'monday'>): IsoWeekSpan {
  return {
    start: new Date(berlinInstant(week.monday, 0)).toISOString(),
    end: new Date(berlinInstant(addDays(week.monday, 7), 0)).toISOString(),
  };
}

/** The week an instant falls in on a Berlin calendar (the current week: pass `now`). */
export function isoWeekOfInstant(instantMs: number): IsoWeek {
  return isoWeekOf(berlinWallClock(instantMs).day);
}
