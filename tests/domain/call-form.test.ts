// The call form's pure rules: Berlin wall clock ↔ instant (also when the device is set to
// another zone), which fields are wrong, and which fields an edit changes.
import { describe, expect, it } from 'vitest';
import {
  callFormFrom,
  choosePartner,
  emptyCallForm,
  partnerCallForm,
  readCallForm,
  type CallForm,
} from '../../src/domain/call-form';
import { berlinInstant, berlinWallClock } from '../../src/domain/dates';
import { changedFields } from '../../src/domain/entry-form';
import { clockSkewHours, isDeliveryOverdue } from '../../src/domain/entry-state';
import { useDeviceTimeZone } from '../support/device-time-zone';

const activity = { id: 'a1', name: 'Begegnungstelefon', themeName: 'Einsamkeit' };
const find = (id: string) => (id === activity.id ? activity : undefined);

const form = (patch: Partial<CallForm> = {}): CallForm => ({
  partnerId: '',
  partner: 'Frau K.',
  day: '2026-11-25',
  time: '14:30',
  reached: true,
  duration: '25',
  concern: false,
  note: '',
  activityId: '',
  ...patch,
});

describe('berlinInstant', () => {
  useDeviceTimeZone('America/New_York');
  // prettier-ignore
  it.each([
    ['winter', '2026-11-25', 870, '2026-11-25T13:30:00.000Z'],
    ['summer', '2026-07-15', 870, '2026-07-15T12:30:00.000Z'],
    ['spring-forward gap lands an hour later', '2026-03-29', 150, '2026-03-29T01:30:00.000Z'],
    ['fall-back hour: the second of the two', '2026-10-25', 150, '2026-10-25T01:30:00.000Z'],
    ['midnight', '2026-01-01', 0, '2025-12-31T23:00:00.000Z'],
  ])('%s', (_name, day, minutes, iso) => {
    expect(new Date(berlinInstant(day, minutes)).toISOString()).toBe(iso);
  });

  it('is the inverse of berlinWallClock outside the DST switches', () => {
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 7 * 3_600_000 + 60_000) {
      const { day, minutes } = berlinWallClock(ms);
      expect(berlinWallClock(berlinInstant(day, minutes))).toMatchObject({ day, minutes });
    }
  });
});

describe('readCallForm', () => {
  it('turns the typed form into a call in Berlin time', () => {
    const read = readCallForm(form({ activityId: 'a1', partner: '  Frau K. ' }), find);
    expect(read).toEqual({
      ok: true,
      values: {
        partner: 'Frau K.',
        occurredAt: '2026-11-25T13:30:00.000Z',
        reached: true,
        durationMinutes: 25,
        concern: false,
        note: '',
        activity,
        partnerId: null,
      },
    });
  });

  it('names every wrong field and keeps going', () => {
    const read = readCallForm(
      form({ partner: ' ', day: '2026-02-30', duration: 'zehn', note: 'x'.repeat(2001) }),
      find,
    );
    expect(read).toEqual({ ok: false, errors: ['partner', 'when', 'duration', 'note'] });
  });

  it('points out what the server would refuse: control characters, invisible names, old clocks', () => {
    const read = readCallForm(
      form({ partner: '\u200b\u200b', day: '1970-01-01', note: 'a\u0000b' }),
      find,
    );
    expect(read).toEqual({ ok: false, errors: ['partner', 'when', 'note'] });
    expect(readCallForm(form({ partner: 'Frau \u202eK.' }), find)).toEqual({
      ok: false,
      errors: ['partner'],
    });
    // Line breaks in a note are fine, and text is stored composed (NFC).
    const ok = readCallForm(form({ partner: 'Mu\u0308ller', note: 'eins\nzwei' }), find);
    expect(ok.ok && [ok.values.partner, ok.values.note]).toEqual(['Müller', 'eins\nzwei']);
  });

  it('needs a duration for a reached call but not for an unreached one', () => {
    expect(readCallForm(form({ duration: '' }), find)).toEqual({ ok: false, errors: ['duration'] });
    const unreached = readCallForm(form({ duration: '', reached: false }), find);
    expect(unreached.ok && unreached.values.durationMinutes).toBe(0);
    expect(readCallForm(form({ duration: '601' }), find)).toEqual({
      ok: false,
      errors: ['duration'],
    });
  });

  it('keeps the snapshot of an activity that left the catalogue (G11)', () => {
    const gone = { id: 'old', name: 'Früheres Angebot', themeName: 'Kultur' };
    const previous = { ...callOf(form()), activity: gone };
    const read = readCallForm(form({ activityId: 'old' }), find, previous);
    expect(read.ok && read.values.activity).toEqual(gone);
  });
});

function callOf(values: CallForm) {
  const read = readCallForm(values, find);
  if (!read.ok) throw new Error('invalid');
  return read.values;
}

describe('calls with a registered partner', () => {
  const ilse = { id: 'p-ilse', name: 'Ilse', usualMinutes: 20 };
  const findPartner = (id: string) => (id === ilse.id ? ilse : undefined);

  it('takes the partner and their name from the choice, and their usual length', () => {
    const start = partnerCallForm(Date.UTC(2026, 10, 25, 13, 30), ilse);
    expect(start).toMatchObject({ partnerId: 'p-ilse', partner: 'Ilse', duration: '20' });
    const read = readCallForm({ ...start, partner: 'überschrieben' }, find, undefined, findPartner);
    expect(read.ok && [read.values.partnerId, read.values.partner]).toEqual(['p-ilse', 'Ilse']);
    // Choosing keeps a length already typed; choosing nobody goes back to a typed name.
    expect(choosePartner(ilse, '35')).toEqual({ partnerId: 'p-ilse', partner: 'Ilse' });
    expect(choosePartner(null)).toEqual({ partnerId: '', partner: '' });
  });

  it('a typed name is a call without a partner', () => {
    const read = readCallForm(form(), find, undefined, findPartner);
    expect(read.ok && read.values.partnerId).toBeNull();
  });

  it('refuses a partner id that is not one of the caller’s partners', () => {
    expect(readCallForm(form({ partnerId: 'p-other' }), find, undefined, findPartner)).toEqual({
      ok: false,
      errors: ['partner'],
    });
  });

  it('keeps the partner and the name of an old call whose partner is no longer assigned', () => {
    const previous = { ...callOf(form()), partner: 'Herr B.', partnerId: 'p-gone' };
    const read = readCallForm(callFormFrom(previous), find, previous, findPartner);
    expect(read.ok && [read.values.partnerId, read.values.partner]).toEqual(['p-gone', 'Herr B.']);
  });
});

describe('editing', () => {
  it('round-trips a call through the form', () => {
    const call = callOf(form({ activityId: 'a1', concern: true, note: 'Arzttermin' }));
    expect(callOf(callFormFrom(call))).toEqual(call);
  });

  it('lists only the fields that changed', () => {
    const before = callOf(form());
    const after = callOf(form({ note: 'Rückruf am Freitag', duration: '30' }));
    expect(changedFields(before, after)).toEqual({
      note: 'Rückruf am Freitag',
      durationMinutes: 30,
    });
    expect(changedFields(before, before)).toEqual({});
  });

  it('starts a new form at the current Berlin time', () => {
    expect(emptyCallForm(Date.UTC(2026, 10, 25, 13, 30))).toMatchObject({
      day: '2026-11-25',
      time: '14:30',
      reached: true,
    });
  });
});

describe('sync-state warnings', () => {
  const hour = 3_600_000;
  it('calls an entry overdue only when the device reached the server a day after it', () => {
    expect(isDeliveryOverdue(null, 100 * hour)).toBe(false);
    expect(isDeliveryOverdue(0, undefined)).toBe(false);
    expect(isDeliveryOverdue(0, 23 * hour)).toBe(false);
    expect(isDeliveryOverdue(0, 25 * hour)).toBe(true);
  });

  it('mentions a clock that is an hour or more off, either way', () => {
    const server = '2026-11-25T12:00:00.000Z';
    expect(clockSkewHours(Date.parse(server) + 20 * 60_000, server)).toBeNull();
    expect(clockSkewHours(Date.parse(server) + 365 * 24 * hour, server)).toBe(8760);
    expect(clockSkewHours(Date.parse(server) - 3 * hour, server)).toBe(3);
    expect(clockSkewHours(0, 'garbage')).toBeNull();
  });
});
