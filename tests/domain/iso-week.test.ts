// Weeks named `2026-W48`: which names exist, stepping across year ends and week 53, and each
// week's span of instants in Berlin across both daylight-saving switches, whatever zone the
// machine runs in.
import { describe, expect, it } from 'vitest';
import { berlinInstant } from '../../src/domain/dates';
import {
  formatIsoWeekId,
  isoWeekOfInstant,
  isoWeekSpan,
  nextIsoWeek,
  parseIsoWeekId,
  previousIsoWeek,
} from '../../src/domain/iso-week';
import { useDeviceTimeZone } from '../support/device-time-zone';

const HOUR = 3_600_000;
const hoursOf = (id: string) => {
  const week = parseIsoWeekId(id);
  if (!week) throw new Error(`no week ${id}`);
  const span = isoWeekSpan(week);
  return (Date.parse(span.end) - Date.parse(span.start)) / HOUR;
};
const at = (day: string, time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return berlinInstant(day, h * 60 + m);
};

describe('parseIsoWeekId', () => {
  // prettier-ignore
  it.each([
    ['2026-W48', 2026, 48, '2026-11-23', '2026-11-29'],
    ['2026-W01', 2026, 1, '2025-12-29', '2026-01-04'],
    ['2026-W53', 2026, 53, '2026-12-28', '2027-01-03'],
    ['2027-W01', 2027, 1, '2027-01-04', '2027-01-10'],
    ['2020-W53', 2020, 53, '2020-12-28', '2021-01-03'],
    ['2021-W01', 2021, 1, '2021-01-04', '2021-01-10'],
    ['2015-W53', 2015, 53, '2015-12-28', '2016-01-03'],
  ])('%s', (id, year, week, monday, sunday) => {
    expect(parseIsoWeekId(id)).toEqual({ year, week, monday, sunday });
  });

  it.each([
    ['a year with 52 weeks has no week 53', '2025-W53'],
    ['nor has 2027', '2027-W53'],
    ['there is no week 0', '2026-W00'],
    ['nor 54', '2026-W54'],
    ['one digit', '2026-W5'],
    ['lower case', '2026-w05'],
    ['no W', '2026-05'],
    ['a date', '2026-11-23'],
    ['trailing text', '2026-W48x'],
    ['leading space', ' 2026-W48'],
    ['garbage', 'Woche'],
    ['empty', ''],
    ['before 2000', '1999-W10'],
    ['after 2099', '2100-W10'],
  ])('rejects %s (%s)', (_label, id) => {
    expect(parseIsoWeekId(id)).toBeNull();
  });
});

describe('formatIsoWeekId', () => {
  it('pads the week to two digits', () => {
    expect(formatIsoWeekId({ year: 2027, week: 1 })).toBe('2027-W01');
    expect(formatIsoWeekId({ year: 2026, week: 53 })).toBe('2026-W53');
  });

  it('reads back what it writes for every week of 2026', () => {
    let week = parseIsoWeekId('2026-W01');
    for (let i = 0; i < 53 && week; i += 1) {
      expect(parseIsoWeekId(formatIsoWeekId(week))).toEqual(week);
      week = nextIsoWeek(week);
    }
    expect(week && formatIsoWeekId(week)).toBe('2027-W01');
  });
});

describe('previous and next week', () => {
  const step = (id: string, by: typeof nextIsoWeek) => {
    const week = parseIsoWeekId(id);
    if (!week) throw new Error(id);
    return formatIsoWeekId(by(week));
  };

  it.each([
    ['2026-W48', '2026-W49', '2026-W47'],
    ['2026-W53', '2027-W01', '2026-W52'],
    ['2027-W01', '2027-W02', '2026-W53'],
    ['2026-W01', '2026-W02', '2025-W52'],
    ['2020-W53', '2021-W01', '2020-W52'],
    ['2021-W01', '2021-W02', '2020-W53'],
  ])('%s: next %s, previous %s', (id, next, previous) => {
    expect(step(id, nextIsoWeek)).toBe(next);
    expect(step(id, previousIsoWeek)).toBe(previous);
  });
});

describe('isoWeekSpan', () => {
  useDeviceTimeZone('America/New_York');

  it('is Monday 00:00 to the next Monday 00:00 in Berlin', () => {
    const week = parseIsoWeekId('2026-W48');
    expect(week && isoWeekSpan(week)).toEqual({
      start: '2026-11-22T23:00:00.000Z',
      end: '2026-11-29T23:00:00.000Z',
    });
  });

  it('has 167 hours in the week of the spring switch', () => {
    expect(hoursOf('2026-W13')).toBe(167);
    expect(parseIsoWeekId('2026-W13')?.sunday).toBe('2026-03-29');
  });

  it('has 169 hours in the week of the autumn switch', () => {
    expect(hoursOf('2026-W43')).toBe(169);
    expect(parseIsoWeekId('2026-W43')?.sunday).toBe('2026-10-25');
  });

  it('has 168 hours in the weeks beside them', () => {
    expect(hoursOf('2026-W12')).toBe(168);
    expect(hoursOf('2026-W14')).toBe(168);
    expect(hoursOf('2026-W44')).toBe(168);
  });

  it('starts in summer time after the spring switch', () => {
    const week = parseIsoWeekId('2026-W14');
    expect(week && isoWeekSpan(week)).toEqual({
      start: '2026-03-29T22:00:00.000Z',
      end: '2026-04-05T22:00:00.000Z',
    });
  });

  it('joins weeks without a gap across the year end', () => {
    const w53 = parseIsoWeekId('2026-W53');
    const w01 = parseIsoWeekId('2027-W01');
    expect(w53 && isoWeekSpan(w53).end).toBe(w01 && isoWeekSpan(w01).start);
    expect(w01 && isoWeekSpan(w01).start).toBe('2027-01-03T23:00:00.000Z');
  });
});

describe('isoWeekOfInstant', () => {
  useDeviceTimeZone('Pacific/Auckland');
  const id = (ms: number) => formatIsoWeekId(isoWeekOfInstant(ms));

  it.each([
    ['Monday 00:30 after the spring switch', at('2026-03-30', '00:30'), '2026-W14'],
    ['Sunday 23:30 of the spring switch', at('2026-03-29', '23:30'), '2026-W13'],
    ['Monday 00:30 after the autumn switch', at('2026-10-26', '00:30'), '2026-W44'],
    ['Sunday 23:30 of the autumn switch', at('2026-10-25', '23:30'), '2026-W43'],
    ['1 January 2027', at('2027-01-01', '12:00'), '2026-W53'],
    ['Monday 4 January 2027, 00:30', at('2027-01-04', '00:30'), '2027-W01'],
  ])('%s', (_label, ms, week) => {
    expect(id(ms)).toBe(week);
    // The instant lies in the span of the week it is named for.
    const parsed = parseIsoWeekId(week);
    const span = parsed && isoWeekSpan(parsed);
    expect(span && ms >= Date.parse(span.start) && ms < Date.parse(span.end)).toBe(true);
  });
});
