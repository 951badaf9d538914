// A call partner as staff register or edit them: first name or nickname, phone, good times,
// note, the usual length and rhythm of calls, and who calls them (checkboxes of the quarter's
// people; someone locked stays listed while still assigned), and the partner's consent
// ("Einwilligung": the day, how it was given, to what; a day needs its form and a form its day,
// and the day is not in the future). Checked at the field with the same rules as the server
// (PARTNER's field schemas, `consentMissing`); saved with the version it was loaded at, a
// change made meanwhile shown side by side (upkeep-conflict.tsx).
import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { berlinWallClock } from '../../domain/dates';
import { formatDayMedium } from '../../domain/date-words';
import { normalizeDay } from '../../domain/typed-values';
import {
  CONSENT_FORMS,
  CONSENT_SCOPE_MAX,
  consentDay,
  consentMissing,
  phoneNumber,
  type ConsentForm,
} from '../../shared/kinds/partner-kind';
import type { StaffPartner, StaffPartners } from '../../shared/staff/staff-upkeep';
import { hasVisibleCharacter } from '../../shared/text';
import { createPartner, updatePartner } from '../../sync/staff-upkeep-requests';
import { useStaffDeps } from './staff-context';
import { UpkeepFormEnd } from './upkeep-conflict';
import { CheckGroup, RadioGroup, TextField, type TextFieldProps } from './upkeep-fields';
import { useVersionedForm } from './upkeep-versioned';
import { useSettings } from '../settings-context';
import { useStaffT, type StaffKey } from './use-staff-t';

interface PartnerValues {
  name: string;
  phone: string;
  preferredTimes: string;
  note: string;
  usualMinutes: string;
  callEveryDays: string;
  callers: string[];
  /** `yyyy-MM-dd` (or as typed); '' while not recorded. */
  consentOn: string;
  consentForm: ConsentForm | '';
  consentScope: string;
}

type PartnerField = keyof PartnerValues;

const FIELDS: readonly PartnerField[] = [
  'name',
  'phone',
  'preferredTimes',
  'note',
  'usualMinutes',
  'callEveryDays',
  'callers',
  'consentOn',
  'consentForm',
  'consentScope',
];

const LABELS: Record<PartnerField, StaffKey> = {
  name: 'staffPartners.name',
  phone: 'staffPartners.phone',
  preferredTimes: 'staffPartners.preferredTimes',
  note: 'staffPartners.note',
  usualMinutes: 'staffPartners.usualMinutes',
  callEveryDays: 'staffPartners.callEveryDays',
  callers: 'staffPartners.callers',
  consentOn: 'staffPartners.consentOn',
  consentForm: 'staffPartners.consentForm',
  consentScope: 'staffPartners.consentScope',
};

/** The radio buttons' words, "noch nicht erfasst" first. */
const CONSENT_FORM_WORDS: Record<ConsentForm | '', StaffKey> = {
  '': 'staffPartners.consentForm.none',
  written: 'staffPartners.consentForm.written',
  oral: 'staffPartners.consentForm.oral',
  electronic: 'staffPartners.consentForm.electronic',
};

const valuesOf = (partner: StaffPartner): PartnerValues => ({
  name: partner.name,
  phone: partner.phone,
  preferredTimes: partner.preferredTimes,
  note: partner.note,
  usualMinutes: String(partner.usualMinutes),
  callEveryDays: String(partner.callEveryDays),
  callers: partner.callers.map((caller) => caller.id),
  consentOn: partner.consentOn,
  consentForm: partner.consentForm,
  consentScope: partner.consentScope,
});

const wholeNumber = (text: string, min: number, max: number) =>
  /^\d{1,3}$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

type Problems = Partial<Record<PartnerField, StaffKey>>;

/** `today`: the Berlin calendar day (a consent cannot be given later than today). */
function problemsOf(values: PartnerValues, today: string): Problems {
  const found: Problems = {};
  const consentOn = normalizeDay(values.consentOn);
  if (!hasVisibleCharacter(values.name)) found.name = 'upkeep.nameMissing';
  if (!v.is(phoneNumber, values.phone)) found.phone = 'staffPartners.phoneBad';
  if (!wholeNumber(values.usualMinutes, 1, 240)) found.usualMinutes = 'staffPartners.minutesBad';
  if (!wholeNumber(values.callEveryDays, 1, 90)) found.callEveryDays = 'staffPartners.daysBad';
  if (!v.is(consentDay, consentOn)) found.consentOn = 'staffPartners.consentDayBad';
  else if (consentOn > today) found.consentOn = 'staffPartners.consentFuture';
  const missing = consentMissing({ consentOn, consentForm: values.consentForm });
  if (missing === 'consentOn' && !found.consentOn) {
    found.consentOn = 'staffPartners.consentDayMissing';
  }
  if (missing === 'consentForm') found.consentForm = 'staffPartners.consentFormMissing';
  if (values.consentScope.trim().length > CONSENT_SCOPE_MAX) {
    found.consentScope = 'staffPartners.consentScopeLong';
  }
  return found;
}

export function PartnerForm(props: {
  partner: StaffPartner | null;
  people: StaffPartners['people'];
  onSaved: (partner: StaffPartner) => void;
  onRefreshed: (partner: StaffPartner) => void;
  onGone: () => void;
  onClose: () => void;
}) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const { lang } = useSettings().settings;
  const today = berlinWallClock(deps.now()).day;
  const id = `partner-${props.partner?.id ?? 'new'}`;
  const [problems, setProblems] = useState<Problems>({});
  const form = useVersionedForm<StaffPartner, PartnerValues, PartnerField>({
    row: props.partner,
    initial: props.partner
      ? valuesOf(props.partner)
      : {
          name: '',
          phone: '',
          preferredTimes: '',
          note: '',
          usualMinutes: '20',
          callEveryDays: '7',
          callers: [],
          consentOn: '',
          consentForm: '',
          consentScope: '',
        },
    valuesOf,
    fields: FIELDS,
    t,
    onSaved: props.onSaved,
    onRefreshed: props.onRefreshed,
    onGone: props.onGone,
    send: (values, expectedVersion) => {
      const fields = {
        name: values.name.trim(),
        phone: values.phone.trim(),
        preferredTimes: values.preferredTimes.trim(),
        note: values.note,
        usualMinutes: Number(values.usualMinutes),
        callEveryDays: Number(values.callEveryDays),
        callers: values.callers,
        consentOn: normalizeDay(values.consentOn),
        consentForm: values.consentForm,
        consentScope: values.consentScope.trim(),
      };
      return props.partner
        ? updatePartner(props.partner.id, { ...fields, expectedVersion }, deps)
        : createPartner({ ...fields, status: 'active', expectedVersion: 0 }, deps);
    },
  });
  const { values, change } = form;

  // Everyone who may be assigned, and whoever is assigned now (also when locked since).
  const assigned = props.partner?.callers ?? [];
  const choices = [
    ...props.people.map((person) => ({
      value: person.id,
      label:
        person.role === 'volunteer'
          ? person.name
          : t('staffPartners.staffMember', { name: person.name }),
    })),
    ...assigned
      .filter((caller) => !props.people.some((person) => person.id === caller.id))
      .map((caller) => ({
        value: caller.id,
        label: t('staffPartners.inactiveCaller', { name: caller.name }),
      })),
  ];
  const nameOf = (callerId: string) =>
    choices.find((choice) => choice.value === callerId)?.label ?? callerId;

  const submit = (event: Event) => {
    event.preventDefault();
    const found = problemsOf(values, today);
    setProblems(found);
    const first = FIELDS.find((field) => found[field]);
    if (first) {
      // The form's radio buttons have no id of their own: the first one takes the focus.
      const target =
        document.getElementById(`${id}-${first}`) ??
        document.querySelector<HTMLElement>(`input[name="${id}-${first}"]`);
      return target?.focus();
    }
    void form.save();
  };
  const errorOf = (field: PartnerField) => {
    const key = problems[field];
    return key ? t(key) : undefined;
  };
  const show = (field: PartnerField, value: unknown) => {
    if (field === 'callers') {
      const ids = value as string[];
      return ids.length > 0 ? ids.map(nameOf).join(', ') : t('upkeep.none');
    }
    if (field === 'consentForm') return t(CONSENT_FORM_WORDS[value as ConsentForm | '']);
    if (field === 'consentOn' && typeof value === 'string' && v.is(consentDay, value)) {
      return value === '' ? t('upkeep.empty') : formatDayMedium(value, lang);
    }
    return typeof value === 'string' && value.trim() !== '' ? value : t('upkeep.empty');
  };
  const text = (
    field: Exclude<PartnerField, 'callers' | 'consentForm'>,
    extra: Partial<TextFieldProps> = {},
  ) => (
    <TextField
      id={`${id}-${field}`}
      label={t(LABELS[field])}
      value={values[field]}
      error={errorOf(field)}
      onInput={(value) => change({ [field]: value } as Partial<PartnerValues>)}
      {...extra}
    />
  );

  return (
    <form class="upkeep-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {props.partner
          ? t('upkeep.editNamed', { name: props.partner.name })
          : t('staffPartners.newTitle')}
      </h2>
      {text('name', { hint: t('staffPartners.nameHint') })}
      {text('phone', { inputMode: 'tel' })}
      {text('preferredTimes', { hint: t('staffPartners.preferredTimesHint') })}
      {text('note', { rows: 3 })}
      <div class="field-row">
        {text('usualMinutes', { inputMode: 'numeric', short: true })}
        {text('callEveryDays', { inputMode: 'numeric', short: true })}
      </div>
      <CheckGroup
        id={`${id}-callers`}
        legend={t(LABELS.callers)}
        hint={t('staffPartners.callersHint')}
        choices={choices}
        selected={values.callers}
        onChange={(callers) => change({ callers })}
      />
      <fieldset class="choices" aria-describedby={`${id}-consent-hint`}>
        <legend>{t('staffPartners.consentTitle')}</legend>
        <p id={`${id}-consent-hint`} class="hint">
          {t('staffPartners.consentHint')}
        </p>
        {text('consentOn', {
          type: 'date',
          short: true,
          onBlur: () => change({ consentOn: normalizeDay(values.consentOn) }),
        })}
        <RadioGroup
          id={`${id}-consentForm`}
          legend={t(LABELS.consentForm)}
          choices={(['', ...CONSENT_FORMS] as const).map((form) => ({
            value: form,
            label: t(CONSENT_FORM_WORDS[form]),
          }))}
          value={values.consentForm}
          error={errorOf('consentForm')}
          onChange={(consentForm) => change({ consentForm })}
        />
        {text('consentScope', { hint: t('staffPartners.consentScopeHint') })}
      </fieldset>
      <UpkeepFormEnd
        id={id}
        form={form}
        label={(field) => t(LABELS[field])}
        show={show}
        onClose={props.onClose}
      />
    </form>
  );
}
