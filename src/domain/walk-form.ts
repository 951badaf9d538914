// The walk details form's rules, pure: what the guide adds once a recording has stopped —
// title, the catalogue activity, how many took part (and of them how many with a walking aid or
// in a wheelchair), a note, "Sorge / Hilfebedarf". The start, end, distance and walking time
// come from the recording and are never typed: they are taken from the walk as it is
// (`recorded`). The last word has the shared schema of walks, the one the server checks.
import type { ValuesOf } from '../shared/entry-kinds';
import { WALK_MAX_PARTICIPANTS } from '../shared/kinds/walk-kind';
import { isCleanText } from '../shared/text';
import { checkValues, type FormRead } from './entry-form';

export type WalkValues = ValuesOf<'walk'>;

/** What the form's inputs hold: text as typed, so nothing is lost while it is being fixed. */
export interface WalkForm {
  title: string;
  /** '' for none. */
  activityId: string;
  participants: string;
  withWalkingAids: string;
  withWheelchairs: string;
  concern: boolean;
  note: string;
}

export type WalkFormField =
  'title' | 'activity' | 'participants' | 'withWalkingAids' | 'withWheelchairs' | 'note';

export interface ActivityChoice {
  id: string;
  name: string;
  themeName: string;
}

/** Which form field shows a refusal of the shared schema. */
const FIELD_OF = {
  occurredAt: 'title',
  concern: 'note',
  title: 'title',
  activity: 'activity',
  participants: 'participants',
  withWalkingAids: 'withWalkingAids',
  withWheelchairs: 'withWheelchairs',
  note: 'note',
  endedAt: 'title',
  distanceMetres: 'title',
  walkingSeconds: 'title',
} as const satisfies Record<keyof WalkValues, WalkFormField>;

/**
 * The form for a walk as it is stored. A walk with nobody counted yet (a recording just
 * stopped) shows the number of participants empty, so it is asked for, not saved as 0 by
 * accident.
 */
export function walkFormFrom(walk: WalkValues): WalkForm {
  return {
    title: walk.title,
    activityId: walk.activity?.id ?? '',
    participants: walk.participants === 0 ? '' : String(walk.participants),
    withWalkingAids: String(walk.withWalkingAids),
    withWheelchairs: String(walk.withWheelchairs),
    concern: walk.concern,
    note: walk.note,
  };
}

/** A whole number of people 0–500, or undefined; empty is `empty`. */
function readCount(text: string, empty: number | undefined): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return empty;
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  const count = Number(trimmed);
  return count <= WALK_MAX_PARTICIPANTS ? count : undefined;
}

/**
 * The walk the form describes, or the fields that are wrong: the number of participants is
 * needed (0 when the guide walked alone); those with a walking aid and those in a wheelchair
 * are each at most the participants (empty: none). An activity that left the catalogue keeps
 * the snapshot the walk had (G11).
 */
export function readWalkForm(
  form: WalkForm,
  findActivity: (id: string) => ActivityChoice | undefined,
  recorded: WalkValues,
): FormRead<WalkValues, WalkFormField> {
  const errors: WalkFormField[] = [];
  const title = form.title.trim().normalize('NFC');
  if (title.length > 120 || !isCleanText(title)) errors.push('title');
  const participants = readCount(form.participants, undefined);
  if (participants === undefined) errors.push('participants');
  const withWalkingAids = readCount(form.withWalkingAids, 0);
  if (withWalkingAids === undefined || withWalkingAids > (participants ?? Infinity)) {
    errors.push('withWalkingAids');
  }
  const withWheelchairs = readCount(form.withWheelchairs, 0);
  if (withWheelchairs === undefined || withWheelchairs > (participants ?? Infinity)) {
    errors.push('withWheelchairs');
  }
  const note = form.note.normalize('NFC');
  if (note.length > 2000 || !isCleanText(note, true)) errors.push('note');
  if (
    errors.length > 0 ||
    participants === undefined ||
    withWalkingAids === undefined ||
    withWheelchairs === undefined
  ) {
    return { ok: false, errors };
  }
  const kept = recorded.activity?.id === form.activityId ? recorded.activity : null;
  const found = form.activityId ? findActivity(form.activityId) : undefined;
  return checkValues(
    'walk',
    {
      occurredAt: recorded.occurredAt,
      endedAt: recorded.endedAt,
      distanceMetres: recorded.distanceMetres,
      walkingSeconds: recorded.walkingSeconds,
      title,
      activity: found ? { id: found.id, name: found.name, themeName: found.themeName } : kept,
      participants,
      withWalkingAids,
      withWheelchairs,
      concern: form.concern,
      note,
    },
    FIELD_OF,
  );
}
