// Calls of the Begegnungstelefon: their line in "Meine Einträge" and their form (new or
// change). A caller with registered call partners chooses one (their name and usual length
// are filled in); anyone else's name is typed. "Anders …" on a partner's card opens the form
// for that partner, with its own draft. Saving, the draft and deleting are the same for every
// kind (entry-form-frame.tsx).
import { useMemo } from 'preact/hooks';
import type { EntryOf } from '../../../db/use-entries';
import { useAssignedPartners } from '../../../db/use-assigned-partners';
import {
  callFormFrom,
  choosePartner,
  emptyCallForm,
  partnerCallForm,
  readCallForm,
  type CallFormField,
  type PartnerChoice,
} from '../../../domain/call-form';
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
import { ActivityField } from '../activity-field';
import { useActivityOptions } from '../use-activity-options';
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

/**
 * The partners the form offers: the caller's (not ended), plus the one an existing call names
 * if it is no longer assigned (its name as the call kept it). undefined while loading.
 */
function usePartnerChoices(
  author: string,
  existing: EntryOf<'call'> | undefined,
): PartnerChoice[] | undefined {
  const partners = useAssignedPartners(author);
  return useMemo(() => {
    if (!partners) return undefined;
    const choices = partners.map((partner) => ({
      id: partner.id,
      name: partner.name,
      usualMinutes: partner.usualMinutes,
    }));
    const kept = existing?.partnerId;
    if (kept && !choices.some((choice) => choice.id === kept)) {
      choices.push({ id: kept, name: existing.partner, usualMinutes: existing.durationMinutes });
    }
    return choices;
  }, [partners, existing]);
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
  const { existing, partnerId: preset } = props;
  const activities = useActivityOptions();
  const partners = usePartnerChoices(props.author, existing);
  const presetPartner = preset ? partners?.find((partner) => partner.id === preset) : undefined;
  const fresh = () =>
    presetPartner ? partnerCallForm(Date.now(), presetPartner) : emptyCallForm(Date.now());
  // A call with a chosen partner has a draft of its own: a half-typed exception for one partner
  // never turns up as the call with another.
  const formId =
    preset && !existing
      ? formIdOf('call', props.author, undefined, preset)
      : formIdOf('call', props.author, existing?.id);
  const draft = useDraftForm(
    formId,
    // Wait for the partners when the form starts from one.
    preset && !existing && partners === undefined
      ? null
      : () => (existing ? callFormFrom(existing) : fresh()),
  );
  const save = useEntrySave({
    ...props,
    kind: 'call',
    draft,
    fresh,
    fieldIds: FIELD_IDS,
    read: (form) =>
      readCallForm(
        form,
        (id) => activities.find((activity) => activity.id === id),
        existing,
        (id) => partners?.find((partner) => partner.id === id),
      ),
  });
  const form = draft.form;
  if (!form) return null;
  const { change } = save;
  const error = (field: CallFormField) =>
    save.errors.includes(field) ? t(ERRORS[field]) : undefined;

  return (
    <EntryFormFrame {...props} draft={draft} save={save} savedText="call.saved">
      {partners && partners.length > 0 && (
        <ChoiceGroup
          id="call-pick"
          legend={t('call.pick')}
          error={form.partnerId && error('partner') ? t('call.error.pick') : undefined}
        >
          {partners.map((partner) => (
            <Choice
              key={partner.id}
              type="radio"
              name="call-pick"
              checked={form.partnerId === partner.id}
              label={partner.name}
              onChange={() => change(choosePartner(partner, form.duration))}
            />
          ))}
          <Choice
            type="radio"
            name="call-pick"
            checked={form.partnerId === ''}
            label={t('call.pickOther')}
            onChange={() => change(choosePartner(null))}
          />
        </ChoiceGroup>
      )}
      {form.partnerId === '' && (
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
      )}
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
      <ActivityField
        id="call-activity"
        label={t('call.activity')}
        noneLabel={t('call.activityNone')}
        value={form.activityId}
        current={existing?.activity}
        error={error('activity')}
        onChange={(activityId) => change({ activityId })}
      />
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
