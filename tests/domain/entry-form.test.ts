// Rules every entry form shares: the typed time as an instant, the final check with the
// kind's shared schema naming the field it refuses, and a stored draft read back into a form
// whose shape may have changed with an app update.
import { describe, expect, it } from 'vitest';
import { checkValues, readMinutes, readWhen, restoreDraft } from '../../src/domain/entry-form';
import { useDeviceTimeZone } from '../support/device-time-zone';

describe('readWhen', () => {
  useDeviceTimeZone('America/New_York');
  // prettier-ignore
  it.each<[string, string, string | undefined]>([
    ['2026-11-25', '14:30', '2026-11-25T13:30:00.000Z'],
    ['2026-11-25', '9:05', '2026-11-25T08:05:00.000Z'],
    ['2026-11-25', ' 14:30 ', '2026-11-25T13:30:00.000Z'],
    ['2026-03-29', '03:30', '2026-03-29T01:30:00.000Z'],
    ['2026-10-25', '00:30', '2026-10-24T22:30:00.000Z'],
    ['2026-02-30', '14:30', undefined],
    ['2026-11-25', '24:00', undefined],
    ['2026-11-25', '', undefined],
    ['1999-12-31', '12:00', undefined],
  ])('%s %s', (day, time, iso) => {
    expect(readWhen(day, time)).toBe(iso);
  });
});

describe('readMinutes', () => {
  it.each([
    ['0', 0],
    [' 45 ', 45],
    ['600', 600],
    ['601', undefined],
    ['', undefined],
    ['1.5', undefined],
    ['1e2', undefined],
  ])('%j', (text, minutes) => {
    expect(readMinutes(text)).toBe(minutes);
  });
});

describe('checkValues', () => {
  const call = {
    occurredAt: '2026-11-25T13:30:00.000Z',
    concern: false,
    partner: 'Frau K.',
    durationMinutes: 10,
    note: '',
    activity: null,
    reached: true,
    partnerId: null,
  };
  const fieldOf = {
    occurredAt: 'when',
    concern: 'when',
    partner: 'partner',
    durationMinutes: 'duration',
    note: 'note',
    activity: 'activity',
    reached: 'duration',
    partnerId: 'partner',
  } as const;

  it('passes what the shared schema accepts', () => {
    expect(checkValues('call', call, fieldOf)).toEqual({ ok: true, values: call });
  });

  it('names each field the shared schema refuses, once', () => {
    const bad = { ...call, occurredAt: '2026-11-25', durationMinutes: 601, reached: 'ja' };
    expect(checkValues('call', bad as unknown as typeof call, fieldOf)).toEqual({
      ok: false,
      errors: ['when', 'duration'],
    });
  });
});

describe('restoreDraft', () => {
  const fresh = { day: '2026-11-25', duration: '', concern: false, topicIds: [] as string[] };

  it('takes what was typed', () => {
    const draft = { day: '2026-11-20', duration: '15', concern: true, topicIds: ['t1'] };
    expect(restoreDraft(fresh, draft)).toEqual(draft);
  });

  it('keeps fresh values for fields the draft lacks and drops fields the form lost', () => {
    expect(restoreDraft(fresh, { duration: '15', partner: 'Frau K.' })).toEqual({
      ...fresh,
      duration: '15',
    });
  });

  it('does not trust values of another shape', () => {
    expect(
      restoreDraft(fresh, { duration: 15, concern: 'ja', topicIds: [1], day: '2026-11-20' }),
    ).toEqual({ ...fresh, day: '2026-11-20' });
  });

  it('has nothing to restore from something that is no form', () => {
    expect(restoreDraft(fresh, null)).toBeUndefined();
    expect(restoreDraft(fresh, 'text')).toBeUndefined();
    expect(restoreDraft(fresh, { other: 1 })).toBeUndefined();
  });
});
