// The one set of test data for entries: valid values of each kind (what a form would save) and
// records as a pull lists them. Tests of the device, of sync and of views build their entries
// here, so "a valid call" is written once.
import type { RecordOf, ValuesOf } from '../../src/shared/entry-kinds';

/** When the builders' entries took place (device time: data only, G9). */
export const WHEN = '2026-11-25T10:00:00.000Z';

/** A call that reached the person, without an activity. */
export function callValues(
  partner = 'Frau K.',
  overrides: Partial<ValuesOf<'call'>> = {},
): ValuesOf<'call'> {
  return {
    occurredAt: WHEN,
    concern: false,
    partner,
    durationMinutes: 15,
    note: '',
    activity: null,
    reached: true,
    ...overrides,
  };
}

/** An advice session at the shop on one topic, no referral, no follow-up. */
export function adviceValues(overrides: Partial<ValuesOf<'advice'>> = {}): ValuesOf<'advice'> {
  return {
    occurredAt: WHEN,
    concern: false,
    durationMinutes: 30,
    place: 'shop',
    topics: [{ id: 'topic-1', name: 'Wohnen' }],
    ageBand: '70to79',
    firstContact: true,
    referral: null,
    followUp: null,
    note: '',
    ...overrides,
  };
}

const serverSide = { author: 'u1', version: 1, conflict: false };

/** A call as a pull lists it. */
export function callRecord(
  id: string,
  overrides: Partial<RecordOf<'call'>> = {},
): RecordOf<'call'> {
  return {
    id,
    ...callValues(`Partner ${id}`, { durationMinutes: 10 }),
    ...serverSide,
    ...overrides,
  };
}

/** An advice session as a pull lists it. */
export function adviceRecord(
  id: string,
  overrides: Partial<RecordOf<'advice'>> = {},
): RecordOf<'advice'> {
  return { id, ...adviceValues(), ...serverSide, ...overrides };
}
