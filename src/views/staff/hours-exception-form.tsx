// One dated exception of the opening hours: a closed day, or other hours that day, with a
// note ("Betriebsausflug"). A new one gets its id here (a random UUID) and is sent with
// version 0. Checked at the field before sending (hours-draft.ts: a real day, one exception per
// day, hours that close after they open and do not overlap); a change someone made meanwhile
// is shown beside this one (upkeep-conflict.tsx).
import { useState } from 'preact/hooks';
import { newId } from '../../db/ids';
import { isValidDay } from '../../domain/dates';
import { formatDayLong } from '../../domain/date-words';
import {
  exceptionHasProblems,
  exceptionIntervals,
  exceptionProblems,
  type ExceptionDraft,
  type ExceptionProblems,
  type IntervalDraft,
} from '../../domain/hours-draft';
import { normalizeDay } from '../../domain/typed-values';
import type { OpeningException } from '../../shared/catalogue';
import { saveOpeningException } from '../../sync/staff-upkeep-requests';
import { useSettings } from '../settings-context';
import { useStaffDeps } from './staff-context';
import { IntervalRows } from './hours-intervals';
import { intervalsText } from './hours-week-form';
import { UpkeepFormEnd } from './upkeep-conflict';
import { RadioGroup, TextField } from './upkeep-fields';
import { useVersionedForm } from './upkeep-versioned';
import { useStaffT, type StaffKey } from './use-staff-t';

type ExceptionField = keyof ExceptionDraft;

const FIELDS: readonly ExceptionField[] = ['date', 'closed', 'intervals', 'note'];

const LABELS: Record<ExceptionField, StaffKey> = {
  date: 'staffHours.exception.date',
  closed: 'staffHours.exception.kind',
  intervals: 'staffHours.exception.hours',
  note: 'staffHours.exception.note',
};

const DATE_PROBLEM: Record<NonNullable<ExceptionProblems['date']>, StaffKey> = {
  missing: 'staffHours.problem.dayMissing',
  format: 'upkeep.badDay',
  taken: 'staffHours.problem.dayTaken',
};

const valuesOf = (exception: OpeningException): ExceptionDraft => ({
  date: exception.date,
  closed: exception.closed,
  intervals: exception.intervals.map(({ opens, closes }) => ({ opens, closes })),
  note: exception.note,
});

export function ExceptionForm(props: {
  exception: OpeningException | null;
  /** Days that already have another exception. */
  takenDays: readonly string[];
  onSaved: (exception: OpeningException) => void;
  onRefreshed: (exception: OpeningException) => void;
  onGone: () => void;
  onClose: () => void;
}) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const { lang } = useSettings().settings;
  const [newExceptionId] = useState(() => newId());
  const exceptionId = props.exception?.id ?? newExceptionId;
  const id = `exception-${props.exception?.id ?? 'new'}`;
  const [checked, setChecked] = useState(false);
  const form = useVersionedForm({
    row: props.exception,
    initial: props.exception
      ? valuesOf(props.exception)
      : { date: '', closed: true, intervals: [], note: '' },
    valuesOf,
    fields: FIELDS,
    t,
    onSaved: props.onSaved,
    onRefreshed: props.onRefreshed,
    onGone: props.onGone,
    send: (values, expectedVersion) =>
      saveOpeningException(
        exceptionId,
        {
          expectedVersion,
          date: values.date,
          closed: values.closed,
          intervals: exceptionIntervals(values),
          note: values.note.trim(),
        },
        deps,
      ),
  });
  const { values } = form;
  const problems = exceptionProblems(values, props.takenDays);

  const submit = (event: Event) => {
    event.preventDefault();
    setChecked(true);
    if (!exceptionHasProblems(problems)) return void form.save();
    const index = problems.intervals.findIndex((found) => found.opens || found.closes);
    const found = problems.intervals[index];
    const target = problems.date
      ? `${id}-date`
      : problems.noHours
        ? `${id}-hours-add`
        : `${id}-hours-${index}-${found?.opens ? 'opens' : 'closes'}`;
    document.getElementById(target)?.focus();
  };

  const show = (field: ExceptionField, value: unknown) => {
    if (field === 'date') {
      return typeof value === 'string' && isValidDay(value) ? formatDayLong(value, lang) : '';
    }
    if (field === 'closed')
      return t(value ? 'staffHours.exception.closed' : 'staffHours.exception.open');
    if (field === 'intervals') return intervalsText(t, value as IntervalDraft[]);
    return typeof value === 'string' && value.trim() !== '' ? value : t('upkeep.empty');
  };

  return (
    <form class="upkeep-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {props.exception
          ? t('staffHours.exception.editTitle', { day: formatDayLong(props.exception.date, lang) })
          : t('staffHours.exception.newTitle')}
      </h3>
      <TextField
        id={`${id}-date`}
        label={t(LABELS.date)}
        type="date"
        short
        value={values.date}
        error={checked && problems.date ? t(DATE_PROBLEM[problems.date]) : undefined}
        onInput={(date) => form.change({ date })}
        onBlur={() => form.change({ date: normalizeDay(values.date) })}
      />
      <RadioGroup
        id={`${id}-closed`}
        legend={t(LABELS.closed)}
        value={values.closed ? 'closed' : 'open'}
        choices={[
          { value: 'closed', label: t('staffHours.exception.closed') },
          { value: 'open', label: t('staffHours.exception.open') },
        ]}
        onChange={(kind) =>
          form.change(
            kind === 'closed'
              ? { closed: true }
              : {
                  closed: false,
                  intervals:
                    values.intervals.length > 0 ? values.intervals : [{ opens: '', closes: '' }],
                },
          )
        }
      />
      {!values.closed && (
        <fieldset class="choices">
          <legend>{t(LABELS.intervals)}</legend>
          {checked && problems.noHours && (
            <p class="field-error">
              <span aria-hidden="true">⚠ </span>
              {t('staffHours.problem.noHours')}
            </p>
          )}
          <IntervalRows
            id={`${id}-hours`}
            dayName={
              values.date && isValidDay(values.date)
                ? formatDayLong(values.date, lang)
                : t('staffHours.exception.thatDay')
            }
            intervals={values.intervals}
            problems={checked ? problems.intervals : undefined}
            onChange={(intervals) => form.change({ intervals })}
          />
        </fieldset>
      )}
      <TextField
        id={`${id}-note`}
        label={t(LABELS.note)}
        hint={t('staffHours.exception.noteHint')}
        value={values.note}
        onInput={(note) => form.change({ note })}
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
