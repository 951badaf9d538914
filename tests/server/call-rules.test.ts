// The pure rules behind call sync: the v1 → v2 upcaster (G10), the per-field merge of an update
// (G6), the view fingerprint that decides a reset, and German field names in rejections.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { CallRow } from '../../server/repos/call-columns';
import { planCallUpdate } from '../../server/sync/call-merge';
import { upcastCallCreateV1 } from '../../server/sync/call-upcast';
import { viewFingerprint } from '../../server/sync/device-view';
import { invalidArgsMessage } from '../../server/sync/mutation-rejection';
import { callCreateV2, callUpdateV1, type CallField } from '../../src/shared/push';
import { callArgs } from './support/push-fixtures';

describe('upcastCallCreateV1', () => {
  it('adds reached: true and keeps everything else, giving valid v2 args', () => {
    const v1 = callArgs('c1', { activity: null, note: '' });
    const v2 = upcastCallCreateV1(v1);
    expect(v2).toEqual({ ...v1, reached: true });
    expect(v.parse(callCreateV2, v2)).toEqual(v2);
    expect(v1).not.toHaveProperty('reached'); // the input is left alone
  });
});

const ROW: CallRow = {
  quarter_id: 'q',
  id: 'c1',
  author_user_id: 'u1',
  device_id: 'd1',
  occurred_at: '2030-11-25T09:02:00.000Z',
  partner: 'Frau K.',
  duration_minutes: 15,
  concern: 0,
  note: 'alt',
  activity_id: 'a1',
  activity_name: 'Bewegungstreff',
  theme_name: 'Fit fürs Alter',
  reached: 1,
  conflict: 0,
  created_at: '2030-11-25T09:03:00.000Z',
  version: 3,
  deleted: 0,
  updated_at: '2030-11-25T09:03:00.000Z',
};

const none = new Set<CallField>();

describe('planCallUpdate', () => {
  it('writes each changed field, with old and new value, and no conflict', () => {
    const plan = planCallUpdate(ROW, { note: 'neu', concern: true, activity: null }, none);
    expect(plan.columns).toEqual({
      note: 'neu',
      concern: 1,
      activity_id: null,
      activity_name: null,
      theme_name: null,
    });
    expect(plan.changes).toEqual([
      { field: 'concern', oldValue: false, newValue: true, conflict: false },
      { field: 'note', oldValue: 'alt', newValue: 'neu', conflict: false },
      {
        field: 'activity',
        oldValue: { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' },
        newValue: null,
        conflict: false,
      },
    ]);
    expect(plan.conflict).toBe(false);
  });

  it('flags only the fields another client changed since the base version', () => {
    const plan = planCallUpdate(ROW, { note: 'neu', partner: 'Herr L.' }, new Set(['note']));
    expect(plan.changes.map((c) => [c.field, c.conflict])).toEqual([
      ['partner', false],
      ['note', true],
    ]);
    expect(plan.conflict).toBe(true);
  });

  it('skips values the call already has, also objects in another key order', () => {
    const same = { themeName: 'Fit fürs Alter', name: 'Bewegungstreff', id: 'a1' };
    const plan = planCallUpdate(
      ROW,
      { note: 'alt', activity: same, reached: true },
      new Set(['note']),
    );
    expect(plan).toEqual({ columns: {}, changes: [], conflict: false });
  });
});

describe('viewFingerprint', () => {
  const erika = { id: 'u-erika', role: 'volunteer' as const };
  const hans = { id: 'u-hans', role: 'volunteer' as const };

  it('is short, cookie-safe and independent of order', () => {
    const print = viewFingerprint([erika, hans]);
    expect(print).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(viewFingerprint([hans, erika])).toBe(print);
  });

  it('changes when someone joins or leaves, or a role changes', () => {
    const prints = [
      viewFingerprint([]),
      viewFingerprint([erika]),
      viewFingerprint([erika, hans]),
      viewFingerprint([{ ...erika, role: 'staff' }, hans]),
    ];
    expect(new Set(prints).size).toBe(prints.length);
  });
});

describe('invalidArgsMessage', () => {
  const labels = { id: 'Kennung', fields: 'Änderungen', 'fields.note': 'Notiz' };
  const issues = (args: unknown) => {
    const result = v.safeParse(callUpdateV1, args);
    if (result.success) throw new Error('expected issues');
    return result.issues;
  };

  it('names a nested field by its own label, else by the nearest labelled parent', () => {
    const base = { id: 'c1', baseVersion: 1 };
    expect(
      invalidArgsMessage('Die Änderung', labels, issues({ ...base, fields: { note: 7 } })),
    ).toBe('Die Änderung konnte nicht gespeichert werden: „Notiz“ fehlt oder ist ungültig.');
    expect(
      invalidArgsMessage('Die Änderung', labels, issues({ ...base, fields: { partner: '' } })),
    ).toBe('Die Änderung konnte nicht gespeichert werden: „Änderungen“ fehlt oder ist ungültig.');
    expect(
      invalidArgsMessage('Die Änderung', labels, issues({ ...base, fields: {}, baseVersion: 'x' })),
    ).toBe(
      'Die Änderung konnte nicht gespeichert werden: die Angaben sind unvollständig oder ungültig.',
    );
  });
});
