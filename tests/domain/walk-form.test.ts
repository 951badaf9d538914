// The pure rules of the walk details form and the observation form: counts as typed become
// numbers, the sub-counts never exceed the participants, what the recording measured is never
// typed over, and an observation needs its category.
import { describe, expect, it } from 'vitest';
import { changedFields } from '../../src/domain/entry-form';
import {
  isInaccurate,
  observationFormFrom,
  positionOf,
  readObservationForm,
} from '../../src/domain/observation-form';
import { readWalkForm, walkFormFrom, type WalkForm } from '../../src/domain/walk-form';
import { observationValues, walkValues } from '../support/entry-builders';

const activity = { id: 'a-walk', name: 'Stadtspaziergang', themeName: 'Bewegung' };
const find = (id: string) => (id === activity.id ? activity : undefined);
const recorded = walkValues({ participants: 0, withWalkingAids: 0, title: '' });

const form = (patch: Partial<WalkForm> = {}): WalkForm => ({
  ...walkFormFrom(recorded),
  participants: '8',
  ...patch,
});

describe('readWalkForm', () => {
  it('keeps what the recording measured and reads the typed details', () => {
    const read = readWalkForm(
      form({ title: ' Rund um den Markt ', activityId: 'a-walk', withWalkingAids: '2' }),
      find,
      recorded,
    );
    expect(read).toEqual({
      ok: true,
      values: {
        ...recorded,
        title: 'Rund um den Markt',
        activity,
        participants: 8,
        withWalkingAids: 2,
        withWheelchairs: 0,
      },
    });
  });

  it('asks for the participants of a walk nobody counted yet, and takes 0', () => {
    expect(walkFormFrom(recorded).participants).toBe('');
    expect(readWalkForm(form({ participants: '' }), find, recorded)).toEqual({
      ok: false,
      errors: ['participants'],
    });
    const alone = readWalkForm(form({ participants: '0' }), find, recorded);
    expect(alone.ok && alone.values.participants).toBe(0);
  });

  it('refuses sub-counts above the participants, each next to its own field', () => {
    expect(
      readWalkForm(form({ withWalkingAids: '9', withWheelchairs: '9' }), find, recorded),
    ).toEqual({ ok: false, errors: ['withWalkingAids', 'withWheelchairs'] });
    expect(readWalkForm(form({ withWheelchairs: '8' }), find, recorded).ok).toBe(true);
    // Empty is nobody.
    const empty = readWalkForm(form({ withWalkingAids: ' ' }), find, recorded);
    expect(empty.ok && empty.values.withWalkingAids).toBe(0);
  });

  it('names every wrong field: words as counts, too many people, a bad title or note', () => {
    const read = readWalkForm(
      form({
        title: 'a\u0000b',
        participants: 'acht',
        withWalkingAids: '-1',
        note: 'x'.repeat(2001),
      }),
      find,
      recorded,
    );
    expect(read).toEqual({
      ok: false,
      errors: ['title', 'participants', 'withWalkingAids', 'note'],
    });
    expect(readWalkForm(form({ participants: '501' }), find, recorded)).toEqual({
      ok: false,
      errors: ['participants'],
    });
  });

  it('keeps the snapshot of an activity that left the catalogue (G11)', () => {
    const gone = { id: 'old', name: 'Früherer Spaziergang', themeName: 'Bewegung' };
    const walk = { ...recorded, activity: gone };
    const read = readWalkForm({ ...walkFormFrom(walk), participants: '3' }, find, walk);
    expect(read.ok && read.values.activity).toEqual(gone);
  });

  it('an edit sends only the fields that changed', () => {
    const walk = walkValues();
    const read = readWalkForm({ ...walkFormFrom(walk), note: 'Regen' }, find, walk);
    expect(read.ok && changedFields(walk, read.values)).toEqual({ note: 'Regen' });
  });
});

describe('observations', () => {
  const base = observationValues('w1', { note: 'alt' });

  it('need a category; the note is short, and place and time stay as recorded', () => {
    expect(readObservationForm({ category: '', note: '' }, base)).toEqual({
      ok: false,
      errors: ['category'],
    });
    expect(readObservationForm({ category: 'bench', note: 'x'.repeat(501) }, base)).toEqual({
      ok: false,
      errors: ['note'],
    });
    const read = readObservationForm({ ...observationFormFrom(base), category: 'toilet' }, base);
    expect(read).toEqual({ ok: true, values: { ...base, category: 'toilet' } });
  });

  it('a poor fix is still a place, marked as inaccurate; accuracy capped at what the schema takes', () => {
    const poor = positionOf({ lat: 51.3, lon: 6.5, accuracy: 250_000 });
    expect(poor.accuracy).toBe(100_000);
    expect(isInaccurate(poor, 30)).toBe(true);
    expect(isInaccurate(positionOf({ lat: 51.3, lon: 6.5, accuracy: 30 }), 30)).toBe(false);
    expect(isInaccurate(null, 30)).toBe(false);
  });
});
