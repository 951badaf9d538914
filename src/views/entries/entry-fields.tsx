// Fields every entry form has, the same way in each: when (date and time), how long, "Sorge /
// Hilfebedarf" and the note; and a group of choices (radio buttons or checkboxes) with its
// question, hint and error, read out together by screen readers.
import type { ComponentChildren } from 'preact';
import { Field } from './form-field';
import { useEntriesT } from './use-entries-t';

interface FieldProps<T> {
  /** Prefix of the inputs' ids: `call` gives `call-day`, `call-time`, … */
  prefix: string;
  value: T;
  error?: string | undefined;
  onChange: (value: T) => void;
}

export function WhenFields(
  props: Omit<FieldProps<{ day: string; time: string }>, 'onChange'> & {
    onChange: (patch: { day?: string; time?: string }) => void;
  },
) {
  const t = useEntriesT();
  const invalid = Boolean(props.error);
  return (
    <ChoiceGroup id={`${props.prefix}-when`} legend={t('entry.when')} error={props.error}>
      <div class="field-row">
        <Field id={`${props.prefix}-day`} label={t('entry.date')}>
          {() => (
            <input
              id={`${props.prefix}-day`}
              class="input"
              type="date"
              value={props.value.day}
              onInput={(event) => props.onChange({ day: event.currentTarget.value })}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field id={`${props.prefix}-time`} label={t('entry.time')}>
          {() => (
            <input
              id={`${props.prefix}-time`}
              class="input"
              type="time"
              value={props.value.time}
              onInput={(event) => props.onChange({ time: event.currentTarget.value })}
              aria-invalid={invalid}
            />
          )}
        </Field>
      </div>
    </ChoiceGroup>
  );
}

export function DurationField(props: FieldProps<string>) {
  const t = useEntriesT();
  const id = `${props.prefix}-duration`;
  return (
    <Field id={id} label={t('entry.duration')} error={props.error}>
      {(describedBy, invalid) => (
        <input
          id={id}
          class="input input-short"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          value={props.value}
          onInput={(event) => props.onChange(event.currentTarget.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />
      )}
    </Field>
  );
}

export function ConcernField(props: FieldProps<boolean>) {
  const t = useEntriesT();
  const id = `${props.prefix}-concern`;
  return (
    <div class="field-check">
      <label class="choice choice-box">
        <input
          id={id}
          type="checkbox"
          checked={props.value}
          onChange={(event) => props.onChange(event.currentTarget.checked)}
          aria-describedby={`${id}-hint`}
        />
        <span>{t('entry.concern')}</span>
      </label>
      <p id={`${id}-hint`} class="hint">
        {t('entry.concernHint')}
      </p>
    </div>
  );
}

export function NoteField(props: FieldProps<string> & { hint?: string }) {
  const t = useEntriesT();
  const id = `${props.prefix}-note`;
  return (
    <Field id={id} label={t('entry.note')} hint={props.hint} error={props.error}>
      {(describedBy, invalid) => (
        <textarea
          id={id}
          class="input"
          rows={4}
          maxLength={2000}
          value={props.value}
          onInput={(event) => props.onChange(event.currentTarget.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />
      )}
    </Field>
  );
}

/** A fieldset: the question as its legend, then hint, error and the choices. */
export function ChoiceGroup(props: {
  id: string;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ComponentChildren;
}) {
  const described = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`]
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset
      id={props.id}
      class={`choices${props.error ? ' choices-invalid' : ''}`}
      aria-describedby={described || undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint && (
        <p id={`${props.id}-hint`} class="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.id}-error`} class="field-error">
          <span aria-hidden="true">⚠ </span>
          {props.error}
        </p>
      )}
      {props.children}
    </fieldset>
  );
}

/** One radio button or checkbox with its words; 48 px tall, the words part of the target. */
export function Choice(props: {
  type: 'radio' | 'checkbox';
  name: string;
  checked: boolean;
  label: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label class="choice">
      <input
        type={props.type}
        name={props.name}
        checked={props.checked}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}
