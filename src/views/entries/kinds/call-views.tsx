// Calls of the Begegnungstelefon: their line in "Meine Einträge" and their form (new or
// change). Saving, the draft and deleting are the same for every kind (entry-form.tsx).
import { useMemo } from 'preact/hooks';
import { useCatalogue } from '../../../db/use-catalogue';
import type { EntryOf } from '../../../db/use-entries';
import {
  callFormFrom,
  emptyCallForm,
  readCallForm,
  type CallFormField,
} from '../../../domain/call-form';
import { EntryFormFrame } from '../entry-form-frame';
import { formIdOf, useEntrySave, type KindFormProps } from '../use-entry-save';
import { ConcernField, DurationField, NoteField, WhenFields } from '../entry-fields';
import { Field } from '../form-field';
import { href } from '../../use-route';
import { useDraftForm } from '../use-draft-form';
import { useEntriesT, type EntriesKey } from '../use-entries-t';
import { joinParts, minutesText, type KindView } from './kind-view';

const FIELD_IDS: Record<CallFormField, string> = {
  partner: 'call-partner',
  when: 'call-when',
  duration: 'call-duration',
  note: 'call-note',
  activity: 'call-activity',
};

const ERRORS: Record<CallFormField, EntriesKey> = {
  partner: 'call.error.partner',
  when: 'entry.error.when',
  duration: 'entry.error.duration',
  note: 'entry.error.note',
  activity: 'entry.error.other',
};

function useActivityOptions() {
  const catalogue = useCatalogue();
  return useMemo(() => {
    if (!catalogue) return [];
    const themeName = new Map(catalogue.themes.map((theme) => [theme.id, theme.name]));
    return catalogue.activities
      .map((activity) => ({
        id: activity.id,
        name: activity.name,
        themeName: themeName.get(activity.themeId) ?? '',
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  }, [catalogue]);
}

function CallLine(props: { entry: EntryOf<'call'> }) {
  const t = useEntriesT();
  const call = props.entry;
  return (
    <>
      {joinParts([
        call.partner,
        call.reached ? minutesText(t, call.durationMinutes) : t('call.notReached'),
        call.concern && t('entries.concern'),
      ])}
    </>
  );
}

function CallForm(props: KindFormProps<'call'>) {
  const t = useEntriesT();
  const { existing } = props;
  const activities = useActivityOptions();
  const fresh = () => emptyCallForm(Date.now());
  const draft = useDraftForm(formIdOf('call', existing?.id), () =>
    existing ? callFormFrom(existing) : fresh(),
  );
  const save = useEntrySave({
    ...props,
    kind: 'call',
    draft,
    fresh,
    fieldIds: FIELD_IDS,
    read: (form) =>
      readCallForm(form, (id) => activities.find((activity) => activity.id === id), existing),
  });
  const form = draft.form;
  if (!form) return null;
  const { change } = save;
  const error = (field: CallFormField) =>
    save.errors.includes(field) ? t(ERRORS[field]) : undefined;
  // An activity that left the catalogue stays selectable on the call that names it (G11).
  const gone =
    existing?.activity && !activities.some((activity) => activity.id === existing.activity?.id)
      ? existing.activity
      : null;

  return (
    <EntryFormFrame {...props} draft={draft} save={save} savedText="call.saved">
      <Field
        id="call-partner"
        label={t('call.partner')}
        hint={t('call.partnerHint')}
        error={error('partner')}
      >
        {(describedBy, invalid) => (
          <input
            id="call-partner"
            class="input"
            value={form.partner}
            maxLength={80}
            autoComplete="off"
            onInput={(event) => change({ partner: event.currentTarget.value })}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <WhenFields prefix="call" value={form} error={error('when')} onChange={change} />
      <fieldset class="choices">
        <legend>{t('call.reached')}</legend>
        {[true, false].map((reached) => (
          <label key={String(reached)} class="choice">
            <input
              type="radio"
              name="call-reached"
              checked={form.reached === reached}
              onChange={() => change({ reached })}
            />
            <span>{reached ? t('call.reachedYes') : t('call.reachedNo')}</span>
          </label>
        ))}
      </fieldset>
      <DurationField
        prefix="call"
        value={form.duration}
        error={error('duration')}
        onChange={(duration) => change({ duration })}
      />
      <ConcernField
        prefix="call"
        value={form.concern}
        onChange={(concern) => change({ concern })}
      />
      <Field id="call-activity" label={t('call.activity')} error={error('activity')}>
        {(describedBy, invalid) => (
          <select
            id="call-activity"
            class="input"
            value={form.activityId}
            onChange={(event) => change({ activityId: event.currentTarget.value })}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          >
            <option value="">{t('call.activityNone')}</option>
            {gone && <option value={gone.id}>{gone.name}</option>}
            {activities.map((activity) => (
              <option key={activity.id} value={activity.id}>
                {activity.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <NoteField
        prefix="call"
        value={form.note}
        error={error('note')}
        onChange={(note) => change({ note })}
      />
    </EntryFormFrame>
  );
}

export const CALL_VIEW: KindView<'call'> = {
  Line: CallLine,
  Form: CallForm,
  newHref: href.call,
  words: {
    one: 'kind.call',
    many: 'kind.call.many',
    newTitle: 'call.title',
    editTitle: 'call.editTitle',
    newEntry: 'call.new',
  },
};
