// The pure rules behind entry sync, for every kind: the upcast of an old create (G10), the
// per-field merge of an update (G6), how values are stored (columns plus one JSON object), the
// registry that must handle every mutation the shared table names, the view fingerprint that
// decides a reset, and German field names in rejections.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  changedColumns,
  figureColumns,
  readValues,
  toEntryRecord,
  valueColumns,
  type EntryRow,
  type EntryValues,
} from '../../server/db/entry-row';
import { canonicalJson, planEntryUpdate } from '../../server/sync/entry-merge';
import { viewFingerprint } from '../../server/sync/device-view';
import { HANDLERS, handlerFor } from '../../server/sync/mutation.registry';
import { invalidArgsMessage } from '../../server/sync/mutation-rejection';
import { ENTRY_KINDS, type EntryKindName } from '../../src/shared/entry-kinds';
import { ADVICE } from '../../src/shared/kinds/advice-kind';
import { CALL } from '../../src/shared/kinds/call-kind';
import { MUTATIONS } from '../../src/shared/push-protocol';
import {
  adviceArgs,
  callArgs,
  observationArgs,
  partnerArgs,
  valuesOf,
  walkArgs,
} from './support/entry-mutations';

describe('call.create v1 upcast', () => {
  it('adds reached: true and keeps everything else, giving valid current args', () => {
    const v1 = callArgs('c1', { activity: null, note: '' });
    const upcast = CALL.olderCreates?.[1]?.upcast;
    if (!upcast) throw new Error('call.create v1 has no upcaster');
    const v2 = upcast(v1 as never);
    expect(v2).toEqual({ ...v1, reached: true });
    expect(v.parse(CALL.schemas.create, v2)).toEqual(v2);
    expect(v1).not.toHaveProperty('reached'); // the input is left alone
  });
});

const ACTIVITY = { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' };
const CALL_VALUES: EntryValues = {
  occurredAt: '2030-11-25T09:02:00.000Z',
  concern: false,
  partner: 'Frau K.',
  durationMinutes: 15,
  note: 'alt',
  activity: ACTIVITY,
  reached: true,
  partnerId: null,
};

const none = new Set<string>();

describe('planEntryUpdate', () => {
  it('takes each changed field, with old and new value, in the kind’s order, no conflict', () => {
    const plan = planEntryUpdate(
      CALL.fieldNames,
      CALL_VALUES,
      { note: 'neu', concern: true, activity: null },
      none,
    );
    expect(plan.values).toEqual({ ...CALL_VALUES, note: 'neu', concern: true, activity: null });
    expect(plan.changes).toEqual([
      { field: 'concern', oldValue: false, newValue: true, conflict: false },
      { field: 'note', oldValue: 'alt', newValue: 'neu', conflict: false },
      { field: 'activity', oldValue: ACTIVITY, newValue: null, conflict: false },
    ]);
    expect(plan.conflict).toBe(false);
  });

  it('flags only the fields another client changed since the base version', () => {
    const changes = { note: 'neu', partner: 'Herr L.' };
    const plan = planEntryUpdate(CALL.fieldNames, CALL_VALUES, changes, new Set(['note']));
    expect(plan.changes.map((c) => [c.field, c.conflict])).toEqual([
      ['partner', false],
      ['note', true],
    ]);
    expect(plan.conflict).toBe(true);
  });

  it('skips values the entry already has, also objects with their keys in another order', () => {
    const same = { themeName: 'Fit fürs Alter', name: 'Bewegungstreff', id: 'a1' };
    const changes = { note: 'alt', activity: same, reached: true };
    const plan = planEntryUpdate(CALL.fieldNames, CALL_VALUES, changes, new Set(['note']));
    expect(plan).toEqual({ values: CALL_VALUES, changes: [], conflict: false });
  });

  it('compares lists of objects by their content, in their order (advice topics)', () => {
    const values = valuesOf(adviceArgs('b1'));
    const reordered = values.topics.map(({ id, name }) => ({ name, id }));
    expect(planEntryUpdate(ADVICE.fieldNames, values, { topics: reordered }, none).changes).toEqual(
      [],
    );
    const swapped = [...values.topics].reverse();
    expect(
      planEntryUpdate(ADVICE.fieldNames, values, { topics: swapped }, none).changes,
    ).toHaveLength(1);
  });

  it('ignores names that are not fields of the kind', () => {
    const plan = planEntryUpdate(CALL.fieldNames, CALL_VALUES, { place: 'home' }, none);
    expect(plan.changes).toEqual([]);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
    expect(canonicalJson(undefined)).not.toBe(canonicalJson(null));
  });
});

describe('entry rows', () => {
  const row = (kind: EntryKindName, values: EntryValues): EntryRow => ({
    quarter_id: 'q',
    id: 'e1',
    kind,
    author_user_id: 'u1',
    device_id: 'd1',
    ...valueColumns(ENTRY_KINDS[kind], values),
    conflict: 0,
    created_at: '2030-11-25T09:03:00.000Z',
    version: 3,
    deleted: 0,
    updated_at: '2030-11-25T09:03:00.000Z',
  });

  it('keeps occurredAt and concern in columns and the kind’s own fields as JSON', () => {
    const columns = valueColumns(CALL, { ...CALL_VALUES, concern: true, extra: 'x' });
    expect(columns).toEqual({
      occurred_at: CALL_VALUES.occurredAt,
      concern: 1,
      fields: JSON.stringify({
        partner: 'Frau K.',
        durationMinutes: 15,
        note: 'alt',
        activity: ACTIVITY,
        reached: true,
        partnerId: null,
      }),
      // What it adds to the week's figures: its activity, reached, 15 minutes.
      fig_activity_id: ACTIVITY.id,
      fig_reached: 1,
      fig_seconds: 900,
      fig_participants: 0,
      fig_walking_aids: 0,
      fig_wheelchairs: 0,
      fig_metres: 0,
      fig_week: '2030-W48',
    });
  });

  it('reads back what it wrote, for every kind, and makes the record a pull sends', () => {
    const advice = valuesOf(adviceArgs('b1'));
    for (const [kind, values] of [
      ['call', CALL_VALUES],
      ['advice', advice],
      ['walk', valuesOf(walkArgs('w1'))],
      ['observation', valuesOf(observationArgs('o1', 'w1'))],
      ['partner', valuesOf(partnerArgs('p1', ['u1', 'u2']))],
    ] as const) {
      const stored = row(kind, values);
      expect(readValues(stored)).toEqual(values);
      const record = toEntryRecord(stored);
      expect(record).toEqual({ id: 'e1', ...values, author: 'u1', version: 3, conflict: false });
      expect(v.parse(ENTRY_KINDS[kind].schemas.record, record)).toEqual(record);
    }
  });

  it('writes only the columns whose values an update moved', () => {
    const values = { ...CALL_VALUES, note: 'neu', concern: true };
    expect(changedColumns(CALL, values, ['concern'])).toEqual({ concern: 1 });
    // The figure columns are recomputed from the merged values whenever fields or the start move.
    const figures = figureColumns(CALL, values);
    expect(changedColumns(CALL, values, ['occurredAt'])).toEqual({
      occurred_at: CALL_VALUES.occurredAt,
      ...figures,
    });
    expect(changedColumns(CALL, values, ['note'])).toEqual({
      fields: valueColumns(CALL, values).fields,
      ...figures,
    });
    expect(changedColumns(CALL, { ...values, reached: false }, ['reached'])).toMatchObject({
      fig_reached: 0,
    });
  });

  it('derives a walk’s figure columns from its own fields and its start', () => {
    const walk = ENTRY_KINDS.walk;
    const values = {
      ...valuesOf(walkArgs('w1')),
      occurredAt: '2030-11-25T09:00:00.000Z',
      endedAt: '2030-11-25T10:00:00.000Z',
      walkingSeconds: 1800,
      participants: 7,
      distanceMetres: 2400,
    };
    expect(figureColumns(walk, values)).toMatchObject({
      fig_reached: null,
      fig_seconds: 3600,
      fig_participants: 7,
      fig_metres: 2400,
    });
    // A later start shortens the span the guide gave; only the start changed.
    const later = { ...values, occurredAt: '2030-11-25T09:30:00.000Z' };
    expect(changedColumns(walk, later, ['occurredAt'])).toMatchObject({ fig_seconds: 1800 });
    // Its week is the Berlin calendar's: Monday 00:00 in Berlin is Sunday 23:00 UTC in winter.
    const sunday = { ...values, occurredAt: '2030-12-01T22:59:59.999Z' };
    expect(changedColumns(walk, sunday, ['occurredAt'])).toMatchObject({ fig_week: '2030-W48' });
    const monday = { ...values, occurredAt: '2030-12-01T23:00:00.000Z' };
    expect(changedColumns(walk, monday, ['occurredAt'])).toMatchObject({ fig_week: '2030-W49' });
    // A value that is not the kind's own field (and so not stored) adds nothing.
    expect(
      figureColumns(ENTRY_KINDS.advice, {
        ...valuesOf(adviceArgs('b1')),
        activity: ACTIVITY,
      }).fig_activity_id,
    ).toBeNull();
  });
});

describe('the mutation registry', () => {
  it('has a handler for exactly the mutations and versions the shared table names', () => {
    const versions = (table: Readonly<Record<string, Readonly<Record<number, unknown>>>>) =>
      Object.fromEntries(
        Object.entries(table).map(([name, byVersion]) => [name, Object.keys(byVersion).sort()]),
      );
    expect(versions(HANDLERS)).toEqual(versions(MUTATIONS));
    expect(Object.keys(HANDLERS).sort()).toEqual([
      'advice.create',
      'advice.delete',
      'advice.update',
      'call.create',
      'call.delete',
      'call.update',
      'observation.create',
      'observation.delete',
      'observation.update',
      'partner.create',
      'partner.delete',
      'partner.update',
      'walk.create',
      'walk.delete',
      'walk.track',
      'walk.update',
    ]);
  });

  it('knows no names from Object.prototype and no versions it does not have', () => {
    expect(handlerFor('constructor', 1)).toBeUndefined();
    expect(handlerFor('call.create', 4)).toBeUndefined();
    expect(handlerFor('walk.track', 3)).toBeUndefined();
    expect(handlerFor('call.create', 1)).toBeDefined();
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
    const result = v.safeParse(CALL.schemas.update, args);
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
