import { useDeviceTimeZone } from '../support/device-time-zone';
import { describe, expect, it } from 'vitest';
import {
  hoursForDay,
  isValidInterval,
  openingState,
  openingStateUntil,
  upcomingExceptions,
  weekSchedule,
  type DayHours,
  type OpeningState,
  type SpecialDay,
  type WeekRow,
} from '../../src/domain/opening-hours';
import type { OpeningException, Storefront, WeeklyInterval } from '../../src/shared/catalogue';

// Weekly hours in a one-line mini-language: "1 10:00-12:00 13:00-16:00; 2 10:00-16:00".
function weekly(spec: string): WeeklyInterval[] {
  return spec
    .split(';')
    .filter((d) => d.trim() !== '')
    .flatMap((d) => {
      const [weekday, ...ranges] = d.trim().split(/\s+/);
      return ranges.map((r) => {
        const [opens = '', closes = ''] = r.split('-');
        return { weekday: Number(weekday), opens, closes };
      });
    });
}

function storefront(spec: string, holidaysClosed = true, id = 'laden'): Storefront {
  return {
    id,
    name: 'Anlaufstelle',
    address: 'Südwall 1, Krefeld',
    weekly: weekly(spec),
    holidaysClosed,
    isExample: false,
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  };
}

// `hours` is "" for closed all day, else "10:00-12:00 13:00-16:00".
function exception(
  date: string,
  hours: string,
  note = '',
  extra: Partial<OpeningException> = {},
): OpeningException {
  const intervals = hours
    .split(/\s+/)
    .filter((r) => r !== '')
    .map((r) => {
      const [opens = '', closes = ''] = r.split('-');
      return { opens, closes };
    });
  return {
    id: `ausnahme-${date}`,
    storefrontId: 'laden',
    date,
    closed: hours === '',
    intervals,
    note,
    isExample: false,
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...extra,
  };
}

// Mo with lunch break, Tu with touching intervals, We long day, Th afternoon, Fr morning;
// closed at weekends.
const AUSGABE =
  '1 10:00-12:00 13:00-16:00; 2 10:00-12:00 12:00-16:00; 3 10:00-16:00; 4 14:00-18:00; 5 10:00-14:00';
// Open into the night: Friday and Saturday nights run on past midnight; Wednesday ends at 24:00.
const NACHTCAFE = '3 20:00-24:00; 5 18:00-24:00; 6 00:00-02:00 18:00-24:00; 7 00:00-02:00';

const at = Date.parse;

describe('openingState: weekly hours and public holidays', () => {
  // prettier-ignore
  it.each<[string, number, OpeningState]>([
    // Weekdays, both ends of every interval.
    ['Monday before opening', at('2026-11-30T09:59:00+01:00'),
      { open: false, day: '2026-11-30', reason: 'weekly', next: { day: '2026-11-30', opens: '10:00' } }],
    ['Monday at the opening minute', at('2026-11-30T10:00:00+01:00'),
      { open: true, day: '2026-11-30', reason: 'weekly', closesAt: '12:00', closesDay: '2026-11-30' }],
    ['Monday one minute before the lunch break', at('2026-11-30T11:59:00+01:00'),
      { open: true, day: '2026-11-30', reason: 'weekly', closesAt: '12:00', closesDay: '2026-11-30' }],
    ['Monday at the closing minute (exclusive)', at('2026-11-30T12:00:00+01:00'),
      { open: false, day: '2026-11-30', reason: 'weekly', next: { day: '2026-11-30', opens: '13:00' } }],
    ['Monday in the lunch break', at('2026-11-30T12:30:00+01:00'),
      { open: false, day: '2026-11-30', reason: 'weekly', next: { day: '2026-11-30', opens: '13:00' } }],
    ['Monday after the lunch break', at('2026-11-30T13:00:00+01:00'),
      { open: true, day: '2026-11-30', reason: 'weekly', closesAt: '16:00', closesDay: '2026-11-30' }],
    ['Monday after closing', at('2026-11-30T16:00:00+01:00'),
      { open: false, day: '2026-11-30', reason: 'weekly', next: { day: '2026-12-01', opens: '10:00' } }],
    ['Tuesday, touching intervals are one', at('2026-12-01T11:00:00+01:00'),
      { open: true, day: '2026-12-01', reason: 'weekly', closesAt: '16:00', closesDay: '2026-12-01' }],
    ['Tuesday at the touching minute', at('2026-12-01T12:00:00+01:00'),
      { open: true, day: '2026-12-01', reason: 'weekly', closesAt: '16:00', closesDay: '2026-12-01' }],
    ['Wednesday, given as UTC', Date.UTC(2026, 11, 2, 14, 59),
      { open: true, day: '2026-12-02', reason: 'weekly', closesAt: '16:00', closesDay: '2026-12-02' }],
    ['Thursday morning opens in the afternoon', at('2026-12-03T09:00:00+01:00'),
      { open: false, day: '2026-12-03', reason: 'weekly', next: { day: '2026-12-03', opens: '14:00' } }],
    // Weekend and midnight.
    ['Friday evening opens Monday', at('2026-12-04T18:00:00+01:00'),
      { open: false, day: '2026-12-04', reason: 'weekly', next: { day: '2026-12-07', opens: '10:00' } }],
    ['Saturday noon opens Monday', at('2026-12-05T12:00:00+01:00'),
      { open: false, day: '2026-12-05', reason: 'weekly', next: { day: '2026-12-07', opens: '10:00' } }],
    ['Sunday at midnight belongs to Sunday', Date.UTC(2026, 11, 5, 23, 0),
      { open: false, day: '2026-12-06', reason: 'weekly', next: { day: '2026-12-07', opens: '10:00' } }],
    ['Monday at midnight opens the same day', Date.UTC(2026, 11, 6, 23, 0),
      { open: false, day: '2026-12-07', reason: 'weekly', next: { day: '2026-12-07', opens: '10:00' } }],
    // Public holidays close the storefront.
    ['Thursday before Karfreitag, evening: opens Tuesday after Ostermontag', at('2026-04-02T18:30:00+02:00'),
      { open: false, day: '2026-04-02', reason: 'weekly', next: { day: '2026-04-07', opens: '10:00' } }],
    ['Karfreitag', at('2026-04-03T11:00:00+02:00'),
      { open: false, day: '2026-04-03', reason: 'holiday', holidayName: 'Karfreitag', holidayKey: 'KARFREITAG', next: { day: '2026-04-07', opens: '10:00' } }],
    ['Ostermontag', at('2026-04-06T11:00:00+02:00'),
      { open: false, day: '2026-04-06', reason: 'holiday', holidayName: 'Ostermontag', holidayKey: 'OSTERMONTAG', next: { day: '2026-04-07', opens: '10:00' } }],
    ['Tag der Deutschen Einheit (a Friday in 2025)', at('2025-10-03T11:00:00+02:00'),
      { open: false, day: '2025-10-03', reason: 'holiday', holidayName: 'Tag der Deutschen Einheit', holidayKey: 'DEUTSCHEEINHEIT', next: { day: '2025-10-06', opens: '10:00' } }],
    ['Neujahr (a Thursday in 2026)', at('2026-01-01T15:00:00+01:00'),
      { open: false, day: '2026-01-01', reason: 'holiday', holidayName: 'Neujahrstag', holidayKey: 'NEUJAHRSTAG', next: { day: '2026-01-02', opens: '10:00' } }],
    // Christmas: the 24th is an ordinary Thursday, 25 and 26 are holidays, then the weekend.
    ['Heiligabend is an ordinary Thursday', at('2026-12-24T16:00:00+01:00'),
      { open: true, day: '2026-12-24', reason: 'weekly', closesAt: '18:00', closesDay: '2026-12-24' }],
    ['Heiligabend evening: opens Monday the 28th', at('2026-12-24T18:30:00+01:00'),
      { open: false, day: '2026-12-24', reason: 'weekly', next: { day: '2026-12-28', opens: '10:00' } }],
    ['1. Weihnachtstag', at('2026-12-25T11:00:00+01:00'),
      { open: false, day: '2026-12-25', reason: 'holiday', holidayName: '1. Weihnachtstag', holidayKey: 'ERSTERWEIHNACHTSFEIERTAG', next: { day: '2026-12-28', opens: '10:00' } }],
    ['2. Weihnachtstag on a Saturday', at('2026-12-26T11:00:00+01:00'),
      { open: false, day: '2026-12-26', reason: 'holiday', holidayName: '2. Weihnachtstag', holidayKey: 'ZWEITERWEIHNACHTSFEIERTAG', next: { day: '2026-12-28', opens: '10:00' } }],
  ])('%s', (_label, now, expected) => {
    expect(openingState(storefront(AUSGABE), [], now)).toEqual(expected);
  });
});

describe('openingState: exceptions and holidaysClosed', () => {
  // prettier-ignore
  it.each<[string, Storefront, OpeningException[], number, OpeningState]>([
    ['holidaysClosed=false: open on Karfreitag', storefront(AUSGABE, false), [], at('2026-04-03T11:00:00+02:00'),
      { open: true, day: '2026-04-03', reason: 'weekly', holidayName: 'Karfreitag', holidayKey: 'KARFREITAG', closesAt: '14:00', closesDay: '2026-04-03' }],
    ['holidaysClosed=false: Thursday evening opens on Karfreitag', storefront(AUSGABE, false), [], at('2026-04-02T18:30:00+02:00'),
      { open: false, day: '2026-04-02', reason: 'weekly', next: { day: '2026-04-03', opens: '10:00' } }],
    ['an exception opens Fronleichnam', storefront(AUSGABE), [exception('2026-06-04', '10:00-12:00', 'Sonderausgabe')], at('2026-06-04T11:00:00+02:00'),
      { open: true, day: '2026-06-04', reason: 'exception', note: 'Sonderausgabe', holidayName: 'Fronleichnam', holidayKey: 'FRONLEICHNAM', closesAt: '12:00', closesDay: '2026-06-04' }],
    ['after the holiday exception closes', storefront(AUSGABE), [exception('2026-06-04', '10:00-12:00', 'Sonderausgabe')], at('2026-06-04T13:00:00+02:00'),
      { open: false, day: '2026-06-04', reason: 'exception', note: 'Sonderausgabe', holidayName: 'Fronleichnam', holidayKey: 'FRONLEICHNAM', next: { day: '2026-06-05', opens: '10:00' } }],
    ['the evening before, next opening is the holiday exception', storefront(AUSGABE), [exception('2026-06-04', '10:00-12:00', 'Sonderausgabe')], at('2026-06-03T17:00:00+02:00'),
      { open: false, day: '2026-06-03', reason: 'weekly', next: { day: '2026-06-04', opens: '10:00' } }],
    ['Heiligabend closed by exception: Wednesday evening opens Monday', storefront(AUSGABE), [exception('2026-12-24', '', 'Heiligabend')], at('2026-12-23T17:00:00+01:00'),
      { open: false, day: '2026-12-23', reason: 'weekly', next: { day: '2026-12-28', opens: '10:00' } }],
    ['closed by exception', storefront(AUSGABE), [exception('2026-12-01', '', 'Betriebsausflug'), exception('2026-12-02', '14:00-17:00', 'Adventsbasar')], at('2026-12-01T11:00:00+01:00'),
      { open: false, day: '2026-12-01', reason: 'closed-exception', note: 'Betriebsausflug', next: { day: '2026-12-02', opens: '14:00' } }],
    ['special hours, before they start', storefront(AUSGABE), [exception('2026-12-02', '14:00-17:00', 'Adventsbasar')], at('2026-12-02T10:30:00+01:00'),
      { open: false, day: '2026-12-02', reason: 'exception', note: 'Adventsbasar', next: { day: '2026-12-02', opens: '14:00' } }],
    ['special hours, last minute', storefront(AUSGABE), [exception('2026-12-02', '14:00-17:00', 'Adventsbasar')], at('2026-12-02T16:59:00+01:00'),
      { open: true, day: '2026-12-02', reason: 'exception', note: 'Adventsbasar', closesAt: '17:00', closesDay: '2026-12-02' }],
    ['special hours, at closing', storefront(AUSGABE), [exception('2026-12-02', '14:00-17:00', 'Adventsbasar')], at('2026-12-02T17:00:00+01:00'),
      { open: false, day: '2026-12-02', reason: 'exception', note: 'Adventsbasar', next: { day: '2026-12-03', opens: '14:00' } }],
    ['"open" exception without hours means closed', storefront(AUSGABE), [exception('2026-11-30', '', '', { closed: false })], at('2026-11-30T11:00:00+01:00'),
      { open: false, day: '2026-11-30', reason: 'closed-exception', next: { day: '2026-12-01', opens: '10:00' } }],
    ['an exception of another storefront is ignored', storefront(AUSGABE), [exception('2026-11-30', '', 'Anderswo', { storefrontId: 'anderer-laden' })], at('2026-11-30T11:00:00+01:00'),
      { open: true, day: '2026-11-30', reason: 'weekly', closesAt: '12:00', closesDay: '2026-11-30' }],
    ['two exceptions for one day: the newer wins', storefront(AUSGABE),
      [exception('2026-11-30', '', 'alt', { id: 'b', updatedAt: '2026-11-01T10:00:00.000Z' }), exception('2026-11-30', '10:00-11:00', 'neu', { id: 'a', updatedAt: '2026-11-02T10:00:00.000Z' })],
      at('2026-11-30T10:30:00+01:00'),
      { open: true, day: '2026-11-30', reason: 'exception', note: 'neu', closesAt: '11:00', closesDay: '2026-11-30' }],
    ['no hours at all', storefront(''), [], at('2026-11-30T11:00:00+01:00'),
      { open: false, day: '2026-11-30', reason: 'weekly', next: null }],
    ['no hours, one exception within the horizon', storefront(''), [exception('2027-06-01', '10:00-12:00', 'Sommerfest')], at('2026-11-30T11:00:00+01:00'),
      { open: false, day: '2026-11-30', reason: 'weekly', next: { day: '2027-06-01', opens: '10:00' } }],
    ['no hours, one exception beyond 370 days', storefront(''), [exception('2027-12-24', '10:00-12:00', 'Weihnachtsfeier')], at('2026-11-30T11:00:00+01:00'),
      { open: false, day: '2026-11-30', reason: 'weekly', next: null }],
    ['only hours that never close after they open', storefront('1 16:00-12:00; 2 12:00-12:00'), [], at('2026-11-30T11:00:00+01:00'),
      { open: false, day: '2026-11-30', reason: 'weekly', next: null }],
  ])('%s', (_label, shop, exceptions, now, expected) => {
    expect(openingState(shop, exceptions, now)).toEqual(expected);
  });
});

describe('openingState on the DST change days (Sunday exceptions, now given in UTC)', () => {
  // 2026-03-29: 02:00 CET becomes 03:00 CEST.
  // prettier-ignore
  it.each<[string, number, OpeningState]>([
    ['00:30 CET, before the night hours', Date.UTC(2026, 2, 28, 23, 30),
      { open: false, day: '2026-03-29', reason: 'exception', note: 'Zeitumstellung', next: { day: '2026-03-29', opens: '01:00' } }],
    ['01:59 CET', Date.UTC(2026, 2, 29, 0, 59),
      { open: true, day: '2026-03-29', reason: 'exception', note: 'Zeitumstellung', closesAt: '04:00', closesDay: '2026-03-29' }],
    ['one minute later it is 03:00 CEST', Date.UTC(2026, 2, 29, 1, 0),
      { open: true, day: '2026-03-29', reason: 'exception', note: 'Zeitumstellung', closesAt: '04:00', closesDay: '2026-03-29' }],
    ['04:00 CEST is closing time', Date.UTC(2026, 2, 29, 2, 0),
      { open: false, day: '2026-03-29', reason: 'exception', note: 'Zeitumstellung', next: { day: '2026-03-29', opens: '10:00' } }],
    ['10:00 CEST', Date.UTC(2026, 2, 29, 8, 0),
      { open: true, day: '2026-03-29', reason: 'exception', note: 'Zeitumstellung', closesAt: '14:00', closesDay: '2026-03-29' }],
    ['12:00 UTC is 14:00 CEST: closed (not 13:00)', Date.UTC(2026, 2, 29, 12, 0),
      { open: false, day: '2026-03-29', reason: 'exception', note: 'Zeitumstellung', next: { day: '2026-03-30', opens: '10:00' } }],
  ])('spring: %s', (_label, now, expected) => {
    const exceptions = [exception('2026-03-29', '01:00-04:00 10:00-14:00', 'Zeitumstellung')];
    expect(openingState(storefront(AUSGABE), exceptions, now)).toEqual(expected);
  });

  // 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:00–02:59 happens twice.
  // prettier-ignore
  it.each<[string, number, OpeningState]>([
    ['01:59 CEST', Date.UTC(2026, 9, 24, 23, 59),
      { open: false, day: '2026-10-25', reason: 'exception', note: 'Zeitumstellung', next: { day: '2026-10-25', opens: '02:00' } }],
    ['02:00 CEST', Date.UTC(2026, 9, 25, 0, 0),
      { open: true, day: '2026-10-25', reason: 'exception', note: 'Zeitumstellung', closesAt: '03:00', closesDay: '2026-10-25' }],
    ['02:59 CEST', Date.UTC(2026, 9, 25, 0, 59),
      { open: true, day: '2026-10-25', reason: 'exception', note: 'Zeitumstellung', closesAt: '03:00', closesDay: '2026-10-25' }],
    ['02:00 CET, open again', Date.UTC(2026, 9, 25, 1, 0),
      { open: true, day: '2026-10-25', reason: 'exception', note: 'Zeitumstellung', closesAt: '03:00', closesDay: '2026-10-25' }],
    ['03:00 CET', Date.UTC(2026, 9, 25, 2, 0),
      { open: false, day: '2026-10-25', reason: 'exception', note: 'Zeitumstellung', next: { day: '2026-10-25', opens: '10:00' } }],
    ['09:30 CET', Date.UTC(2026, 9, 25, 8, 30),
      { open: false, day: '2026-10-25', reason: 'exception', note: 'Zeitumstellung', next: { day: '2026-10-25', opens: '10:00' } }],
    ['09:00 UTC is 10:00 CET: open (not 11:00)', Date.UTC(2026, 9, 25, 9, 0),
      { open: true, day: '2026-10-25', reason: 'exception', note: 'Zeitumstellung', closesAt: '14:00', closesDay: '2026-10-25' }],
    ['14:00 CET', Date.UTC(2026, 9, 25, 13, 0),
      { open: false, day: '2026-10-25', reason: 'exception', note: 'Zeitumstellung', next: { day: '2026-10-26', opens: '10:00' } }],
  ])('autumn: %s', (_label, now, expected) => {
    const exceptions = [exception('2026-10-25', '02:00-03:00 10:00-14:00', 'Zeitumstellung')];
    expect(openingState(storefront(AUSGABE), exceptions, now)).toEqual(expected);
  });
});

describe('openingState around midnight and 24:00', () => {
  // prettier-ignore
  it.each<[string, string, number, OpeningState]>([
    ['Friday night runs on into Saturday', NACHTCAFE, at('2026-11-27T23:00:00+01:00'),
      { open: true, day: '2026-11-27', reason: 'weekly', closesAt: '02:00', closesDay: '2026-11-28' }],
    ['Friday 23:59', NACHTCAFE, at('2026-11-27T23:59:00+01:00'),
      { open: true, day: '2026-11-27', reason: 'weekly', closesAt: '02:00', closesDay: '2026-11-28' }],
    ['Saturday 00:00', NACHTCAFE, at('2026-11-28T00:00:00+01:00'),
      { open: true, day: '2026-11-28', reason: 'weekly', closesAt: '02:00', closesDay: '2026-11-28' }],
    ['Saturday 02:00', NACHTCAFE, at('2026-11-28T02:00:00+01:00'),
      { open: false, day: '2026-11-28', reason: 'weekly', next: { day: '2026-11-28', opens: '18:00' } }],
    ['Saturday night runs on into Sunday', NACHTCAFE, at('2026-11-28T23:30:00+01:00'),
      { open: true, day: '2026-11-28', reason: 'weekly', closesAt: '02:00', closesDay: '2026-11-29' }],
    ['Wednesday closes at 24:00', NACHTCAFE, at('2026-11-25T23:59:00+01:00'),
      { open: true, day: '2026-11-25', reason: 'weekly', closesAt: '24:00', closesDay: '2026-11-25' }],
    ['Thursday 00:00 is closed', NACHTCAFE, at('2026-11-26T00:00:00+01:00'),
      { open: false, day: '2026-11-26', reason: 'weekly', next: { day: '2026-11-27', opens: '18:00' } }],
    ['Friday night stops at 24:00 before a holiday', NACHTCAFE, at('2026-10-02T23:00:00+02:00'),
      { open: true, day: '2026-10-02', reason: 'weekly', closesAt: '24:00', closesDay: '2026-10-02' }],
    ['open around the clock for two and a half days', '1 00:00-24:00; 2 00:00-24:00; 3 00:00-12:00', at('2026-11-30T08:00:00+01:00'),
      { open: true, day: '2026-11-30', reason: 'weekly', closesAt: '12:00', closesDay: '2026-12-02' }],
  ])('%s', (_label, hours, now, expected) => {
    expect(openingState(storefront(hours), [], now)).toEqual(expected);
  });
});

describe('hoursForDay', () => {
  // prettier-ignore
  it.each<[string, Storefront, OpeningException[], string, DayHours]>([
    ['weekly with lunch break', storefront(AUSGABE), [], '2026-11-30',
      { intervals: [{ opens: '10:00', closes: '12:00' }, { opens: '13:00', closes: '16:00' }], reason: 'weekly' }],
    ['weekly closed Sunday', storefront(AUSGABE), [], '2026-12-06', { intervals: [], reason: 'weekly' }],
    ['unsorted weekly hours come sorted, bad ones dropped', storefront('1 13:00-16:00 18:00-17:00 10:00-12:00'), [], '2026-11-30',
      { intervals: [{ opens: '10:00', closes: '12:00' }, { opens: '13:00', closes: '16:00' }], reason: 'weekly' }],
    ['Karfreitag', storefront(AUSGABE), [], '2026-04-03',
      { intervals: [], reason: 'holiday', holidayName: 'Karfreitag', holidayKey: 'KARFREITAG' }],
    ['Karfreitag with holidaysClosed=false', storefront(AUSGABE, false), [], '2026-04-03',
      { intervals: [{ opens: '10:00', closes: '14:00' }], reason: 'weekly', holidayName: 'Karfreitag', holidayKey: 'KARFREITAG' }],
    ['Ostersonntag is no NRW holiday, just a Sunday', storefront(AUSGABE), [], '2026-04-05', { intervals: [], reason: 'weekly' }],
    ['Allerheiligen', storefront('7 10:00-12:00'), [], '2026-11-01',
      { intervals: [], reason: 'holiday', holidayName: 'Allerheiligen', holidayKey: 'ALLERHEILIGEN' }],
    ['Reformationstag 2017 was a holiday everywhere', storefront(AUSGABE), [], '2017-10-31',
      { intervals: [], reason: 'holiday', holidayName: 'Reformationstag', holidayKey: 'REFORMATIONSTAG' }],
    ['Reformationstag 2026 is not a holiday in NRW', storefront(AUSGABE), [], '2026-10-30',
      { intervals: [{ opens: '10:00', closes: '14:00' }], reason: 'weekly' }],
    ['Heiligabend is an ordinary day', storefront(AUSGABE), [], '2026-12-24',
      { intervals: [{ opens: '14:00', closes: '18:00' }], reason: 'weekly' }],
    ['closed by exception', storefront(AUSGABE), [exception('2026-12-01', '', 'Betriebsausflug')], '2026-12-01',
      { intervals: [], reason: 'closed-exception', note: 'Betriebsausflug' }],
    ['exception hours replace weekly hours', storefront(AUSGABE), [exception('2026-12-02', '16:00-18:00 09:00-11:00', '')], '2026-12-02',
      { intervals: [{ opens: '09:00', closes: '11:00' }, { opens: '16:00', closes: '18:00' }], reason: 'exception' }],
    ['exception opens a holiday', storefront(AUSGABE), [exception('2026-06-04', '10:00-12:00', 'Sonderausgabe')], '2026-06-04',
      { intervals: [{ opens: '10:00', closes: '12:00' }], reason: 'exception', note: 'Sonderausgabe', holidayName: 'Fronleichnam', holidayKey: 'FRONLEICHNAM' }],
    ['closed exception on a holiday keeps its note', storefront(AUSGABE), [exception('2026-12-25', '', 'Frohe Weihnachten')], '2026-12-25',
      { intervals: [], reason: 'closed-exception', note: 'Frohe Weihnachten', holidayName: '1. Weihnachtstag', holidayKey: 'ERSTERWEIHNACHTSFEIERTAG' }],
    ['a closed exception ignores its intervals', storefront(AUSGABE), [exception('2026-11-30', '10:00-12:00', 'zu', { closed: true })], '2026-11-30',
      { intervals: [], reason: 'closed-exception', note: 'zu' }],
  ])('%s', (_label, shop, exceptions, day, expected) => {
    expect(hoursForDay(shop, exceptions, day)).toEqual(expected);
  });
});

// feiertagejs derives its own `dateString` from the device's UTC offset; that must not matter.
describe.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York'])(
  'holidays on a device set to %s',
  (zone) => {
    useDeviceTimeZone(zone);

    it.each<[string, string]>([
      ['2026-04-03', 'holiday'],
      ['2026-04-04', 'weekly'],
      ['2026-01-01', 'holiday'],
      ['2025-12-31', 'weekly'],
    ])('%s is %s', (day, reason) => {
      expect(hoursForDay(storefront(AUSGABE), [], day).reason).toBe(reason);
    });
  },
);

describe('weekSchedule', () => {
  // prettier-ignore
  it.each<[string, Storefront, WeekRow[]]>([
    ['a full week', storefront(AUSGABE), [
      { isoWeekday: 1, intervals: [{ opens: '10:00', closes: '12:00' }, { opens: '13:00', closes: '16:00' }] },
      { isoWeekday: 2, intervals: [{ opens: '10:00', closes: '12:00' }, { opens: '12:00', closes: '16:00' }] },
      { isoWeekday: 3, intervals: [{ opens: '10:00', closes: '16:00' }] },
      { isoWeekday: 4, intervals: [{ opens: '14:00', closes: '18:00' }] },
      { isoWeekday: 5, intervals: [{ opens: '10:00', closes: '14:00' }] },
      { isoWeekday: 6, intervals: [] },
      { isoWeekday: 7, intervals: [] },
    ]],
    ['unsorted input, an invalid interval', storefront('7 15:00-17:00 09:00-11:00; 3 12:00-10:00; 1 08:00-09:00'), [
      { isoWeekday: 1, intervals: [{ opens: '08:00', closes: '09:00' }] },
      { isoWeekday: 2, intervals: [] },
      { isoWeekday: 3, intervals: [] },
      { isoWeekday: 4, intervals: [] },
      { isoWeekday: 5, intervals: [] },
      { isoWeekday: 6, intervals: [] },
      { isoWeekday: 7, intervals: [{ opens: '09:00', closes: '11:00' }, { opens: '15:00', closes: '17:00' }] },
    ]],
    ['never open', storefront(''), [1, 2, 3, 4, 5, 6, 7].map((d) => ({ isoWeekday: d as WeekRow['isoWeekday'], intervals: [] }))],
  ])('%s', (_label, shop, expected) => {
    expect(weekSchedule(shop)).toEqual(expected);
  });
});

describe('upcomingExceptions', () => {
  const december = [
    exception('2026-12-01', '', 'Betriebsausflug'),
    exception('2026-12-02', '14:00-17:00', 'Adventsbasar'),
    exception('2026-12-24', '', 'Heiligabend'),
    exception('2027-03-01', '', 'zu weit weg'),
    exception('2026-11-30', '', 'anderer Laden', { storefrontId: 'anderer-laden' }),
  ];
  // prettier-ignore
  it.each<[string, Storefront, OpeningException[], string, number, SpecialDay[]]>([
    ['exceptions and closing holidays, sorted; Saturday holiday left out', storefront(AUSGABE), december, '2026-11-30', 40, [
      { day: '2026-12-01', intervals: [], reason: 'closed-exception', note: 'Betriebsausflug' },
      { day: '2026-12-02', intervals: [{ opens: '14:00', closes: '17:00' }], reason: 'exception', note: 'Adventsbasar' },
      { day: '2026-12-24', intervals: [], reason: 'closed-exception', note: 'Heiligabend' },
      { day: '2026-12-25', intervals: [], reason: 'holiday', holidayName: '1. Weihnachtstag', holidayKey: 'ERSTERWEIHNACHTSFEIERTAG' },
      { day: '2027-01-01', intervals: [], reason: 'holiday', holidayName: 'Neujahrstag', holidayKey: 'NEUJAHRSTAG' },
    ]],
    ['holidays that do not close are not special', storefront(AUSGABE, false), december, '2026-12-20', 20, [
      { day: '2026-12-24', intervals: [], reason: 'closed-exception', note: 'Heiligabend' },
    ]],
    ['the range starts at fromDay and has `days` days', storefront(AUSGABE), december, '2026-12-02', 1, [
      { day: '2026-12-02', intervals: [{ opens: '14:00', closes: '17:00' }], reason: 'exception', note: 'Adventsbasar' },
    ]],
    ['Easter 2026', storefront(AUSGABE), [], '2026-03-30', 14, [
      { day: '2026-04-03', intervals: [], reason: 'holiday', holidayName: 'Karfreitag', holidayKey: 'KARFREITAG' },
      { day: '2026-04-06', intervals: [], reason: 'holiday', holidayName: 'Ostermontag', holidayKey: 'OSTERMONTAG' },
    ]],
    ['nothing special', storefront(AUSGABE), [], '2026-11-02', 14, []],
  ])('%s', (_label, shop, exceptions, from, days, expected) => {
    expect(upcomingExceptions(shop, exceptions, from, days)).toEqual(expected);
  });
});

describe('isValidInterval', () => {
  it.each<[string, string, boolean]>([
    ['10:00', '12:00', true],
    ['00:00', '24:00', true],
    ['12:00', '12:00', false],
    ['16:00', '12:00', false],
    ['24:00', '24:00', false],
    ['9:00', '12:00', false],
    ['10:00', '25:00', false],
  ])('%s–%s is %s', (opens, closes, expected) => {
    expect(isValidInterval({ opens, closes })).toBe(expected);
  });
});

describe('openingStateUntil: how long the start screen may show a state', () => {
  const MINUTE = 60_000;
  /** What the start screen's words depend on: open or not, until or from when, and the day. */
  const words = (shop: Storefront, instant: number) => {
    const state = openingState(shop, [], instant);
    return JSON.stringify([state.day, state.open ? state.closesAt : state.next]);
  };

  // Every 37 minutes through three weeks around each switch of summer time in 2026 (29 March,
  // 25 October), for a storefront of the day and one open into the night (also through both
  // switches, which fall in its Saturday night hours).
  it.each([
    ['spring', '2026-03-18T00:00:00Z'],
    ['autumn', '2026-10-14T00:00:00Z'],
  ])('holds until the words change, and they change then (%s)', (_season, from) => {
    for (const spec of [AUSGABE, NACHTCAFE]) {
      const shop = storefront(spec);
      for (let now = at(from); now < at(from) + 21 * 1440 * MINUTE; now += 37 * MINUTE) {
        const until = openingStateUntil(openingState(shop, [], now));
        expect(until).toBeGreaterThan(now);
        // The same words until the last minute before `until`, sampled along the way…
        for (const instant of [
          now + (until - now) / 3,
          now + (2 * (until - now)) / 3,
          until - MINUTE,
        ]) {
          if (instant >= now) expect(words(shop, instant)).toBe(words(shop, now));
        }
        // …and other words from `until` on.
        expect(words(shop, until)).not.toBe(words(shop, now));
      }
    }
  });

  it('ends at midnight at the latest, when "morgen" becomes "heute"', () => {
    // Thursday 19:00 in winter: closed, opens Friday 10:00; the words change at midnight.
    const now = at('2026-12-03T19:00:00+01:00');
    expect(openingStateUntil(openingState(storefront(AUSGABE), [], now))).toBe(
      at('2026-12-04T00:00:00+01:00'),
    );
    // Monday 11:00: open until 12:00 (the lunch break).
    const open = at('2026-11-30T11:00:00+01:00');
    expect(openingStateUntil(openingState(storefront(AUSGABE), [], open))).toBe(
      at('2026-11-30T12:00:00+01:00'),
    );
  });

  it('closes the first time the autumn clock shows 02:00, not the second', () => {
    // Sunday 25 October 2026, 01:30 summer time: the night café closes at 02:00, which comes
    // at 02:00 summer time (00:00 UTC), an hour before 02:00 winter time.
    const now = at('2026-10-25T01:30:00+02:00');
    expect(openingStateUntil(openingState(storefront(NACHTCAFE), [], now))).toBe(
      at('2026-10-25T00:00:00Z'),
    );
  });
});
