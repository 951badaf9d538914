// The days a staff report covers (issue 10, "Berichte"): a week (the ISO week of a chosen day,
// Monday to Sunday), a calendar month, or a range of days typed in. Pure: the form keeps what
// is typed, `periodDays` says which days that means or what is wrong at which field, before
// the export link is offered. The limits are the server's (`exportQuerySchema`).
import { EXPORT_MAX_DAYS, daysInRange, isMonthString } from '../shared/staff/staff-reports';
import { addDays, isValidDay } from './dates';
import { isoWeekOf } from './week-groups';

export type PeriodKind = 'week' | 'month' | 'range';

export interface PeriodDraft {
  kind: PeriodKind;
  /** Week: any day of it (`yyyy-MM-dd`). */
  weekDay: string;
  /** Month: `yyyy-MM`. */
  month: string;
  /** Range: first and last day, both included. */
  from: string;
  to: string;
}

export type PeriodProblem =
  | { field: 'weekDay' | 'from' | 'to'; problem: 'day' }
  | { field: 'month'; problem: 'month' }
  | { field: 'to'; problem: 'order' | 'tooLong' };

export type PeriodDays = { from: string; to: string; week?: number } | PeriodProblem;

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

function inYears(day: string): boolean {
  const year = Number(day.slice(0, 4));
  return isValidDay(day) && year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** The first and last day of a month `yyyy-MM`. */
export function monthDays(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const year = Number(month.slice(0, 4));
  const next = Number(month.slice(5, 7)) === 12 ? `${year + 1}-01-01` : nextMonthFirst(month);
  return { from, to: addDays(next, -1) };
}

function nextMonthFirst(month: string): string {
  const nextMonth = Number(month.slice(5, 7)) + 1;
  return `${month.slice(0, 4)}-${nextMonth < 10 ? '0' : ''}${nextMonth}-01`;
}

/** The month before the one `day` is in, `yyyy-MM`. */
export function previousMonth(day: string): string {
  return addDays(`${day.slice(0, 7)}-01`, -1).slice(0, 7);
}

export function periodDays(draft: PeriodDraft): PeriodDays {
  switch (draft.kind) {
    case 'week': {
      if (!inYears(draft.weekDay)) return { field: 'weekDay', problem: 'day' };
      const week = isoWeekOf(draft.weekDay);
      return { from: week.monday, to: week.sunday, week: week.week };
    }
    case 'month':
      return isMonthString(draft.month)
        ? monthDays(draft.month)
        : { field: 'month', problem: 'month' };
    case 'range':
      if (!inYears(draft.from)) return { field: 'from', problem: 'day' };
      if (!inYears(draft.to)) return { field: 'to', problem: 'day' };
      if (draft.to < draft.from) return { field: 'to', problem: 'order' };
      if (daysInRange(draft.from, draft.to) > EXPORT_MAX_DAYS) {
        return { field: 'to', problem: 'tooLong' };
      }
      return { from: draft.from, to: draft.to };
  }
}

export function isPeriodProblem(days: PeriodDays): days is PeriodProblem {
  return 'problem' in days;
}
