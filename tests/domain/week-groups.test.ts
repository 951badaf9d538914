// Entries by ISO week in Berlin: the week of an instant around midnight, the daylight-saving
// switches and the turn of the year, whatever zone the device is set to; the week in words.
import { describe, expect, it } from 'vitest';
import { berlinInstant } from '../../src/domain/dates';
import { formatWeekRange, groupByWeek, isoWeekOf } from '../../src/domain/week-groups';
import { useDeviceTimeZone } from '../support/device-time-zone';

/** An instant given as Berlin wall clock: `at('2026-03-29', '03:30')`. */
const at = (day: string, time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return berlinInstant(day, h * 60 + m);
};

describe('isoWeekOf', () => {
  // prettier-ignore
  it.each([
    ['a Wednesday', '2026-11-25', 2026, 48, '2026-11-23', '2026-11-29'],
    ['its Monday', '2026-11-23', 2026, 48, '2026-11-23', '2026-11-29'],
    ['its Sunday', '2026-11-29', 2026, 48, '2026-11-23', '2026-11-29'],
    ['31 Dec 2026 (Thursday): week 53 of 2026', '2026-12-31', 2026, 53, '2026-12-28', '2027-01-03'],
    ['1 Jan 2027 (Friday): still week 53 of 2026', '2027-01-01', 2026, 53, '2026-12-28', '2027-01-03'],
    ['3 Jan 2027 (Sunday): last day of it', '2027-01-03', 2026, 53, '2026-12-28', '2027-01-03'],
    ['4 Jan 2027 (Monday): week 1 of 2027', '2027-01-04', 2027, 1, '2027-01-04', '2027-01-10'],
    ['29 Dec 2025 (Monday): week 1 of 2026', '2025-12-29', 2026, 1, '2025-12-29', '2026-01-04'],
    ['1 Jan 2026 (Thursday): week 1', '2026-01-01', 2026, 1, '2025-12-29', '2026-01-04'],
    ['spring-forward Sunday', '2026-03-29', 2026, 13, '2026-03-23', '2026-03-29'],
    ['fall-back Sunday', '2026-10-25', 2026, 43, '2026-10-19', '2026-10-25'],
    ['leap day', '2028-02-29', 2028, 9, '2028-02-28', '2028-03-05'],
  ])('%s', (_label, day, year, week, monday, sunday) => {
    expect(isoWeekOf(day)).toEqual({ year, week, monday, sunday });
  });
});

describe('groupByWeek', () => {
  useDeviceTimeZone('America/New_York');
  const weekOf = (instant: number) => groupByWeek([instant], (x) => x)[0]?.key;

  // prettier-ignore
  it.each([
    ['New Year\'s Eve 23:59 Berlin', at('2026-12-31', '23:59'), '2026-W53'],
    ['New Year 00:30 Berlin (still 2026 in UTC)', at('2027-01-01', '00:30'), '2026-W53'],
    ['Sunday 3 Jan 2027, 23:30', at('2027-01-03', '23:30'), '2026-W53'],
    ['Monday 4 Jan 2027, 00:30 (Sunday in UTC)', at('2027-01-04', '00:30'), '2027-W01'],
    ['spring-forward Sunday 00:30 CET', at('2026-03-29', '00:30'), '2026-W13'],
    ['spring-forward Sunday 03:30 CEST', at('2026-03-29', '03:30'), '2026-W13'],
    ['Monday after it, 00:30 CEST (Sunday in UTC)', at('2026-03-30', '00:30'), '2026-W14'],
    ['fall-back Sunday 00:30 CEST', at('2026-10-25', '00:30'), '2026-W43'],
    ['fall-back Sunday 03:30 CET', at('2026-10-25', '03:30'), '2026-W43'],
    ['Monday after it, 00:30 CET (Sunday in UTC)', at('2026-10-26', '00:30'), '2026-W44'],
    ['Sunday before it, 23:30 CEST', at('2026-10-18', '23:30'), '2026-W42'],
  ])('%s', (_label, instant, key) => {
    expect(weekOf(instant)).toBe(key);
  });

  it('puts the newest week first and the newest entry first in each week', () => {
    const entries = [
      { id: 'old', at: at('2026-11-16', '10:00') },
      { id: 'mon', at: at('2026-11-23', '00:30') },
      { id: 'sun', at: at('2026-11-29', '23:30') },
      { id: 'next', at: at('2026-11-30', '00:00') },
      { id: 'tie-a', at: at('2026-11-25', '12:00') },
      { id: 'tie-b', at: at('2026-11-25', '12:00') },
    ];
    const groups = groupByWeek(entries, (entry) => entry.at);
    expect(groups.map((group) => [group.key, group.items.map((entry) => entry.id)])).toEqual([
      ['2026-W49', ['next']],
      ['2026-W48', ['sun', 'tie-a', 'tie-b', 'mon']],
      ['2026-W47', ['old']],
    ]);
    expect(groups[1]).toMatchObject({ week: 48, monday: '2026-11-23', sunday: '2026-11-29' });
  });

  it('keeps entries of the same week number in different years apart', () => {
    const groups = groupByWeek([at('2027-11-24', '10:00'), at('2026-11-25', '10:00')], (x) => x);
    expect(groups.map((group) => group.key)).toEqual(['2027-W47', '2026-W48']);
  });

  it('has nothing to group in an empty list', () => {
    expect(groupByWeek([], (x: number) => x)).toEqual([]);
  });
});

describe('formatWeekRange', () => {
  // prettier-ignore
  it.each([
    ['within a month', '2026-11-23', '2026-11-29', '23.–29. November 2026', '23–29 November 2026'],
    ['across months', '2026-11-30', '2026-12-06', '30. November – 6. Dezember 2026', '30 November – 6 December 2026'],
    ['across years', '2026-12-28', '2027-01-03', '28. Dezember 2026 – 3. Januar 2027', '28 December 2026 – 3 January 2027'],
  ])('%s', (_label, monday, sunday, de, en) => {
    expect(formatWeekRange({ monday, sunday }, 'de')).toBe(de);
    expect(formatWeekRange({ monday, sunday }, 'en')).toBe(en);
  });
});
