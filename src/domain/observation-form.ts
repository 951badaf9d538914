// The observation form's rules, pure: what the guide says about a spot on the way ("Hier" while
// recording, or changing an observation later) — what it is (Barriere, Sitzbank, …) and a short
// note — and which field is wrong. Where and when it was seen and the walk it belongs to are
// never typed: they come from the recording (`base`). The last word has the shared schema of
// observations, the one the server checks.
import type { ValuesOf } from '../shared/entry-kinds';
import {
  OBSERVATION_CATEGORIES,
  type ObservationCategory,
  type Position,
} from '../shared/kinds/observation-kind';
import { TRACK_MAX_ACCURACY } from '../shared/walk-track';
import { isCleanText } from '../shared/text';
import { checkValues, type FormRead } from './entry-form';

export type ObservationValues = ValuesOf<'observation'>;

export interface ObservationForm {
  /** '' until chosen. */
  category: ObservationCategory | '';
  note: string;
}

export type ObservationFormField = 'category' | 'note';

const FIELD_OF = {
  occurredAt: 'category',
  concern: 'note',
  walkId: 'category',
  category: 'category',
  position: 'category',
  note: 'note',
} as const satisfies Record<keyof ObservationValues, ObservationFormField>;

export const emptyObservationForm = (): ObservationForm => ({ category: '', note: '' });

export const observationFormFrom = (observation: ObservationValues): ObservationForm => ({
  category: observation.category,
  note: observation.note,
});

/**
 * A GPS fix as an observation's position; accuracy capped at what the schema takes (a fix
 * that poor is still a place, marked as inaccurate).
 */
export function positionOf(fix: { lat: number; lon: number; accuracy: number }): Position {
  return {
    lat: fix.lat,
    lon: fix.lon,
    accuracy: Math.min(Math.max(0, fix.accuracy), TRACK_MAX_ACCURACY),
  };
}

/** A position worse than `maxAccuracy` metres (the route's threshold) is shown as "ungenau". */
export const isInaccurate = (position: Position | null, maxAccuracy: number) =>
  position !== null && position.accuracy > maxAccuracy;

/**
 * The observation the form describes on top of `base` (its walk, place and time), or the
 * fields that are wrong: a category must be chosen; the note is short (500 characters).
 */
export function readObservationForm(
  form: ObservationForm,
  base: Pick<ObservationValues, 'walkId' | 'position' | 'occurredAt' | 'concern'>,
): FormRead<ObservationValues, ObservationFormField> {
  const errors: ObservationFormField[] = [];
  const category = (OBSERVATION_CATEGORIES as readonly string[]).includes(form.category)
    ? (form.category as ObservationCategory)
    : undefined;
  if (category === undefined) errors.push('category');
  const note = form.note.normalize('NFC');
  if (note.length > 500 || !isCleanText(note, true)) errors.push('note');
  if (errors.length > 0 || category === undefined) return { ok: false, errors };
  return checkValues('observation', { ...base, category, note }, FIELD_OF);
}
