import { useDeviceTimeZone } from '../support/device-time-zone';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  berlinWallClock,
  compareDay,
  daysBetween,
  formatDayShort,
  formatInstantBerlin,
  formatTime,
  isoWeekday,
  isValidDay,
  isValidTime,
  minutesToTime,
  relativeDay,
  timeToMinutes,
  wallClockFromParts,
  type IsoWeekday,
  type Lang,
  type WallClock,
} from '../../src/domain/dates';
import { formatDayLong, weekdayName } from '../../src/domain/date-words';

describe('berlinWallClock', () => {
  // prettier-ignore
  it.each<[string, number, WallClock]>([
    ['winter afternoon', Date.UTC(2026, 10, 25, 13, 30), { day: '2026-11-25', minutes: 870, isoWeekday: 3 }],
    ['summer afternoon', Date.UTC(2026, 6, 15, 12, 30), { day: '2026-07-15', minutes: 870, isoWeekday: 3 }],
    ['winter midnight', Date.UTC(2026, 10, 29, 23, 0), { day: '2026-11-30', minutes: 0, isoWeekday: 1 }],
    ['one minute before winter midnight', Date.UTC(2026, 10, 29, 22, 59), { day: '2026-11-29', minutes: 1439, isoWeekday: 7 }],
    ['summer midnight', Date.UTC(2026, 6, 31, 22, 0), { day: '2026-08-01', minutes: 0, isoWeekday: 6 }],
    ['new year midnight', Date.UTC(2026, 11, 31, 23, 0), { day: '2027-01-01', minutes: 0, isoWeekday: 5 }],
    ['UTC midnight is 01:00 in winter', Date.UTC(2026, 11, 31, 0, 0), { day: '2026-12-31', minutes: 60, isoWeekday: 4 }],
    ['ISO string with offset', Date.parse('2026-11-25T14:30:00+01:00'), { day: '2026-11-25', minutes: 870, isoWeekday: 3 }],
    ['spring: 01:59 CET, last minute before the gap', Date.UTC(2026, 2, 29, 0, 59), { day: '2026-03-29', minutes: 119, isoWeekday: 7 }],
    ['spring: next minute is 03:00 CEST', Date.UTC(2026, 2, 29, 1, 0), { day: '2026-03-29', minutes: 180, isoWeekday: 7 }],
    ['spring: noon CEST', Date.UTC(2026, 2, 29, 10, 0), { day: '2026-03-29', minutes: 720, isoWeekday: 7 }],
    ['spring: the day before is still CET', Date.UTC(2026, 2, 28, 23, 0), { day: '2026-03-29', minutes: 0, isoWeekday: 7 }],
    ['autumn: 02:30 CEST, first time', Date.UTC(2026, 9, 25, 0, 30), { day: '2026-10-25', minutes: 150, isoWeekday: 7 }],
    ['autumn: 02:59 CEST', Date.UTC(2026, 9, 25, 0, 59), { day: '2026-10-25', minutes: 179, isoWeekday: 7 }],
    ['autumn: 02:00 CET, the hour again', Date.UTC(2026, 9, 25, 1, 0), { day: '2026-10-25', minutes: 120, isoWeekday: 7 }],
    ['autumn: 02:30 CET, second time', Date.UTC(2026, 9, 25, 1, 30), { day: '2026-10-25', minutes: 150, isoWeekday: 7 }],
    ['autumn: 03:00 CET', Date.UTC(2026, 9, 25, 2, 0), { day: '2026-10-25', minutes: 180, isoWeekday: 7 }],
    ['autumn: midnight that starts the day is CEST', Date.UTC(2026, 9, 24, 22, 0), { day: '2026-10-25', minutes: 0, isoWeekday: 7 }],
    ['autumn: midnight that ends the day is CET', Date.UTC(2026, 9, 25, 23, 0), { day: '2026-10-26', minutes: 0, isoWeekday: 1 }],
    ['seconds are cut, not rounded', Date.UTC(2026, 10, 25, 13, 59, 59, 999), { day: '2026-11-25', minutes: 899, isoWeekday: 3 }],
  ])('%s', (_label, instant, expected) => {
    expect(berlinWallClock(instant)).toEqual(expected);
  });
});

describe('wallClockFromParts (midnight printed as hour 24 by some engines)', () => {
  const parts = (hour: string): Intl.DateTimeFormatPart[] => [
    { type: 'day', value: '30' },
    { type: 'literal', value: '/' },
    { type: 'month', value: '11' },
    { type: 'literal', value: '/' },
    { type: 'year', value: '2026' },
    { type: 'literal', value: ', ' },
    { type: 'hour', value: hour },
    { type: 'literal', value: ':' },
    { type: 'minute', value: '05' },
  ];
  it.each<[string, WallClock]>([
    ['24', { day: '2026-11-30', minutes: 5, isoWeekday: 1 }],
    ['00', { day: '2026-11-30', minutes: 5, isoWeekday: 1 }],
    ['23', { day: '2026-11-30', minutes: 1385, isoWeekday: 1 }],
  ])('hour "%s"', (hour, expected) => {
    expect(wallClockFromParts(parts(hour))).toEqual(expected);
  });
});

describe('calendar days', () => {
  it.each<[string, number, string]>([
    ['2026-11-30', 0, '2026-11-30'],
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-11-30', -30, '2026-10-31'],
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-10-25', -1, '2026-10-24'],
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-01-01', 370, '2027-01-06'],
  ])('addDays(%s, %i) = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  it.each<[string, IsoWeekday]>([
    ['2026-11-30', 1],
    ['2026-04-03', 5],
    ['2026-03-29', 7],
    ['2026-10-25', 7],
    ['2027-01-01', 5],
  ])('isoWeekday(%s) = %i', (day, expected) => {
    expect(isoWeekday(day)).toBe(expected);
  });

  it.each<[string, string, number, number]>([
    ['2026-11-30', '2026-12-01', -1, 1],
    ['2026-12-01', '2026-11-30', 1, -1],
    ['2026-11-30', '2026-11-30', 0, 0],
    ['2026-03-28', '2026-03-30', -1, 2],
    ['2026-10-24', '2026-10-26', -1, 2],
    ['2026-12-31', '2027-01-01', -1, 1],
  ])('compareDay(%s, %s) has sign %i, daysBetween = %i', (a, b, sign, between) => {
    expect(Math.sign(compareDay(a, b))).toBe(sign);
    expect(daysBetween(a, b)).toBe(between);
  });

  it.each<[string, string, 'today' | 'tomorrow' | null]>([
    ['2026-11-30', '2026-11-30', 'today'],
    ['2026-12-01', '2026-11-30', 'tomorrow'],
    ['2027-01-01', '2026-12-31', 'tomorrow'],
    ['2026-12-02', '2026-11-30', null],
    ['2026-11-29', '2026-11-30', null],
  ])('relativeDay(%s, today %s) = %s', (day, today, expected) => {
    expect(relativeDay(day, today)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['2026-11-30', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-1-1', false],
    ['30.11.2026', false],
  ])('isValidDay(%s) = %s', (value, expected) => {
    expect(isValidDay(value)).toBe(expected);
  });
});

describe('wall-clock times', () => {
  it.each<[string, boolean]>([
    ['00:00', true],
    ['10:00', true],
    ['23:59', true],
    ['24:00', true],
    ['24:01', false],
    ['9:00', false],
    ['12:60', false],
  ])('isValidTime(%s) = %s', (value, expected) => {
    expect(isValidTime(value)).toBe(expected);
  });

  it.each<[string, number]>([
    ['00:00', 0],
    ['10:00', 600],
    ['12:30', 750],
    ['23:59', 1439],
    ['24:00', 1440],
  ])('%s is minute %i and back', (time, minutes) => {
    expect(timeToMinutes(time)).toBe(minutes);
    expect(minutesToTime(minutes)).toBe(time);
    expect(formatTime(time)).toBe(time);
  });
});

describe('formatting', () => {
  it.each<[string, Lang, string, string]>([
    ['2026-11-30', 'de', 'Montag, 30. November 2026', '30.11.2026'],
    ['2026-03-29', 'de', 'Sonntag, 29. März 2026', '29.03.2026'],
    ['2027-01-01', 'de', 'Freitag, 1. Januar 2027', '01.01.2027'],
    ['2026-11-30', 'en', 'Monday, 30 November 2026', '30/11/2026'],
    ['2026-03-29', 'en', 'Sunday, 29 March 2026', '29/03/2026'],
  ])('%s in %s: "%s", "%s"', (day, lang, long, short) => {
    expect(formatDayLong(day, lang)).toBe(long);
    expect(formatDayShort(day, lang)).toBe(short);
  });

  it.each<[IsoWeekday, string, string, string, string]>([
    [1, 'Montag', 'Mo', 'Monday', 'Mon'],
    [3, 'Mittwoch', 'Mi', 'Wednesday', 'Wed'],
    [6, 'Samstag', 'Sa', 'Saturday', 'Sat'],
    [7, 'Sonntag', 'So', 'Sunday', 'Sun'],
  ])('weekday %i: %s / %s / %s / %s', (weekday, deLong, deShort, enLong, enShort) => {
    expect(weekdayName(weekday)).toBe(deLong);
    expect(weekdayName(weekday, 'de', 'short')).toBe(deShort);
    expect(weekdayName(weekday, 'en')).toBe(enLong);
    expect(weekdayName(weekday, 'en', 'short')).toBe(enShort);
  });

  it.each<[string, number, Lang, string]>([
    ['winter', Date.UTC(2026, 10, 25, 13, 30), 'de', '25.11.2026, 14:30'],
    ['summer', Date.UTC(2026, 6, 15, 12, 30), 'de', '15.07.2026, 14:30'],
    ['midnight', Date.UTC(2026, 11, 31, 23, 0), 'de', '01.01.2027, 00:00'],
    ['autumn, repeated hour', Date.UTC(2026, 9, 25, 1, 5), 'de', '25.10.2026, 02:05'],
    ['english', Date.UTC(2026, 10, 25, 13, 30), 'en', '25/11/2026, 14:30'],
  ])('formatInstantBerlin, %s', (_label, instant, lang, expected) => {
    expect(formatInstantBerlin(instant, lang)).toBe(expected);
  });
});

// The device's own time zone must not leak into any result (a tablet may be set to anything).
describe.each(['Europe/Berlin', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
  'on a device set to %s',
  (zone) => {
    useDeviceTimeZone(zone);

    // prettier-ignore
    it.each<[string, () => unknown, unknown]>([
      ['spring instant', () => berlinWallClock(Date.UTC(2026, 2, 29, 1, 0)), { day: '2026-03-29', minutes: 180, isoWeekday: 7 }],
      ['autumn instant', () => berlinWallClock(Date.UTC(2026, 9, 25, 1, 30)), { day: '2026-10-25', minutes: 150, isoWeekday: 7 }],
      ['add across US spring change', () => addDays('2026-03-07', 2), '2026-03-09'],
      ['add across Berlin spring change', () => addDays('2026-03-28', 2), '2026-03-30'],
      ['days across autumn change', () => daysBetween('2026-10-24', '2026-10-26'), 2],
      ['weekday', () => isoWeekday('2026-11-30'), 1],
      ['long day', () => formatDayLong('2026-03-29'), 'Sonntag, 29. März 2026'],
      ['instant shown in Berlin time', () => formatInstantBerlin(Date.UTC(2026, 2, 8, 1, 30)), '08.03.2026, 02:30'],
    ])('%s', (_label, run, expected) => {
      expect(run()).toEqual(expected);
    });
  },
);
