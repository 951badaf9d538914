// One activity of the catalogue as staff edit or add it: name, description, schedule, place,
// contact, theme, the responsible institutions, and its Ampel — colour (radio buttons showing
// colour, shape and word, as the volunteers see it), the condition it depends on, and "Stand",
// the day it was judged (today unless said otherwise; changing colour or condition moves it to
// today while the date was not typed). Saved with the version it was loaded at; a change by
// someone else meanwhile is shown side by side (upkeep-conflict.tsx).
import { useState } from 'preact/hooks';
import { berlinWallClock, isValidDay } from '../../domain/dates';
import { formatDayLong } from '../../domain/date-words';
import { normalizeDay } from '../../domain/typed-values';
import { AMPEL_VALUES, type Activity, type Ampel } from '../../shared/catalogue';
import type { StaffCatalogue } from '../../shared/staff/staff-upkeep';
import { createActivity, updateActivity } from '../../sync/staff-upkeep-requests';
import { hasVisibleCharacter } from '../../shared/text';
import { AmpelBadge } from '../ampel-badge';
import { useSettings } from '../settings-context';
import { useStaffDeps } from './staff-context';
import { UpkeepFormEnd } from './upkeep-conflict';
import { CheckGroup, RadioGroup, TextField } from './upkeep-fields';
import { useVersionedForm } from './upkeep-versioned';
import { useStaffT, type StaffKey } from './use-staff-t';

interface ActivityValues {
  name: string;
  themeId: string;
  description: string;
  schedule: string;
  place: string;
  contact: string;
  actorIds: string[];
  ampel: Ampel;
  ampelCondition: string;
  /** '' when not said. */
  ampelAsOf: string;
}

type ActivityField = keyof ActivityValues;

const FIELDS: readonly ActivityField[] = [
  'name',
  'themeId',
  'description',
  'schedule',
  'place',
  'contact',
  'actorIds',
  'ampel',
  'ampelCondition',
  'ampelAsOf',
];

const LABELS: Record<ActivityField, StaffKey> = {
  name: 'upkeep.activity.name',
  themeId: 'upkeep.activity.theme',
  description: 'upkeep.activity.description',
  schedule: 'upkeep.activity.schedule',
  place: 'upkeep.activity.place',
  contact: 'upkeep.activity.contact',
  actorIds: 'upkeep.activity.institutions',
  ampel: 'ampel.label',
  ampelCondition: 'upkeep.activity.condition',
  ampelAsOf: 'upkeep.activity.asOf',
};

const valuesOf = (activity: Activity): ActivityValues => ({
  name: activity.name,
  themeId: activity.themeId,
  description: activity.description,
  schedule: activity.schedule,
  place: activity.place,
  contact: activity.contact,
  actorIds: [...activity.actorIds],
  ampel: activity.ampel,
  ampelCondition: activity.ampelCondition,
  ampelAsOf: activity.ampelAsOf ?? '',
});

type Problems = Partial<Record<'name' | 'themeId' | 'ampelAsOf', StaffKey>>;

function problemsOf(values: ActivityValues): Problems {
  const problems: Problems = {};
  if (!hasVisibleCharacter(values.name)) problems.name = 'upkeep.activity.nameMissing';
  if (values.themeId === '') problems.themeId = 'upkeep.activity.themeMissing';
  if (values.ampelAsOf !== '' && !isValidDay(values.ampelAsOf)) {
    problems.ampelAsOf = 'upkeep.badDay';
  }
  return problems;
}

export function ActivityForm(props: {
  /** null: a new activity. */
  activity: Activity | null;
  catalogue: StaffCatalogue;
  onSaved: (activity: Activity) => void;
  /** "Verwerfen" after a conflict: the activity as saved now (the form stays open). */
  onRefreshed: (activity: Activity) => void;
  onGone: () => void;
  onClose: () => void;
}) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const { lang } = useSettings().settings;
  // A new activity's form stands under the page's heading, an edited one under its theme's.
  const Heading = props.activity ? 'h3' : 'h2';
  const today = berlinWallClock(deps.now()).day;
  const id = `activity-${props.activity?.id ?? 'new'}`;
  const themes = [...props.catalogue.themes].sort((a, b) => a.number - b.number);
  const initial: ActivityValues = props.activity
    ? { ...valuesOf(props.activity), ampelAsOf: props.activity.ampelAsOf ?? today }
    : {
        name: '',
        themeId: themes[0]?.id ?? '',
        description: '',
        schedule: '',
        place: '',
        contact: '',
        actorIds: [],
        ampel: 'green',
        ampelCondition: '',
        ampelAsOf: today,
      };
  // Whether "Stand" was typed: then a new colour does not move it.
  const [asOfTyped, setAsOfTyped] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const form = useVersionedForm({
    row: props.activity,
    initial,
    valuesOf,
    fields: FIELDS,
    t,
    onSaved: props.onSaved,
    onRefreshed: props.onRefreshed,
    onGone: props.onGone,
    send: (values, expectedVersion) => {
      const body = {
        ...values,
        name: values.name.trim(),
        ampelAsOf: values.ampelAsOf === '' ? null : values.ampelAsOf,
        expectedVersion,
      };
      return props.activity
        ? updateActivity(props.activity.id, body, deps)
        : createActivity({ ...body, expectedVersion: 0 }, deps);
    },
  });
  const { values, change } = form;
  const judged = (patch: Partial<ActivityValues>) =>
    change(asOfTyped ? patch : { ...patch, ampelAsOf: today });

  const submit = (event: Event) => {
    event.preventDefault();
    const found = problemsOf(values);
    setProblems(found);
    const first = (Object.keys(found) as (keyof Problems)[])[0];
    if (first) return document.getElementById(`${id}-${first}`)?.focus();
    void form.save();
  };
  const errorOf = (field: keyof Problems) => {
    const key = problems[field];
    return key ? t(key) : undefined;
  };

  const themeName = (themeId: unknown) =>
    props.catalogue.themes.find((theme) => theme.id === themeId)?.name ?? String(themeId);
  const institutionNames = (ids: unknown) =>
    Array.isArray(ids) && ids.length > 0
      ? ids
          .map((i) => props.catalogue.institutions.find((inst) => inst.id === i)?.name ?? i)
          .join(', ')
      : t('upkeep.none');
  const show = (field: ActivityField, value: unknown) => {
    if (field === 'ampel') return <AmpelBadge ampel={value as Ampel} />;
    if (field === 'themeId') return themeName(value);
    if (field === 'actorIds') return institutionNames(value);
    if (field === 'ampelAsOf') {
      return typeof value === 'string' && isValidDay(value)
        ? formatDayLong(value, lang)
        : t('upkeep.notSaid');
    }
    return typeof value === 'string' && value.trim() !== '' ? value : t('upkeep.empty');
  };

  return (
    <form class="upkeep-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>
        {props.activity
          ? t('upkeep.activity.editTitle', { name: props.activity.name })
          : t('upkeep.activity.newTitle')}
      </Heading>
      <TextField
        id={`${id}-name`}
        label={t(LABELS.name)}
        value={values.name}
        error={errorOf('name')}
        onInput={(name) => change({ name })}
      />
      <RadioGroup
        id={`${id}-themeId`}
        legend={t(LABELS.themeId)}
        value={values.themeId}
        error={errorOf('themeId')}
        choices={themes.map((theme) => ({
          value: theme.id,
          label: `${theme.number}. ${theme.name}`,
        }))}
        onChange={(themeId) => change({ themeId })}
      />
      <TextField
        id={`${id}-description`}
        label={t(LABELS.description)}
        rows={4}
        value={values.description}
        onInput={(description) => change({ description })}
      />
      <TextField
        id={`${id}-schedule`}
        label={t(LABELS.schedule)}
        hint={t('upkeep.activity.scheduleHint')}
        value={values.schedule}
        onInput={(schedule) => change({ schedule })}
      />
      <TextField
        id={`${id}-place`}
        label={t(LABELS.place)}
        value={values.place}
        onInput={(place) => change({ place })}
      />
      <TextField
        id={`${id}-contact`}
        label={t(LABELS.contact)}
        value={values.contact}
        onInput={(contact) => change({ contact })}
      />
      <CheckGroup
        id={`${id}-actorIds`}
        legend={t(LABELS.actorIds)}
        choices={props.catalogue.institutions.map((institution) => ({
          value: institution.id,
          label: institution.name,
        }))}
        selected={values.actorIds}
        onChange={(actorIds) => change({ actorIds })}
      />
      <RadioGroup
        id={`${id}-ampel`}
        legend={t(LABELS.ampel)}
        value={values.ampel}
        choices={AMPEL_VALUES.map((ampel) => ({
          value: ampel,
          label: <AmpelBadge ampel={ampel} />,
        }))}
        onChange={(ampel) => judged({ ampel })}
      />
      <TextField
        id={`${id}-ampelCondition`}
        label={t(LABELS.ampelCondition)}
        hint={t('upkeep.activity.conditionHint')}
        rows={3}
        value={values.ampelCondition}
        onInput={(ampelCondition) => judged({ ampelCondition })}
      />
      <TextField
        id={`${id}-ampelAsOf`}
        label={t(LABELS.ampelAsOf)}
        hint={t('upkeep.activity.asOfHint')}
        type="date"
        short
        value={values.ampelAsOf}
        error={errorOf('ampelAsOf')}
        onInput={(ampelAsOf) => {
          setAsOfTyped(true);
          change({ ampelAsOf });
        }}
        onBlur={() => change({ ampelAsOf: normalizeDay(values.ampelAsOf) })}
      />
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
