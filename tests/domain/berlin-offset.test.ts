// The EU summer-time rule in dates.ts (`berlinOffsetMinutes`, and `berlinWallClock` /
// `berlinInstant` built on it) against `Intl` with `timeZone: 'Europe/Berlin'` — the IANA data
// Node's full ICU carries: every hour from 1996 to 2100, every minute around each switch, and
// `berlinInstant` against the Intl-based algorithm it had before, on every switch day.
// The file takes about 3 s on the 2-core dev machine (more under load), nearly all of it in
// Intl's own calls.
// Mismatches are collected and compared with [] at the end: one `expect` per hour would make
// the sweep many times slower.
import { describe, expect, it } from 'vitest';
import {
  berlinInstant,
  berlinOffsetMinutes,
  berlinWallClock,
  wallClockFromParts,
  type WallClock,
} from '../../src/domain/dates';
import { useDeviceTimeZone } from '../support/device-time-zone';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const FIRST_YEAR = 1996;
const LAST_YEAR = 2100;
const YEARS = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

// Only the hour: the cheapest Intl call that still shows the offset (1.7 s for all 920 424
// hours here, against 8 s for formatToParts).
const intlHour = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  hour: 'numeric',
  hourCycle: 'h23',
});
const intlParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Intl's offset in minutes at a whole UTC hour. */
function intlOffsetAtHour(ms: number): number {
  const berlin = Number(intlHour.format(ms));
  return ((berlin - (Math.floor(ms / HOUR) % 24) + 24) % 24) * 60;
}

function intlWallClock(ms: number): WallClock {
  return wallClockFromParts(intlParts.formatToParts(ms));
}

/** berlinInstant as dates.ts had it before the rule: the same two corrections, through Intl. */
function intlBerlinInstant(day: string, minutes: number): number {
  const utcDay = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const wanted = utcDay(day) + minutes * MINUTE;
  let guess = wanted;
  for (let i = 0; i < 2; i += 1) {
    const seen = intlWallClock(guess);
    guess += wanted - (utcDay(seen.day) + seen.minutes * MINUTE);
  }
  return guess;
}

/**
 * Intl's switch instants of a year, found from its hourly answers in the last eight days of
 * March and October (the hourly sweep shows there are no others: it matches the rule, which
 * has only these two).
 */
const switchesByYear = new Map<number, number[]>();
function intlSwitches(year: number): number[] {
  let found = switchesByYear.get(year);
  if (found) return found;
  found = [];
  for (const month of [2, 9]) {
    let before = intlOffsetAtHour(Date.UTC(year, month, 24));
    for (let ms = Date.UTC(year, month, 24) + HOUR; ms < Date.UTC(year, month + 1, 1); ms += HOUR) {
      const now = intlOffsetAtHour(ms);
      if (now !== before) found.push(ms);
      before = now;
    }
  }
  switchesByYear.set(year, found);
  return found;
}

// Every hour of the day, and every 5 minutes from 01:50 to 03:10 (the gap, the repeated hour).
const SWITCH_DAY_MINUTES = [
  ...Array.from({ length: 24 }, (_, h) => h * 60),
  ...Array.from({ length: 17 }, (_, i) => 110 + i * 5),
];

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('Berlin offset by the EU rule equals Intl', () => {
  it('every hour from 1996 to 2100', () => {
    const wrong: string[] = [];
    for (let ms = Date.UTC(FIRST_YEAR, 0, 1); ms < Date.UTC(LAST_YEAR + 1, 0, 1); ms += HOUR) {
      if (berlinOffsetMinutes(ms) !== intlOffsetAtHour(ms)) wrong.push(new Date(ms).toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it('the whole wall clock (day, minute, weekday), sampled every 97 hours and 7 minutes', () => {
    const wrong: string[] = [];
    const step = 97 * HOUR + 7 * MINUTE;
    for (let ms = Date.UTC(FIRST_YEAR, 0, 1); ms < Date.UTC(LAST_YEAR + 1, 0, 1); ms += step) {
      const got = berlinWallClock(ms);
      const want = intlWallClock(ms);
      if (
        got.day !== want.day ||
        got.minutes !== want.minutes ||
        got.isoWeekday !== want.isoWeekday
      ) {
        wrong.push(new Date(ms).toISOString());
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(YEARS)('%i: the two switches, minute by minute for 65 minutes either side', (year) => {
    const switches = intlSwitches(year);
    // Intl itself: one switch into summer time in March, one out of it in October, both at 01:00 UTC.
    expect(switches.map((ms) => new Date(ms).toISOString().slice(5, 16))).toEqual([
      expect.stringMatching(/^03-(2[5-9]|3[01])T01:00$/),
      expect.stringMatching(/^10-(2[5-9]|3[01])T01:00$/),
    ]);
    const wrong: string[] = [];
    const [spring = NaN, autumn = NaN] = switches;
    for (const [at, before, after] of [
      [spring, 60, 120],
      [autumn, 120, 60],
    ] as const) {
      for (let ms = at - 65 * MINUTE; ms <= at + 65 * MINUTE; ms += MINUTE) {
        const got = berlinWallClock(ms);
        const want = intlWallClock(ms);
        const offset = ms < at ? before : after;
        if (
          got.day !== want.day ||
          got.minutes !== want.minutes ||
          berlinOffsetMinutes(ms) !== offset
        ) {
          wrong.push(new Date(ms).toISOString());
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(YEARS)(
    '%i: berlinInstant on both switch days, hourly and every 5 minutes from 01:50 to 03:10, as before',
    (year) => {
      const wrong: string[] = [];
      for (const at of intlSwitches(year)) {
        const day = isoDay(at);
        for (const minutes of SWITCH_DAY_MINUTES) {
          if (berlinInstant(day, minutes) !== intlBerlinInstant(day, minutes)) {
            wrong.push(`${day} ${minutes}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );
});

describe('the switch hours keep their meaning', () => {
  // prettier-ignore
  it.each<[string, string, number, string]>([
    ['spring gap 02:00 lands an hour later', '1996-03-31', 120, '1996-03-31T01:00:00.000Z'],
    ['spring gap 02:59 lands an hour later', '2100-03-28', 179, '2100-03-28T01:59:00.000Z'],
    ['03:00 after the gap is summer time', '2027-03-28', 180, '2027-03-28T01:00:00.000Z'],
    ['autumn 02:00 is the second one (winter time)', '1996-10-27', 120, '1996-10-27T01:00:00.000Z'],
    ['autumn 02:59 is the second one (winter time)', '2100-10-31', 179, '2100-10-31T01:59:00.000Z'],
    ['01:59 before the autumn hour is summer time', '2027-10-31', 119, '2027-10-30T23:59:00.000Z'],
  ])('%s', (_label, day, minutes, iso) => {
    expect(new Date(berlinInstant(day, minutes)).toISOString()).toBe(iso);
  });
});

describe('outside 1996–2100 Intl answers', () => {
  useDeviceTimeZone('America/New_York');

  it('1990 ended summer time in September, which the EU rule does not know', () => {
    const midOctober1990 = Date.UTC(1990, 9, 15, 12, 0);
    expect(berlinOffsetMinutes(midOctober1990)).toBe(120); // the rule, as documented
    expect(berlinWallClock(midOctober1990)).toEqual({
      day: '1990-10-15',
      minutes: 780,
      isoWeekday: 1,
    });
  });

  it('a tablet whose clock fell back to 1970 still gets the Berlin day', () => {
    expect(berlinWallClock(Date.UTC(1970, 0, 1, 23, 30))).toEqual({
      day: '1970-01-02',
      minutes: 30,
      isoWeekday: 5,
    });
  });

  it('an invalid instant is refused as before', () => {
    expect(() => berlinWallClock(Number.NaN)).toThrow(RangeError);
  });
});
