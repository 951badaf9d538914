// "Meine Einträge" shows entries by calendar week: ISO weeks (Monday first) of the Berlin
// calendar. A week belongs to the ISO year of its Thursday, so Thursday 31 December 2026 and
// Friday 1 January 2027 are both in week 53 of 2026. The day of an entry is the Berlin wall
// clock of its instant (dates.ts), so an entry at 00:30 on a Monday belongs to the new week
// whatever the device's time zone and on both daylight-saving switches. Pure.
import { addDays, berlinWallClock, daysBetween, isoWeekday, type Lang } from './dates';
import { monthName } from './date-words';

export interface IsoWeek {
  /** The ISO week-numbering year (the year of the week's Thursday). */
  year: number;
  /** 1 … 53. */
  week: number;
  /** First and last day of the week, `yyyy-MM-dd`. */
  monday: string;
  sunday: string;
}

export interface WeekGroup<T> extends IsoWeek {
  /** `2026-W48`: unique per week, for keys and ids. */
  key: string;
  /** Newest first. */
  items: T[];
}

/** The ISO week a Berlin calendar day falls in. */
export function isoWeekOf(day: string): IsoWeek {
  const monday = addDays(day, 1 - isoWeekday(day));
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return { year, week, monday, sunday: addDays(monday, 6) };
}

/**
 * Groups items by the ISO week of their instant (epoch ms) in Berlin: newest week first,
 * newest item first within a week; items at the same instant keep their order.
 */
export function groupByWeek<T>(
  items: readonly T[],
  instantOf: (item: T) => number,
): WeekGroup<T>[] {
  const sorted = items
    .map((item, index) => ({ item, index, at: instantOf(item) }))
    .sort((a, b) => b.at - a.at || a.index - b.index);
  const groups: WeekGroup<T>[] = [];
  const byKey = new Map<string, WeekGroup<T>>();
  for (const { item, at } of sorted) {
    const week = isoWeekOf(berlinWallClock(at).day);
    const key = `${week.year}-W${week.week < 10 ? '0' : ''}${week.week}`;
    let group = byKey.get(key);
    if (!group) {
      group = { ...week, key, items: [] };
      byKey.set(key, group);
      groups.push(group);
    }
    group.items.push(item);
  }
  return groups;
}

/**
 * The days of a week in words: `23.–29. November 2026`, `30. November – 6. Dezember 2026`,
 * `28. Dezember 2026 – 3. Januar 2027` (English: `23–29 November 2026`, …).
 */
export function formatWeekRange(week: Pick<IsoWeek, 'monday' | 'sunday'>, lang: Lang = 'de') {
  const [y1, m1, d1] = week.monday.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = week.sunday.split('-').map(Number) as [number, number, number];
  const dot = lang === 'de' ? '.' : '';
  const end = `${d2}${dot} ${monthName(m2, lang)} ${y2}`;
  if (y1 !== y2) return `${d1}${dot} ${monthName(m1, lang)} ${y1} – ${end}`;
  if (m1 !== m2) return `${d1}${dot} ${monthName(m1, lang)} – ${end}`;
  return `${d1}${dot}–${end}`;
}
