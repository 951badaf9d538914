// The details of a walk, added after "Beenden" or changed later: title, the catalogue
// activity, how many took part (and of them with a walking aid or in a wheelchair), a note,
// "Sorge / Hilfebedarf". Through the shared draft and save hooks like every entry form: typed
// input survives a reload, only the changed fields travel (G6). Start, end, distance and
// walking time are the recording's and are not typed.
import type { EntryOf } from '../../../db/use-entries';
import { readWalkForm, walkFormFrom, type WalkFormField } from '../../../domain/walk-form';
import { ConcernField, NoteField } from '../entry-fields';
import { EntryFormFrame } from '../entry-form-frame';
import { Field } from '../form-field';
import { ActivityField } from '../activity-field';
import { useActivityOptions } from '../use-activity-options';
import { useDraftForm } from '../use-draft-form';
import { useEntriesT, type EntriesKey } from '../use-entries-t';
import { formIdOf, useEntrySave } from '../use-entry-save';

const FIELD_IDS: Record<WalkFormField, string> = {
  participants: 'walk-participants',
  withWalkingAids: 'walk-walking-aids',
  withWheelchairs: 'walk-wheelchairs',
  title: 'walk-title',
  activity: 'walk-activity',
  note: 'walk-note',
};

const ERRORS: Record<WalkFormField, EntriesKey> = {
  title: 'walk.error.title',
  activity: 'entry.error.other',
  participants: 'walk.error.participants',
  withWalkingAids: 'walk.error.subCount',
  withWheelchairs: 'walk.error.subCount',
  note: 'entry.error.note',
};

export function WalkDetailsForm(props: { existing: EntryOf<'walk'>; author: string }) {
  const t = useEntriesT();
  const { existing } = props;
  const activities = useActivityOptions();
  const fresh = () => walkFormFrom(existing);
  const draft = useDraftForm(formIdOf('walk', props.author, existing.id), fresh);
  const save = useEntrySave({
    ...props,
    kind: 'walk',
    draft,
    fresh,
    fieldIds: FIELD_IDS,
    read: (form) =>
      readWalkForm(form, (id) => activities.find((activity) => activity.id === id), existing),
  });
  const form = draft.form;
  if (!form) return null;
  const { change } = save;
  const error = (field: WalkFormField) =>
    save.errors.includes(field) ? t(ERRORS[field]) : undefined;
  const count = (field: 'participants' | 'withWalkingAids' | 'withWheelchairs', hint: string) => (
    <Field id={FIELD_IDS[field]} label={t(`walk.${field}`)} hint={hint} error={error(field)}>
      {(describedBy, invalid) => (
        <input
          id={FIELD_IDS[field]}
          class="input input-short"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          value={form[field]}
          onInput={(event) => change({ [field]: event.currentTarget.value })}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />
      )}
    </Field>
  );

  return (
    <EntryFormFrame {...props} draft={draft} save={save} savedText="walk.saved">
      {count('participants', t('walk.participantsHint'))}
      {count('withWalkingAids', t('walk.countHint'))}
      {count('withWheelchairs', t('walk.countHint'))}
      <Field
        id={FIELD_IDS.title}
        label={t('walk.name')}
        hint={t('walk.nameHint')}
        error={error('title')}
      >
        {(describedBy, invalid) => (
          <input
            id={FIELD_IDS.title}
            class="input"
            value={form.title}
            maxLength={120}
            onInput={(event) => change({ title: event.currentTarget.value })}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <ActivityField
        id={FIELD_IDS.activity}
        label={t('walk.activity')}
        noneLabel={t('walk.activityNone')}
        value={form.activityId}
        current={existing.activity}
        error={error('activity')}
        onChange={(activityId) => change({ activityId })}
      />
      <ConcernField
        prefix="walk"
        value={form.concern}
        onChange={(concern) => change({ concern })}
      />
      <NoteField
        prefix="walk"
        value={form.note}
        error={error('note')}
        onChange={(note) => change({ note })}
      />
    </EntryFormFrame>
  );
}
