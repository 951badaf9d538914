// The entry-kind declarations (src/shared/entry-kind.ts, kinds/*.ts), pure: every kind's
// create, update and delete follow from its fields and check them; old call creates still
// parse and upcast; the mutation table, the pull lists and the schema-free key rule agree.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { defineEntryKind, ENTRY_META_KEYS } from '../../src/shared/entry-kind';
import { ENTRY_KIND_NAMES, entryIdOf, entryMutation } from '../../src/shared/entry-key';
import { ENTRY_KINDS, ENTRY_LISTS, type EntryKindName } from '../../src/shared/entry-kinds';
import { callCreateV1, callCreateV2 } from '../../src/shared/kinds/call-kind';
import { consentMissing, partnerCreateV1 } from '../../src/shared/kinds/partner-kind';
import { MUTATIONS } from '../../src/shared/push-protocol';
import { pullResponseSchema } from '../../src/shared/protocol';
import { singleLine } from '../../src/shared/text';

const WHEN = '2026-11-25T09:02:00.000Z';

/** One valid set of values per kind: what a form would send. */
const VALID: { [K in EntryKindName]: Record<string, unknown> } = {
  call: {
    occurredAt: WHEN,
    concern: false,
    partner: 'Frau K.',
    durationMinutes: 15,
    note: 'Hat sich gefreut.',
    activity: { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' },
    reached: true,
    partnerId: 'p1',
  },
  advice: {
    occurredAt: WHEN,
    concern: true,
    durationMinutes: 45,
    place: 'home',
    topics: [{ id: 't1', name: 'Wohnen' }],
    ageBand: '80to89',
    firstContact: true,
    referral: { id: 'i1', name: 'Pflegestützpunkt' },
    followUp: '2026-12-07',
    note: 'Antrag auf Wohngeld besprochen.',
  },
  walk: {
    occurredAt: WHEN,
    concern: false,
    title: 'Rund um den Marktplatz',
    activity: { id: 'stadtspaziergaenge', name: 'Stadtspaziergänge', themeName: 'Erkundung' },
    participants: 8,
    withWalkingAids: 2,
    withWheelchairs: 1,
    note: 'Bordstein an der Ecke Hansastraße zu hoch.\nSonst gut.',
    endedAt: '2026-11-25T10:30:00.000Z',
    distanceMetres: 1240,
    walkingSeconds: 3300,
  },
  observation: {
    occurredAt: WHEN,
    concern: true,
    walkId: 'w1',
    category: 'barrier',
    position: { lat: 51.3331, lon: 6.5623, accuracy: 45 },
    note: 'Stufe ohne Rampe',
  },
  partner: {
    occurredAt: WHEN,
    concern: false,
    name: 'Frau K.',
    phone: '+49 (2151) 123-456',
    preferredTimes: 'vormittags, nicht mittwochs',
    note: 'Hört schlecht.',
    usualMinutes: 20,
    callEveryDays: 7,
    callers: ['u1', 'u2'],
    status: 'paused',
    consentOn: '2026-03-03',
    consentForm: 'oral',
    consentScope: 'wöchentliche Anrufe, Notizen für das Team',
  },
};

/** One bad value per field, per kind (the field stays the only thing wrong). */
const BAD: { [K in EntryKindName]: Record<string, unknown> } = {
  call: {
    occurredAt: '2026-02-30T09:00:00.000Z',
    concern: 'ja',
    partner: ' ',
    durationMinutes: 601,
    note: 'x'.repeat(2001),
    activity: { id: 'a 1', name: 'x', themeName: 'y' },
    reached: null,
    partnerId: 'p 1',
  },
  advice: {
    occurredAt: '1970-01-01T00:00:00.000Z',
    concern: 1,
    durationMinutes: -1,
    place: 'Kneipe',
    topics: [],
    ageBand: '100plus',
    firstContact: 'vielleicht',
    referral: { id: 'i1' },
    followUp: '2026-02-29',
    note: 'a\u0000b',
  },
  walk: {
    occurredAt: '2026-11-25T10:00:00+01:00',
    concern: 'nein',
    title: 'x'.repeat(121),
    activity: { id: 'a1', name: 'x' },
    participants: 501,
    withWalkingAids: -1,
    withWheelchairs: 1.5,
    note: 'a\u202eb',
    endedAt: '2026-11-25',
    distanceMetres: 1_000_001,
    walkingSeconds: 7 * 24 * 3600 + 1,
  },
  observation: {
    occurredAt: '2101-01-01T00:00:00.000Z',
    concern: null,
    walkId: '',
    category: 'pothole',
    position: { lat: 91, lon: 6.5, accuracy: 5 },
    note: 'x'.repeat(501),
  },
  partner: {
    occurredAt: 'gestern',
    concern: 0,
    name: '',
    phone: '0215-KAFFEE',
    preferredTimes: 'a\nb',
    note: 'x'.repeat(1001),
    usualMinutes: 0,
    callEveryDays: 91,
    callers: ['u1', 'u1'],
    status: 'gone',
    consentOn: '3.3.2026',
    consentForm: 'per Handschlag',
    consentScope: 'x'.repeat(301),
  },
};

describe.each(ENTRY_KIND_NAMES)('the %s kind', (name) => {
  const kind = ENTRY_KINDS[name];
  const valid = VALID[name];

  it('names its mutations after itself and lists them in the push table', () => {
    expect(kind.kind).toBe(name);
    for (const operation of ['create', 'update', 'delete'] as const) {
      const mutation = `${name}.${operation}`;
      expect(kind.mutationNames[operation]).toBe(mutation);
      expect(entryMutation(mutation)).toEqual({ kind: name, operation });
      expect(MUTATIONS[mutation]?.[kind.currentVersions[operation]]).toBeDefined();
    }
  });

  it('has a valid example for every field and a bad value for every field', () => {
    expect(Object.keys(valid).sort()).toEqual([...kind.fieldNames].sort());
    expect(Object.keys(BAD[name]).sort()).toEqual([...kind.fieldNames].sort());
  });

  it('creates from valid values, and refuses each bad field alone', () => {
    expect(v.safeParse(kind.schemas.create, { id: 'e1', ...valid }).success).toBe(true);
    for (const field of kind.fieldNames) {
      const bad = { id: 'e1', ...valid, [field]: BAD[name][field] };
      const result = v.safeParse(kind.schemas.create, bad);
      expect(result.success, `${name}.${field}`).toBe(false);
      expect(result.issues?.[0]?.path?.[0]?.key).toBe(field);
    }
    expect(v.safeParse(kind.schemas.create, valid).success).toBe(false); // no id
    expect(v.safeParse(kind.schemas.create, { id: 'e 1', ...valid }).success).toBe(false);
  });

  it('updates any one field, checks it as create does, and refuses an empty change', () => {
    for (const field of kind.fieldNames) {
      const good = { id: 'e1', baseVersion: 3, fields: { [field]: valid[field] } };
      expect(v.safeParse(kind.schemas.update, good).success, field).toBe(true);
      const bad = { id: 'e1', baseVersion: null, fields: { [field]: BAD[name][field] } };
      expect(v.safeParse(kind.schemas.update, bad).success, field).toBe(false);
    }
    expect(v.safeParse(kind.schemas.update, { id: 'e1', baseVersion: 1, fields: {} }).success).toBe(
      false,
    );
    expect(
      v.safeParse(kind.schemas.update, { id: 'e1', baseVersion: -1, fields: { concern: true } })
        .success,
    ).toBe(false);
  });

  it('deletes by id only', () => {
    expect(v.parse(kind.schemas.delete, { id: 'e1', note: 'x' })).toEqual({ id: 'e1' });
    expect(v.safeParse(kind.schemas.delete, {}).success).toBe(false);
  });

  it('reads back a record with author, version and conflict flag', () => {
    const record = { id: 'e1', author: 'u1', version: 7, conflict: false, ...valid };
    expect(v.parse(kind.schemas.record, record)).toEqual(record);
    expect(v.safeParse(kind.schemas.record, { ...record, version: undefined }).success).toBe(false);
  });

  it('has a pull list of its own', () => {
    expect(ENTRY_LISTS).toContain(kind.list);
    const changes = pullResponseSchema.entries.changes.entries as Record<string, unknown>;
    const deleted = pullResponseSchema.entries.deleted.entries as Record<string, unknown>;
    expect(changes[kind.list]).toBeDefined();
    expect(deleted[kind.list]).toBeDefined();
  });

  it('has a German label for every field', () => {
    for (const field of kind.fieldNames) expect(kind.allLabels[field]).toMatch(/\S/);
  });
});

describe('calls from old apps', () => {
  it('parses a call.create v1 (no `reached`) and upcasts it to the current version', () => {
    const v1: Record<string, unknown> = { ...VALID.call };
    delete v1.reached;
    delete v1.partnerId;
    const args = v.parse(callCreateV1, { id: 'c1', ...v1 });
    const older = ENTRY_KINDS.call.olderCreates?.[1];
    if (!older) throw new Error('call.create v1 has no upcaster');
    const upcast = older.upcast(args as never);
    expect(v.parse(ENTRY_KINDS.call.schemas.create, upcast)).toEqual({
      id: 'c1',
      ...VALID.call,
      reached: true,
      partnerId: null,
    });
    expect(MUTATIONS['call.create']?.[1]).toBe(callCreateV1);
  });

  it('parses a call.create v2 (no call partner) and upcasts it with partnerId null', () => {
    const v2: Record<string, unknown> = { ...VALID.call, reached: false };
    delete v2.partnerId;
    const args = v.parse(callCreateV2, { id: 'c1', ...v2 });
    const older = ENTRY_KINDS.call.olderCreates?.[2];
    if (!older) throw new Error('call.create v2 has no upcaster');
    expect(v.parse(ENTRY_KINDS.call.schemas.create, older.upcast(args as never))).toEqual({
      id: 'c1',
      ...VALID.call,
      reached: false,
      partnerId: null,
    });
    expect(MUTATIONS['call.create']?.[2]).toBe(callCreateV2);
    expect(MUTATIONS['call.create']?.[3]).toBe(ENTRY_KINDS.call.schemas.create);
  });

  it('reads back calls stored before call partners (no partnerId) as partnerId null', () => {
    const stored: Record<string, unknown> = {
      id: 'c1',
      author: 'u1',
      version: 1,
      conflict: false,
      ...VALID.call,
    };
    delete stored.partnerId;
    expect(v.parse(ENTRY_KINDS.call.schemas.record, stored)).toMatchObject({ partnerId: null });
  });

  it('reads back calls stored before the text checks were strict', () => {
    const record = { id: 'c1', author: 'u1', version: 1, conflict: false, ...VALID.call };
    expect(
      v.safeParse(ENTRY_KINDS.call.schemas.record, { ...record, partner: 'a\u0000' }).success,
    ).toBe(true);
  });
});

describe('partners from before consent was recorded', () => {
  const { consentOn, consentForm, consentScope, ...v1 } = VALID.partner;

  it('parses a partner.create v1 (no consent) and upcasts it as not recorded', () => {
    expect([consentOn, consentForm, consentScope].every((value) => value !== '')).toBe(true);
    const args = v.parse(partnerCreateV1, { id: 'p1', ...v1 });
    const older = ENTRY_KINDS.partner.olderCreates?.[1];
    if (!older) throw new Error('partner.create v1 has no upcaster');
    expect(v.parse(ENTRY_KINDS.partner.schemas.create, older.upcast(args as never))).toEqual({
      id: 'p1',
      ...v1,
      consentOn: '',
      consentForm: '',
      consentScope: '',
    });
    expect(MUTATIONS['partner.create']?.[1]).toBe(partnerCreateV1);
    expect(MUTATIONS['partner.create']?.[2]).toBe(ENTRY_KINDS.partner.schemas.create);
    // v2 without the consent fields is refused: only v1 may leave them out.
    expect(v.safeParse(ENTRY_KINDS.partner.schemas.create, { id: 'p1', ...v1 }).success).toBe(
      false,
    );
  });

  it('reads back partners stored without consent as not recorded', () => {
    const stored = { id: 'p1', author: 'u1', version: 1, conflict: false, ...v1 };
    expect(v.parse(ENTRY_KINDS.partner.schemas.record, stored)).toEqual({
      ...stored,
      consentOn: '',
      consentForm: '',
      consentScope: '',
    });
  });

  it('accepts a future day (forms refuse it) but only 2000–2100 and real days', () => {
    const create = (day: string) =>
      v.safeParse(ENTRY_KINDS.partner.schemas.create, {
        id: 'p1',
        ...VALID.partner,
        consentOn: day,
      }).success;
    expect(['', '2099-12-31', '2000-01-01', '2100-12-31'].map(create)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    for (const day of ['1999-12-31', '2101-01-01', '2026-02-29', '2026-3-3', ' 2026-03-03'])
      expect(create(day), day).toBe(false);
    expect(
      v.safeParse(ENTRY_KINDS.partner.schemas.create, {
        id: 'p1',
        ...VALID.partner,
        consentScope: 'a\u0007b',
      }).success,
    ).toBe(false);
  });

  it('pairs a consent day with its form', () => {
    expect(consentMissing({ consentOn: '', consentForm: '' })).toBeUndefined();
    expect(consentMissing({ consentOn: '2026-03-03', consentForm: 'written' })).toBeUndefined();
    expect(consentMissing({ consentOn: '2026-03-03', consentForm: '' })).toBe('consentForm');
    expect(consentMissing({ consentOn: '', consentForm: 'oral' })).toBe('consentOn');
  });

  it('leaves consent to staff: a caller’s device may not change it', () => {
    expect(ENTRY_KINDS.partner.access?.staffFields).toEqual(
      expect.arrayContaining(['consentOn', 'consentForm', 'consentScope']),
    );
  });
});

describe('advice sessions ask for no name', () => {
  it('has no field that is a person’s name or address', () => {
    const fields = ENTRY_KINDS.advice.fieldNames.join(' ');
    expect(fields).not.toMatch(/name|partner|person|address|phone/i);
  });

  it('refuses the same topic twice', () => {
    const topics = [
      { id: 't1', name: 'Wohnen' },
      { id: 't1', name: 'Wohnen' },
    ];
    const args = { id: 'a1', ...VALID.advice, topics };
    expect(v.safeParse(ENTRY_KINDS.advice.schemas.create, args).success).toBe(false);
  });
});

describe('declaring a kind', () => {
  it.each([...ENTRY_META_KEYS, 'occurredAt', 'concern'])('refuses a field named %s', (field) => {
    expect(() =>
      defineEntryKind({
        kind: 'test',
        list: 'tests',
        fields: { [field]: singleLine(10) },
        createVersion: 1,
        words: { subject: 'Der Test', genitive: 'des Tests', accusative: 'Diesen Test' },
        labels: { [field]: 'Feld' },
      }),
    ).toThrow(/reserved/);
  });
});

describe('the outbox key rule', () => {
  it.each([
    [{ name: 'call.update', args: { id: 'c1', fields: {} } }, 'c1'],
    [{ name: 'advice.delete', args: { id: 'a1' } }, 'a1'],
    [{ name: 'walk.track', args: { walkId: 'w1', chunk: 0 } }, 'w1'],
    [{ name: 'call.archive', args: { id: 'c1' } }, undefined],
    [{ name: 'settings.save', args: { id: 's1' } }, undefined],
    [{ name: 'constructor.create', args: { id: 'x' } }, undefined],
    [{ name: 'call.create', args: { id: 42 } }, undefined],
    [{ name: 'call.create', args: null }, undefined],
  ])('%j is about %s', (row, id) => {
    expect(entryIdOf(row)).toBe(id);
  });
});
