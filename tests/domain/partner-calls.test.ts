// Call partners: unanswered attempts in a row (three flag the partner), the last call, and the
// Berlin calendar day of the next planned call, across daylight-saving switches.
import { describe, expect, it } from 'vitest';
import {
  isFlagged,
  lastCall,
  nextPlannedCall,
  PARTNER_FLAG_AFTER,
  unansweredInARow,
} from '../../src/domain/partner-calls';
import { useDeviceTimeZone } from '../support/device-time-zone';

const call = (occurredAt: string, reached: boolean, id = occurredAt) => ({
  id,
  occurredAt,
  reached,
});

describe('unansweredInARow', () => {
  it('counts the unanswered calls since the last reached one', () => {
    expect(PARTNER_FLAG_AFTER).toBe(3);
    expect(unansweredInARow([])).toBe(0);
    expect(unansweredInARow([call('2026-05-04T09:00:00Z', true)])).toBe(0);
    expect(
      unansweredInARow([
        call('2026-05-01T09:00:00Z', false),
        call('2026-05-02T09:00:00Z', true),
        call('2026-05-03T09:00:00Z', false),
        call('2026-05-04T09:00:00Z', false),
      ]),
    ).toBe(2);
    expect(
      unansweredInARow([call('2026-05-01T09:00:00Z', false), call('2026-05-02T09:00:00Z', false)]),
    ).toBe(2);
  });

  it('orders by when the calls happened, not by the order given', () => {
    const calls = [
      call('2026-05-04T09:00:00Z', false),
      call('2026-05-05T09:00:00Z', true), // the newest reached the partner
      call('2026-05-03T09:00:00Z', false),
      call('2026-05-02T09:00:00Z', false),
    ];
    expect(unansweredInARow(calls)).toBe(0);
    // Offsets are instants too: 10:30+02:00 is before 09:00Z.
    expect(
      unansweredInARow([
        call('2026-05-06T09:00:00Z', false),
        call('2026-05-06T10:30:00+02:00', true),
      ]),
    ).toBe(1);
  });

  it('flags a partner after three unanswered attempts in a row, and a reached call clears it', () => {
    const missed = [call('2026-05-01T09:00:00Z', false), call('2026-05-02T09:00:00Z', false)];
    expect(isFlagged(missed)).toBe(false);
    const third = [...missed, call('2026-05-03T09:00:00Z', false)];
    expect(isFlagged(third)).toBe(true);
    expect(isFlagged([...third, call('2026-05-04T09:00:00Z', true)])).toBe(false);
    expect(isFlagged([...third, call('2026-04-30T09:00:00Z', true)])).toBe(true); // older
  });
});

describe('lastCall', () => {
  const calls = [
    call('2026-05-02T09:00:00Z', true, 'b'),
    call('2026-05-03T09:00:00Z', false, 'c'),
    call('2026-05-01T09:00:00Z', true, 'a'),
  ];

  it('is the latest call, reached or not, or only the latest reached one', () => {
    expect(lastCall(calls)?.id).toBe('c');
    expect(lastCall(calls, { reachedOnly: true })?.id).toBe('b');
    expect(lastCall([])).toBeUndefined();
    expect(lastCall([call('2026-05-03T09:00:00Z', false)], { reachedOnly: true })).toBeUndefined();
  });

  it('takes the later given of two calls at the same instant', () => {
    const same = [
      call('2026-05-03T09:00:00Z', true, 'x'),
      call('2026-05-03T09:00:00.000Z', false, 'y'),
    ];
    expect(lastCall(same)?.id).toBe('y');
  });
});

describe('nextPlannedCall', () => {
  const now = new Date('2026-05-12T10:00:00Z'); // Tuesday, 12:00 in Berlin

  it('is callEveryDays Berlin days after the last call', () => {
    expect(nextPlannedCall('2026-05-11T08:00:00Z', 7, now)).toBe('2026-05-18');
    expect(nextPlannedCall('2026-05-12T08:00:00Z', 1, now)).toBe('2026-05-13');
  });

  it('is today when there was no call yet, when it is overdue, or when it is due today', () => {
    expect(nextPlannedCall(null, 7, now)).toBe('2026-05-12');
    expect(nextPlannedCall('2026-04-01T08:00:00Z', 7, now)).toBe('2026-05-12');
    expect(nextPlannedCall('2026-05-05T20:00:00Z', 7, now)).toBe('2026-05-12');
    expect(nextPlannedCall('not a date', 7, now)).toBe('2026-05-12');
    expect(nextPlannedCall('2026-05-11T08:00:00Z', 0, now)).toBe('2026-05-12');
  });

  it('counts the Berlin day of the last call, not the UTC day', () => {
    // 23:30 UTC on 10 May is 01:30 on 11 May in Berlin (summer time).
    expect(nextPlannedCall('2026-05-10T23:30:00Z', 7, now)).toBe('2026-05-18');
    // Today is Berlin's today: 23:30 UTC on 12 May is already 13 May in Berlin.
    expect(nextPlannedCall(null, 7, new Date('2026-05-12T23:30:00Z'))).toBe('2026-05-13');
  });

  it('counts calendar days across the spring-forward night (29 March 2026)', () => {
    // 23:30 CET on Saturday 28 March; a weekly partner is due on Saturday 4 April.
    expect(nextPlannedCall('2026-03-28T22:30:00Z', 7, new Date('2026-03-29T10:00:00Z'))).toBe(
      '2026-04-04',
    );
    // Daily: due on Sunday 29 March until 23:59 CEST (21:59 UTC), then today is Monday.
    expect(nextPlannedCall('2026-03-28T22:30:00Z', 1, new Date('2026-03-29T21:59:00Z'))).toBe(
      '2026-03-29',
    );
    expect(nextPlannedCall('2026-03-28T22:30:00Z', 1, new Date('2026-03-29T22:00:00Z'))).toBe(
      '2026-03-30',
    );
  });

  it('counts calendar days across the fall-back night (25 October 2026)', () => {
    // 00:30 CEST on Sunday 25 October is still Saturday 24 October in UTC.
    expect(nextPlannedCall('2026-10-24T22:30:00Z', 1, new Date('2026-10-25T12:00:00Z'))).toBe(
      '2026-10-26',
    );
    // 23:30 CET on 25 October (22:30 UTC): still the 25th in Berlin.
    expect(nextPlannedCall('2026-10-25T22:30:00Z', 7, new Date('2026-10-26T08:00:00Z'))).toBe(
      '2026-11-01',
    );
  });
});

describe('nextPlannedCall on a device set to Los Angeles', () => {
  useDeviceTimeZone('America/Los_Angeles');

  it('still counts Berlin days', () => {
    const now = new Date('2026-05-12T10:00:00Z');
    expect(nextPlannedCall('2026-05-10T23:30:00Z', 7, now)).toBe('2026-05-18');
    expect(nextPlannedCall(null, 7, new Date('2026-05-12T23:30:00Z'))).toBe('2026-05-13');
  });
});
