// The advice form's pure rules: typed text → an advice session in Berlin time, every wrong
// field named (and checked by the same shared schema the server uses), snapshots of catalogue
// items kept on edit (G11), and the round trip through the form.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  adviceFormFrom,
  emptyAdviceForm,
  readAdviceForm,
  type AdviceForm,
  type AdviceValues,
} from '../../src/domain/advice-form';
import { changedFields } from '../../src/domain/entry-form';
import { ENTRY_KINDS } from '../../src/shared/entry-kinds';
import { useDeviceTimeZone } from '../support/device-time-zone';

const topics = [
  { id: 't1', name: 'Wohnen' },
  { id: 't2', name: 'Pflege' },
];
const institutions = [{ id: 'i1', name: 'Seniorenbeirat Stadt Krefeld' }];
const find = {
  topic: (id: string) => topics.find((topic) => topic.id === id),
  institution: (id: string) => institutions.find((institution) => institution.id === id),
};

const form = (patch: Partial<AdviceForm> = {}): AdviceForm => ({
  day: '2026-11-25',
  time: '14:30',
  duration: '30',
  place: 'shop',
  topicIds: ['t1'],
  ageBand: '70to79',
  firstContact: 'unknown',
  referralId: '',
  followUp: '',
  concern: false,
  note: '',
  ...patch,
});

function valuesOf(values: AdviceForm, previous?: AdviceValues): AdviceValues {
  const read = readAdviceForm(values, find, previous);
  if (!read.ok) throw new Error(`invalid: ${read.errors.join(', ')}`);
  return read.values;
}

describe('readAdviceForm', () => {
  useDeviceTimeZone('Asia/Tokyo');

  it('turns the typed form into an advice session in Berlin time', () => {
    const read = readAdviceForm(
      form({
        topicIds: ['t2', 't1'],
        firstContact: 'yes',
        referralId: 'i1',
        followUp: '2026-12-01',
        concern: true,
        note: 'Antrag mitgebracht',
      }),
      find,
    );
    expect(read).toEqual({
      ok: true,
      values: {
        occurredAt: '2026-11-25T13:30:00.000Z',
        concern: true,
        durationMinutes: 30,
        place: 'shop',
        topics: [topics[1], topics[0]],
        ageBand: '70to79',
        firstContact: true,
        referral: institutions[0],
        followUp: '2026-12-01',
        note: 'Antrag mitgebracht',
      },
    });
    // What the form gives is what the server's schema accepts, unchanged.
    if (read.ok)
      expect(v.parse(ENTRY_KINDS.advice.schemas.values, read.values)).toEqual(read.values);
  });

  // prettier-ignore
  it.each<[string, Partial<AdviceForm>, string[]]>([
    ['nothing chosen yet', { duration: '', place: '', topicIds: [], ageBand: '' }, ['duration', 'place', 'topics', 'ageBand']],
    ['no such day', { day: '2026-02-30' }, ['when']],
    ['a time that is not one', { time: '25:00' }, ['when']],
    ['a year the server refuses', { day: '1970-01-01' }, ['when']],
    ['minutes in words', { duration: 'zehn' }, ['duration']],
    ['more than 600 minutes', { duration: '601' }, ['duration']],
    ['negative minutes', { duration: '-5' }, ['duration']],
    ['a place from an old app', { place: 'garden' as AdviceForm['place'] }, ['place']],
    ['an age band from an old app', { ageBand: '100plus' as AdviceForm['ageBand'] }, ['ageBand']],
    ['a topic nobody knows', { topicIds: ['gone'] }, ['topics']],
    ['a follow-up day that is none', { followUp: '2026-13-01' }, ['followUp']],
    ['a follow-up before the session', { followUp: '2026-11-24' }, ['followUp']],
    ['a note too long', { note: 'x'.repeat(2001) }, ['note']],
    ['a control character in the note', { note: 'a\u0000b' }, ['note']],
  ])('names the wrong field: %s', (_label, patch, errors) => {
    expect(readAdviceForm(form(patch), find)).toEqual({ ok: false, errors });
  });

  it('takes a follow-up on the day itself, a note with line breaks, and 0 minutes', () => {
    const values = valuesOf(form({ followUp: '2026-11-25', note: 'eins\nzwei', duration: '0' }));
    expect([values.followUp, values.note, values.durationMinutes]).toEqual([
      '2026-11-25',
      'eins\nzwei',
      0,
    ]);
  });

  it('stores text composed (NFC), as the server does', () => {
    expect(valuesOf(form({ note: 'Mu\u0308ller-Straße' })).note).toBe('Müller-Straße');
  });

  it('lists a topic ticked twice once', () => {
    expect(valuesOf(form({ topicIds: ['t1', 't1'] })).topics).toEqual([topics[0]]);
  });

  it('maps Erstkontakt ja / nein / weiß nicht to true / false / null', () => {
    expect(valuesOf(form({ firstContact: 'yes' })).firstContact).toBe(true);
    expect(valuesOf(form({ firstContact: 'no' })).firstContact).toBe(false);
    expect(valuesOf(form({ firstContact: 'unknown' })).firstContact).toBeNull();
  });

  it('keeps the snapshot of a topic and an institution that left the catalogue (G11)', () => {
    const previous: AdviceValues = {
      ...valuesOf(form()),
      topics: [{ id: 'old', name: 'Früheres Thema' }],
      referral: { id: 'old-i', name: 'Frühere Stelle' },
    };
    const values = valuesOf(form({ topicIds: ['old', 't2'], referralId: 'old-i' }), previous);
    expect(values.topics).toEqual([{ id: 'old', name: 'Früheres Thema' }, topics[1]]);
    expect(values.referral).toEqual({ id: 'old-i', name: 'Frühere Stelle' });
  });

  it('asks for no name anywhere', () => {
    const fields = Object.keys(emptyAdviceForm(0)).join(' ');
    expect(fields).not.toMatch(/name|partner|person/i);
  });
});

describe('editing', () => {
  it('round-trips a session through the form', () => {
    const values = valuesOf(
      form({
        topicIds: ['t1', 't2'],
        referralId: 'i1',
        followUp: '2027-01-04',
        firstContact: 'no',
      }),
    );
    expect(valuesOf(adviceFormFrom(values))).toEqual(values);
  });

  it('sends only the fields that changed', () => {
    const before = valuesOf(form());
    const after = valuesOf(form({ topicIds: ['t1', 't2'], duration: '45' }));
    expect(changedFields(before, after)).toEqual({ durationMinutes: 45, topics });
    expect(changedFields(before, before)).toEqual({});
  });

  it('starts a new form at the current Berlin time, Erstkontakt "weiß nicht"', () => {
    expect(emptyAdviceForm(Date.UTC(2026, 2, 29, 1, 30))).toMatchObject({
      day: '2026-03-29',
      time: '03:30',
      firstContact: 'unknown',
      topicIds: [],
      place: '',
    });
  });
});
