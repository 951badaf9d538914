// The pure rules of the staff upkeep screens (issue 10): the hours a form may send (closes
// after it opens, no overlaps; touching is fine), a dated exception's checks, typed times and
// days forgiven where their meaning is plain, the days of a report's period, when a tablet
// stands out, and which fields of a conflicting edit differ.
import { describe, expect, it } from 'vitest';
import { deliveryState, needsLook } from '../../src/domain/device-delivery';
import { conflictingFields } from '../../src/domain/edit-conflict';
import {
  exceptionHasProblems,
  exceptionIntervals,
  exceptionProblems,
  hasProblems,
  intervalProblems,
  weeklyDraftOf,
  weeklyOf,
  weeklyProblems,
} from '../../src/domain/hours-draft';
import { monthDays, periodDays, previousMonth } from '../../src/domain/report-period';
import { normalizeDay, normalizeTime } from '../../src/domain/typed-values';

const i = (opens: string, closes: string) => ({ opens, closes });

describe('intervalProblems', () => {
  it.each([
    ['a clean day', [i('10:00', '12:00'), i('13:00', '16:00')], [{}, {}]],
    ['touching intervals', [i('10:00', '12:00'), i('12:00', '16:00')], [{}, {}]],
    ['until midnight', [i('18:00', '24:00')], [{}]],
    ['empty times', [i('', '12:00')], [{ opens: 'missing' }]],
    ['a bad time', [i('10:00', '25:00')], [{ closes: 'format' }]],
    ['closes before it opens', [i('10:00', '09:00')], [{ closes: 'order' }]],
    ['closes when it opens', [i('10:00', '10:00')], [{ closes: 'order' }]],
    [
      'an overlap, told at the later one',
      [i('13:00', '15:00'), i('10:00', '14:00')],
      [{ opens: 'overlap', overlapsWith: 1 }, {}],
    ],
    [
      'one inside another',
      [i('09:00', '18:00'), i('10:00', '11:00')],
      [{}, { opens: 'overlap', overlapsWith: 0 }],
    ],
    [
      'a bad interval overlaps nothing',
      [i('10:00', '09:00'), i('09:30', '12:00')],
      [{ closes: 'order' }, {}],
    ],
  ])('%s', (_name, intervals, expected) => {
    expect(intervalProblems(intervals)).toEqual(expected);
  });

  it('a week with a problem on any day has problems', () => {
    const draft = weeklyDraftOf([
      { weekday: 3, opens: '14:00', closes: '16:00' },
      { weekday: 1, opens: '10:00', closes: '12:00' },
      { weekday: 3, opens: '09:00', closes: '12:00' },
    ]);
    expect(draft[2]).toEqual([i('09:00', '12:00'), i('14:00', '16:00')]);
    expect(hasProblems(weeklyProblems(draft))).toBe(false);
    expect(weeklyOf(draft)).toEqual([
      { weekday: 1, opens: '10:00', closes: '12:00' },
      { weekday: 3, opens: '09:00', closes: '12:00' },
      { weekday: 3, opens: '14:00', closes: '16:00' },
    ]);
    draft[6] = [i('10:00', '09:00')];
    expect(hasProblems(weeklyProblems(draft))).toBe(true);
  });
});

describe('exceptionProblems', () => {
  const draft = { date: '2026-12-31', closed: false, intervals: [i('10:00', '13:00')], note: '' };

  it('accepts a day with hours, and a closed day without any', () => {
    expect(exceptionHasProblems(exceptionProblems(draft, []))).toBe(false);
    const closed = { ...draft, closed: true, intervals: [i('', '')] };
    expect(exceptionHasProblems(exceptionProblems(closed, []))).toBe(false);
    expect(exceptionIntervals(closed)).toEqual([]);
  });

  it.each([
    ['no date', { ...draft, date: '' }, [], { date: 'missing' }],
    ['no such day', { ...draft, date: '2026-02-30' }, [], { date: 'format' }],
    ['a day that has one', draft, ['2026-12-31'], { date: 'taken' }],
    ['open without hours', { ...draft, intervals: [] }, [], { noHours: true }],
    [
      'hours that close first',
      { ...draft, intervals: [i('13:00', '10:00')] },
      [],
      { intervals: [{ closes: 'order' }] },
    ],
  ])('refuses %s', (_name, value, taken, expected) => {
    const problems = exceptionProblems(value, taken);
    expect(problems).toMatchObject(expected);
    expect(exceptionHasProblems(problems)).toBe(true);
  });
});

describe('typed values', () => {
  it.each([
    ['9', '09:00'],
    ['9.30', '09:30'],
    ['930', '09:30'],
    ['17:45', '17:45'],
    ['24', '24:00'],
    ['8 Uhr', '08:00'],
    ['25', '25'],
    ['10:75', '10:75'],
    ['morgens', 'morgens'],
  ])('time %s → %s', (typed, time) => expect(normalizeTime(typed)).toBe(time));

  it.each([
    ['30.11.2026', '2026-11-30'],
    ['1.2.2027', '2027-02-01'],
    ['2026-11-30', '2026-11-30'],
    ['31.11.2026', '31.11.2026'],
  ])('day %s → %s', (typed, day) => expect(normalizeDay(typed)).toBe(day));
});

describe('periodDays', () => {
  const base = { kind: 'week' as const, weekDay: '', month: '', from: '', to: '' };

  it('finds the ISO week of a day, also across the year', () => {
    expect(periodDays({ ...base, weekDay: '2026-11-27' })).toEqual({
      from: '2026-11-23',
      to: '2026-11-29',
      week: 48,
    });
    expect(periodDays({ ...base, weekDay: '2027-01-01' })).toEqual({
      from: '2026-12-28',
      to: '2027-01-03',
      week: 53,
    });
  });

  it('finds a month’s days, February of a leap year too', () => {
    expect(monthDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthDays('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(previousMonth('2027-01-15')).toBe('2026-12');
  });

  it.each([
    [
      { ...base, weekDay: '2026-13-01' },
      { field: 'weekDay', problem: 'day' },
    ],
    [
      { ...base, kind: 'month' as const, month: '2026-13' },
      { field: 'month', problem: 'month' },
    ],
    [
      { ...base, kind: 'range' as const, from: '2026-11-10', to: '2026-11-01' },
      { field: 'to', problem: 'order' },
    ],
    [
      { ...base, kind: 'range' as const, from: '2000-01-01', to: '2010-01-01' },
      { field: 'to', problem: 'tooLong' },
    ],
  ])('refuses %o', (draft, problem) => expect(periodDays(draft)).toEqual(problem));
});

describe('deliveryState', () => {
  const now = Date.parse('2026-11-27T12:00:00.000Z');
  const device = {
    lastSeenAt: '2026-11-27T08:00:00.000Z',
    lastDeliveredAt: '2026-11-26T08:00:00.000Z',
    waitingCount: 0,
    revokedAt: null,
  };

  it.each([
    ['delivering', device, { state: 'ok' }],
    [
      'seen, nothing waiting, last delivery long ago',
      { ...device, lastDeliveredAt: '2026-10-01T08:00:00.000Z' },
      { state: 'ok' },
    ],
    [
      'seen, entries waiting for 3 days',
      { ...device, waitingCount: 2, lastDeliveredAt: '2026-11-24T11:00:00.000Z' },
      { state: 'stuck', days: 3 },
    ],
    [
      'seen, entries waiting, never delivered',
      { ...device, waitingCount: 2, lastDeliveredAt: null },
      { state: 'stuck', days: null },
    ],
    [
      'not seen for 4 days',
      { ...device, lastSeenAt: '2026-11-23T08:00:00.000Z' },
      { state: 'silent', days: 4 },
    ],
    ['never seen', { ...device, lastSeenAt: null }, { state: 'silent', days: null }],
    [
      'revoked',
      { ...device, lastSeenAt: null, revokedAt: '2026-11-01T08:00:00.000Z' },
      { state: 'revoked' },
    ],
  ])('%s', (_name, facts, expected) => {
    const state = deliveryState(facts, now);
    expect(state).toEqual(expected);
    expect(needsLook(state)).toBe(expected.state === 'stuck' || expected.state === 'silent');
  });
});

describe('conflictingFields', () => {
  it('lists the fields that differ, in the order given, lists by content', () => {
    const mine = { name: 'A', ampel: 'yellow', actorIds: ['i1', 'i2'], place: 'Park' };
    const theirs = { name: 'A', ampel: 'red', actorIds: ['i1', 'i2'], place: 'Saal' };
    expect(conflictingFields(['place', 'name', 'ampel', 'actorIds'], mine, theirs)).toEqual([
      { field: 'place', mine: 'Park', theirs: 'Saal' },
      { field: 'ampel', mine: 'yellow', theirs: 'red' },
    ]);
  });
});
