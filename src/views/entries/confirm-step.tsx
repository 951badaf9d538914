// A button whose action asks first: one tap shows the question with "Ja" and "Nein" in its
// place. Focus goes to "Nein" (the safe answer, so two presses of Enter never destroy
// anything) and back to the button when the answer is no; Escape also says no.
import { useEffect, useRef, useState } from 'preact/hooks';

export interface ConfirmStepProps {
  id: string;
  label: string;
  question: string;
  yes: string;
  no: string;
  onConfirm: () => void;
  /** The button's look, when it is not a plain button (the walk screen's big ones). */
  buttonClass?: string;
}

export function ConfirmStep(props: ConfirmStepProps) {
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const noButton = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);
  useEffect(() => {
    if (asking) noButton.current?.focus();
    else if (answered.current) opener.current?.focus();
  }, [asking]);
  const cancel = () => {
    answered.current = true;
    setAsking(false);
  };
  if (!asking) {
    return (
      <button
        ref={opener}
        class={props.buttonClass ?? 'button'}
        type="button"
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <div
      class="confirm"
      role="group"
      aria-labelledby={`${props.id}-question`}
      onKeyDown={(event) => event.key === 'Escape' && cancel()}
    >
      <p id={`${props.id}-question`} class="confirm-question" role="alert">
        {props.question}
      </p>
      <button
        class={`${props.buttonClass ?? 'button'} danger`}
        type="button"
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.yes}
      </button>
      <button ref={noButton} class={props.buttonClass ?? 'button'} type="button" onClick={cancel}>
        {props.no}
      </button>
    </div>
  );
}
