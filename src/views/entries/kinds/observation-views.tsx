// Observations on a walk (Barriere, Sitzbank, …): their line, and their form to change what it
// was and the note later (the place and time stay as recorded). They are made with "Hier" on
// the recorder screen and listed on their walk's page, not on their own in "Meine Einträge".
import type { EntryOf } from '../../../db/use-entries';
import {
  isInaccurate,
  observationFormFrom,
  readObservationForm,
  type ObservationFormField,
} from '../../../domain/observation-form';
import { TRACK_FILTER_DEFAULTS } from '../../../domain/track-filter';
import { OBSERVATION_CATEGORIES } from '../../../shared/kinds/observation-kind';
import { href } from '../../use-route';
import { Choice, ChoiceGroup, NoteField } from '../entry-fields';
import { EntryFormFrame } from '../entry-form-frame';
import { useDraftForm } from '../use-draft-form';
import { useEntriesT } from '../use-entries-t';
import { formIdOf, useEntrySave, type KindFormProps } from '../use-entry-save';
import { joinParts, type KindView } from './kind-view';

const FIELD_IDS: Record<ObservationFormField, string> = {
  category: 'observation-category',
  note: 'observation-note',
};

function ObservationLine(props: { entry: EntryOf<'observation'> }) {
  const t = useEntriesT();
  const observation = props.entry;
  return (
    <>
      {joinParts([
        t(`observation.category.${observation.category}`),
        observation.note,
        observation.position === null
          ? t('walk.noPlace')
          : isInaccurate(observation.position, TRACK_FILTER_DEFAULTS.maxAccuracy) &&
            t('walk.inaccurate'),
      ])}
    </>
  );
}

/** Observations are made with "Hier" while recording; this form only changes one. */
function ObservationForm(props: KindFormProps<'observation'>) {
  return props.existing ? (
    <ObservationEdit existing={props.existing} author={props.author} />
  ) : null;
}

function ObservationEdit(props: { existing: EntryOf<'observation'>; author: string }) {
  const t = useEntriesT();
  const { existing } = props;
  const fresh = () => observationFormFrom(existing);
  const draft = useDraftForm(formIdOf('observation', props.author, existing.id), fresh);
  const save = useEntrySave({
    ...props,
    kind: 'observation',
    draft,
    fresh,
    fieldIds: FIELD_IDS,
    read: (form) => readObservationForm(form, existing),
  });
  const form = draft.form;
  const back = (
    <p>
      <a class="button" href={href.entry(existing.walkId)}>
        {t('observation.toWalk')}
      </a>
    </p>
  );
  if (!form) return back;
  const { change } = save;
  return (
    <>
      {back}
      <EntryFormFrame {...props} draft={draft} save={save} savedText="observation.saved">
        <ChoiceGroup
          id={FIELD_IDS.category}
          legend={t('observation.category')}
          error={save.errors.includes('category') ? t('walk.observeMissing') : undefined}
        >
          {OBSERVATION_CATEGORIES.map((category) => (
            <Choice
              key={category}
              type="radio"
              name="observation-category"
              checked={form.category === category}
              label={t(`observation.category.${category}`)}
              onChange={() => change({ category })}
            />
          ))}
        </ChoiceGroup>
        <NoteField
          prefix="observation"
          value={form.note}
          error={save.errors.includes('note') ? t('observation.error.note') : undefined}
          onChange={(note) => change({ note })}
        />
      </EntryFormFrame>
    </>
  );
}

export const OBSERVATION_VIEW: KindView<'observation'> = {
  Line: ObservationLine,
  Form: ObservationForm,
  newHref: href.walk,
  words: {
    one: 'kind.observation',
    many: 'kind.observation.many',
    newTitle: 'observation.title',
    editTitle: 'observation.editTitle',
    newEntry: 'walk.new',
  },
};
