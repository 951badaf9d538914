// The opening intervals of one day (a weekday or a dated exception): "öffnet" and "schließt"
// per row, "Zeit hinzufügen" and "Entfernen". Times are typed as text, so 24:00 (end of day)
// can be written and an old browser needs no time picker; `9` or `9.30` become 09:00 and
// 09:30 when the field is left. What is wrong (closes before it opens, overlaps another
// interval) is said at the field itself (hours-draft.ts), before anything is sent.
import { useEffect, useRef } from 'preact/hooks';
import type { IntervalDraft, IntervalProblems, TimeProblem } from '../../domain/hours-draft';
import { normalizeTime } from '../../domain/typed-values';
import { TextField } from './upkeep-fields';
import { useStaffT, type StaffKey } from './use-staff-t';

const PROBLEM_TEXT: Record<TimeProblem, StaffKey> = {
  missing: 'staffHours.problem.missing',
  format: 'staffHours.problem.format',
  order: 'staffHours.problem.order',
  overlap: 'staffHours.problem.overlap',
};

export function IntervalRows(props: {
  /** Unique prefix of the inputs' ids, e.g. `week-1`. */
  id: string;
  /** The day in words, for the buttons' names ("Zeit am Montag hinzufügen"). */
  dayName: string;
  intervals: IntervalDraft[];
  /** Shown once the form was sent at least once (or undefined: none yet). */
  problems: IntervalProblems[] | undefined;
  onChange: (intervals: IntervalDraft[]) => void;
}) {
  const t = useStaffT();
  // After "Zeit hinzufügen" the new row's first field takes the focus, so typing goes on.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (focusNext.current) document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  }, [props.intervals.length]);
  const set = (index: number, patch: Partial<IntervalDraft>) =>
    props.onChange(props.intervals.map((i, n) => (n === index ? { ...i, ...patch } : i)));
  const errorOf = (index: number, field: 'opens' | 'closes') => {
    const found = props.problems?.[index];
    const problem = found?.[field];
    if (!problem) return undefined;
    const other =
      found.overlapsWith === undefined ? undefined : props.intervals[found.overlapsWith];
    return t(PROBLEM_TEXT[problem], {
      opens: other?.opens ?? '',
      closes: other?.closes ?? '',
    });
  };
  return (
    <div class="hours-day">
      {props.intervals.length === 0 && <p class="hint">{t('hours.closed')}</p>}
      <ul class="hours-intervals">
        {props.intervals.map((interval, index) => (
          <li key={index} class="hours-interval">
            <div class="field-row">
              <TextField
                id={`${props.id}-${index}-opens`}
                label={t('staffHours.opens')}
                hint={index === 0 ? t('staffHours.timeHint') : undefined}
                inputMode="numeric"
                short
                value={interval.opens}
                error={errorOf(index, 'opens')}
                onInput={(opens) => set(index, { opens })}
                onBlur={() => set(index, { opens: normalizeTime(interval.opens) })}
              />
              <TextField
                id={`${props.id}-${index}-closes`}
                label={t('staffHours.closes')}
                inputMode="numeric"
                short
                value={interval.closes}
                error={errorOf(index, 'closes')}
                onInput={(closes) => set(index, { closes })}
                onBlur={() => set(index, { closes: normalizeTime(interval.closes) })}
              />
            </div>
            <button
              class="button"
              type="button"
              onClick={() => props.onChange(props.intervals.filter((_, n) => n !== index))}
            >
              {t('staffHours.remove', {
                day: props.dayName,
                opens: interval.opens || '…',
                closes: interval.closes || '…',
              })}
            </button>
          </li>
        ))}
      </ul>
      <button
        id={`${props.id}-add`}
        class="button"
        type="button"
        onClick={() => {
          focusNext.current = `${props.id}-${props.intervals.length}-opens`;
          props.onChange([...props.intervals, { opens: '', closes: '' }]);
        }}
      >
        {t('staffHours.add', { day: props.dayName })}
      </button>
    </div>
  );
}
