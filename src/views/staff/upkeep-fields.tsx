// Form pieces of the upkeep screens, on the entry forms' `Field` (label, hint, error and
// `aria-describedby` wired for screen readers): a text field, a group of checkboxes and a
// group of radio buttons, each with real labels and 48 px rows.
import type { ComponentChildren } from 'preact';
import { Field, Notice } from '../entries/form-field';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  rows?: number;
  type?: 'text' | 'date' | 'password' | 'number';
  inputMode?: 'numeric' | 'text' | 'tel';
  autoComplete?: string;
  short?: boolean;
  /** e.g. tidying a typed time into `HH:mm` when the field is left. */
  onBlur?: () => void;
}

export function TextField(props: TextFieldProps) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(describedBy, invalid) =>
        props.rows ? (
          <textarea
            id={props.id}
            class="input"
            rows={props.rows}
            value={props.value}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onInput={(event) => props.onInput(event.currentTarget.value)}
          />
        ) : (
          <input
            id={props.id}
            class={`input${props.short ? ' input-short' : ''}`}
            type={props.type ?? 'text'}
            value={props.value}
            inputMode={props.inputMode}
            autoComplete={props.autoComplete ?? 'off'}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onInput={(event) => props.onInput(event.currentTarget.value)}
            onBlur={props.onBlur}
          />
        )
      }
    </Field>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: ComponentChildren;
}

export function CheckGroup<T extends string>(props: {
  id: string;
  legend: string;
  hint?: string;
  choices: readonly Choice<T>[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
}) {
  const toggle = (value: T, on: boolean) =>
    props.onChange(
      on
        ? [...props.selected.filter((v) => v !== value), value]
        : props.selected.filter((v) => v !== value),
    );
  return (
    <fieldset class="choices" aria-describedby={props.hint ? `${props.id}-hint` : undefined}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <p id={`${props.id}-hint`} class="hint">
          {props.hint}
        </p>
      )}
      {props.choices.map((choice) => (
        <label class="choice" key={choice.value}>
          <input
            type="checkbox"
            name={props.id}
            value={choice.value}
            checked={props.selected.includes(choice.value)}
            onChange={(event) => toggle(choice.value, event.currentTarget.checked)}
          />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function RadioGroup<T extends string>(props: {
  id: string;
  legend: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset
      class={`choices${props.error ? ' choices-invalid' : ''}`}
      aria-describedby={props.error ? `${props.id}-error` : undefined}
    >
      <legend>{props.legend}</legend>
      {props.error && (
        <p id={`${props.id}-error`} class="field-error">
          <span aria-hidden="true">⚠ </span>
          {props.error}
        </p>
      )}
      {props.choices.map((choice) => (
        <label class="choice" key={choice.value}>
          <input
            type="radio"
            name={props.id}
            value={choice.value}
            checked={props.value === choice.value}
            onChange={() => props.onChange(choice.value)}
          />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** A failure of the whole form (no connection, refused), read out when it appears. */
export function FormProblem(props: { text: string | null }) {
  return props.text ? <Notice kind="error">{props.text}</Notice> : null;
}
