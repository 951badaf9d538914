// The start screen must not create an `Intl.DateTimeFormat` for Europe/Berlin: doing so costs
// tens of milliseconds on an old tablet (docs/architecture.md, "Berlin time without Intl").
// What the start screen computes — the storefront's opening state and the Berlin day for
// "heute"/"morgen" (src/views/storefront-state.tsx), and "Zuletzt aktualisiert" in the frame
// (src/views/connection-status.tsx) — runs here with the constructor spied on, on ordinary
// days, on both switch days, around the switches, on holidays and at the ends of 2000–2100.
// Own file: vitest gives each file fresh modules, so dates.ts has built no formatter yet.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, berlinWallClock, formatInstantBerlin, relativeDay } from '../../src/domain/dates';
import { openingState } from '../../src/domain/opening-hours';
import type { OpeningException, Storefront } from '../../src/shared/catalogue';
import { useDeviceTimeZone } from '../support/device-time-zone';

const storefront: Storefront = {
  id: 'laden',
  name: 'Anlaufstelle',
  address: 'Südwall 1, Krefeld',
  weekly: [
    { weekday: 1, opens: '10:00', closes: '12:00' },
    { weekday: 1, opens: '13:00', closes: '16:00' },
    { weekday: 4, opens: '14:00', closes: '18:00' },
    { weekday: 7, opens: '01:30', closes: '03:30' },
  ],
  holidaysClosed: true,
  isExample: false,
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

const exceptions: OpeningException[] = [
  {
    id: 'ausnahme-2026-12-24',
    storefrontId: 'laden',
    date: '2026-12-24',
    closed: false,
    intervals: [{ opens: '09:00', closes: '12:00' }],
    note: 'Heiligabend',
    isExample: false,
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  },
];

/** Counts `new Intl.DateTimeFormat(…)` and still builds a real one. */
function spyOnDateTimeFormat() {
  const Real = Intl.DateTimeFormat;
  // A `function`, not an arrow: dates.ts calls it with `new`.
  return vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (
    ...args: ConstructorParameters<typeof Intl.DateTimeFormat>
  ) {
    return new Real(...args);
  });
}

/** What the start screen works out at `now`. */
function startScreen(now: number) {
  const state = openingState(storefront, exceptions, now);
  const today = berlinWallClock(now).day;
  const nextWord = state.open ? null : state.next && relativeDay(state.next.day, today);
  const lastUpdated = formatInstantBerlin(now - 3_600_000);
  return { state, today, nextWord, lastUpdated, weekAhead: addDays(today, 6) };
}

const NOWS = [
  Date.UTC(2026, 10, 30, 9, 15), // an ordinary Monday morning
  Date.UTC(2026, 2, 29, 0, 59), // one minute before summer time
  Date.UTC(2026, 2, 29, 1, 0), // summer time starts
  Date.UTC(2026, 9, 25, 0, 30), // 02:30 summer time
  Date.UTC(2026, 9, 25, 1, 30), // 02:30 again, winter time
  Date.UTC(2026, 11, 24, 10, 0), // Heiligabend, opened by an exception
  Date.UTC(2026, 11, 25, 10, 0), // Christmas Day, a holiday
  Date.UTC(2000, 0, 1, 0, 0), // the ends of the protocol's range
  Date.UTC(2100, 11, 31, 23, 59),
];

describe('start screen without Intl.DateTimeFormat', () => {
  useDeviceTimeZone('America/New_York');
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('works out the opening state, the day words and "last updated" without one', () => {
    const created = spyOnDateTimeFormat();
    const seen = NOWS.map(startScreen);
    expect(created).not.toHaveBeenCalled();
    // And the answers are the real ones.
    expect(seen[0]).toMatchObject({
      today: '2026-11-30',
      state: { open: true, closesAt: '12:00' },
    });
    expect(seen[1]).toMatchObject({ state: { open: true, closesAt: '03:30' } });
    expect(seen[2]).toMatchObject({ state: { open: true, closesAt: '03:30' } });
    expect(seen[4]).toMatchObject({ lastUpdated: '25.10.2026, 02:30' });
    expect(seen[5]).toMatchObject({ state: { open: true, closesAt: '12:00' } });
    expect(seen[6]).toMatchObject({ state: { open: false, holidayName: '1. Weihnachtstag' } });
    expect(seen[8]).toMatchObject({ today: '2101-01-01' });
  });

  it('the spy does see one: an instant before 1996 still goes through Intl', () => {
    const created = spyOnDateTimeFormat();
    expect(berlinWallClock(Date.UTC(1990, 9, 15, 12, 0))).toMatchObject({ minutes: 780 });
    expect(created).toHaveBeenCalledTimes(1);
    expect(created.mock.calls[0]?.[1]).toMatchObject({ timeZone: 'Europe/Berlin' });
  });
});
