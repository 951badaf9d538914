// One labelled input with its hint and error, wired for screen readers: the label names it,
// `aria-describedby` reads the hint and the error, `aria-invalid` marks it wrong.
import type { ComponentChildren } from 'preact';

export interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}

export function Field(props: FieldProps) {
  const ids = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
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
      {props.children(ids || undefined, Boolean(props.error))}
    </div>
  );
}

/** A short message that screen readers announce when it appears. */
export function Notice(props: { kind: 'ok' | 'warn' | 'error'; children: ComponentChildren }) {
  return (
    <p class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </p>
  );
}
