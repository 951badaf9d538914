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
    partnerId: null,
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

/** A finished walk of 1.2 km with eight people, two of them with a walking aid. */
export function walkValues(overrides: Partial<ValuesOf<'walk'>> = {}): ValuesOf<'walk'> {
  return {
    occurredAt: WHEN,
    concern: false,
    title: 'Rund um den Marktplatz',
    activity: null,
    participants: 8,
    withWalkingAids: 2,
    withWheelchairs: 0,
    note: '',
    endedAt: '2026-11-25T11:00:00.000Z',
    distanceMetres: 1200,
    walkingSeconds: 3000,
    ...overrides,
  };
}

/** A bench seen on walk `walkId`, with a good fix. */
export function observationValues(
  walkId: string,
  overrides: Partial<ValuesOf<'observation'>> = {},
): ValuesOf<'observation'> {
  return {
    occurredAt: WHEN,
    concern: false,
    walkId,
    category: 'bench',
    position: { lat: 51.3331, lon: 6.5623, accuracy: 8 },
    note: '',
    ...overrides,
  };
}

/** A call partner phoned weekly for 20 minutes by `callers`. */
export function partnerValues(
  name = 'Frau K.',
  callers: string[] = ['u1'],
  overrides: Partial<ValuesOf<'partner'>> = {},
): ValuesOf<'partner'> {
  return {
    occurredAt: WHEN,
    concern: false,
    name,
    phone: '02151 123456',
    preferredTimes: 'vormittags',
    note: '',
    usualMinutes: 20,
    callEveryDays: 7,
    callers,
    status: 'active',
    consentOn: '',
    consentForm: '',
    consentScope: '',
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

/** A walk as a pull lists it. */
export function walkRecord(
  id: string,
  overrides: Partial<RecordOf<'walk'>> = {},
): RecordOf<'walk'> {
  return { id, ...walkValues(), ...serverSide, ...overrides };
}

/** An observation as a pull lists it. */
export function observationRecord(
  id: string,
  walkId: string,
  overrides: Partial<RecordOf<'observation'>> = {},
): RecordOf<'observation'> {
  return { id, ...observationValues(walkId), ...serverSide, ...overrides };
}

/** A call partner as a pull lists it (made by staff member `staff`, assigned to u1). */
export function partnerRecord(
  id: string,
  overrides: Partial<RecordOf<'partner'>> = {},
): RecordOf<'partner'> {
  return { id, ...partnerValues(`Partner ${id}`), ...serverSide, author: 'staff', ...overrides };
}
