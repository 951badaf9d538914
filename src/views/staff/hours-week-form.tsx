// The storefront's name, address and weekly hours (several intervals per weekday), and
// whether public holidays close it. Checked at the field before sending (hours-draft.ts);
// saved with the version it was loaded at, and a change someone made meanwhile is shown
// weekday by weekday beside this one (upkeep-conflict.tsx).
import { useState } from 'preact/hooks';
import type { IsoWeekday } from '../../domain/dates';
import {
  hasProblems,
  WEEKDAYS,
  weeklyDraftOf,
  weeklyOf,
  weeklyProblems,
  type IntervalDraft,
  type IntervalProblems,
} from '../../domain/hours-draft';
import type { Storefront } from '../../shared/catalogue';
import { hasVisibleCharacter } from '../../shared/text';
import { saveStorefront } from '../../sync/staff-upkeep-requests';
import { useStaffDeps } from './staff-context';
import { UpkeepFormEnd } from './upkeep-conflict';
import { TextField } from './upkeep-fields';
import { IntervalRows } from './hours-intervals';
import { useVersionedForm } from './upkeep-versioned';
import { useStaffT, type StaffKey, type StaffT } from './use-staff-t';

type DayKey = `day${IsoWeekday}`;

type WeekValues = {
  name: string;
  address: string;
  holidaysClosed: boolean;
} & Record<DayKey, IntervalDraft[]>;

type WeekField = keyof WeekValues;

const dayKey = (weekday: IsoWeekday): DayKey => `day${weekday}`;

const FIELDS: readonly WeekField[] = ['name', 'address', ...WEEKDAYS.map(dayKey), 'holidaysClosed'];

function valuesOf(storefront: Storefront): WeekValues {
  const draft = weeklyDraftOf(storefront.weekly);
  const values = {
    name: storefront.name,
    address: storefront.address,
    holidaysClosed: storefront.holidaysClosed,
  } as WeekValues;
  WEEKDAYS.forEach((weekday, index) => (values[dayKey(weekday)] = draft[index] ?? []));
  return values;
}

const EMPTY = valuesOf({
  id: '',
  name: '',
  address: '',
  weekly: [],
  holidaysClosed: true,
  isExample: false,
  updatedAt: '',
  version: 0,
});

export function intervalsText(t: StaffT, intervals: readonly IntervalDraft[]): string {
  if (intervals.length === 0) return t('hours.closed');
  return intervals.map((i) => t('hours.range', { opens: i.opens, closes: i.closes })).join(', ');
}

export function WeekForm(props: {
  storefront: Storefront | null;
  onSaved: (storefront: Storefront) => void;
  onRefreshed: (storefront: Storefront) => void;
}) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const [checked, setChecked] = useState(false);
  const [nameMissing, setNameMissing] = useState(false);
  const form = useVersionedForm({
    row: props.storefront,
    initial: props.storefront ? valuesOf(props.storefront) : EMPTY,
    valuesOf,
    fields: FIELDS,
    t,
    onSaved: (row) => {
      setChecked(false);
      props.onSaved(row);
    },
    onRefreshed: props.onRefreshed,
    send: (values, expectedVersion) =>
      saveStorefront(
        {
          expectedVersion,
          name: values.name.trim(),
          address: values.address,
          holidaysClosed: values.holidaysClosed,
          weekly: weeklyOf(WEEKDAYS.map((weekday) => values[dayKey(weekday)])),
        },
        deps,
      ),
  });
  const { values } = form;
  const draft = WEEKDAYS.map((weekday) => values[dayKey(weekday)]);
  const problems: IntervalProblems[][] = weeklyProblems(draft);

  const submit = (event: Event) => {
    event.preventDefault();
    setChecked(true);
    const noName = !hasVisibleCharacter(values.name);
    setNameMissing(noName);
    if (noName) return document.getElementById('week-name')?.focus();
    if (hasProblems(problems)) return focusFirstProblem(problems);
    void form.save();
  };

  const label = (field: WeekField) =>
    field.startsWith('day')
      ? t(`weekday.${field.slice(3)}` as StaffKey)
      : t(
          field === 'name'
            ? 'staffHours.name'
            : field === 'address'
              ? 'staffHours.address'
              : 'staffHours.holidaysClosed',
        );
  const show = (field: WeekField, value: unknown) => {
    if (field === 'holidaysClosed') return t(value ? 'upkeep.yes' : 'upkeep.no');
    if (field.startsWith('day')) return intervalsText(t, value as IntervalDraft[]);
    return typeof value === 'string' && value.trim() !== '' ? value : t('upkeep.empty');
  };

  return (
    <form class="upkeep-form" onSubmit={submit} noValidate aria-labelledby="week-title">
      <h2 id="week-title">{t('staffHours.weekTitle')}</h2>
      <TextField
        id="week-name"
        label={t('staffHours.name')}
        value={values.name}
        error={nameMissing ? t('upkeep.nameMissing') : undefined}
        onInput={(name) => form.change({ name })}
      />
      <TextField
        id="week-address"
        label={t('staffHours.address')}
        value={values.address}
        onInput={(address) => form.change({ address })}
      />
      {WEEKDAYS.map((weekday, index) => (
        <fieldset class="choices hours-weekday" key={weekday}>
          <legend>{t(`weekday.${weekday}` as StaffKey)}</legend>
          <IntervalRows
            id={`week-${weekday}`}
            dayName={t(`weekday.${weekday}` as StaffKey)}
            intervals={values[dayKey(weekday)]}
            problems={checked ? problems[index] : undefined}
            onChange={(intervals) =>
              form.change({ [dayKey(weekday)]: intervals } as Partial<WeekValues>)
            }
          />
        </fieldset>
      ))}
      <label class="choice choice-box">
        <input
          type="checkbox"
          checked={values.holidaysClosed}
          onChange={(event) => form.change({ holidaysClosed: event.currentTarget.checked })}
        />
        <span>{t('staffHours.holidaysClosed')}</span>
      </label>
      <UpkeepFormEnd
        id="week"
        form={form}
        label={label}
        show={show}
        saveLabel="staffHours.saveWeek"
      />
    </form>
  );
}

/** The focus goes to the first field that needs changing, so its message is read out. */
function focusFirstProblem(problems: IntervalProblems[][]) {
  for (const [day, intervals] of problems.entries()) {
    for (const [index, found] of intervals.entries()) {
      const field = found.opens ? 'opens' : found.closes ? 'closes' : undefined;
      if (field) return document.getElementById(`week-${day + 1}-${index}-${field}`)?.focus();
    }
  }
}
