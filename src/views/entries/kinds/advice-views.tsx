// Advice sessions (Beratung): their line in "Meine Einträge" and their form (new or change).
// Anonymous: no field asks for a name, and the note says not to write any. Topics and the
// institution referred to come from the catalogue; one that left it stays on the session
// that names it (G11). Saving, the draft and deleting are the same for every kind.
import { useMemo } from 'preact/hooks';
import { useCatalogue } from '../../../db/use-catalogue';
import type { EntryOf } from '../../../db/use-entries';
import {
  adviceFormFrom,
  emptyAdviceForm,
  readAdviceForm,
  type AdviceFormField,
  type FirstContactChoice,
  type NamedRef,
} from '../../../domain/advice-form';
import { formatDayShort } from '../../../domain/dates';
import { ADVICE_PLACES, AGE_BANDS } from '../../../shared/kinds/advice-kind';
import { useSettings } from '../../settings-context';
import { EntryFormFrame } from '../entry-form-frame';
import { formIdOf, useEntrySave, type KindFormProps } from '../use-entry-save';
import {
  Choice,
  ChoiceGroup,
  ConcernField,
  DurationField,
  NoteField,
  WhenFields,
} from '../entry-fields';
import { Field } from '../form-field';
import { href } from '../../use-route';
import { useDraftForm } from '../use-draft-form';
import { useEntriesT, type EntriesKey } from '../use-entries-t';
import { joinParts, minutesText, type KindView } from './kind-view';

const FIELD_IDS: Record<AdviceFormField, string> = {
  when: 'advice-when',
  duration: 'advice-duration',
  place: 'advice-place',
  topics: 'advice-topics',
  ageBand: 'advice-age',
  firstContact: 'advice-first',
  referral: 'advice-referral',
  followUp: 'advice-follow-up',
  concern: 'advice-concern',
  note: 'advice-note',
};

const ERRORS: Record<AdviceFormField, EntriesKey> = {
  when: 'entry.error.when',
  duration: 'entry.error.duration',
  place: 'advice.error.place',
  topics: 'advice.error.topics',
  ageBand: 'advice.error.ageBand',
  firstContact: 'entry.error.other',
  referral: 'entry.error.other',
  followUp: 'advice.error.followUp',
  concern: 'entry.error.other',
  note: 'entry.error.note',
};

const FIRST_CONTACT: FirstContactChoice[] = ['yes', 'no', 'unknown'];

/** Topics and institutions to choose from: the catalogue's, plus those the entry keeps. */
function useChoices(existing: EntryOf<'advice'> | undefined) {
  const catalogue = useCatalogue();
  return useMemo(() => {
    const topics: NamedRef[] = (catalogue?.topics ?? []).map(({ id, name }) => ({ id, name }));
    const institutions: NamedRef[] = (catalogue?.institutions ?? [])
      .map(({ id, name }) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
    const missing = (list: NamedRef[], ref: NamedRef) => !list.some((item) => item.id === ref.id);
    return {
      loaded: catalogue !== undefined,
      topics: [...topics, ...(existing?.topics ?? []).filter((ref) => missing(topics, ref))],
      institutions: [
        ...institutions,
        ...(existing?.referral && missing(institutions, existing.referral)
          ? [existing.referral]
          : []),
      ],
    };
  }, [catalogue, existing]);
}

function AdviceLine(props: { entry: EntryOf<'advice'> }) {
  const t = useEntriesT();
  const { lang } = useSettings().settings;
  const advice = props.entry;
  const shown = advice.topics.slice(0, 3).map((topic) => topic.name);
  const more = advice.topics.length - shown.length;
  return (
    <>
      {joinParts([
        shown.join(', ') + (more > 0 ? ` ${t('advice.moreTopics', { count: more })}` : ''),
        minutesText(t, advice.durationMinutes),
        t(`advice.place.${advice.place}`),
        advice.concern && t('entries.concern'),
        advice.followUp && t('advice.followUpOn', { day: formatDayShort(advice.followUp, lang) }),
      ])}
    </>
  );
}

function AdviceForm(props: KindFormProps<'advice'>) {
  const t = useEntriesT();
  const { existing } = props;
  const choices = useChoices(existing);
  const find = (list: NamedRef[]) => (id: string) => list.find((item) => item.id === id);
  const fresh = () => emptyAdviceForm(Date.now());
  const draft = useDraftForm(formIdOf('advice', props.author, existing?.id), () =>
    existing ? adviceFormFrom(existing) : fresh(),
  );
  const save = useEntrySave({
    ...props,
    kind: 'advice',
    draft,
    fresh,
    fieldIds: FIELD_IDS,
    read: (form) =>
      readAdviceForm(
        form,
        { topic: find(choices.topics), institution: find(choices.institutions) },
        existing,
      ),
  });
  const form = draft.form;
  if (!form) return null;
  const { change } = save;
  const error = (field: AdviceFormField) =>
    save.errors.includes(field) ? t(ERRORS[field]) : undefined;

  return (
    <EntryFormFrame {...props} draft={draft} save={save} savedText="advice.saved">
      <WhenFields prefix="advice" value={form} error={error('when')} onChange={change} />
      <DurationField
        prefix="advice"
        value={form.duration}
        error={error('duration')}
        onChange={(duration) => change({ duration })}
      />
      <ChoiceGroup id={FIELD_IDS.place} legend={t('advice.place')} error={error('place')}>
        {ADVICE_PLACES.map((place) => (
          <Choice
            key={place}
            type="radio"
            name="advice-place"
            checked={form.place === place}
            label={t(`advice.place.${place}`)}
            onChange={() => change({ place })}
          />
        ))}
      </ChoiceGroup>
      <ChoiceGroup
        id={FIELD_IDS.topics}
        legend={t('advice.topics')}
        hint={choices.loaded && choices.topics.length === 0 ? t('advice.topicsNone') : undefined}
        error={error('topics')}
      >
        {choices.topics.map((topic) => (
          <Choice
            key={topic.id}
            type="checkbox"
            name="advice-topics"
            checked={form.topicIds.includes(topic.id)}
            label={topic.name}
            onChange={(checked) =>
              change({
                topicIds: checked
                  ? [...form.topicIds, topic.id]
                  : form.topicIds.filter((id) => id !== topic.id),
              })
            }
          />
        ))}
      </ChoiceGroup>
      <ChoiceGroup id={FIELD_IDS.ageBand} legend={t('advice.ageBand')} error={error('ageBand')}>
        {AGE_BANDS.map((ageBand) => (
          <Choice
            key={ageBand}
            type="radio"
            name="advice-age"
            checked={form.ageBand === ageBand}
            label={t(`advice.age.${ageBand}`)}
            onChange={() => change({ ageBand })}
          />
        ))}
      </ChoiceGroup>
      <ChoiceGroup
        id={FIELD_IDS.firstContact}
        legend={t('advice.firstContact')}
        error={error('firstContact')}
      >
        {FIRST_CONTACT.map((firstContact) => (
          <Choice
            key={firstContact}
            type="radio"
            name="advice-first"
            checked={form.firstContact === firstContact}
            label={t(`advice.firstContact.${firstContact}`)}
            onChange={() => change({ firstContact })}
          />
        ))}
      </ChoiceGroup>
      <Field id={FIELD_IDS.referral} label={t('advice.referral')} error={error('referral')}>
        {(describedBy, invalid) => (
          <select
            id={FIELD_IDS.referral}
            class="input"
            value={form.referralId}
            onChange={(event) => change({ referralId: event.currentTarget.value })}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          >
            <option value="">{t('advice.referralNone')}</option>
            {choices.institutions.map((institution) => (
              <option key={institution.id} value={institution.id}>
                {institution.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={FIELD_IDS.followUp}
        label={t('advice.followUp')}
        hint={t('advice.followUpHint')}
        error={error('followUp')}
      >
        {(describedBy, invalid) => (
          <input
            id={FIELD_IDS.followUp}
            class="input input-date"
            type="date"
            value={form.followUp}
            onInput={(event) => change({ followUp: event.currentTarget.value })}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <ConcernField
        prefix="advice"
        value={form.concern}
        onChange={(concern) => change({ concern })}
      />
      <NoteField
        prefix="advice"
        value={form.note}
        hint={t('advice.noteHint')}
        error={error('note')}
        onChange={(note) => change({ note })}
      />
    </EntryFormFrame>
  );
}

export const ADVICE_VIEW: KindView<'advice'> = {
  Line: AdviceLine,
  Form: AdviceForm,
  newHref: href.advice,
  words: {
    one: 'kind.advice',
    many: 'kind.advice.many',
    newTitle: 'advice.title',
    editTitle: 'advice.editTitle',
    newEntry: 'advice.new',
  },
};
